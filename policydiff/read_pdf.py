"""PDF → text with pdfplumber: page by page, two-column pages read column by column, running
headers, footers and page numbers ("— 3 —") dropped. Line breaks are kept: normalize joins the
lines broken inside sentences, as it does for any PDF text layer."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

_PAGE_NO = re.compile(r"^[\s\-—–－·•]*(第\s*)?\d{1,4}(\s*页)?[\s\-—–－·•]*(/\s*(共\s*)?\d{1,4}\s*页?)?$")


@dataclass
class PdfText:
    text: str
    pages: int
    notes: list[str] = field(default_factory=list)


def pdf_text(data: bytes) -> PdfText:
    """Raises whatever pdfplumber raises on a damaged file; read.py turns that into InputError."""
    import pdfplumber  # imported only when a PDF is read

    pages: list[list[str]] = []
    two_column = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            cols = _columns(page)
            if len(cols) > 1:
                two_column += 1
            lines: list[str] = []
            for box in cols:
                text = page.crop(box).extract_text() or ""
                lines.extend(text.splitlines())
            pages.append(lines)
    notes = []
    if two_column:
        notes.append(f"{two_column} two-column pages read column by column")
    kept, dropped = _drop_running_lines(pages)
    if dropped:
        notes.append(f"{dropped} running header, footer and page-number lines dropped")
    return PdfText("\n".join(line for page in kept for line in page) + "\n", len(pages), notes)


def _columns(page) -> list[tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    """The page as one box, or as two when its words fall on either side of an empty middle gutter."""
    whole = (0.0, 0.0, float(page.width), float(page.height))
    words = page.extract_words()
    if len(words) < 20:
        return [whole]
    mid = page.width / 2
    crossing = sum(1 for w in words if w["x0"] < mid - 2 and w["x1"] > mid + 2)
    left = sum(1 for w in words if w["x1"] <= mid)
    right = sum(1 for w in words if w["x0"] >= mid)
    if crossing <= 0.02 * len(words) and left >= 0.25 * len(words) and right >= 0.25 * len(words):
        return [
            (0.0, 0.0, float(mid), float(page.height)),
            (float(mid), 0.0, float(page.width), float(page.height)),
        ]
    return [whole]


def _drop_running_lines(pages: list[list[str]]) -> tuple[list[list[str]], int]:
    """Drop page numbers, and first/last lines repeated on most pages (running headers/footers)."""
    edge: Counter[str] = Counter()
    for lines in pages:
        for line in {*lines[:2], *lines[-2:]}:
            edge[re.sub(r"\d+", "#", line.strip())] += 1
    running = {k for k, c in edge.items() if len(pages) >= 3 and c >= 0.6 * len(pages) and k}
    out, dropped = [], 0
    for lines in pages:
        kept = []
        for k, line in enumerate(lines):
            at_edge = k < 2 or k >= len(lines) - 2
            if at_edge and (_PAGE_NO.match(line) or re.sub(r"\d+", "#", line.strip()) in running):
                dropped += 1
                continue
            kept.append(line)
        out.append(kept)
    return out, dropped
