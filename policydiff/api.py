"""The pipeline end to end: read → normalize → structure (→ extract, later stages)."""

from __future__ import annotations

import gc
import os

from . import corpus
from .extract import enrich
from .metadata import document_info, document_year
from .models import Attachment, Block, Document, Skipped
from .normalize import Text, normalize
from .read import Source, read_bytes, read_path
from .structure import Part, build
from .tables import find_indicator_tables
from .task_tables import row_measures, task_rows


def parse(ref: str | os.PathLike[str]) -> Document:
    """Parse a plan from a file path or a corpus id (see `policydiff corpus`)."""
    path, doc_id = corpus.resolve(str(ref))
    return parse_source(read_path(path, name=str(ref)), doc_id=doc_id)


def parse_text(text: str, *, doc_id: str = "text") -> Document:
    """Parse a plan given as a string (as if read from a UTF-8 file)."""
    return parse_source(Source(text=text, encoding="utf-8", name=doc_id), doc_id=doc_id)


def parse_bytes(data: bytes, *, doc_id: str = "bytes") -> Document:
    """Parse a plan from raw bytes of any supported format, detected from the content."""
    return parse_source(read_bytes(data, name=doc_id), doc_id=doc_id)


def parse_source(source: Source, *, doc_id: str) -> Document:
    # The parse allocates millions of small objects and frees them by reference counting; the cyclic
    # collector would walk the growing heap again and again (a quarter of the time on a 40 MB plan,
    # growing with size). It is paused for the call and resumed as it was.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse(source, doc_id=doc_id)
    finally:
        if paused:
            gc.enable()


def _parse(source: Source, *, doc_id: str) -> Document:
    t = normalize(source)
    s = build(t)
    info = document_info(t, s, doc_id=doc_id)
    indicators = find_indicator_tables(t)
    # the cells of an indicator table are read as rows, not again as prose
    tables = [(r.span.start, r.span.end) for r in indicators]
    enrich(t, s, status=info.status, doc_year=document_year(info), tables=tables)
    return Document(
        document=info,
        preamble=s.preamble,
        measures=s.measures,
        back_matter=s.back_matter,
        attachments=[_attachment(t, a) for a in s.attachments],
        indicators=indicators,
        skipped=_skipped(t),
    )


def _attachment(t: Text, a: Part) -> Attachment:
    """An attachment; one without numbered items whose text is a task table (牵头/配合 columns) has
    the table's rows as its measures, their units read off the unit columns (source: table)."""
    span = t.span(*a.range)
    rows = [] if a.measures else task_rows(t, span.start, span.end)
    if not rows:
        return Attachment(
            label=a.label, title=a.title, span=span, preamble=a.preamble, measures=a.measures,
            back_matter=a.back_matter,
        )  # fmt: skip
    return Attachment(
        label=a.label,
        title=a.title,
        span=span,
        preamble=_original_block(t, span.start, rows[0].start) or Block(text="", span=None),
        measures=row_measures(t, rows, [a.label]),
        back_matter=_original_block(t, rows[-1].end, span.end),
    )


def _original_block(t: Text, start: int, end: int) -> Block | None:
    """Text of the original file [start, end) without surrounding whitespace, as a Block."""
    raw = t.source.text
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return Block(text=raw[start:end], span=t.original_span(start, end)) if start < end else None


def _skipped(t: Text) -> list[Skipped]:
    return [
        Skipped(reason=reason, text=t.source.text[a:b], span=t.original_span(a, b))
        for a, b, reason in t.skipped
    ]
