"""Keyset pagination: the next page starts after the last row shown, never at an OFFSET.

An OFFSET makes the database walk every skipped row, so a list slows down as it grows; a keyset
reads the same few index entries whether the list holds ten rows or ten million.
"""

from __future__ import annotations

import base64
import contextlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_date, parse_datetime


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


def _decode(cursor: str, size: int) -> list[Any] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if not isinstance(values, list) or len(values) != size:
        return None

    def typed(v: Any) -> Any:
        if isinstance(v, dict) and "dt" in v:
            return parse_datetime(v["dt"])
        if isinstance(v, dict) and "d" in v:
            return parse_date(v["d"])
        return v

    return [typed(v) for v in values]


def keyset_page(
    queryset: QuerySet, *, order: tuple[str, ...], after: str | None, size: int = 50
) -> KeysetPage:
    """One page of `queryset` ordered by `order` (the last field must be unique, e.g. "id").

    A cursor that cannot be read (edited by hand, or from an old version) starts from the top.
    """
    fields = [name.lstrip("-") for name in order]
    queryset = queryset.order_by(*order)
    values = _decode(after, len(order)) if after else None
    if values is not None and all(v is not None for v in values):
        # (a, b, c) > (x, y, z) as: a > x OR (a = x AND (b > y OR (b = y AND c > z)))
        condition = Q()
        for index in range(len(order) - 1, -1, -1):
            name = fields[index]
            lookup = "lt" if order[index].startswith("-") else "gt"
            step = Q(**{f"{name}__{lookup}": values[index]})
            condition = step if index == len(order) - 1 else step | (Q(**{name: values[index]}) & condition)
        # A value of the wrong type ("id": "abc") starts from the top, as an unreadable cursor does.
        with contextlib.suppress(ValueError, TypeError, ValidationError):
            queryset = queryset.filter(condition)
    rows = list(queryset[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = _encode([_attr(last, name) for name in fields])
    return KeysetPage(rows=rows, next_cursor=next_cursor)


def _attr(row: Any, name: str) -> Any:
    for part in name.split("__"):
        row = row[part] if isinstance(row, dict) else getattr(row, part if part != "pk" else "pk")
    return row
