"""normalize: Source → Text, with a map from every normalized offset back to the original.

What it does, in order:
- drops web-page and upload-site chrome lines (patterns in data/chrome.yaml), reporting them;
- folds width where meaning does not change (full-width digits/letters → ASCII, half-width Chinese
  punctuation → full width, so a half-width web draft and a full-width PDF final read the same);
- joins lines broken inside a sentence (PDF layout) and removes spaces between Chinese characters,
  remembering where it removed them ("soft" positions: a label may stand there in flattened text);
- separates paragraphs with exactly one "\\n".
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .labels import looks_like_label_start
from .models import Span
from .read import LINE_BREAK, Source

# Half-width punctuation that Chinese text writes full width; folded when a neighbour is not ASCII.
_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_BRACKETS = {"(": "（", ")": "）"}
_FULL_TO_ASCII = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULL_TO_ASCII.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULL_TO_ASCII.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULL_TO_ASCII.update({"．": ".", "％": "%", "＋": "+", "／": "/", "＝": "="})
_FULL_TO_ASCII.update({"・": "·", "･": "·"})  # katakana middle dots, as some PDF text layers give ·

_SENTENCE_END = "。！？；：!?;:"
_CLOSERS = "”’」』）)】》"
_CONTINUES = "，、,（(“《—"
# what follows a number as its unit or multiplier (the first character is enough to tell)
_WRAPPED_NUMBER = re.compile(r"[\u4e00-\u9fff][\d.]+$")  # a number at the end of words, not a date line
_LABEL_COLON = re.compile(r"^.{1,5}[:：]")  # "人:李墨豪" (联系人 cut short) is a new line, not a unit
_UNIT_START = re.compile(
    r"[%％‰万亿千张个家户人名次所处项种座套倍元米吨辆支场份组幢栋台间件床年月日天周小分公平立]"
)
_WS = " \t\u3000\xa0\u2002\u2003\u200b\ufeff"


@dataclass(frozen=True)
class Text:
    """Normalized text. offsets[i] is the original offset of text[i]; offsets[len(text)] is the end."""

    text: str
    offsets: list[int]
    soft: frozenset[int]  # positions where whitespace or a line break was removed inside a paragraph
    skipped: list[tuple[int, int, str]]  # original (start, end, reason) of chrome lines
    source: Source
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def span(self, start: int, end: int) -> Span:
        """Original span of normalized range [start, end) (end > start)."""
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return self.original_span(o_start, o_end)

    def original_span(self, o_start: int, o_end: int) -> Span:
        line = bisect.bisect_right(self._line_starts, o_start)
        end_line = bisect.bisect_right(self._line_starts, max(o_start, o_end - 1))
        return Span(start=o_start, end=o_end, line=line, end_line=end_line)


@lru_cache(maxsize=1)
def _chrome() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]], list[re.Pattern[str]]]:
    """(line, weak, tail) patterns of data/chrome.yaml."""
    data = yaml.safe_load(resources.files("policydiff").joinpath("data/chrome.yaml").read_text("utf-8"))
    return tuple([re.compile(p) for p in data[k]] for k in ("line", "weak", "tail"))  # type: ignore[return-value]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the line break."""
    out, pos = [], 0
    for m in LINE_BREAK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


class _Narrow(dict[int, int | None]):
    """str.translate table that deletes the characters two cells wide (East Asian width W, F or A)
    and keeps the others; each character is looked up in unicodedata once, then in C."""

    def __missing__(self, c: int) -> int | None:
        kept = None if unicodedata.east_asian_width(chr(c)) in "WFA" else c
        self[c] = kept
        return kept


_NARROW = _Narrow()


def width(s: str) -> int:
    """Display width: CJK characters count two cells."""
    if s.isascii():
        return len(s)
    return 2 * len(s) - len(s.translate(_NARROW))


def is_han(c: str) -> bool:
    """A Chinese character (CJK unified ideograph)."""
    return "\u4e00" <= c <= "\u9fff"


def _is_ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def fold_char(prev: str, c: str, nxt: str) -> str:
    """Width folding of one character given its neighbours (1:1, so offsets stay exact)."""
    if c in _FULL_TO_ASCII:
        return _FULL_TO_ASCII[c]
    if c in _BRACKETS:
        return _BRACKETS[c]
    if c in _TO_FULL and not (_is_ascii_alnum(prev) and _is_ascii_alnum(nxt)):
        # keep 1:3, 10,000 and http://; fold everything written between Chinese words
        return _TO_FULL[c]
    return c


def _from_web(
    source: Source,
    lines: list[tuple[int, int]],
    line_pats: list[re.Pattern[str]],
    tail_pats: list[re.Pattern[str]],
) -> bool:
    """Whether the text came from a web page or a document-sharing site: an HTML input, or a line
    that only such pages have (breadcrumbs, 打印本页, 分享到 …). Only then are chrome lines dropped:
    in a plain plan a "• …" bullet or a line ending in .pdf is content."""
    if source.format == "html":
        return True
    for start, end in lines:
        line = source.text[start:end].strip()
        if line and any(p.search(line) for p in (*line_pats, *tail_pats)):
            return True
    return False


def normalize(source: Source) -> Text:
    """Normalize a decoded source (see module docstring)."""
    raw = source.text
    lines = _lines(raw)
    strong, weak, tail_pats = _chrome()
    line_pats = strong + weak

    skipped: list[tuple[int, int, str]] = []
    kept: list[tuple[int, int]] = []  # (start, end) of content lines, stripped
    in_tail = False
    if not _from_web(source, lines, strong, tail_pats):
        line_pats, tail_pats = [], []  # a plain plan: a "• …" bullet or a line ending ".pdf" is content
    for start, end in lines:
        s, e = _strip(raw, start, end)
        if s == e:
            continue
        line = raw[s:e]
        if in_tail or any(p.search(line) for p in tail_pats):
            in_tail = True
            skipped.append((s, e, "web page chrome after the article"))
        elif any(p.search(line) for p in line_pats):
            skipped.append((s, e, "web page chrome"))
        else:
            kept.append((s, e))

    # a plan written in Markdown: heading marks (## 一、…) and emphasis (**（一）…**) are form, not text
    segments: list[list[tuple[int, int]]] = [[(s, e)] for s, e in kept]
    if any(_MD_MARKED.match(raw, s, e) for s, e in kept):
        segments = []
        for s, e in list(kept):
            parts, marks = _markdown_parts(raw, s, e)
            skipped.extend((a, b, "Markdown mark") for a, b in marks)
            if parts:
                segments.append(parts)
        kept = [(parts[0][0], parts[-1][1]) for parts in segments]
        skipped.sort()

    wrap = _wrap_width([raw[s:e] for s, e in kept])
    out = _Out()
    chrome_starts = sorted(s for s, _, r in skipped if r != "Markdown mark")

    for i, (s, e) in enumerate(kept):
        if i:
            ps, pe = kept[i - 1]
            chrome_between = bisect.bisect_left(chrome_starts, pe) < bisect.bisect_left(chrome_starts, s)
            if chrome_between or _is_break(raw[ps:pe], raw[s:e], wrap):
                out.add("\n", pe)  # the removed line break itself
            else:
                out.soft.add(out.length)
        for k, (a, b) in enumerate(segments[i]):
            if k:
                out.soft.add(out.length)  # a mark was taken out here
            _append_line(raw, a, b, out)

    text = "".join(out.pieces)
    offsets = out.offsets
    soft = out.soft
    offsets.append(kept[-1][1] if kept else 0)
    line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(raw)]
    return Text(text, offsets, frozenset(soft), skipped, source, line_starts)


_MD_MARKED = re.compile(r"#{1,6}[ \t\u3000]|\*\*\S")  # a line opening with a heading mark or with bold
_MD_HEADING = re.compile(r"#{1,6}[ \t\u3000]*")
_MD_RULE = re.compile(r"[-*_]{3,}")
_MD_EMPHASIS = re.compile(r"\*\*|__")


def _markdown_parts(raw: str, s: int, e: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The content ranges of a Markdown line and the ranges of its marks: a leading #…, ** and __;
    a thematic break (---) is all mark."""
    marks: list[tuple[int, int]] = []
    if _MD_RULE.fullmatch(raw, s, e):
        return [], [(s, e)]
    m = _MD_HEADING.match(raw, s, e)
    if m is not None and m.end() > s:
        marks.append((s, m.end()))
        s = m.end()
    parts: list[tuple[int, int]] = []
    pos = s
    for mm in _MD_EMPHASIS.finditer(raw, s, e):
        if mm.start() > pos:
            parts.append((pos, mm.start()))
        marks.append((mm.start(), mm.end()))
        pos = mm.end()
    if pos < e:
        parts.append((pos, e))
    parts = [_strip(raw, a, b) for a, b in parts]
    return [(a, b) for a, b in parts if a < b], marks


def _strip(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and raw[start] in _WS:
        start += 1
    while end > start and raw[end - 1] in _WS:
        end -= 1
    return start, end


class _Out:
    """The normalized text as it is built: pieces of text, the original offset of each character,
    and the positions where whitespace or a line break was removed (soft)."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.offsets: list[int] = []
        self.soft: set[int] = set()
        self.length = 0
        self.last = ""  # the last character added, "" after a line break

    def add(self, piece: str, first: int) -> None:
        """Append a piece whose characters come from first, first + 1, … of the original (1:1)."""
        self.pieces.append(piece)
        self.offsets.extend(range(first, first + len(piece)))
        self.length += len(piece)
        self.last = "" if piece == "\n" else piece[-1]


_WS_RUN = re.compile(f"[{re.escape(_WS)}]+")
_FOLD = str.maketrans({**_FULL_TO_ASCII, **_BRACKETS})
_CONTEXT = re.compile(f"[{re.escape(''.join(_TO_FULL))}]")


def _append_line(raw: str, s: int, e: int, out: _Out) -> None:
    """Append raw[s:e] folded (fold_char, a run of characters at a time): whitespace dropped, or one
    space where it separates two ASCII words."""
    pos = s
    for m in _WS_RUN.finditer(raw, s, e):
        if m.start() > pos:
            out.add(_fold(raw, pos, m.start()), pos)
        nxt = raw[m.end()] if m.end() < e else ""
        if _is_ascii_alnum(out.last) and _is_ascii_alnum(nxt):
            out.add(" ", m.start())
        else:
            out.soft.add(out.length)
        pos = m.end()
    if pos < e:
        out.add(_fold(raw, pos, e), pos)


def _fold(raw: str, a: int, b: int) -> str:
    """fold_char over raw[a:b]: the context-free folds by one translate, ASCII punctuation between
    Chinese words (not inside 1:3, 10,000 or http://) looked at one by one."""
    seg = raw[a:b].translate(_FOLD)
    if _CONTEXT.search(seg) is None:
        return seg
    chars = list(seg)
    for m in _CONTEXT.finditer(seg):
        i = a + m.start()
        prev = raw[i - 1] if i > 0 else ""
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        if not (_is_ascii_alnum(prev) and _is_ascii_alnum(nxt)):
            chars[m.start()] = _TO_FULL[m.group()]
    return "".join(chars)


def _wrap_width(lines: list[str]) -> int | None:
    """The line width of a hard-wrapped (PDF) text, or None when lines are paragraphs."""
    widths = [w for w in map(width, lines) if w >= 20]
    if len(widths) < 8:
        return None
    counts = Counter(widths)
    mode = max(counts, key=lambda w: (sum(counts[x] for x in range(w - 2, w + 3)), w))
    near = sum(counts[x] for x in range(mode - 2, mode + 3))
    if near < 0.3 * len(widths) or not 20 <= mode <= 200:
        return None
    # a page wraps lines wherever the width ends, mostly inside sentences; paragraphs of similar
    # length that end with 。 are not a wrapped page
    full = [line for line in lines if abs(width(line) - mode) <= 2]
    open_ended = sum(1 for line in full if line.rstrip(_CLOSERS)[-1:] not in _SENTENCE_END)
    if open_ended < 0.5 * len(full):
        return None
    return mode


def _is_break(prev: str, line: str, wrap: int | None) -> bool:
    """Is the line break between `prev` and `line` a paragraph break (else a layout wrap)?"""
    if looks_like_label_start(line):
        return True
    if (
        prev[-1:].isdigit()
        and _UNIT_START.match(line)
        and _WRAPPED_NUMBER.search(prev)
        and not _LABEL_COLON.match(line)
    ):
        return (
            False  # "达到1000" / "张": a number in a sentence is never cut from its unit by a paragraph break
        )
    last = prev.rstrip(_CLOSERS)[-1:] or prev[-1:]
    if prev.count("《") > prev.count("》"):
        return False
    if wrap is not None and width(prev) >= wrap - 6:
        return False  # a full line of a wrapped page: the sentence goes on
    return not (last in _CONTINUES or prev[-1:] in _CONTINUES)
