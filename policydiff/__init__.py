"""policydiff: Chinese government policy plans as structured data, diffed and compared."""

from __future__ import annotations

from .api import parse, parse_text
from .errors import InputError, NoStructureError, PolicyDiffError
from .models import Block, Document, DocumentInfo, Measure, Skipped, Span

__all__ = [
    "Block",
    "Document",
    "DocumentInfo",
    "InputError",
    "Measure",
    "NoStructureError",
    "PolicyDiffError",
    "Skipped",
    "Span",
    "parse",
    "parse_text",
]
