from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from policydiff import read
from policydiff.errors import InputError

PLAN = "一、总体要求\n（一）推动公办养老机构提质增效。到2027年，全区二星级以上敬老院比例达到70%。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PLAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig"),
        (PLAN.encode("gb18030"), "gb18030"),
        (PLAN.encode("gbk"), "gb18030"),
        (PLAN.encode("utf-16"), "utf-16"),
        (PLAN.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
)
def test_decodes_common_encodings(data: bytes, encoding: str) -> None:
    src = read.decode(data)
    assert src.encoding == encoding
    assert src.text.replace("\r\n", "\n") == PLAN


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 20, "binary"),
        (bytes(range(1, 256)) * 8, "cannot decode|binary"),
    ],
)
def test_bad_bytes_give_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        read.decode(data, name="x.txt")
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("x.txt: ")


def test_missing_directory_and_huge_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read.read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read.read_path(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="larger than"):
        read.read_path(big, max_bytes=1024)


def test_line_of_counts_from_one() -> None:
    src = read.decode(b"a\nb\nc")
    assert [src.line_of(i) for i in (0, 2, 4)] == [1, 2, 3]
