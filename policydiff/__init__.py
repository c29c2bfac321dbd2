"""policydiff: Chinese government policy plans as structured data, diffed and compared.

The public API is imported on first use (PEP 562), so `import policydiff` — and the command line's
--help and --version — do not pay for pydantic models, jieba or the renderers.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import parse, parse_bytes, parse_text
    from .compare import compare
    from .dataset import export, load, load_rows
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

_WHERE = {
    "parse": "api", "parse_bytes": "api", "parse_text": "api", "compare": "compare", "diff": "diff",
    "export": "dataset", "load": "dataset", "load_rows": "dataset",
    "InputError": "errors", "NoStructureError": "errors", "PolicyDiffError": "errors",
    "Block": "models", "CompareReport": "models", "DiffReport": "models", "Document": "models",
    "DocumentInfo": "models", "Fact": "models", "Measure": "models", "ResponsibleUnit": "models",
    "Skipped": "models", "Span": "models", "Target": "models",
    "measure_records": "records", "target_records": "records",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'policydiff' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


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
    "export",
    "load",
    "load_rows",
    "measure_records",
    "parse",
    "parse_bytes",
    "parse_text",
    "target_records",
]
