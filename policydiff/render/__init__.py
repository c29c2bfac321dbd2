"""render: report objects → text. The only place that formats; nothing here prints."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel
from rich.table import Table
from rich.text import Text as RichText


class _Dumper(yaml.SafeDumper):
    pass


# plain scalars that other YAML readers (1.1: y/n; 1.2: 0o17, 1e3) take for booleans or numbers
_AMBIGUOUS = re.compile(r"^([yYnN]|[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|\d+(\.\d*)?[eE][-+]?\d+|\.inf|\.nan))$")
# characters a reader takes as line breaks inside a quoted scalar: written escaped
_BREAKS = re.compile("[\x85\u2028\u2029]")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _BREAKS.search(value):
        style: str | None = '"'  # double quotes escape them (\N, \L, \P)
    elif "\n" in value:
        style = "|"  # multi-line texts as literal blocks, so the YAML reads like the plan
    elif _AMBIGUOUS.match(value):
        style = "'"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def plain(model: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    """The model as JSON-compatible data, with field aliases (e.g. `schema`)."""
    return model.model_dump(mode="json", by_alias=True, exclude=exclude)


def to_yaml(model: BaseModel, exclude: set[str] | None = None) -> str:
    """YAML of a model: UTF-8 characters as written, keys in model order, no line folding."""
    data = plain(model, exclude)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=2**31 - 1)


def to_json(model: BaseModel, exclude: set[str] | None = None) -> str:
    return json.dumps(plain(model, exclude), ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """CSV that Excel and WPS open with Chinese intact: UTF-8 with a BOM, CRLF line ends, the header
    row always (also with no rows). Text cells that a spreadsheet would run as a formula are
    neutralized as OWASP recommends: a leading ' before = + - @ tab or CR (full-width ＝＋－＠ too)."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return "\ufeff" + buf.getvalue()


# what a spreadsheet runs as a formula when a cell starts with it (OWASP CSV injection)
FORMULA_START = tuple("=+-@\t\r＝＋－＠")


def _cell(v: Any) -> Any:
    if isinstance(v, list):
        v = "/".join(str(x) for x in v)
    if v is None:
        return ""
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def to_jsonl(rows: list[dict[str, Any]]) -> str:
    """JSON Lines: one object a line, UTF-8 as written."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


class MD(str):
    """Text that is already Markdown (our own ~~deleted~~ / **inserted** marks around escaped text)."""


_MD_SPECIAL = re.compile(r"([\\`*_~\[\]#|!])")


def md_escape(s: str) -> str:
    """Document text made inert in Markdown: raw HTML cannot open (< > &), and *, _, ~, `, [ ], #, |
    cannot forge emphasis, strike-through (a fake deletion), links or table cells."""
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", s)


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Lines of a GitHub Markdown table; every cell escaped (document text made inert, a newline
    written <br>), except cells already marked up as MD."""

    def cell(s: str) -> str:
        return (s if isinstance(s, MD) else md_escape(s)).replace("\n", "<br>")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]


def number(value: float) -> str:
    """65.0 → 65, 4.5 → 4.5, 8170000.0 → 8170000 (never exponent notation)."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


# Control characters of document text: in a terminal an ESC sequence could clear the screen or hide a
# dropped target (\x1b[8m); XML (Word) cannot carry most C0 characters at all. Both show U+FFFD.
TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_M = TypeVar("_M", bound=BaseModel)


def scrub(model: _M, unsafe: re.Pattern[str] = TERMINAL_UNSAFE) -> _M:
    """A copy of a report or document whose strings carry no control characters (U+FFFD instead)."""

    def clean(v: Any) -> Any:
        if isinstance(v, str):
            return unsafe.sub("\ufffd", v)
        if isinstance(v, list):
            return [clean(x) for x in v]
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        return v

    return type(model).model_validate(clean(model.model_dump(by_alias=True)))


class PlainTable(Table):
    """A rich Table whose string cells are plain text: "[/b]" or "[link=…]" in a plan is text, never
    Rich markup (which would crash on [/b] and swallow [x])."""

    def add_row(self, *renderables: Any, **kwargs: Any) -> None:
        super().add_row(*(RichText(r) if isinstance(r, str) else r for r in renderables), **kwargs)
