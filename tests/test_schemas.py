from __future__ import annotations

from pathlib import Path

from policydiff.schemas import SCHEMAS, schema_json

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"


def test_schema_files_are_current() -> None:
    """schemas/ is generated from the models: `python -m policydiff.schemas` rewrites it."""
    for name in SCHEMAS:
        path = SCHEMA_DIR / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == schema_json(name), f"{path} is stale; run make schemas"
