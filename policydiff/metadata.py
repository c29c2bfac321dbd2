"""Document metadata read off the text: status for now (title, issuer, number and date come with extraction)."""

from __future__ import annotations

from .models import DocumentInfo
from .normalize import Text
from .structure import Structure


def document_info(t: Text, s: Structure, *, doc_id: str) -> DocumentInfo:
    head = s.preamble.text
    status = "draft" if "征求意见稿" in head else "unknown"
    return DocumentInfo(id=doc_id, source=t.source.name, encoding=t.source.encoding, status=status)
