"""Word tokens for diffs: numbers with their units kept whole, Chinese split by jieba.

jieba's stock dictionary takes about a second to load, most of a diff's run time. Word boundaries
of a diff do not need its 349,000 rare words: the tokenizer uses the ~52,000 words of frequency
≥ 50 (written once to a cache folder from jieba's own dictionary) plus the domain terms of
data/terms.txt and the unit names of the documents in hand. Loading then takes well under 0.1 s.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

_MIN_FREQ = 50
_NUMBER = re.compile(
    r"\d+(?:[.:]\d+)*(?:%|‰|万|亿|千)?"
    r"(?:个百分点|平方米|人次|年|月|日|张|个|家|户|人|名|次|所|处|项|元|岁|分钟|小时|倍)?(?:以上|以下|以内|左右)?"
)
_ASCII = re.compile(r"[A-Za-z]+")


def _cache_dir() -> Path:
    """Where the reduced jieba dictionary and jieba's marshal cache live. jieba trusts its cache
    (marshal), so the folder must be the user's own: ~/.cache/policydiff, else a per-user folder in the
    temporary directory that nobody else can write, else a fresh private one."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    uid = os.getuid() if hasattr(os, "getuid") else None
    suffix = f"-{uid}" if uid is not None else ""
    for candidate in (Path(base) / "policydiff", Path(tempfile.gettempdir()) / f"policydiff{suffix}"):
        try:
            candidate.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _private(candidate, uid):
                continue
            probe = candidate / ".write-test"
            probe.write_text("", encoding="utf-8")
            probe.unlink()
            return candidate
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="policydiff-"))


def _private(folder: Path, uid: int | None) -> bool:
    """Owned by this user and writable by nobody else (a shared /tmp folder could hold planted files)."""
    if uid is None:
        return True
    st = folder.stat()
    return st.st_uid == uid and not st.st_mode & 0o022


def _import_jieba() -> Any:
    """jieba imports pkg_resources (≈ 50–90 ms, deprecated) only to open its own data files; without
    it jieba opens them from its package folder, which is all it needs."""
    import sys

    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import jieba
    finally:
        if hide:
            del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    jieba = _import_jieba()

    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.setLogLevel(logging.WARNING)
    cache = _cache_dir()
    small = cache / f"jieba-{getattr(jieba, '__version__', 'x')}-min{_MIN_FREQ}.txt"
    if not small.exists():
        stock = Path(jieba.__file__).parent / "dict.txt"
        keep = [
            line
            for line in stock.read_text(encoding="utf-8").splitlines()
            if len(line.split(" ")) >= 2 and int(line.split(" ")[1]) >= _MIN_FREQ
        ]
        tmp = small.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("\n".join(keep) + "\n", encoding="utf-8")
        tmp.replace(small)  # atomic: two processes may build it at once
    tk = jieba.Tokenizer(dictionary=str(small))
    tk.tmp_dir = str(cache)
    if not _load_prefix_dict(tk, small.with_suffix(".freq")):
        tk.initialize()
        _save_prefix_dict(tk, small.with_suffix(".freq"))
    for term in resources.files("policydiff").joinpath("data/terms.txt").read_text("utf-8").split():
        if not term.startswith("#"):
            tk.add_word(term, freq=100000)
    return tk


# jieba keeps its prefix dictionary (word → frequency, every prefix of a word with 0) as a marshalled
# dict, which takes 60–80 ms to load for the reduced dictionary: most of a diff's start-up. The same
# data as one string of words and one array of frequencies loads in about 14 ms.


def _load_prefix_dict(tk: Any, path: Path) -> bool:
    """Give the tokenizer its prefix dictionary from our cache; False when there is none (or it is
    unreadable or stale), and jieba builds it itself."""
    import array
    import marshal

    try:
        if path.stat().st_mtime < path.with_suffix(".txt").stat().st_mtime:
            return False
        words, freqs, total = marshal.loads(path.read_bytes())
        counts = array.array("q")
        counts.frombytes(freqs)
        freq = dict(zip(words.split("\n"), counts, strict=True))
    except (OSError, ValueError, EOFError, TypeError):
        return False
    tk.FREQ, tk.total, tk.initialized = freq, total, True
    return True


def _save_prefix_dict(tk: Any, path: Path) -> None:
    import array
    import marshal

    data = marshal.dumps(("\n".join(tk.FREQ), array.array("q", tk.FREQ.values()).tobytes(), tk.total))
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)  # atomic: two processes may write it at once
    except OSError:
        tmp.unlink(missing_ok=True)  # a cache that cannot be written costs time, nothing else


def add_terms(terms: Iterable[str]) -> None:
    """Teach the tokenizer words of the documents in hand (their 责任单位 names, indicators)."""
    tk = _tokenizer()
    for term in terms:
        if term and len(term) > 1:
            tk.add_word(term, freq=100000)


def tokenize(text: str) -> list[str]:
    """Tokens of a text without whitespace: 2027年, 65%以上, 1:3 whole; words by jieba."""
    text = re.sub(r"\s+", "", text)
    out: list[str] = []
    pos = 0
    for m in _NUMBER.finditer(text):
        if m.start() > pos:
            out.extend(_words(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    if pos < len(text):
        out.extend(_words(text[pos:]))
    return out


def _words(segment: str) -> list[str]:
    return [w for w in _tokenizer().lcut(segment, HMM=True) if w]
