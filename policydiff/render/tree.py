"""The measures tree as a rich renderable (label, heading, line; optional detail lines)."""

from __future__ import annotations

from rich.text import Text as RichText
from rich.tree import Tree

from ..models import Document, Measure
from . import scrub
from .quantities import value_text

_EXCERPT = 28


def document_tree(doc: Document) -> Tree:
    """A rich Tree of the document's measures; the caller decides where to print it."""
    doc = scrub(doc)
    info = doc.document
    title = info.title or info.id
    head = RichText(title, style="bold")
    head.append(f"  [{info.status}] {sum(1 for _ in doc.walk())} measures", style="dim")
    root = Tree(head)
    for m in doc.measures:
        _add(root, m)
    for a in doc.attachments:
        node = root.add(RichText(f"{a.label} {a.title or ''}  L{a.span.line}", style="bold magenta"))
        for m in a.measures:
            _add(node, m)
    return root


def _add(parent: Tree, m: Measure) -> None:
    label = RichText(m.label, style="bold cyan")
    label.append(" ")
    if m.heading:
        label.append(m.heading)
    else:
        first = m.text.replace("\n", " ")
        label.append(first[:_EXCERPT] + ("…" if len(first) > _EXCERPT else ""), style="italic")
    label.append(f"  L{m.span.line}", style="dim")
    node = parent.add(label)
    for q in m.targets:
        line = RichText("◎ ", style="green")
        line.append(
            f"{q.year or '—'} {q.indicator or '?'} {value_text(q.comparator, q.value, q.value_max, q.unit)}"
        )
        node.add(line)
    if m.responsible_units:
        names = "、".join(u.name + ("（牵头）" if u.role == "lead" else "") for u in m.responsible_units)
        scope = " (for the group above)" if m.responsible_units[0].scope == "group" else ""
        node.add(RichText(f"责任单位 {names}{scope}", style="dim"))
    for c in m.children:
        _add(node, c)
