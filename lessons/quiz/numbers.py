"""Numbers typed by students: read in linear time, and never more than :data:`MAX_NUMBER_CHARS` characters."""

from __future__ import annotations

import math
import re

#: The longest typed number read (longer text is refused at once, never parsed).
MAX_NUMBER_CHARS = 40


_SPACES = ",  \u202f\u2009"
_GROUPED = re.compile(r"-?\d{1,3}(?:([,  \u202f\u2009])\d{3})(?:\1\d{3})*(?:\.\d+)?")
#: Unambiguous (each character can be read one way only), so matching is linear, not quadratic.
_PLAIN = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d{1,3})?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d{1,2}|-?\d+,\d{4,}")


def parse_number(typed) -> float:
    """Read a number typed by a student: '1,234', '1 234', '54.19%', ' -3.5 ', '−2' (Unicode minus).
    Raises ValueError with a message a student can act on. Text longer than :data:`MAX_NUMBER_CHARS`
    is refused without being parsed."""
    if isinstance(typed, bool):
        raise ValueError("Type a number, not true or false.")
    if isinstance(typed, int):
        if abs(typed) > 10**15:
            raise ValueError("That number is far too large for this question.")
        return float(typed)
    if isinstance(typed, float):
        if not math.isfinite(typed):
            raise ValueError("Type an ordinary (finite) number.")
        return typed
    raw = "" if typed is None else (typed if isinstance(typed, str) else str(typed)[: MAX_NUMBER_CHARS * 4])
    s = raw.strip()  # linear; nothing longer than MAX_NUMBER_CHARS is looked at any further
    if not s:
        raise ValueError("Type a number first.")
    if len(s) > MAX_NUMBER_CHARS:
        raise ValueError(f"That is too long to be the answer: type a number of at most {MAX_NUMBER_CHARS} characters.")
    s = s.replace("\u2212", "-").replace("\u2013", "-")
    s = s[:-1].rstrip() if s.endswith("%") else s
    s = s[1:] if s.startswith("+") else s
    s = "-" + s[1:].lstrip() if s.startswith("-") else s
    if _GROUPED.fullmatch(s):
        s = re.sub(f"[{_SPACES}]", "", s)
    elif _DECIMAL_COMMA.fullmatch(s):
        raise ValueError(f"“{raw.strip()}” uses a comma: write decimals with a point, e.g. 54.19.")
    elif not _PLAIN.fullmatch(s):
        raise ValueError(f"“{raw.strip()}” is not a number. Type digits such as 1,234 or 54.19%.")
    number = float(s)
    if not math.isfinite(number):
        raise ValueError("Type an ordinary (finite) number.")
    return number


def format_number(value) -> str:
    """1234567.0 -> '1,234,567'; 54.19 -> '54.19'."""
    if value is None:
        return ""
    return format(float(value), ",.12g")
