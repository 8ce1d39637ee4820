"""The review page's rows as HTML, written in one pass.

Twenty-five accounts with three criteria each, every criterion with its reasons and facts, make some
four hundred template nodes per row set: written here with `escape` they cost a fraction of that.
The HTML is what templates/metrics/review/_rows_items.html wrote: a state is an icon, a word and a
colour (never colour alone); every text from the database is escaped.
"""

from __future__ import annotations

from datetime import date
from html import escape  # what django.utils.html.escape calls, without its lazy-string check
from typing import NamedTuple

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import criteria


class Shown(NamedTuple):
    """What the list and the history show of a verdict: kept in the cache as a plain tuple."""

    criterion: str
    state: str
    reasons: tuple[str, ...]
    facts_line: str


def shown(verdict: criteria.Verdict) -> Shown:
    return Shown(verdict.criterion, verdict.state, tuple(verdict.reasons), verdict.facts_line)


_FLAGS = {
    criteria.GREEN: ("flag-ok", "✓"),
    criteria.AMBER: ("flag-warning", "!"),
    criteria.RED: ("flag-danger", "✕"),
}


def rows_html(rows, *, today: date) -> SafeString:
    """`rows` are the view's (state, verdicts) pairs; the state carries its account (with its
    förvaltning) and the latest decision's `next_review_on`."""
    words = {criteria.GREEN: _("Green"), criteria.AMBER: _("Amber"), criteria.RED: _("Red")}
    due, never = escape(_("due")), escape(_("Never reviewed"))
    # One reverse for every row: the account's id goes where the marker is.
    marker = 987654321
    link = reverse("metrics:review-account", args=[marker]).split(str(marker))
    out = []
    for row in rows:
        state = row.state
        account = state.account
        href = f"{link[0]}{account.pk}{link[1]}"
        out.append(
            f'\n  <tr>\n    <th scope="row"><a href="{href}">{escape(account.name)}</a>'
            f'\n      <div class="small text-muted">{escape(str(account.get_platform_display()))} · '
            f"{escape(account.administration.name)}</div></th>\n    "
        )
        for verdict in row.verdicts:
            css, icon = _FLAGS.get(verdict.state, _FLAGS[criteria.RED])
            word = words.get(verdict.state, words[criteria.RED])
            reasons = "".join(f"<li>{escape(reason)}</li>" for reason in verdict.reasons)
            out.append(
                f'<td><span class="flag {css} review-state"><span aria-hidden="true">{icon}</span> '
                f"{escape(str(word))}</span>\n"
                f'      <ul class="list-unstyled small mb-1">{reasons}</ul>\n'
                f'      <div class="small text-muted">{escape(verdict.facts_line)}</div></td>'
            )
        next_review = getattr(state, "next_review_on", None)
        if next_review:
            cell = next_review.isoformat()
            if next_review <= today:
                cell += f' <span class="flag flag-warning"><span aria-hidden="true">!</span> {due}</span>'
        else:
            cell = f'<span class="flag flag-warning"><span aria-hidden="true">!</span> {never}</span>'
        out.append(f"\n    <td>{cell}</td>\n  </tr>")
    return mark_safe("".join(out))  # noqa: S308 - every text from the database is escaped above
