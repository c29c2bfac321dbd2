"""Word .docx → text: body paragraphs in order, tables as one cell per line, list numbers recovered.

Word's automatic list numbering ("一、", "（一）" generated from numbering.xml) is not in a
paragraph's text. It is recovered from the numbering definitions (numFmt, lvlText, start) and
written in front of the paragraph, as the reader of the document saw it; the number of paragraphs
so numbered is reported. Headers, footers and footnotes are not body text and are left out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from .numerals import CIRCLED, int_to_cn

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class DocxText:
    text: str
    notes: list[str] = field(default_factory=list)


# A .docx is a ZIP: its compressed size says little. A plan's XML parts are a few MB; a 200 KB file
# that unpacks to gigabytes, or holds millions of empty paragraphs, is refused before it is parsed.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_PARAGRAPHS = 200_000


class DocxTooLarge(ValueError):
    """The .docx unpacks to more than a plan can be."""


def docx_text(data: bytes) -> DocxText:
    """Raises whatever python-docx raises on a damaged file; read.py turns that into InputError."""
    import zipfile

    import docx  # python-docx, imported only when a .docx is read

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    if unpacked > MAX_UNPACKED:
        raise DocxTooLarge(
            f"unpacks to {unpacked / 1048576:.0f} MB, more than the {MAX_UNPACKED // 1048576} MB a plan can be"
        )
    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    lines: list[str] = []
    body = document.element.body
    if len(body) > MAX_PARAGRAPHS:
        raise DocxTooLarge(f"has {len(body)} paragraphs, more than the {MAX_PARAGRAPHS} a plan can have")
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            text = "".join(t.text or "" for t in child.iter(f"{_W}t"))
            label = numbering.label(child, document)
            if label:
                text = label + text
            lines.append(text)
        elif child.tag == f"{_W}tbl":
            lines.extend(_table_lines(child))
    notes = []
    if numbering.used:
        notes.append(f"Word list numbering recovered for {numbering.used} paragraphs from numbering.xml")
    return DocxText("\n".join(lines) + "\n", notes)


def _table_lines(tbl) -> list[str]:  # type: ignore[no-untyped-def]
    # one cell per line, each opened by a tab, as Word's own text export lays tables out
    out = []
    for row in tbl.iter(f"{_W}tr"):
        for cell in row.iter(f"{_W}tc"):
            paras = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in cell.iter(f"{_W}p")]
            text = "\n".join(p for p in paras if p.strip())
            out.append("\t" + (text or " "))
    return out


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


class _Numbering:
    """Counters over Word's numbering definitions (w:num → w:abstractNum → w:lvl)."""

    def __init__(self, document) -> None:  # type: ignore[no-untyped-def]
        self.levels: dict[str, dict[int, _Level]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used = 0
        self.style_numpr: dict[str, object] | None = None  # style id → its numPr, built on first use
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.iter(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = _Level(
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                    start=int(_val(lvl, "start") or "1"),
                )
            abstract[an.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId", "")] = abstract.get(ref.get(f"{_W}val", ""), {})

    def label(self, p, document) -> str:  # type: ignore[no-untyped-def]
        if self.style_numpr is None:
            # one pass over the styles (a lookup per paragraph was paragraphs × styles)
            self.style_numpr = {}
            for st in document.styles:
                spr = st.element.find(f"{_W}pPr")
                self.style_numpr[st.style_id] = spr.find(f"{_W}numPr") if spr is not None else None
        num_id, ilvl = _num_pr(p, self.style_numpr)
        if num_id is None or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new item restarts the levels below it
        text = levels[ilvl].text
        for k in range(9):
            if f"%{k + 1}" in text:
                lv = levels.get(k)
                n = counters.get(k, lv.start if lv else 1)
                text = text.replace(f"%{k + 1}", _format(n, lv.fmt if lv else "decimal"))
        if levels[ilvl].fmt in ("bullet", "none"):
            return ""
        self.used += 1
        return text


def _num_pr(p, style_numpr) -> tuple[str | None, int]:  # type: ignore[no-untyped-def]
    ppr = p.find(f"{_W}pPr")
    numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
    if numpr is None and ppr is not None:
        style = ppr.find(f"{_W}pStyle")
        if style is not None:
            numpr = style_numpr.get(style.get(f"{_W}val"))
    if numpr is None:
        return None, 0
    num_id = numpr.find(f"{_W}numId")
    ilvl = numpr.find(f"{_W}ilvl")
    return (
        num_id.get(f"{_W}val") if num_id is not None else None,
        int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0,
    )


def _val(el, name: str) -> str | None:  # type: ignore[no-untyped-def]
    child = el.find(f"{_W}{name}")
    return child.get(f"{_W}val") if child is not None else None


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting",
               "taiwaneseCountingThousand", "chineseLegalSimplified"):  # fmt: skip
        return int_to_cn(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    return str(n)
