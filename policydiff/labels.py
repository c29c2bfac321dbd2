"""The numbering grammar: which strings can open a measure, their style, number and normalized label.

Matching here only says "this looks like a label"; structure.py decides, from context and from the
sequence of numbers, which of these really open a measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import CIRCLED, cn_to_int, int_to_cn

_CN = "[一二三四五六七八九十]{1,3}"

# Conventional rank, outermost first. A new level normally nests below the current one.
STYLES = (
    "heading",  # an unnumbered section heading (总体要求, 名词解释) over numbered items: outermost
    "part",
    "chapter",
    "section",
    "article",
    "cn",
    "paren_cn",
    "arabic",
    "paren_arabic",
    "circled",
    "cn_shi",
)
RANK = {s: i for i, s in enumerate(STYLES)}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"第({_CN}|\d{{1,2}})(部分|篇|编)")),
    ("chapter", re.compile(rf"第({_CN}|\d{{1,2}})章")),
    ("section", re.compile(rf"第({_CN}|\d{{1,2}})节")),
    # 第十条之一: an article inserted by an amendment after 第十条, numbered without renumbering the rest
    ("article", re.compile(rf"第({_CN}|\d{{1,3}})条(?:之({_CN}))?")),
    # 一、 (also 一. / 一．), never 一.5
    ("cn", re.compile(rf"({_CN})(?:、|[.．](?!\d))")),
    # （一）, and 一） whose opening bracket was lost (allowed only where a paragraph starts)
    ("paren_cn", re.compile(rf"(（?)({_CN})）")),
    # 1. 1、 1． but not 1.24 or 2025.
    ("arabic", re.compile(r"(\d{1,2})(?:、|[.．](?![\d.]))")),
    ("paren_arabic", re.compile(r"(（?)(\d{1,2})）")),
    ("circled", re.compile(f"([{CIRCLED}])")),
    ("cn_shi", re.compile(rf"({_CN})是(?=[\u4e00-\u9fff“《])")),
]


@dataclass(frozen=True)
class LabelMatch:
    style: str
    number: int
    label: str  # normalized
    start: int
    end: int  # end of the label (and of any spaces after it)
    damaged: bool = False  # a bracket was lost: only credible at the start of a paragraph
    sub: int = 0  # 第十条之二 → number 10, sub 2


def match_label(text: str, pos: int) -> LabelMatch | None:
    """The label that starts exactly at `pos`, if any (text is normalized: brackets are full width)."""
    for style, pat in _PATTERNS:
        m = pat.match(text, pos)
        if not m:
            continue
        damaged = False
        if style in ("paren_cn", "paren_arabic"):
            damaged = m.group(1) == ""
            raw = m.group(2)
        else:
            raw = m.group(1)
        if style == "circled":
            number = CIRCLED.index(raw) + 1
        else:
            n = int(raw) if raw.isdigit() else cn_to_int(raw)
            if n is None or n == 0:
                continue
            number = n
        end = m.end()
        bare = end >= len(text) or text[end] == "\n"
        # a bare bracketed label or chapter can be a heading line with its text below; a bare 一、 is not
        if bare and style not in ("paren_cn", "paren_arabic", "part", "chapter", "section"):
            continue
        # 第一章 / 第1条 / 第一篇 stay as written; the others take one normalized form
        label = (
            m.group(0)
            if style in ("part", "chapter", "section", "article")
            else normalize_label(style, number)
        )
        sub = cn_to_int(m.group(2)) or 0 if style == "article" and m.group(2) else 0
        return LabelMatch(style, number, label, pos, end, damaged, sub)
    return None


def normalize_label(style: str, number: int) -> str:
    """The one written form of a list label (chapters and articles keep theirs, see match_label)."""
    cn = int_to_cn(number)
    return {
        "cn": cn,
        "paren_cn": f"（{cn}）",
        "arabic": str(number),
        "paren_arabic": f"（{number}）",
        "circled": CIRCLED[number - 1] if 0 < number <= len(CIRCLED) else str(number),
        "cn_shi": f"{cn}是",
    }[style]


def looks_like_label_start(line: str) -> bool:
    """True when a line (already stripped) begins with something that may be a label."""
    return bool(line) and match_label(_fold_brackets(line[:12]), 0) is not None


def _fold_brackets(s: str) -> str:
    return s.replace("(", "（").replace(")", "）")
