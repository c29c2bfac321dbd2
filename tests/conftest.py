from __future__ import annotations

from functools import cache

import pytest

import policydiff
from policydiff import corpus
from policydiff.models import Document

CORPUS_IDS = [e.id for e in corpus.entries()]


@cache
def parsed(doc_id: str) -> Document:
    return policydiff.parse(doc_id)


@pytest.fixture(params=CORPUS_IDS)
def corpus_doc(request: pytest.FixtureRequest) -> Document:
    return parsed(request.param)
