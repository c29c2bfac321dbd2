"""read: bytes → Source. Detects the encoding (UTF-8, UTF-8/UTF-16 with BOM, GB18030/GBK); never asks."""

from __future__ import annotations

import codecs
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

#: A plan is tens of kilobytes; anything this large is almost certainly not one (and would be slow).
from .limits import MAX_BYTES

#: What counts as a line break when numbering lines: CRLF, LF, or a lone CR (old Mac files).
LINE_BREAK = re.compile(r"\r\n|\r|\n")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Source:
    """A decoded document. `text` keeps the original line endings, so offsets into it are real.
    For .docx, .pdf and .html inputs `text` is the extracted text, and spans point into it."""

    text: str
    encoding: str | None  # None for formats that are not plain text
    name: str  # file path or corpus id as the user gave it
    format: str = "txt"  # txt | html | docx | pdf
    notes: tuple[str, ...] = ()  # what reading did that a user should know (numbering recovered …)

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
    if not p.is_file():  # a FIFO would block forever, /dev/zero never ends
        raise InputError(
            f"{label}: is not a regular file (a device, pipe or socket); save the plan to a file"
        )
    too_big = InputError(
        f"{label}: file is larger than the {max_bytes // 1048576} MB limit for a plan; "
        "split it or check that it is the right file"
    )
    if p.stat().st_size > max_bytes:
        raise too_big
    try:
        with p.open("rb") as f:
            data = f.read(max_bytes + 1)  # whatever st_size said, never more than the limit
    except OSError as exc:
        raise InputError(f"{label}: cannot read file ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise too_big
    return read_bytes(data, name=label)


def sniff(data: bytes) -> str:
    """The format of a file from its first bytes, not its name: docx, zip, pdf, ole (.doc/.wps) or text."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    return "text"


def read_bytes(data: bytes, *, name: str = "<bytes>") -> Source:
    """Any supported input (.txt in any common encoding, .html, .docx, .pdf) → Source."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: more than the {MAX_BYTES // 1048576} MB limit for a plan")
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    kind = sniff(data)
    if kind == "docx":
        return _from_docx(data, name)
    if kind == "pdf":
        return _from_pdf(data, name)
    if kind == "ole":
        return _from_legacy_word(data, name)
    if kind == "zip":
        raise InputError(
            f"{name}: a ZIP archive but not a Word .docx; give the plan itself (.docx, .pdf, .html, .txt)"
        )
    source = decode(data, name=name)
    if _looks_html(source.text):
        from .read_html import html_text

        text = html_text(source.text)
        if text is None:
            raise InputError(
                f"{name}: an HTML page with no article text found; save the article itself as text"
            )
        return Source(text=text, encoding=source.encoding, name=name, format="html")
    return source


def _looks_html(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    declared = head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:65536].lower()
    return declared or ("<body" in head and "</" in head)


def _from_docx(data: bytes, name: str) -> Source:
    from .read_docx import DocxTooLarge, docx_text

    try:
        got = docx_text(data)
    except DocxTooLarge as exc:
        raise InputError(f"{name}: the Word file {exc}; is it the right file?") from exc
    except Exception as exc:  # python-docx and zipfile raise many types on damaged files
        raise InputError(
            f"{name}: cannot read as a Word .docx (damaged or truncated?): {_short(exc)}"
        ) from exc
    if not got.text.strip():
        raise InputError(f"{name}: the Word file has no body text")
    return Source(text=got.text, encoding=None, name=name, format="docx", notes=tuple(got.notes))


def _from_pdf(data: bytes, name: str) -> Source:
    from .read_pdf import pdf_text

    try:
        got = pdf_text(data)
    except Exception as exc:  # pdfminer raises many types on damaged files
        raise InputError(f"{name}: cannot read as a PDF (damaged or truncated?): {_short(exc)}") from exc
    if len("".join(got.text.split())) < 20:
        raise InputError(
            f"{name}: the PDF has no text layer ({got.pages} pages, a scan?); run OCR first, "
            "e.g. `ocrmypdf --language chi_sim in.pdf out.pdf`"
        )
    return Source(text=got.text, encoding=None, name=name, format="pdf", notes=tuple(got.notes))


def _from_legacy_word(data: bytes, name: str) -> Source:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(
            f"{name}: a legacy Word/WPS file (.doc/.wps); convert it to .docx first: "
            f"soffice --headless --convert-to docx {name}"
        )
    with tempfile.TemporaryDirectory(prefix="policydiff-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        try:
            subprocess.run(
                [soffice, "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                capture_output=True,
                timeout=120,
                check=True,
            )
            converted = (Path(tmp) / "input.docx").read_bytes()
        except (OSError, subprocess.SubprocessError) as exc:
            raise InputError(
                f"{name}: LibreOffice could not convert this .doc/.wps file: {_short(exc)}"
            ) from exc
    source = _from_docx(converted, name)
    return Source(
        text=source.text,
        encoding=None,
        name=name,
        format="doc",
        notes=("converted to .docx by LibreOffice", *source.notes),
    )


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]


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
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # a file cut in the middle of its last character (an interrupted download): keep the rest
            src = _checked(data[: exc.start].decode("utf-8"), "utf-8", name)
            return Source(
                src.text, "utf-8", name, notes=("the last bytes were an incomplete character; dropped",)
            )
    decoded = {}
    for enc in ("gb18030", "big5"):
        try:
            decoded[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
    if len(decoded) == 2:
        # both decode: GB18030 accepts most byte pairs, so ask which one reads as language
        import charset_normalizer

        best = charset_normalizer.from_bytes(data[:200_000], cp_isolation=["gb18030", "big5"]).best()
        guess = (best.encoding if best else "gb18030").lower()
        enc = "big5" if "big5" in guess or guess == "cp950" else "gb18030"
        return _checked(decoded[enc], enc, name)
    for enc, text in decoded.items():
        return _checked(text, enc, name)
    raise InputError(
        f"{name}: cannot decode as UTF-8, GB18030/GBK or Big5; convert it to UTF-8 (e.g. with iconv) and try again"
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
