"""The measure trees of the corpus documents, pinned as golden files (tests/data/trees/<id>.tsv).

Each line: path (labels joined by /), heading, first line in the source. Every line was checked by
reading the source text. After a deliberate parser change, regenerate with
    POLICYDIFF_REGENERATE=1 .venv/bin/pytest tests/test_golden_trees.py
and review the diff of tests/data/trees/ before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import CORPUS_IDS, parsed

TREES = Path(__file__).parent / "data" / "trees"


def tree_lines(doc_id: str) -> str:
    doc = parsed(doc_id)
    return "".join(f"{'/'.join(m.path)}\t{m.heading or ''}\t{m.span.line}\n" for m in doc.walk())


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def test_tree_matches_golden(doc_id: str) -> None:
    path = TREES / f"{doc_id}.tsv"
    got = tree_lines(doc_id)
    if os.environ.get("POLICYDIFF_REGENERATE"):
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with POLICYDIFF_REGENERATE=1 and review it"
    assert got == path.read_text(encoding="utf-8")


def test_every_corpus_document_has_a_golden_tree() -> None:
    assert sorted(p.stem for p in TREES.glob("*.tsv")) == sorted(CORPUS_IDS)
