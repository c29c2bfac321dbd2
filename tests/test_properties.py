"""Invariants of parsing, on arbitrary text (hypothesis) and on every corpus document."""

from __future__ import annotations

import contextlib
import itertools

import yaml
from hypothesis import given
from hypothesis import strategies as st

from policydiff import parse_text
from policydiff.models import Document, Span
from policydiff.normalize import _WS, normalize
from policydiff.read import LINE_BREAK, Source
from policydiff.render import to_yaml

# Characters that make up numbering, sentences, chrome and layout, plus anything else unicode has.
_PLAN_ALPHABET = list(
    "一二三四五六七八九十是第章节条、（）()1234567890.．。，；：:;,"
    " \n\r\t\u3000责任单位附件抄送特此到年达到%①②③岁以下区县市民政局的和发展推进•[]分享文章到"
)
plan_text = st.text(
    alphabet=st.one_of(st.sampled_from(_PLAN_ALPHABET), st.characters(codec="utf-8")), max_size=400
)


def _spans(doc: Document) -> list[Span]:
    spans = [m.span for m in doc.walk_all()]
    blocks = [doc.preamble, doc.back_matter]
    for a in doc.attachments:
        blocks += [a.preamble, a.back_matter]
    spans += [b.span for b in blocks if b is not None and b.span is not None]
    return spans


def check_invariants(doc: Document, source: str) -> None:
    spans = _spans(doc)
    for s in spans + [k.span for k in doc.skipped]:
        assert 0 <= s.start < s.end <= len(source)
        assert 1 <= s.line <= s.end_line <= len(LINE_BREAK.findall(source)) + 1
        assert len(LINE_BREAK.findall(source, 0, s.start)) + 1 == s.line
    # measures, preamble and back matter never overlap
    ordered = sorted(spans, key=lambda s: s.start)
    for a, b in itertools.pairwise(ordered):
        assert a.end <= b.start, (a, b)
    # no text silently lost: every visible character is in a part of the document or reported skipped
    covered = bytearray(len(source))
    for s in spans + [k.span for k in doc.skipped]:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    lost = [(i, c) for i, c in enumerate(source) if not covered[i] and not (c.isspace() or c in _WS)]
    assert not lost, lost[:10]
    for a in doc.attachments:
        assert all(m.path[0] == a.label for m in a.walk())
    for m in doc.walk_all():
        assert m.path[-1] == m.label
        assert all(c.path[:-1] == m.path for c in m.children)


@given(plan_text)
def test_parsing_arbitrary_text_never_fails_and_keeps_invariants(text: str) -> None:
    doc = parse_text(text)
    check_invariants(doc, text)


def test_corpus_documents_keep_invariants(corpus_doc: Document) -> None:
    from policydiff import corpus

    source = corpus.get(corpus_doc.document.id).path.read_text(encoding="utf-8")
    check_invariants(corpus_doc, source)


def test_yaml_round_trips_to_the_same_model(corpus_doc: Document) -> None:
    again = Document.model_validate(yaml.safe_load(to_yaml(corpus_doc)))
    assert again == corpus_doc


def test_normalizing_twice_changes_nothing(corpus_doc: Document) -> None:
    from policydiff import corpus

    raw = corpus.get(corpus_doc.document.id).path.read_text(encoding="utf-8")
    once = normalize(Source(raw, "utf-8", "x")).text
    assert normalize(Source(once, "utf-8", "x")).text == once


@given(plan_text)
def test_yaml_of_arbitrary_text_round_trips(text: str) -> None:
    doc = parse_text(text)
    assert Document.model_validate(yaml.safe_load(to_yaml(doc))) == doc


def test_yaml_quotes_what_other_readers_would_not_read_as_text() -> None:
    import re

    from policydiff.render import to_yaml as dump

    doc = parse_text("一、任务\n（一）y\n（二）1e3\n（三）0o17\n（四）甲\x85乙\n")
    out = dump(doc)
    for value in ("y", "1e3", "0o17"):
        assert re.search(rf"text: '{value}'", out)
    assert "\x85" not in out and "\\N" in out


@given(st.binary(max_size=600))
def test_reading_arbitrary_bytes_gives_a_document_or_one_clear_error(data: bytes) -> None:
    from policydiff import InputError, parse_bytes

    try:
        doc = parse_bytes(data, doc_id="fuzz")
    except InputError as exc:
        assert str(exc).startswith("fuzz: ") and "\n" not in str(exc)
    else:
        assert isinstance(doc, Document)


_MARKUP = st.text(alphabet=st.sampled_from(list("<>/pdivlitrbody一、（）1.任务达到%\n ")), max_size=300)


@given(_MARKUP)
def test_reading_arbitrary_markup_never_crashes(markup: str) -> None:
    from policydiff import InputError, parse_bytes

    with contextlib.suppress(InputError):
        parse_bytes(("<html><body>" + markup).encode(), doc_id="page")


@given(plan_text)
def test_a_plain_plan_loses_no_line_to_chrome_rules(text: str) -> None:
    from policydiff.normalize import _chrome

    strong, _, tail = _chrome()
    if any(p.search(line.strip()) for line in text.splitlines() for p in (*strong, *tail)):
        return  # marked as a scraped page: chrome may be dropped there
    assert parse_text(text).skipped == []


_MARKDOWN = st.text(alphabet=st.sampled_from(list("#*_- \n一二、（）1.任务指导思想达到%。")), max_size=300)


@given(_MARKDOWN)
def test_markdown_marks_keep_the_invariants(text: str) -> None:
    """Heading marks, emphasis and rules anywhere: the parse keeps every invariant (marks are skipped)."""
    check_invariants(parse_text(text), text)
