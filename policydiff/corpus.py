"""The built-in corpus: real plans kept byte for byte in corpus/, addressable by id wherever a path is."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError


@dataclass(frozen=True)
class CorpusEntry:
    id: str
    path: Path
    title: str | None
    level: str | None
    status: str | None
    date: str | None
    meta: dict[str, object]


def corpus_dir() -> Path:
    """$POLICYDIFF_CORPUS, else the corpus shipped in the package (an installed wheel), else corpus/
    at the top of a source checkout (editable install)."""
    env = os.environ.get("POLICYDIFF_CORPUS")
    if env:
        return Path(env)
    shipped = Path(str(resources.files("policydiff").joinpath("corpus_data")))
    if (shipped / "manifest.yaml").is_file():
        return shipped
    return Path(__file__).resolve().parent.parent / "corpus"


@lru_cache(maxsize=4)
def _load(directory: Path) -> tuple[CorpusEntry, ...]:
    manifest = directory / "manifest.yaml"
    if not manifest.is_file():
        return ()
    data = _lenient_yaml(manifest.read_text(encoding="utf-8"))
    out = []
    for d in data.get("documents", []):
        out.append(
            CorpusEntry(
                id=str(d["id"]),
                path=directory / str(d["file"]),
                title=d.get("title"),
                level=d.get("level"),
                status=d.get("status"),
                date=None if d.get("date") is None else str(d.get("date")),
                meta=dict(d),
            )
        )
    return tuple(out)


_PLAIN = re.compile(r"^(\s*(?:- )?[A-Za-z_]+:[ ]+)([^'\"\[{>|&*!#\s].*?)(\s+#.*)?$")


def _lenient_yaml(text: str) -> dict[str, Any]:
    """Load the manifest; it is kept byte for byte as received, and some of its plain values hold ": "
    (invalid YAML). When strict loading fails, such values are quoted and loading is retried."""
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError:
        pass
    fixed = []
    for line in text.splitlines():
        m = _PLAIN.match(line)
        if m and ": " in m.group(2):
            value = m.group(2).replace("'", "''")
            line = f"{m.group(1)}'{value}'{m.group(3) or ''}"
        fixed.append(line)
    try:
        return yaml.safe_load("\n".join(fixed)) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"corpus manifest is not valid YAML: {exc}".splitlines()[0]) from exc


def entries() -> list[CorpusEntry]:
    """All documents of the corpus manifest, in manifest order."""
    return list(_load(corpus_dir()))


def get(doc_id: str) -> CorpusEntry | None:
    return next((e for e in entries() if e.id == doc_id), None)


def resolve(ref: str) -> tuple[Path, str]:
    """A path or corpus id → (path to read, document id). An existing path wins over an id."""
    p = Path(ref)
    if p.exists():
        return p, p.stem
    entry = get(ref)
    if entry is not None:
        return entry.path, entry.id
    known = ", ".join(e.id for e in entries()) or "none found"
    raise InputError(f"{ref}: no such file or corpus id (corpus ids: {known})")
