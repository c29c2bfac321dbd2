from __future__ import annotations

import os
from functools import cache

import pytest
from hypothesis import HealthCheck, settings

import policydiff
from policydiff import corpus
from policydiff.models import Document

# Property tests: a quick profile for every run, a long one on purpose:
#   POLICYDIFF_FUZZ=1 .venv/bin/pytest tests/test_properties.py tests/test_formats.py
settings.register_profile(
    "default", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("fuzz" if os.environ.get("POLICYDIFF_FUZZ") else "default")

CORPUS_IDS = [e.id for e in corpus.entries()]


@cache
def parsed(doc_id: str) -> Document:
    return policydiff.parse(doc_id)


@pytest.fixture(params=CORPUS_IDS)
def corpus_doc(request: pytest.FixtureRequest) -> Document:
    return parsed(request.param)
