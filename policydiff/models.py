"""The output shapes of policydiff: pydantic models, the one source of truth for YAML, JSON and schemas/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DOCUMENT_SCHEMA = "policydiff/document/v1"

Status = Literal["draft", "final", "reply", "unknown"]
Comparator = Literal[">=", ">", "=", "<=", "<"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Span(Model):
    """A range of the ORIGINAL file: character offsets [start, end) and 1-based first and last line."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    end_line: int = Field(ge=1)


class Reference(Model):
    """Another document cited by this one: 《title》 and/or its number (渝府办发〔2021〕90号)."""

    title: str | None
    doc_number: str | None


class DocumentInfo(Model):
    id: str = Field(description="Corpus id, or the file name without extension")
    source: str = Field(description="The path or corpus id the document was read from")
    format: Literal["txt", "html", "docx", "pdf", "doc"] = Field(
        default="txt",
        description="Input format, detected from the content; for html/docx/pdf/doc the spans "
        "point into the extracted text (`policydiff text FILE` prints it)",
    )
    encoding: str | None = Field(description="Encoding a text or HTML file was decoded with")
    notes: list[str] = Field(default_factory=list, description="What reading did: numbering recovered, …")
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = Field(default=None, description="As written, e.g. 2025年7月22日")
    status: Status = "unknown"
    references: list[Reference] = Field(default_factory=list)


class Block(Model):
    """Unnumbered text kept with its place: the preamble before the first measure, back matter after."""

    text: str
    span: Span | None = None
    targets: list[Target] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)


class Skipped(Model):
    """Original text deliberately left out of the document (web chrome), reported rather than dropped."""

    reason: str
    text: str
    span: Span


class ResponsibleUnit(Model):
    """A unit named in a 责任单位 / 牵头单位 clause."""

    name: str = Field(description="As written, e.g. 区民政局, 各乡镇（街道）")
    canonical: str = Field(description="Department without level prefix, synonyms folded: 民政局, 卫生健康委")
    level: Literal["省", "市", "区", "县", "镇街", "区县"] | None
    role: Literal["lead", "support"] = Field(description="lead: marked 牵头; support: every other unit")
    source: Literal["tag", "subject", "table", "section"] = Field(
        default="tag",
        description="Where it was found: a 责任单位/牵头 tag, the acting subject of a sentence (plans "
        "without tags), a task table (任务分工表), or a 职责分工 section named after the unit",
    )
    scope: Literal["measure", "group"] = Field(
        default="measure",
        description="group: written once on its own line after the last of this measure's sub-items, "
        "none of which names units: it covers them all",
    )


class Quantity(Model):
    year: int | None = Field(description="Target year (到2027年) or the year a figure refers to")
    indicator: str | None = Field(description="What is measured, as written: 护理型床位占比")
    verb: str | None = Field(description="As written: 达到, 不低于, 力争…达到, 以上 …")
    comparator: Comparator | None
    value: float
    value_max: float | None = Field(default=None, description="Upper end of a range (20至30平方米)")
    unit: str | None = Field(description="%, 张, 个, 万人, 元/年·人, … as written")
    text: str = Field(description="The clause, quoted from the normalized text")
    span: Span


class Target(Quantity):
    """A forward-looking quantitative statement (目标) or a binding standard."""

    kind: Literal["target"] = "target"


class Fact(Quantity):
    """A present or past figure: baseline (背景, 现状) or achieved (成效 in a report)."""

    kind: Literal["baseline", "achieved"]


class IndicatorRow(Model):
    """A row of an indicator table (主要指标 appendix); cells as written plus parsed numbers."""

    no: str | None
    indicator: str
    baseline: str | None = Field(description="Cell as written")
    baseline_year: int | None
    baseline_value: float | None
    target: str | None = Field(description="Cell as written")
    target_year: int | None
    target_value: float | None
    target_comparator: Comparator | None
    unit: str | None
    nature: str | None = Field(description="约束性 / 预期性")
    unit_owner: str | None = Field(description="责任单位 cell as written")
    span: Span


class Measure(Model):
    """A numbered item (措施) of the plan; `span` covers its label and own text, children excluded."""

    label: str = Field(description="Normalized label: 一, （一）, 1, （1）, ①, 一是, 第一章 …")
    path: list[str] = Field(description="Labels from the top level down to this measure")
    heading: str | None = Field(description="Title phrase (text up to the first 。 when that is short)")
    text: str = Field(description="The measure's own normalized text after its label, children excluded")
    span: Span
    responsible_units: list[ResponsibleUnit] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    children: list[Measure] = Field(default_factory=list)

    def walk(self) -> Iterator[Measure]:
        """This measure and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


class Attachment(Model):
    """An attachment (附件N) after the plan: its title, text before its first item, its own numbered
    measures (paths start with the attachment's label, e.g. ["附件2", "一"]) and any text after them."""

    label: str = Field(description="As written without spaces: 附件2, 附件, 附表1")
    title: str | None = Field(description="The attachment's title line")
    span: Span
    preamble: Block = Field(description="The 附件 line, the title and any text before the first measure")
    measures: list[Measure] = Field(default_factory=list)
    back_matter: Block | None = None

    def walk(self) -> Iterator[Measure]:
        for m in self.measures:
            yield from m.walk()


class Document(Model):
    schema_: Literal["policydiff/document/v1"] = Field(default="policydiff/document/v1", alias="schema")
    document: DocumentInfo
    preamble: Block
    measures: list[Measure] = Field(default_factory=list)
    back_matter: Block | None = Field(
        default=None, description="Text after the plan: attachments, signature, 抄送, contact lines"
    )
    attachments: list[Attachment] = Field(
        default_factory=list,
        description="附件 after the plan, each with its own measures; not part of `measures`",
    )
    indicators: list[IndicatorRow] = Field(default_factory=list, description="Rows of indicator tables")
    skipped: list[Skipped] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    def walk(self) -> Iterator[Measure]:
        """Every measure of the tree, depth first in document order."""
        for m in self.measures:
            yield from m.walk()

    def walk_all(self) -> Iterator[Measure]:
        """The plan's measures, then those of each attachment."""
        yield from self.walk()
        for a in self.attachments:
            yield from a.walk()

    def find(self, *path: str) -> Measure | None:
        """The measure with exactly this path, e.g. doc.find("二", "（一）") or doc.find("附件2", "一")."""
        want = list(path)
        return next((m for m in self.walk_all() if m.path == want), None)


TARGETS_SCHEMA = "policydiff/targets/v1"


class QuantityTable(Model):
    schema_: Literal["policydiff/targets/v1"] = Field(default="policydiff/targets/v1", alias="schema")
    rows: list[QuantityRow] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


DIFF_SCHEMA = "policydiff/diff/v1"

MeasureStatus = Literal["unchanged", "renumbered", "modified", "added", "removed", "moved", "split", "merged"]


class DocRef(Model):
    id: str
    title: str | None
    status: Status
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None


class Edit(Model):
    """A word-level change inside a measure: delete / insert / replace, old and new words as written."""

    op: Literal["delete", "insert", "replace"]
    old: str | None
    new: str | None
    sentence: bool = Field(default=False, description="A whole sentence was deleted or inserted")
    old_at: int = Field(description="Offset of the edit in the old text with whitespace removed")
    new_at: int = Field(description="Offset of the edit in the new text with whitespace removed")


class MeasureChange(Model):
    status: MeasureStatus
    old: list[str] | None = Field(description="Path in the old document (null when added)")
    new: list[str] | None = Field(description="Path in the new document (null when removed)")
    old_heading: str | None = None
    new_heading: str | None = None
    old_line: int | None = None
    new_line: int | None = None
    similarity: float = Field(description="0–1, character similarity of the two texts")
    renumbered: bool = False
    parts: list[list[str]] = Field(
        default_factory=list, description="split: all new paths of the old measure; merged: all old paths"
    )
    edits: list[Edit] = Field(default_factory=list)
    old_text: str | None = None
    new_text: str | None = None


class TargetRef(Model):
    """A target as the diff reports it: where it stands and what it says."""

    path: list[str]
    year: int | None
    indicator: str | None
    verb: str | None
    comparator: Comparator | None
    value: float
    value_max: float | None
    unit: str | None
    text: str
    line: int

    @classmethod
    def of(cls, path: list[str], q: Quantity) -> dict[str, object]:
        """The fields of a located quantity, for this model or any that shares them (QuantityRow)."""
        return {
            "path": path,
            **q.model_dump(
                include={"year", "indicator", "verb", "comparator", "value", "value_max", "unit", "text"}
            ),
            "line": q.span.line,
        }


class QuantityRow(TargetRef):
    """One target or fact with the document it belongs to (the `targets` command)."""

    doc: str
    kind: Literal["target", "baseline", "achieved"]


class DroppedTarget(TargetRef):
    still_mentioned: bool = Field(
        default=False, description="The new counterpart still names the indicator, without this number"
    )


class TargetChange(Model):
    old: TargetRef
    new: TargetRef
    fields: list[Literal["year", "value", "value_max", "comparator", "unit", "verb", "indicator"]]
    softened: bool = Field(default=False, description="达到 became 力争…, or the comparator weakened")


class KeptTarget(Model):
    old: TargetRef
    new: TargetRef


class TargetDiff(Model):
    dropped: list[DroppedTarget] = Field(default_factory=list)
    changed: list[TargetChange] = Field(default_factory=list)
    added: list[TargetRef] = Field(default_factory=list)
    kept: list[KeptTarget] = Field(default_factory=list)


class UnitChange(Model):
    path: list[str]
    units: list[str] = Field(description="Names as written")


class UnitDiff(Model):
    dropped: list[UnitChange] = Field(default_factory=list)
    added: list[UnitChange] = Field(default_factory=list)


class DiffSummary(Model):
    measures: dict[str, int] = Field(
        description="unchanged, renumbered (same text, new label), modified, added, removed, moved, split, "
        "merged; a split or merge counts each of its pieces"
    )
    targets: dict[str, int] = Field(description="kept, changed, dropped, added")
    units: dict[str, int] = Field(description="measures whose units were dropped / added")


class Substitution(Model):
    """The same replacement made in several measures (a term replaced throughout, 市级 → 区级), listed
    once; each edit also stays in its measure's `edits`."""

    old: str
    new: str
    count: int = Field(description="Measures in which the replacement was made")
    places: list[list[str]] = Field(description="New paths of those measures, in document order")


class DiffReport(Model):
    schema_: Literal["policydiff/diff/v1"] = Field(default="policydiff/diff/v1", alias="schema")
    old: DocRef
    new: DocRef
    summary: DiffSummary
    measures: list[MeasureChange] = Field(default_factory=list)
    substitutions: list[Substitution] = Field(
        default_factory=list, description="Replacements made in several measures, most frequent first"
    )
    targets: TargetDiff = Field(default_factory=TargetDiff)
    units: UnitDiff = Field(default_factory=UnitDiff)
    notes: list[str] = Field(default_factory=list, description="Bounds that were hit, anything degraded")

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    @property
    def has_differences(self) -> bool:
        s = self.summary
        return (
            sum(v for k, v in s.measures.items() if k != "unchanged") > 0
            or any(v for k, v in s.targets.items() if k != "kept")
            or any(s.units.values())
        )


COMPARE_SCHEMA = "policydiff/compare/v1"

Level = Literal["province", "municipal", "city", "district", "county"]


class ComparedDoc(Model):
    id: str
    title: str | None
    level: Level | None = Field(description="From the corpus manifest, else read off the title or issuer")
    jurisdiction: str | None = Field(description="e.g. 重庆市合川区; a parent's jurisdiction is a prefix")


class Counterpart(Model):
    path: list[str]
    heading: str | None
    score: float = Field(description="0–1, weighted word similarity (see compare.py)")
    units: list[str] = Field(default_factory=list, description="Canonical departments of the counterpart")


class MeasureMatch(Model):
    doc: str
    path: list[str]
    heading: str | None
    units: list[str] = Field(default_factory=list, description="Canonical departments of this measure")
    counterparts: dict[str, list[Counterpart]] = Field(
        description="Per other document, best first; [] = none"
    )


class Uncovered(Model):
    path: list[str]
    heading: str | None


class Coverage(Model):
    doc: str
    leaves: int = Field(description="Leaf measures compared")
    matched: int = Field(description="Leaves with a counterpart in at least one other document")
    unmatched: list[Uncovered] = Field(default_factory=list)


class IndicatorValue(Model):
    doc: str
    level: Level | None
    path: list[str] = Field(description="Measure path; [] for the preamble; ['附表', no] for a table row")
    kind: Literal["target", "baseline", "achieved"]
    year: int | None
    comparator: Comparator | None
    value: float
    unit: str | None
    indicator: str | None = Field(description="As written in this document")
    text: str


class IndicatorGroup(Model):
    indicator: str = Field(description="Canonical name (data/indicators.yaml) or the most common wording")
    values: list[IndicatorValue]
    flags: list[str] = Field(default_factory=list, description="Lower level below its parent; units differ")


class CompareReport(Model):
    schema_: Literal["policydiff/compare/v1"] = Field(default="policydiff/compare/v1", alias="schema")
    documents: list[ComparedDoc]
    min_score: float
    matches: list[MeasureMatch] = Field(default_factory=list)
    coverage: list[Coverage] = Field(default_factory=list)
    indicators: list[IndicatorGroup] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


# --- related: which plans derive from which (policydiff related) ---


class Relative(Model):
    """A plan that shares measures with the plan at hand."""

    doc: str
    title: str | None
    date: str | None
    shared: int = Field(
        description="Measures of the plan with a sentence found (near-duplicate) in the relative"
    )
    share: float = Field(description="shared / the plan's measures")
    share_of_relative: float = Field(
        description="The relative's measures with a counterpart in the plan, as a share"
    )
    flow: Literal["from", "to"] | None = Field(
        description="from: the relative is older, the plan likely derives from it; to: the reverse; "
        "null when the dates do not say"
    )


class PlanRelatives(Model):
    """One plan's relatives, most shared measures first."""

    doc: str
    title: str | None
    date: str | None
    measures: int = Field(description="Measures with a sentence long enough to compare")
    unmatched: int = Field(description="Of those, measures none of whose sentences occurs in another plan")
    unmatched_measures: list[str] = Field(default_factory=list, description="Their keys (with --to only)")
    relatives: list[Relative] = Field(default_factory=list)


class RelatedReport(Model):
    """policydiff related: each plan's likely relatives in a set of plans."""

    schema_: Literal["policydiff/related/v1"] = Field(default="policydiff/related/v1", alias="schema")
    plans: list[PlanRelatives] = Field(default_factory=list)
    documents: int = Field(description="Plans compared")
    sentences: int = Field(description="Distinct sentences compared (numbers folded)")
    clusters: int = Field(description="Groups of near-duplicate sentences found in two plans or more")

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)
