"""policydiff: Chinese government policy plans as structured data, diffed and compared."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

from .api import parse, parse_bytes, parse_text
from .compare import compare
from .diff import diff
from .errors import InputError, NoStructureError, PolicyDiffError
from .models import (
    Block,
    CompareReport,
    DiffReport,
    Document,
    DocumentInfo,
    Fact,
    Measure,
    ResponsibleUnit,
    Skipped,
    Span,
    Target,
)
from .records import measure_records, target_records

try:
    __version__ = _version("policydiff")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Block",
    "CompareReport",
    "DiffReport",
    "Document",
    "DocumentInfo",
    "Fact",
    "InputError",
    "Measure",
    "NoStructureError",
    "PolicyDiffError",
    "ResponsibleUnit",
    "Skipped",
    "Span",
    "Target",
    "__version__",
    "compare",
    "diff",
    "measure_records",
    "parse",
    "parse_bytes",
    "parse_text",
    "target_records",
]
