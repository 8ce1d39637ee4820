"""The queue's rows, read as plain values and written out as HTML in one pass.

The queue pages render 50 rows every few seconds for every person who has one open, and performance
bar 6 (quality.md) asks the KC queue to serve at least 40% of the requests per second of the minimal
page. Through the template engine each row cost about thirty variable look-ups, filters and tags —
most of the page's time. Here a row is one f-string over values that are already strings; every
value from outside (the comment's text, the author's and account's names, the claimer's name) is
escaped, and platform text is made visible and isolated in <bdi> by the `bdi` filter's own function
(helsocial/shown_text.py). The markup is `tests/moderation/queue_row_reference.html`'s: a test renders
both and compares them, so a change here is a change there.

Like QuickSelect (helsocial/widgets.py), this is the page's one exception to "the templates decide the
markup"; the page around the rows, the empty row and "Show more" stay in the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import SocialAccount
from helsocial.shown_text import bdi

from .models import Comment, Label, SuggestedAction
from .selectors import DueFormat, excerpt

# What a row reads, as values (no model instances): the comment, its account's name and platform,
# and the name of whoever has claimed it.
ROW_FIELDS = (
    "id", "kind", "author_id", "author_name", "text", "labels", "suggested_action", "status",
    "priority", "due_at", "reply_window_ends_at", "sort_at", "claimed_by_id", "claimed_until",
    "hidden_on_platform_at", "account__name", "account__platform",
    "claimed_by__first_name", "claimed_by__last_name", "claimed_by__username",
)  # fmt: skip

_CLAIM_SENTINEL = 987654321


def row_words() -> dict[str, str]:
    """The rows' constant words in the active language."""
    words = {
        "urgent": _("Urgent"),
        "overdue": _("Overdue"),
        "you": _("You"),
        "comment": _("comment"),
        "view": _("View"),
        "handle": _("Handle"),
        "auto_hidden": _("Hidden automatically: confirm or show again"),
        # The column names again, for the cards a narrow screen shows instead of the table.
        "due": _("Due"),
        "comment_heading": _("Comment"),
        "labels": _("Labels"),
        "suggested": _("Suggested"),
        "account": _("Account"),
        "handled_by": _("Handled by"),
        "window_closed": _("Reply window closed"),
    }
    return {key: str(value) for key, value in words.items()}


@dataclass(frozen=True)
class _PageWords:
    """What every row of a page shares, in one language: its words, names and flags, escaped."""

    w: dict[str, str]
    kinds: dict[str, str]
    platforms: dict[str, str]
    label_names: dict[str, str]
    action_names: dict[str, str]
    due_text: DueFormat
    window_left: str
    hours_minutes: str
    minutes_only: str
    urgent_flag: str
    overdue_flag: str
    hidden_flag: str


@lru_cache(maxsize=8)
def _page_words(language: str | None) -> _PageWords:
    """The rows' shared words in `language` (the active one): translated once per process and
    language, not once per page — about sixty translations the queue would look up every refresh."""
    w = {key: escape(value) for key, value in row_words().items()}
    return _PageWords(
        w=w,
        kinds={code: str(name) for code, name in Comment.Kind.choices},
        platforms={code: str(name) for code, name in SocialAccount.Platform.choices},
        label_names={code: escape(str(name)) for code, name in Label.choices},
        action_names={code: escape(str(name)) for code, name in SuggestedAction.choices},
        due_text=DueFormat(),
        window_left=_("Reply window: %(left)s left"),
        hours_minutes=_("%(hours)d h %(minutes)d min"),
        minutes_only=_("%(minutes)d min"),
        urgent_flag=(
            f'<span class="flag flag-danger"><span aria-hidden="true">⚠</span> {w["urgent"]}</span><br>'
        ),
        overdue_flag=(
            f'<span class="flag flag-danger"><span aria-hidden="true">⏰</span> {w["overdue"]}</span><br>'
        ),
        hidden_flag=(
            '<br><span class="flag flag-warning small"><span aria-hidden="true">🙈</span> '
            f"{w['auto_hidden']}</span>"
        ),
    )


def rows_html(rows: list[dict], *, user_id: int, now: datetime, csrf_input: str) -> SafeString:
    """The <tr>s of `rows` (dicts of ROW_FIELDS), in their order; "" for no rows."""
    if not rows:
        return mark_safe("")
    words = _page_words(get_language())
    w, kinds, platforms = words.w, words.kinds, words.platforms
    label_names, action_names, due_text = words.label_names, words.action_names, words.due_text
    urgent_flag, overdue_flag, hidden_flag = words.urgent_flag, words.overdue_flag, words.hidden_flag
    # localtime() looks up the active time zone at every call: once here.
    zone = get_current_timezone()
    claim_url = reverse("moderation:comment-claim", args=[_CLAIM_SENTINEL])
    claim_before, claim_after = claim_url.split(str(_CLAIM_SENTINEL))
    window_flag = '<br><span class="flag flag-warning small"><span aria-hidden="true">⌛</span> {}</span>'
    open_status = Comment.Status.OPEN
    # Many rows share an account and a set of labels: each written once per page.
    accounts: dict[tuple[str, str], str] = {}
    label_sets: dict[tuple[str, ...], str] = {}
    out = []
    for c in rows:
        pk = c["id"]
        urgent = c["priority"] == 0
        overdue = c["status"] == open_status and c["sort_at"] < now
        claim_live = (
            c["claimed_by_id"] is not None and c["claimed_until"] is not None and c["claimed_until"] > now
        )
        by_other = claim_live and c["claimed_by_id"] != user_id
        auto_hidden = c["status"] == open_status and c["hidden_on_platform_at"] is not None
        ends = c["reply_window_ends_at"]
        if ends is None:
            window = ""
        elif ends > now:
            # selectors.duration_text, with its words translated once per page.
            hours, minutes = divmod(int((ends - now).total_seconds() // 60), 60)
            left = (
                words.hours_minutes % {"hours": hours, "minutes": minutes}
                if hours
                else words.minutes_only % {"minutes": minutes}
            )
            window = window_flag.format(escape(words.window_left % {"left": left}))
        else:
            window = window_flag.format(w["window_closed"])
        if by_other:
            name = f"{c['claimed_by__first_name']} {c['claimed_by__last_name']}".strip()
            handler = (
                '<span class="flag flag-warning"><span aria-hidden="true">👤</span> '
                f"{escape(name or c['claimed_by__username'])}</span>"
            )
        elif claim_live:
            handler = w["you"]
        else:
            handler = "–"
        platform = c["account__platform"]
        meta = bdi(f"{kinds.get(c['kind'], c['kind'])} · {c['author_name'] or c['author_id']}")
        account = accounts.get((c["account__name"], platform))
        if account is None:
            account = accounts[(c["account__name"], platform)] = bdi(
                f"{c['account__name']} ({platforms.get(platform, platform)})"
            )
        codes = tuple(c["labels"])
        labels = label_sets.get(codes)
        if labels is None:
            labels = label_sets[codes] = "".join(
                f'<span class="badge label-badge label-{escape(code)}">'
                f"{label_names.get(code, escape(code))}</span> "
                for code in codes
            )
        action = c["suggested_action"]
        button = "btn-outline-secondary" if by_other else "btn-primary"
        out.append(
            f'<tr role="row" id="comment-{pk}" class="'
            f'{"queue-urgent" if urgent else "queue-overdue" if overdue else ""}">'
            f'<td role="cell" data-label="{w["due"]}">'
            f"{urgent_flag if urgent else ''}{overdue_flag if overdue else ''}"
            f'<time datetime="{c["due_at"].isoformat()}">{due_text(c["due_at"].astimezone(zone))}</time>'
            f"{hidden_flag if auto_hidden else ''}"
            f"{window}</td>"
            f'<td role="cell" data-label="{w["comment_heading"]}" class="queue-text">'
            f'<span class="small text-muted">'
            f"{meta}</span><br>"
            f"{bdi(excerpt(c['text']))}</td>"
            f'<td role="cell" data-label="{w["labels"]}">{labels}</td>'
            f'<td role="cell" data-label="{w["suggested"]}">{action_names.get(action, escape(action))}</td>'
            f'<td role="cell" data-label="{w["account"]}">'
            f"{account}</td>"
            f'<td role="cell" data-label="{w["handled_by"]}">{handler}</td>'
            f'<td role="cell" class="queue-handle">'
            f'<form method="post" action="{claim_before}{pk}{claim_after}">{csrf_input}'
            f'<button type="submit" class="btn btn-sm {button}">'
            f"{w['view'] if by_other else w['handle']}"
            f'<span class="visually-hidden"> {w["comment"]} {pk}</span></button></form></td></tr>\n'
        )
    return mark_safe("".join(out))  # noqa: S308 - every value from outside is escaped above
