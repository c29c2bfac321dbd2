"""render: report objects → text. The only place that formats; nothing here prints."""

from __future__ import annotations

import json
from typing import Any

import yaml
from pydantic import BaseModel


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # multi-line texts as literal blocks, so the YAML reads like the plan
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def plain(model: BaseModel) -> dict[str, Any]:
    """The model as JSON-compatible data, with field aliases (e.g. `schema`)."""
    return model.model_dump(mode="json", by_alias=True)


def to_yaml(model: BaseModel) -> str:
    """YAML of a model: UTF-8 characters as written, keys in model order, no line folding."""
    return yaml.dump(plain(model), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=2**31 - 1)


def to_json(model: BaseModel) -> str:
    return json.dumps(plain(model), ensure_ascii=False, indent=2) + "\n"
