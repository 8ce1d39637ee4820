"""The account figures page's table rows, read as values and written out as HTML in one pass.

The page shows thirteen months of eight figures each (most with their change against the month
before) and up to fifty posts: some four hundred variable look-ups and filters through the template
engine, each figure formatted by `number_format`, which looks the language's separators up three
times per number. That was most of the page's time at size L (quality.md, bar 2). Here the
separators are looked up once per page, a row is one f-string, and every text from outside (a post's
text, its platform id) is escaped. The markup is `tests/metrics/account_rows_reference.html`'s (the
template's rows before): a test renders both and compares them, so a change here is a change there.

Like the queue's rows (moderation/queue_rows.py), this is the page's exception to "the templates
decide the markup"; the page around the rows stays in templates/metrics/account_figures.html.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape  # what django.utils.html.escape calls, without its lazy-string check

from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.numberformat import format as format_number
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .figures import AccountMonths

# What a post row reads, as values (no model instances): its month row's figures and the post's
# id, text and publishing time.
POST_FIELDS = (
    "subject", "reach", "views", "interactions", "engagement_rate",
    "post_id", "post__text", "post__created_at",
)  # fmt: skip

_POST_SENTINEL = 987654321


class Numbers:
    """The `figure`, `percent` and `change` filters (metrics/templatetags/figures.py) with the active
    language's separators looked up once: the same text, digit for digit."""

    def __init__(self) -> None:
        self.decimal = get_format("DECIMAL_SEPARATOR")
        self.grouping = get_format("NUMBER_GROUPING")
        self.thousands = get_format("THOUSAND_SEPARATOR")

    def number(self, value, decimal_pos: int | None = None, force_grouping: bool = False) -> str:
        return format_number(
            value,
            self.decimal,
            decimal_pos,
            self.grouping,
            self.thousands,
            force_grouping=force_grouping,
            use_l10n=True,
        )

    def figure(self, value) -> str:
        return "–" if value is None else self.number(value, force_grouping=True)

    def percent(self, value, digits: int = 2) -> str:
        return "–" if value is None else f"{self.number(value * 100, decimal_pos=digits)} %"

    def change(self, value) -> str:
        if value is None:
            return ""
        sign = "+" if value >= 0 else "−"
        return f"{sign}{self.number(abs(value) * 100, decimal_pos=0)} %"


def months_html(months: AccountMonths) -> tuple[SafeString, SafeString]:
    """The month table's <tr>s, newest first, and its footer row of medians."""
    n = Numbers()
    not_final = escape(_("not final"))
    net = escape(_("net"))
    out = []
    for row in months.rows:
        cells = row.cells
        badge = (
            f' <span class="badge text-bg-light">{not_final}</span>'
            if row.has_figures and not row.settled
            else ""
        )
        kind = f" <small>({net})</small>" if row.new_followers_kind == "net" else ""
        followers, new, reach, views, interactions = (
            (
                n.figure(cells[name].value),
                f'<small class="text-body-secondary">{n.change(cells[name].change)}</small>',
            )
            for name in ("followers", "new_followers", "reach", "views", "interactions")
        )
        out.append(
            f'<tr><th scope="row">{escape(dateformat.format(row.month, "F Y"))}{badge}</th>'
            f"<td>{followers[0]} {followers[1]}</td><td>{new[0]}{kind} {new[1]}</td>"
            f"<td>{reach[0]} {reach[1]}</td><td>{views[0]} {views[1]}</td>"
            f"<td>{interactions[0]} {interactions[1]}</td>"
            f"<td>{n.percent(cells['engagement_rate'].value)}</td>"
            f"<td>{n.percent(cells['engagement_rate_by_reach'].value)}</td>"
            f"<td>{n.figure(cells['posts_published'].value)}</td></tr>"
        )
    medians = months.medians
    footer = (
        f'<tr><th scope="row">{escape(_("12-month median"))}</th>'
        + "".join(
            f"<td>{n.figure(medians[name])}</td>"
            for name in ("followers", "new_followers", "reach", "views", "interactions")
        )
        + f"<td>{n.percent(medians['engagement_rate'])}</td>"
        f"<td>{n.percent(medians['engagement_rate_by_reach'])}</td>"
        f"<td>{n.figure(medians['posts_published'])}</td></tr>"
    )
    # Every text from outside is escaped above; the rest are numbers, dates and translated words.
    return mark_safe("".join(out)), mark_safe(footer)  # noqa: S308


def posts_html(posts: Iterable[dict]) -> SafeString:
    """The post table's <tr>s for `posts` (dicts of POST_FIELDS), in their order; "" for none."""
    n = Numbers()
    link = reverse("metrics:post-figures", args=[_POST_SENTINEL]).split(str(_POST_SENTINEL))
    out = []
    for post in posts:
        text = Truncator(post["post__text"]).chars(80) or post["subject"]
        out.append(
            f"<tr><td>{localtime(post['post__created_at']):%Y-%m-%d}</td>"
            f'<td><a href="{link[0]}{post["post_id"]}{link[1]}">{escape(text)}</a></td>'
            f"<td>{n.figure(post['reach'])}</td><td>{n.figure(post['views'])}</td>"
            f"<td>{n.figure(post['interactions'])}</td><td>{n.percent(post['engagement_rate'])}</td></tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 - the post's text and id are escaped above
