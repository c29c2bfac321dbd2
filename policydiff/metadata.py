"""Document metadata read off the text: title, issuer, number, date, status and cited documents.

Damaged text is taken as it is: a date whose digits were lost ("202549") is not a date, and nothing
here invents a digit.
"""

from __future__ import annotations

import re

from .models import DocumentInfo, Reference, Status
from .normalize import Text
from .structure import DATE_LINE, SIGNATURE, Structure

_DOC_NO = r"[\u4e00-\u9fff]{2,14}〔\d{4}〕\d{1,4}号"
_DOC_NO_LOOSE = r"[\u4e00-\u9fff]{2,14}〔\d{4,8}〕?\d{0,4}号"
_OWN_NO = re.compile(rf"^[（(]?({_DOC_NO})[）)]?$")
_DATE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2})$")
_CHROME_DATE = re.compile(r"(成文日期|成文时间|发布日期|发文时间|发布时间)\]?\s*[:：]?\s*(\d{4}-\d{2}-\d{2})")
_KIND = re.compile(r"(方案|规划|意见|办法|计划|通知|函|决定|细则|纲要|要点|措施)")
# a law or regulation names itself at the end: 中华人民共和国…法, 上海市…条例, …规定（试行）
_LAW = re.compile(r"(法|条例|规定|规则|章程|准则)([（(][^）)]{1,8}[）)])?$")
_BODY_START = re.compile(r"^(为|根据|按照|近年来|当前|贯彻|深入)")
_REF = re.compile(rf"《([^《》]{{2,80}})》\s*(?:[（(]({_DOC_NO_LOOSE})[）)])?")
_REPLY = re.compile(r"(答复|复函|的函)")


def document_info(t: Text, s: Structure, *, doc_id: str) -> DocumentInfo:
    preamble = [p.strip() for p in s.preamble.text.split("\n") if p.strip()]
    back = [p.strip() for p in s.back_matter.text.split("\n")] if s.back_matter else []
    chrome = [t.source.text[a:b] for a, b, _ in t.skipped]

    title = _title(preamble)
    doc_number = _doc_number(preamble, chrome)
    date = _date(preamble + back, chrome)
    issuer = _issuer(preamble + back)
    status = _status(title, s.preamble.text, doc_number)
    references = _references(t.text, title)
    return DocumentInfo(
        id=doc_id,
        source=t.source.name,
        format=t.source.format,
        encoding=t.source.encoding,
        notes=list(t.source.notes),
        title=title,
        issuer=issuer,
        doc_number=doc_number,
        date=date,
        status=status,
        references=references,
    )


def document_year(info: DocumentInfo) -> int | None:
    """The year the document was written, from its date or its number."""
    for value in (info.date, info.doc_number):
        m = re.search(r"(19|20)\d{2}", value or "")
        if m:
            return int(m.group(0))
    return None


def _title(paras: list[str]) -> str | None:
    """The plan's own title: the short lines just above its first sentence ("为…制定本方案。").
    A notice wrapping the plan has its own title and first sentence earlier, so look from the last."""
    starts = [i for i, p in enumerate(paras) if _BODY_START.match(p) or len(p) > 60]
    for body in reversed(starts):
        title = _title_above(paras, body)
        if title:
            return title
    for p in paras:
        m = re.match(r"^(.{4,40}?(方案|规划|意见|办法|计划))(?=为|根据|按照)", p)
        if m:
            return m.group(1)  # a flattened page: the title runs straight into the first sentence
        if len(p) <= 60 and (_KIND.search(p) or _LAW.search(p)) and not p.endswith(("。", "：")):
            return p
    return None


def _title_above(paras: list[str], body: int) -> str | None:
    run: list[str] = []
    for p in reversed(paras[:body]):
        bracketed = p[:1] in "（(" and p[-1:] in "）)"
        if len(p) > 40 or p[-1:] in "。：:" or DATE_LINE.match(p) or _OWN_NO.match(p) or SIGNATURE.match(p):
            break
        if bracketed and run:
            break  # （本文有删减） above a title is a note, not part of it
        run.append(p)
    title = "".join(reversed(run))
    if (
        title
        and (_KIND.search(title) or _LAW.search(title))
        and not (title[:1] in "（(" and title[-1:] in "）)")
    ):
        return title
    return None


def _doc_number(paras: list[str], chrome: list[str]) -> str | None:
    for line in paras + [c.strip().lstrip("•▪ ").strip() for c in chrome]:
        m = _OWN_NO.match(re.sub(r"\s+", "", line))
        if m:
            return m.group(1)
    for c in chrome:  # "[发文字号] 渝民函〔2025〕237号"
        m = re.search(rf"发文字号\]?\s*[:：]?\s*({_DOC_NO})", c)
        if m:
            return m.group(1)
    return None


def _date(paras: list[str], chrome: list[str]) -> str | None:
    for p in paras:
        if _DATE.match(p):
            return p
    for c in chrome:
        m = _CHROME_DATE.search(c)
        if m:
            return m.group(2)
    # "  • 成文日期" then "  • 2025-07-02" on the next bullet
    cleaned = [c.strip().lstrip("•▪ ").strip() for c in chrome]
    for i, c in enumerate(cleaned[:-1]):
        if c in ("成文日期", "成文时间", "发布日期") and _DATE.match(cleaned[i + 1]):
            return cleaned[i + 1]
    return None


def _issuer(paras: list[str]) -> str | None:
    for i, p in enumerate(paras[:-1]):
        if SIGNATURE.match(p) and DATE_LINE.match(paras[i + 1]):
            return p
    return None


def _status(title: str | None, preamble: str, doc_number: str | None) -> Status:
    if "征求意见稿" in (title or "") or "征求意见稿" in preamble:
        return "draft"
    if title and _REPLY.search(title):
        return "reply"
    if doc_number or "印发" in preamble:
        return "final"
    return "unknown"


def _references(text: str, own_title: str | None) -> list[Reference]:
    own = re.sub(r"[（(]征求意见稿[）)]", "", own_title or "")
    out: list[Reference] = []
    seen: set[tuple[str | None, str | None]] = set()
    for m in _REF.finditer(text):
        title, number = m.group(1), m.group(2)
        if own and re.sub(r"[（(]征求意见稿[）)]", "", title) == own:
            continue
        key = (title, number)
        if key not in seen:
            seen.add(key)
            out.append(Reference(title=title, doc_number=number))
    return out
