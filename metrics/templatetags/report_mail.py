"""Figures in the monthly report mail: each as its kind is read (a count, a rate, working hours)."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()

RATES = frozenset({"engagement_rate"})


@register.filter
def measure_value(value, name: str = "") -> str:
    """A figure of the account table by its name: "4,52 %" for a rate, "12 300" for a count,
    "–" when the platform does not give it. Medians of counts are rounded to whole numbers."""
    if value is None:
        return "–"
    if name in RATES:
        return f"{number_format(value * 100, decimal_pos=2)} %"
    return number_format(round(value), force_grouping=True)


@register.filter
def hours(value) -> str:
    """Working hours with one decimal ("3,5 h"); "–" when nothing was answered."""
    if value is None:
        return "–"
    return f"{number_format(value, decimal_pos=1)} h"


@register.filter
def minus(value, other) -> int:
    return (value or 0) - (other or 0)


@register.filter
def measure_of(row, name: str):
    """The Measure `name` of an account row (`row.reach` for "reach")."""
    return getattr(row, name)
