"""Typed values written as text: one reader for each kind, for data files and query parameters alike.

A value means the same wherever it is written, so each kind is read here once:
ids, whole numbers, decimals, booleans, dates and http(s) URLs. Only ASCII
digits count as digits (Python's ``\\d``, ``int()`` and ``Decimal()`` also take
Arabic-Indic, Devanagari and other digits, which would become ill-typed XSD
literals), and every pattern matches the whole text (``$`` would also match
before a final newline, so ``"zz-a\\n"`` would pass as an id).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
#: The words a boolean is written with, everywhere (the canonical XSD lexical forms).
BOOLEANS = {"true": True, "false": False}
# Characters that cannot be part of an IRI: a name holding one is never a term.
NOT_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_URL_HOST = re.compile(r"[\w.-]+|[0-9a-f:.]+")
MAX_INTEGER_DIGITS, MAX_DECIMAL_CHARS = 40, 60  # int() refuses thousands of digits; no figure needs more


def is_id(text: str) -> bool:
    """A record id: lower-case ASCII letters, digits and hyphens, not starting with a hyphen, nothing else."""
    return ID.fullmatch(text) is not None


def read_integer(text: str) -> int | None:
    """The whole number written in ASCII digits with an optional sign; None if it is not one."""
    if len(text) > MAX_INTEGER_DIGITS + 1 or _INTEGER.fullmatch(text) is None:
        return None
    return int(text)


def read_decimal(text: str) -> str | None:
    """A decimal's lexical form (ASCII digits, optional sign and point; no exponent, no separators); None if not one."""
    if len(text) > MAX_DECIMAL_CHARS or _DECIMAL.fullmatch(text) is None:
        return None
    return text.removeprefix("+")


def read_boolean(text: str) -> bool | None:
    """True for "true", False for "false", None for anything else."""
    return BOOLEANS.get(text)


def read_date(text: str) -> str | None:
    """The XSD datatype name for a date YYYY-MM-DD, YYYY-MM or YYYY that the calendar has; None if it is not one."""
    found = _DATE.fullmatch(text)
    if found is None:
        return None
    year, month, day = found.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return None
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            return None
        return "date"
    return "gYearMonth" if month is not None else "gYear"


def is_http_url(text: str) -> bool:
    """An absolute http(s) URL with a host name, and nothing an IRI cannot hold."""
    if NOT_IRI.search(text):
        return False
    try:
        parts = urlparse(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(_URL_HOST.fullmatch(parts.hostname or ""))
