"""Sentences as units of copying: a plan's measure text cut at 。；！？ and line ends, numbers folded
to one sign, punctuation and spaces dropped, bracketed asides (unit tags, citations) left out — what
two plans share when one was written from the other (related, compare)."""

from __future__ import annotations

import re

MIN_CHARS = 12  # shorter sentences are headings or formulas (总体要求, 保障措施): no evidence of copying

_NOISE = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"[0-9０-９.．%％]+")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
# bracketed asides: unit tags （市民政局牵头，各区政府负责）, citations （《…条例》第五条）, notes — the same
# few words in every plan of a city, no evidence that one plan copied another
_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)|【[^【】]*】")


def fold(text: str) -> str:
    """The text as compared: numbers one sign, punctuation and spaces gone."""
    return _NOISE.sub("", _DIGITS.sub("#", text))


def sentences(text: str) -> list[str]:
    """The folded sentences of a measure's text, asides left out, that are long enough to compare."""
    parts = _SENTENCE_END.split(_ASIDE.sub("", text))
    return [f for f in (fold(p) for p in parts) if len(f) >= MIN_CHARS]
