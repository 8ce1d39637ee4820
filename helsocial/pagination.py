"""Keyset pagination: the next page starts after the last row shown, never at an OFFSET.

An OFFSET makes the database walk every skipped row, so a list slows down as it grows; a keyset
reads the same few index entries whether the list holds ten rows or ten million.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .dates import parse_day, parse_moment
from .errors import BadInput


@dataclass
class KeysetPage:
    rows: list[Any]
    next_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


def _encode(values: list[Any]) -> str:
    def plain(v: Any) -> Any:
        if isinstance(v, datetime):
            return {"dt": v.isoformat()}
        if isinstance(v, date):
            return {"d": v.isoformat()}
        return v

    raw = json.dumps([plain(v) for v in values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unreadable() -> BadInput:
    return BadInput(
        _(
            "The link to this page of the list is damaged or out of date. "
            "Open the list again from its first page."
        )
    )


def _typed(value: Any) -> Any:
    """One cursor value as the encoder wrote it, or a BadInput: a plain string without NUL (which
    PostgreSQL refuses) or lone surrogates (which cannot be encoded), an int, or a date or time that
    exists and lies in the range helsocial.dates handles."""
    if isinstance(value, bool):  # a JSON true is an int to Python, never a sort value here
        raise _unreadable()
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        if "\x00" in value or any("\ud800" <= c <= "\udfff" for c in value):
            raise _unreadable()
        return value
    if isinstance(value, dict) and len(value) == 1:
        ((kind, text),) = value.items()
        parsed = parse_moment(text) if kind == "dt" else parse_day(text) if kind == "d" else None
        # The encoder writes moments with their offset: a naive one was not written by it.
        if parsed is not None and not (kind == "dt" and parsed.tzinfo is None):
            return parsed
    raise _unreadable()


def _decode(cursor: str, size: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError, RecursionError):
        raise _unreadable() from None
    if not isinstance(values, list) or len(values) != size:
        raise _unreadable()
    return [_typed(v) for v in values]


def keyset_page(
    queryset: QuerySet, *, order: tuple[str, ...], after: str | None, size: int = 50
) -> KeysetPage:
    """One page of `queryset` ordered by `order` (the last field must be unique, e.g. "id").

    A cursor that cannot be read — edited by hand, from an old version, or naming a date that does
    not exist — is a 400 (`BadInput`) that says so: never a 500, and never a silently different page.
    """
    fields = [name.lstrip("-") for name in order]
    queryset = keyset_after(queryset.order_by(*order), order=order, after=after)
    rows = list(queryset[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = _encode([_attr(last, name) for name in fields])
    return KeysetPage(rows=rows, next_cursor=next_cursor)


def keyset_after(queryset: QuerySet, *, order: tuple[str, ...], after: str | None) -> QuerySet:
    """`queryset` limited to the rows after the cursor `after` in `order` (all of it without one):
    what keyset_page reads, for a caller that reads a page in parts (each part bounded by its own
    index). An unreadable cursor is a BadInput, as in keyset_page."""
    if not after:
        return queryset
    fields = [name.lstrip("-") for name in order]
    values = _decode(after, len(order))
    for name, value in zip(fields, values, strict=True):
        # A day where the list sorts by a moment was not written by the encoder either.
        if isinstance(value, date) and not isinstance(value, datetime) and _is_moment(queryset, name):
            raise _unreadable()
    # (a, b, c) > (x, y, z) as: a > x OR (a = x AND (b > y OR (b = y AND c > z)))
    condition = Q()
    for index in range(len(order) - 1, -1, -1):
        name = fields[index]
        lookup = "lt" if order[index].startswith("-") else "gt"
        step = Q(**{f"{name}__{lookup}": values[index]})
        condition = step if index == len(order) - 1 else step | (Q(**{name: values[index]}) & condition)
    try:
        return queryset.filter(condition)
    except (ValueError, TypeError, OverflowError, ValidationError):  # "id": "abc", a date for a number
        raise _unreadable() from None


def _is_moment(queryset: QuerySet, name: str) -> bool:
    try:
        field = queryset.model._meta.get_field(name)
    except FieldDoesNotExist:  # an annotation or a related field's path: Django judges the value
        return False
    return field.get_internal_type() == "DateTimeField"


def _attr(row: Any, name: str) -> Any:
    for part in name.split("__"):
        row = row[part] if isinstance(row, dict) else getattr(row, part if part != "pk" else "pk")
    return row
