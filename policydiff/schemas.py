"""JSON Schemas of the outputs, generated from the models; schemas/*.schema.json are written from here."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .dataset.tables import Dataset
from .limits import SCHEMA_NAMES
from .models import CompareReport, DiffReport, Document, QuantityTable, RelatedReport

SCHEMAS: dict[str, type[BaseModel]] = {
    "document": Document,
    "targets": QuantityTable,
    "diff": DiffReport,
    "compare": CompareReport,
    "related": RelatedReport,
    "dataset": Dataset,
}


assert tuple(SCHEMAS) == SCHEMA_NAMES  # the CLI lists the names without importing the models


def schema_json(name: str) -> str:
    model = SCHEMAS[name]
    data = model.model_json_schema(by_alias=True, mode="serialization")
    data = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"policydiff/{name}/v1", **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_all(directory: Path) -> list[Path]:
    """(Re)generate every schema file; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in SCHEMAS:
        path = directory / f"{name}.schema.json"
        path.write_text(schema_json(name), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write_all(Path(__file__).resolve().parent.parent / "schemas"):
        print(p)
