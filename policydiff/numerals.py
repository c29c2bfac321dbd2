"""Chinese numerals: 一 → 1, 十一 → 11, 二十三 → 23, 一百零五 → 105, 〇/零, 两."""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_to_int(s: str) -> int | None:
    """Value of a Chinese numeral below 10000, or None if `s` is not one."""
    if not s or any(c not in DIGITS and c not in UNITS for c in s):
        return None
    if all(c in DIGITS for c in s):
        # digit-by-digit form used in years: 二〇二五 → 2025
        if len(s) == 1:
            return DIGITS[s]
        return int("".join(str(DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in DIGITS:
            if digit not in (None, 0) and DIGITS[c] != 0:
                return None  # two digits in a row inside a positional numeral
            digit = DIGITS[c]
        else:
            unit = UNITS[c]
            total += (1 if digit is None else digit) * unit
            digit = None
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """1 → 一, 11 → 十一, 23 → 二十三 (for 1 ≤ n < 100, the range of list labels)."""
    names = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return names[ones]
    return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")
