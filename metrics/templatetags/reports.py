"""The monthly report's cells: a figure with its change and 12-month median, or "–" with the reason.

A tag rather than an included template: the city's report has a cell per account and figure.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .figures import change, figure, percent

register = template.Library()


@register.simple_tag
def measure(m, share: bool = False) -> SafeString:
    def shown(value) -> str:
        return percent(value, 2) if share else figure(value)

    if m.value is None:
        html = format_html('<span title="{}">–</span>', m.reason)
    else:
        html = format_html("{}", shown(m.value))
    if m.change is not None:
        html += format_html(
            '<br><small class="text-body-secondary">{} {}</small>', _("vs. month before"), change(m.change)
        )
    if m.median is not None:
        html += format_html(
            '<br><small class="text-body-secondary">{} {}</small>', _("median"), shown(m.median)
        )
    return html
