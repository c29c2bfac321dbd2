from __future__ import annotations

from pathlib import Path

from policydiff.schemas import SCHEMAS, schema_json

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"


def test_schema_files_are_current() -> None:
    """schemas/ is generated from the models: `python -m policydiff.schemas` rewrites it."""
    for name in SCHEMAS:
        path = SCHEMA_DIR / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == schema_json(name), f"{path} is stale; run make schemas"


def test_corpus_yaml_is_valid_against_the_published_schema(corpus_doc) -> None:  # type: ignore[no-untyped-def]
    """What `parse --format yaml` writes satisfies schemas/document.schema.json (attachments, unit sources)."""
    import json

    import jsonschema
    import yaml

    from policydiff.render import to_yaml

    schema = json.loads((SCHEMA_DIR / "document.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(to_yaml(corpus_doc)))


def test_attachments_and_unit_sources_are_in_the_contract() -> None:
    import json

    schema = json.loads((SCHEMA_DIR / "document.schema.json").read_text(encoding="utf-8"))
    assert "attachments" in schema["properties"]
    unit = schema["$defs"]["ResponsibleUnit"]["properties"]
    assert set(unit["source"]["enum"]) == {"tag", "subject", "table", "section"}
    assert set(unit["role"]["enum"]) == {"lead", "support"}
