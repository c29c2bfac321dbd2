"""The output shapes of policydiff: pydantic models, the one source of truth for YAML, JSON and schemas/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DOCUMENT_SCHEMA = "policydiff/document/v1"

Status = Literal["draft", "final", "reply", "unknown"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """A range of the ORIGINAL file: character offsets [start, end) and 1-based first and last line."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    end_line: int = Field(ge=1)


class DocumentInfo(Model):
    id: str = Field(description="Corpus id, or the file name without extension")
    source: str = Field(description="The path or corpus id the document was read from")
    encoding: str = Field(description="Encoding the file was decoded with")
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = Field(default=None, description="As written, e.g. 2025年7月22日")
    status: Status = "unknown"


class Block(Model):
    """Unnumbered text kept with its place: the preamble before the first measure, back matter after."""

    text: str
    span: Span | None = None


class Skipped(Model):
    """Original text deliberately left out of the document (web chrome), reported rather than dropped."""

    reason: str
    text: str
    span: Span


class Measure(Model):
    """A numbered item (措施) of the plan; `span` covers its label and own text, children excluded."""

    label: str = Field(description="Normalized label: 一, （一）, 1, （1）, ①, 一是, 第一章 …")
    path: list[str] = Field(description="Labels from the top level down to this measure")
    heading: str | None = Field(description="Title phrase (text up to the first 。 when that is short)")
    text: str = Field(description="The measure's own normalized text after its label, children excluded")
    span: Span
    children: list[Measure] = Field(default_factory=list)

    def walk(self) -> Iterator[Measure]:
        """This measure and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


class Document(Model):
    schema_: Literal["policydiff/document/v1"] = Field(default=DOCUMENT_SCHEMA, alias="schema")
    document: DocumentInfo
    preamble: Block
    measures: list[Measure] = Field(default_factory=list)
    back_matter: Block | None = Field(
        default=None, description="Text after the plan: attachments, signature, 抄送, contact lines"
    )
    skipped: list[Skipped] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def walk(self) -> Iterator[Measure]:
        """Every measure of the tree, depth first in document order."""
        for m in self.measures:
            yield from m.walk()

    def find(self, *path: str) -> Measure | None:
        """The measure with exactly this path, e.g. doc.find("二", "（一）")."""
        want = list(path)
        return next((m for m in self.walk() if m.path == want), None)
