"""Showing figures: "–" for a figure not given (never 0), shares as percentages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value) -> str:
    if value is None:
        return "–"
    return number_format(value, force_grouping=True)


@register.filter
def percent(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{number_format(value * 100, decimal_pos=digits)} %"


@register.filter
def change(value) -> str:
    """A share as a signed percentage: +12 %, −3 %."""
    if value is None:
        return ""
    sign = "+" if value >= 0 else "−"
    return f"{sign}{number_format(abs(value) * 100, decimal_pos=0)} %"


@register.simple_tag
def account_pull_health(account):
    """The account's figure problems on the last pull, for the connection box on its page."""
    from metrics.figures import pull_health

    return pull_health(account=account)
