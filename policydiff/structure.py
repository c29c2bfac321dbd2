"""structure: Text → measures tree, preamble and back matter.

Two passes. First every place where a measure could begin (a paragraph start, a removed line break or
space, after 。；：) is tried against the numbering grammar (labels.py). Then the candidates are walked
in order with a stack of open levels, and a candidate is accepted only when its number continues the
sequence of its style: the next number of an open level, 1 for a new level, or the number after the
last one of that style seen anywhere (plans that number （N） or N. straight through their chapters).
A number inside a sentence ("3岁以下", "（2024）", "1.24亿元") never sits at such a place or never fits
the sequence, so it stays text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .labels import RANK, LabelMatch, match_label
from .models import Block, Measure
from .normalize import Text, is_han

_AFTER = "。；;！？!?："  # inline items sharing a line follow the end of a sentence, or a colon
_HEADING_MAX = 40
_TITLE_BREAK_MAX = 18  # a space this early after a label ends its title; later ones are line wraps

# Paragraphs that close a plan; from the first of them on, the text is back matter, not a measure.
_BACK_MATTER = re.compile(
    r"^(附件|附表)\s*\d*\s*(：|$)"
    r"|^(抄送|印发|主送)\s*："
    r"|^(特此(通知|函复|报告|批复)|此复|此函)"
    r"|^(联系人|联系电话|联系方式)\s*："
)
# A line that is only a date, as signatures carry them ("2025年7月22日", "2025-07-02"; "202572" is a
# date whose 年月日 were lost), and the issuer's name above it. metadata.py reads the same lines.
DATE_LINE = re.compile(r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{0,2}\s*日?|\d{4}-\d{1,2}-\d{1,2}|\d{5,8})(印发)?$")
SIGNATURE = re.compile(r"^\S{2,30}(政府|办公室|办公厅|委员会|局|委|厅|部|院|中心|会)$")


@dataclass
class _Node:
    match: LabelMatch
    path: list[str]
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Open:
    style: str
    number: int
    node: _Node


@dataclass(frozen=True)
class Part:
    """An attachment (附件N) after the plan: its own preamble, numbered measures and closing text."""

    label: str
    title: str | None
    range: tuple[int, int]  # normalized [begin, end)
    preamble: Block
    measures: list[Measure]
    back_matter: Block | None
    preamble_range: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Structure:
    preamble: Block
    measures: list[Measure]
    back_matter: Block | None
    # normalized [begin, end) of each measure's own text, in document order (for extraction)
    own: list[tuple[Measure, int, int]] = field(default_factory=list)
    preamble_range: tuple[int, int] = (0, 0)
    # normalized offsets where a flattened title ended ("（二）强化试点布局 建设…"): sentence bounds
    title_breaks: frozenset[int] = frozenset()
    attachments: list[Part] = field(default_factory=list)


# An attachment starts at a line of its own: "附件2", "附件", "附件1：…清单", "附表". The closing list of
# a notice, "附件：1.…方案 2.…清单", is not one (a colon followed by a numbered list).
_ATTACHMENT = re.compile(
    r"^(附件|附表)\s*([0-9一二三四五六七八九十]{0,3})\s*(?:[：:]\s*(?![0-9一二三四五六七八九十]+[.．、])(.{2,60}))?$"
)


def build(t: Text) -> Structure:
    """Find the measures of a normalized text and cut it into preamble, measures, back matter and
    attachments (附件N, each numbered on its own)."""
    text = t.text
    candidates = _candidates(t)
    bounds = _attachment_starts(text)
    main_end = bounds[0][0] if bounds else len(text)
    own: list[tuple[Measure, int, int]] = []
    title_breaks: set[int] = set()
    preamble, measures, back_block, first = _part(t, candidates, 0, main_end, [], own, title_breaks)
    parts: list[Part] = []
    for k, (begin, label, title) in enumerate(bounds):
        stop = bounds[k + 1][0] if k + 1 < len(bounds) else len(text)
        if not measures and not parts:
            # a notice whose plan is its attachment: the attachment's measures are the plan's
            _, ms, back, mfirst = _part(t, candidates, begin, stop, [], own, title_breaks)
            if ms:
                first = mfirst
                preamble = _block(t, 0, first) or Block(text="", span=None)
                measures, back_block = ms, back
                continue
        p, ms, back, pfirst = _part(t, candidates, begin, stop, [label], own, title_breaks)
        parts.append(
            Part(
                label=label,
                title=title,
                range=(begin, stop),
                preamble=p,
                measures=ms,
                back_matter=back,
                preamble_range=(begin, pfirst),
            )
        )
    return Structure(
        preamble=preamble,
        measures=measures,
        back_matter=back_block,
        own=own,
        preamble_range=(0, first),
        title_breaks=frozenset(title_breaks),
        attachments=parts,
    )


def _part(
    t: Text,
    all_candidates: list[tuple[LabelMatch, bool]],
    begin: int,
    end: int,
    prefix: list[str],
    own: list[tuple[Measure, int, int]],
    title_breaks: set[int],
) -> tuple[Block, list[Measure], Block | None, int]:
    """Structure text[begin:end]: (preamble, measures, back matter, start of the first measure)."""
    text = t.text
    candidates = [c for c in all_candidates if begin <= c[0].start < end]
    roots, accepted = _accept(candidates, prefix)
    restart = _restart(text, candidates, accepted, prefix)
    if restart is not None:
        # a numbered notice wraps the plan, whose numbering starts again under its own title
        candidates = [c for c in candidates if c[0].start >= restart]
        roots, accepted = _accept(candidates, prefix)
    strong_starts = [c[0].start for c in candidates if c[1] and c[0].style != "cn_shi"]
    back = _back_matter_start(text, accepted[0].start if accepted else None, end, strong_starts)
    if back is not None:
        # numbered lines after the plan (an attachment list, a signature) are not its measures
        roots, accepted = _accept([c for c in candidates if c[0].start < back], prefix)
    body_end = back if back is not None else end

    # own text of each measure runs to the next accepted label (or the end of the body)
    starts = [c.start for c in accepted] + [body_end]
    ends = {id(c): starts[i + 1] for i, c in enumerate(accepted)}
    soft = sorted(t.soft)  # once per part: title breaks are looked up per measure by bisection
    measures = [_to_measure(n, t, ends, own, title_breaks, soft) for n in roots]
    first = accepted[0].start if accepted else body_end
    preamble = _block(t, begin, first) or Block(text="", span=None)
    back_block = _block(t, body_end, end)
    return preamble, measures, back_block, first


def _attachment_starts(text: str) -> list[tuple[int, str, str | None]]:
    """(offset, label, title) of each attachment heading line: 附件1 / 附件 / 附表2：…."""
    out: list[tuple[int, str, str | None]] = []
    for m in re.finditer(r"^[^\n]*$", text, re.M):
        line = m.group(0).strip()
        if not line or len(line) > 64 or not line.startswith("附"):
            continue
        a = _ATTACHMENT.match(line)
        if a is None:
            continue
        label = a.group(1) + (a.group(2) or "")
        title = a.group(3)
        if title is None:  # the title is the next non-empty line
            nxt = re.search(r"[^\s][^\n]*", text[m.end() :])
            if nxt and len(nxt.group(0)) <= 80 and "。" not in nxt.group(0):
                title = nxt.group(0).strip()
        out.append((m.start(), label, title))

    # "附件：主要指标" on the line right before the attachment itself ("附件" / "主要指标") is the
    # notice's list of attachments, not one
    def lists_the_next(k: int) -> bool:
        return k + 1 < len(out) and "\n" not in text[out[k][0] : out[k + 1][0]].strip()

    return [a for k, a in enumerate(out) if not lists_the_next(k)]


def _candidates(t: Text) -> list[tuple[LabelMatch, bool]]:
    """(label, strong) for every position where a measure may begin; strong = start of a paragraph."""
    text = t.text
    positions: dict[int, bool] = {0: True}
    for m in re.finditer("\n", text):
        positions[m.end()] = True
    for p in t.soft:
        positions.setdefault(p, False)
    for m in re.finditer(f"[{_AFTER}]", text):
        positions.setdefault(m.end(), False)
    # "一是…，二是…，三是…": enumerations may run on after commas too (only 一是 there)
    after_comma = {m.end() for m in re.finditer("，", text)} - positions.keys()
    out = []
    for h in _unnumbered_headings(text):
        positions.pop(h.start, None)
        out.append((h, True))
    contents = _contents(text)
    for p in sorted(positions.keys() | after_comma):
        if p >= len(text):
            continue
        if contents is not None and contents[0] <= p < contents[1]:
            continue  # the table of contents lists the chapters; they begin after it
        lm = match_label(text, p)
        if lm is None or (p in after_comma and lm.style != "cn_shi"):
            continue
        strong = positions.get(p, False)
        if lm.damaged and not strong:
            continue
        out.append((lm, strong))
    out.sort(key=lambda c: c[0].start)
    return out


# A line of a few Chinese words, no punctuation, over a list that starts at 1: 总体要求, 名词解释, 工作安排
_HEADING_LINE = re.compile(r"^[ \t\u3000]*([\u4e00-\u9fff]{2,12})[ \t\u3000]*\n\s*(?=\S)", re.M)
_NOT_HEADING = re.compile(
    r"(附件|附表|抄送|印发|特此|此复|联系|序号|目录|方案|意见|规划|办法|通知|纲要|政府|办公室|委员会|局|委|日)$"
)


def _unnumbered_headings(text: str) -> list[LabelMatch]:
    """Unnumbered section headings whose children are numbered: the next line opens item 1 of a list
    (一、 （一） 1. …). They become measures labelled by their text. The first line of the text is
    the document's title (中华人民共和国…法 over 第一章), and the line under 附件N the attachment's:
    never a section."""
    out = []
    for m in _HEADING_LINE.finditer(text):
        word = m.group(1)
        if not text[: m.start(1)].strip():
            continue
        before = text[: m.start()].rstrip().rsplit("\n", 1)[-1].strip()
        if _ATTACHMENT.match(before):
            continue  # the line under 附件2 is the attachment's title
        if _NOT_HEADING.search(word) or match_label(text, m.start(1)) is not None:
            continue  # 第一章总则 is a numbered chapter with its title
        first = match_label(text, m.end())
        if first is None or first.number != 1 or first.style in ("cn_shi", "circled"):
            continue
        out.append(LabelMatch("heading", 0, word, m.start(1), m.end(1)))
    return out


_CONTENTS = re.compile(r"^[ \t\u3000]*目[ \t\u3000]*录[ \t\u3000]*$", re.M)
_CONTENTS_ENTRY = re.compile(
    r"^[ \t\u3000]*(第[一二三四五六七八九十百零〇\d]+[编章节部分]+|附[ \t\u3000]*则)[^。；\n]{0,30}$"
)


def _contents(text: str) -> tuple[int, int] | None:
    """The table of contents (目录 over a list of 第X编/章/节 titles, as laws and regulations print
    them) as a range of the text, or None: its entries are not the chapters, which begin after it,
    with the first entry again."""
    m = _CONTENTS.search(text)
    if m is None:
        return None
    pos = m.end() + 1
    first: str | None = None
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        key = re.sub(r"\s", "", line)
        if key:
            if first is not None and key == first:
                return (m.start(), pos)  # the first chapter again: the body starts here
            if not _CONTENTS_ENTRY.match(line):
                return (m.start(), pos) if first is not None else None
            first = first or key
        pos = end + 1
    return None


def _accept(
    candidates: list[tuple[LabelMatch, bool]], prefix: list[str] | None = None
) -> tuple[list[_Node], list[LabelMatch]]:
    """Walk the candidates with a stack of open levels; return the tree and the accepted labels in order."""
    roots: list[_Node] = []
    stack: list[_Open] = []
    last_seen: dict[str, int] = {}
    accepted: list[LabelMatch] = []
    twos = _last_twos(candidates)
    for i, (lm, strong) in enumerate(candidates):
        if lm.style == "heading":
            stack.clear()
            node = _Node(match=lm, path=[*(prefix or []), lm.label])
            roots.append(node)
            stack.append(_Open(lm.style, 0, node))
            accepted.append(lm)
            continue
        depth = next((d for d, o in enumerate(stack) if o.style == lm.style), None)
        # at a paragraph start one number may be missing (a label lost in extraction, or a plan
        # excerpt that starts at 二、); inside running text the sequence must be exact
        step = (1, 2) if strong else (1,)
        if lm.sub:
            # 第十条之一 follows 第十条 (or 第十条之…) and leaves the count at 十: 第十一条 comes next
            if depth is None or stack[depth].number != lm.number or not strong:
                continue
            del stack[depth:]
        elif depth is not None:
            if lm.number - stack[depth].number not in step:
                continue
            del stack[depth:]
        else:
            fresh = lm.number == 1
            if not (fresh or lm.number - last_seen.get(lm.style, 0) in step):
                continue
            # a new list opened inside running text (or an 一是 enumeration) must go on with its 2
            if fresh and (not strong or lm.style == "cn_shi") and twos.get(lm.style, -1) <= i:
                continue
            while stack and RANK[stack[-1].style] >= RANK[lm.style]:
                stack.pop()
        parent = stack[-1].node if stack else None
        node = _Node(match=lm, path=[*(parent.path if parent else prefix or []), lm.label])
        (parent.children if parent else roots).append(node)
        stack.append(_Open(lm.style, lm.number, node))
        last_seen[lm.style] = lm.number
        accepted.append(lm)
    return roots, accepted


def _last_twos(candidates: list[tuple[LabelMatch, bool]]) -> dict[str, int]:
    """Index of the last candidate numbered 2 of each style: "does a 2 follow?" in O(1), which keeps
    parsing linear in the size of the text."""
    last: dict[str, int] = {}
    for k, (c, _) in enumerate(candidates):
        if c.number == 2:
            last[c.style] = k
    return last


def _to_measure(
    n: _Node,
    t: Text,
    ends: dict[int, int],
    own_ranges: list[tuple[Measure, int, int]],
    title_breaks: set[int],
    soft: list[int],
) -> Measure:
    lm = n.match
    end = ends[id(lm)]
    begin = lm.end
    while begin < end and t.text[begin].isspace():
        begin += 1
    own = t.text[begin:end].strip()
    tb = _title_break(t, soft, begin, end)
    heading = heading_of(own, tb)
    if tb is not None and heading is not None and len(heading) == tb:
        own = own[:tb] + "\n" + own[tb:]  # the title had its own line before the text was flattened
        title_breaks.add(begin + tb)
    # span: from the label to the last non-space character of the own text
    stop = end
    while stop > lm.start and t.text[stop - 1].isspace():
        stop -= 1
    measure = Measure(label=lm.label, path=n.path, heading=heading, text=own, span=t.span(lm.start, stop))
    own_ranges.append((measure, begin, end))
    measure.children = [_to_measure(c, t, ends, own_ranges, title_breaks, soft) for c in n.children]
    return measure


def _title_break(t: Text, soft: list[int], begin: int, end: int) -> int | None:
    """Where flattened text (spaces for line breaks) ends a short title: "（二）养老托育服务现状 养老服务方面。".
    A title has two characters at least ("总 则" is one title spaced out); `soft` is t.soft sorted."""
    stop = min(end, begin + _TITLE_BREAK_MAX + 1)
    for k in range(bisect.bisect_left(soft, begin + 2), len(soft)):
        p = soft[k]
        if p >= stop:
            break
        before, after = t.text[p - 1], t.text[p]
        if is_han(before) and (is_han(after) or after in "“《"):
            return p - begin
    return None


_SPACED = re.compile(r"^(?:[\u4e00-\u9fff][ \u3000]+){1,5}[\u4e00-\u9fff](?=\n|$)")


def heading_of(own: str, title_break: int | None = None) -> str | None:
    """The title phrase: text up to the first 。 (or line end) when that is short enough to be a title.
    A title spaced out for layout ("总 则", "附　则") reads without its spaces."""
    spaced = _SPACED.match(own)
    if spaced:
        return re.sub(r"[ \u3000]+", "", spaced.group(0))
    m = re.match(r"[^。\n；]*", own)
    head = (m.group(0) if m else "").strip()
    if title_break is not None and title_break < len(head) and "，" not in head[:title_break]:
        head = head[:title_break]
    head = head.rstrip("：:，,")
    if not head or len(head) > _HEADING_MAX:
        return None
    return head


_TITLE_LIKE = re.compile(r"(方案|规划|意见|办法|计划|纲要|要点|措施|细则)(（[^）]{1,10}）)?$")


def _restart(
    text: str,
    candidates: list[tuple[LabelMatch, bool]],
    accepted: list[LabelMatch],
    prefix: list[str] | None = None,
) -> int | None:
    """Where the plan proper starts when a numbered notice comes first: a top-level 1 (一、, 第一章)
    that the sequence rejected, standing under a title line (…方案), and followed by more measures
    than came before it."""
    if not accepted:
        return None
    top = accepted[0].style
    taken = {c.start for c in accepted}
    for lm, strong in candidates:
        if (
            not strong
            or lm.style != top
            or lm.number != 1
            or lm.start in taken
            or lm.start <= accepted[0].start
        ):
            continue
        above = text[max(0, text.rfind("\n", 0, max(0, lm.start - 1)) - 200) : lm.start].strip().split("\n")
        if not any(len(p) <= 60 and "。" not in p and _TITLE_LIKE.search(p.strip()) for p in above[-3:]):
            continue
        # only the first such place is tried, which keeps parsing linear
        before = sum(1 for a in accepted if a.start < lm.start)
        _, after = _accept([c for c in candidates if c[0].start >= lm.start], prefix)
        return lm.start if len(after) > before else None
    return None


_PARA = re.compile(r"[^\n]+")


def _back_matter_start(
    text: str, first_label: int | None, end: int | None = None, labels: list[int] | None = None
) -> int | None:
    """Start of the closing matter (attachment list, signature, 抄送), searched after the first measure.
    A contact line or a signature with more numbered paragraphs after it is part of the plan
    ("联系方式：各街道要公布热线" inside a measure); 附件/抄送/印发 lines always close it."""
    if first_label is None:
        return None
    line_after = text.find("\n", first_label)
    if line_after < 0:
        return None
    later = sorted(labels or [])
    paras = [(m.start(), m.group(0)) for m in _PARA.finditer(text, line_after, end or len(text))]
    for k, (pos, para) in enumerate(paras):
        nxt = paras[k + 1][1] if k + 1 < len(paras) else ""
        closing = bool(_BACK_MATTER.search(para))
        weak = (closing and _CONTACT.match(para)) or (SIGNATURE.match(para) and DATE_LINE.match(nxt))
        if weak and bisect.bisect_right(later, pos) < len(later):
            continue  # numbered paragraphs follow: still the plan
        if closing or weak:
            return pos
        if DATE_LINE.match(para) and k + 1 == len(paras):
            return pos
    return None


_CONTACT = re.compile(r"^(联系人|联系电话|联系方式)")


def _block(t: Text, start: int, end: int) -> Block | None:
    while start < end and t.text[start].isspace():
        start += 1
    while end > start and t.text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Block(text=t.text[start:end], span=t.span(start, end))
