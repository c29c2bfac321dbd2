"""read: bytes → Source. Detects the encoding (UTF-8, UTF-8/UTF-16 with BOM, GB18030/GBK); never asks."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

#: A plan is tens of kilobytes; anything this large is almost certainly not one (and would be slow).
MAX_BYTES = 20 * 1024 * 1024

#: What counts as a line break when numbering lines: CRLF, LF, or a lone CR (old Mac files).
LINE_BREAK = re.compile(r"\r\n|\r|\n")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Source:
    """A decoded document. `text` keeps the original line endings, so offsets into it are real."""

    text: str
    encoding: str
    name: str  # file path or corpus id as the user gave it

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return len(LINE_BREAK.findall(self.text, 0, max(0, offset))) + 1


def read_path(path: str | os.PathLike[str], *, name: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read and decode a file, raising InputError with an actionable message on any problem."""
    p = Path(path)
    label = name or str(path)
    if not p.exists():
        raise InputError(
            f"{label}: no such file (give a path to a .txt plan or a corpus id; see `policydiff corpus`)"
        )
    if p.is_dir():
        raise InputError(f"{label}: is a directory, not a file")
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"{label}: file is {size / 1048576:.1f} MB, larger than the {max_bytes // 1048576} MB limit for a plan; "
            "split it or check that it is the right file"
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{label}: cannot read file ({exc.strerror or exc})") from exc
    return decode(data, name=label)


def decode(data: bytes, *, name: str = "<bytes>") -> Source:
    """Decode bytes of a text plan; BOMs first, then strict UTF-8, then GB18030 (a superset of GBK)."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc), enc, name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {enc} byte-order mark but is not valid {enc}"
                ) from exc
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not a text plan")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return _checked(text, enc, name)
    raise InputError(
        f"{name}: cannot decode as UTF-8 or GB18030/GBK; convert it to UTF-8 (e.g. `iconv -f BIG5 -t UTF-8`)"
    )


def _checked(text: str, encoding: str, name: str) -> Source:
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    if _looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not a text plan (decoded as {encoding})")
    return Source(text=text, encoding=encoding, name=name)


def _looks_binary(text: str) -> bool:
    # GB18030 decodes almost any byte string, so "it decoded" proves little: random bytes come out as
    # control characters, private-use and rare symbols. Real plans are mostly CJK, ASCII and punctuation.
    sample = text[:20000]
    odd = 0
    for ch in sample:
        if ch in "\n\r\t":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Co", "Cs", "Cn") or ch == "\ufffd":
            odd += 1
    return odd > max(2, len(sample) // 50)
