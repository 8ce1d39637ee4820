"""`{{ state|review_state }}`: a review state as icon, word and colour (never colour alone), the HTML
of templates/metrics/review/_state.html written in Python: an account's page shows some sixty."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from metrics.review import criteria

register = template.Library()

_FLAGS = {
    criteria.GREEN: ("flag flag-ok", "✓", gettext_noop("Green")),
    criteria.AMBER: ("flag flag-warning", "!", gettext_noop("Amber")),
    criteria.RED: ("flag flag-danger", "✕", gettext_noop("Red")),
}
NOT_JUDGED = ("text-muted", "–", gettext_noop("Not judged"))


@register.filter
def review_state(state: str | None) -> SafeString:
    css, icon, word = _FLAGS.get(state or "", NOT_JUDGED)
    return mark_safe(  # noqa: S308 - fixed markup and a translated word, escaped
        f'<span class="{css} review-state"><span aria-hidden="true">{icon}</span> {escape(_(word))}</span>'
    )
