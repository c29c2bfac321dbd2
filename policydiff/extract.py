"""extract: responsible units, targets and facts onto a parsed structure (in place)."""

from __future__ import annotations

import re

from .models import Measure
from .normalize import Text
from .structure import Structure
from .subjects import _is_body as is_body
from .subjects import acting_subjects
from .targets import ACHIEVED_SECTION, FACT_SECTION, GOAL_SECTION, Context, extract
from .units import _looks_like_unit as looks_like_unit
from .units import _unit as unit
from .units import find_clauses

_SECTION_UNIT = re.compile(r"[\u4e00-\u9fff（）()、]+")


def enrich(
    t: Text, s: Structure, *, status: str, doc_year: int | None, tables: list[tuple[int, int]] | None = None
) -> None:
    """Fill responsible_units, targets and facts of every measure and of the preamble."""
    headings = {tuple(m.path): m.heading or "" for m, _, _ in s.own}
    unit_lines: set[int] = set()  # ids of measures whose units stand on a line of their own
    year_after: dict[tuple[str, ...], int | None] = {}  # target year in force after a measure's own text
    breaks = tuple(sorted(s.title_breaks))
    for m, begin, end in s.own:
        above = " ".join(headings.get(tuple(m.path[: i + 1]), "") for i in range(len(m.path)))
        ctx = Context(
            fact_section=bool(FACT_SECTION.search(above)),
            achieved=status == "reply" or bool(ACHIEVED_SECTION.search(above)),
            doc_year=doc_year,
            breaks=breaks,
            goal_section=bool(GOAL_SECTION.search(above)),
            inherited_year=year_after.get(tuple(m.path[:-1])),
            tables=tuple(tables or ()),
        )
        m.targets, m.facts, year_after[tuple(m.path)] = extract(t, begin, end, ctx)
        for clause in find_clauses(t.text[begin:end]):
            m.responsible_units.extend(clause.units)
            if clause.own_line:
                unit_lines.add(id(m))
    for m, _, _ in s.own:
        # a 职责分工 section headed by a unit's name (一、区数据局): the unit of the section
        if not m.responsible_units and m.heading and m.heading == m.text.split("\n", 1)[0].rstrip("。：:"):
            name = m.heading.strip()
            if len(name) <= 20 and _SECTION_UNIT.fullmatch(name) and looks_like_unit(name) and is_body(name):
                m.responsible_units = [unit(name, "support", "section")]
    if status != "reply" and not any(m.responsible_units for m, _, _ in s.own):
        # a plan that writes no tag at all names its units as the subjects of its sentences (a
        # reply reports what was done: its subjects are not responsible for measures)
        for m, begin, end in s.own:
            m.responsible_units = acting_subjects(t.text[begin:end])
    _mark_group_scope(s.measures, unit_lines)
    a, b = s.preamble_range
    if b > a:
        ctx = Context(fact_section=True, achieved=status == "reply", doc_year=doc_year)
        s.preamble.targets, s.preamble.facts, _ = extract(t, a, b, ctx)


def _mark_group_scope(measures: list[Measure], unit_lines: set[int]) -> None:
    """Units written once for a group: a clause on its own line closing the last of several sub-items,
    none of which names units of its own, belongs to the item above them (scope=group)."""
    for m in measures:
        kids = m.children
        last = kids[-1] if kids else None
        if (
            last is not None
            and len(kids) > 1
            and id(last) in unit_lines
            and not m.responsible_units
            and not any(k.responsible_units for k in kids[:-1])
        ):
            m.responsible_units, last.responsible_units = last.responsible_units, []
            for u in m.responsible_units:
                u.scope = "group"
        _mark_group_scope(kids, unit_lines)
