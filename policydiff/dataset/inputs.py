"""Which files an export reads: files as given, folders walked recursively for the formats policydiff
reads, glob patterns expanded (also ** for any depth), corpus ids resolved."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from .. import corpus
from ..errors import InputError

# what a folder walk picks up; a file named explicitly is read whatever its extension
PLAN_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".shtml", ".docx", ".pdf", ".doc"})


@dataclass(frozen=True)
class Input:
    key: str  # the stable key of the document: the path as given, / separators
    path: Path
    doc_id: str  # corpus id or the file name without extension


def discover(refs: list[str]) -> list[Input]:
    """The inputs named by files, folders, globs and corpus ids, each once, in a stable order
    (as given, folders sorted). Raises InputError for a name that matches nothing."""
    out: list[Input] = []
    seen: set[Path] = set()

    def add(path: Path, key: str, doc_id: str | None = None) -> None:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            out.append(Input(key=key, path=path, doc_id=doc_id or path.stem))

    for ref in refs:
        p = Path(ref)
        if p.is_dir():
            for f in _walk(p):
                add(f, f.as_posix())
        elif p.exists():
            add(p, p.as_posix())
        elif glob.has_magic(ref):
            hits = sorted(glob.glob(ref, recursive=True))
            files = [Path(h) for h in hits if Path(h).is_file()]
            for d in (Path(h) for h in hits if Path(h).is_dir()):
                files.extend(_walk(d))
            if not files:
                raise InputError(f"{ref}: matches no file")
            for f in files:
                add(f, f.as_posix())
        else:
            path, doc_id = corpus.resolve(ref)  # a corpus id, else InputError: no such file
            add(path, doc_id, doc_id)
    return out


def _walk(folder: Path) -> list[Path]:
    """Plan files under a folder, hidden files and folders left out, in sorted order."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in PLAN_SUFFIXES:
                found.append(Path(root) / name)
    return found
