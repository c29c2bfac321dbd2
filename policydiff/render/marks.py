"""Where the word edits of a measure fall in its text, for every renderer that marks them inline."""

from __future__ import annotations

from ..models import Edit, MeasureChange


def moved_pieces(edits: list[Edit]) -> set[str]:
    """Words deleted in one place and inserted in another within the same measure: moved, not changed."""
    deleted = {e.old for e in edits if e.op == "delete" and e.old and len(e.old) > 1}
    return deleted & {e.new for e in edits if e.op == "insert" and e.new and len(e.new) > 1}


def segments(m: MeasureChange, *, old: bool) -> list[tuple[str, str | None]]:
    """The old or new text of a measure cut at its edits: (segment, edited piece or None). Edit offsets
    count characters without whitespace; they are mapped back so line breaks stay where they were."""
    text = (m.old_text if old else m.new_text) or ""
    pieces = [(e.old_at, e.old) if old else (e.new_at, e.new) for e in m.edits]
    visible = [i for i, c in enumerate(text) if not c.isspace()]
    spans = sorted(
        (visible[at], visible[at + len(s) - 1] + 1, s)
        for at, s in pieces
        if s and at + len(s) <= len(visible)
    )
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, s in spans:
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], s))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out
