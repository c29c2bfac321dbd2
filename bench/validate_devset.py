"""Check that every development-set document's YAML output is valid against schemas/document.schema.json.

usage: python bench/validate_devset.py [DOCS_DIR]   (default: ../shared/devset/docs)
Part of `make eval`; not a test (the development set lives outside the repository).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import yaml

import policydiff
from policydiff.render import to_yaml

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    docs = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "devset" / "docs"
    schema = json.loads((ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(docs.glob("*.txt"))
    bad = 0
    for f in files:
        data = yaml.safe_load(to_yaml(policydiff.parse(f)))
        errors = list(validator.iter_errors(data))
        if errors:
            bad += 1
            print(f"{f.name}: {errors[0].message} at {list(errors[0].absolute_path)}")
    print(f"schema: {len(files) - bad} of {len(files)} development-set documents valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
