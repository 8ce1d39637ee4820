"""A primary key read from a request's text (a query string, a form's list), where no form does it.

`str.isdigit()` accepts "²", which `int()` refuses, and a number past the database's bigint
overflows in the query (SQLite raises OverflowError): either was a 500. `id_from` gives the number
only when it can name a row.
"""

from __future__ import annotations

# The largest value of a bigint (PostgreSQL) and of SQLite's INTEGER: no primary key is larger.
ID_MAX = 2**63 - 1


def id_from(value: object) -> int | None:
    """`value` as a primary key, or None when it cannot be one (not a plain number, 0, too large)."""
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdecimal()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= ID_MAX else None
