"""The queues' part of the start page: open, due within the hour and overdue, per queue the person
may open, as links to that queue. One aggregate query, grouped by queue.

"Overdue" is what the queue marks overdue (`sort_at` passed: the promise or the reply window); "due
within the hour" the open comments whose `sort_at` comes within the next hour.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import StartPage, roles_of
from accounts.models import User
from accounts.start import StartCard, StartLink, register

from .access import can_see_kc_queue, comments_visible_to, queue_administrations_for

SOON = timedelta(hours=1)


def queue_counts(user: User, now: datetime) -> list[dict]:
    """Per queue the user may handle: `in_kc_queue`, `queue_administration` (None for KC's),
    `open`, `soon` and `overdue`. AKN's förvaltningar are summed into one row for the city."""
    rows = comments_visible_to(user).open()
    group = ["in_kc_queue"] if roles_of(user).is_akn else ["in_kc_queue", "queue_administration"]
    return list(
        rows.values(*group)
        .annotate(
            open=Count("pk"),
            soon=Count("pk", filter=Q(sort_at__gte=now, sort_at__lt=now + SOON)),
            overdue=Count("pk", filter=Q(sort_at__lt=now)),
        )
        .order_by(*group)
    )


def _links(url: str, counts: dict) -> tuple[StartLink, ...]:
    return (
        StartLink(_("Open comments and messages"), url, counts["open"]),
        StartLink(_("Due within the hour"), url, counts["soon"], urgent=bool(counts["soon"])),
        StartLink(_("Overdue comments and messages"), url, counts["overdue"], urgent=bool(counts["overdue"])),
    )


@register
def queue_cards(user: User, offers: StartPage, now: datetime) -> list[StartCard]:
    sees_kc = can_see_kc_queue(user)
    is_akn = roles_of(user).is_akn
    administrations = (
        [] if is_akn else list(queue_administrations_for(user).order_by("name").values_list("pk", "name"))
    )
    if not (sees_kc or administrations):
        return []
    counts = queue_counts(user, now)
    empty = {"open": 0, "soon": 0, "overdue": 0}
    kc = next((c for c in counts if c["in_kc_queue"]), empty)
    others = [c for c in counts if not c["in_kc_queue"]]
    cards = []
    if sees_kc:
        cards.append(
            StartCard(
                title=_("The contact centre's queue"),
                text=_("We answer within 24 hours during working hours, weekdays 8–17."),
                links=_links(reverse("moderation:queue-kc"), kc),
                order=10,
                key="queue-kc",
            )
        )
    if is_akn:
        cards.append(
            StartCard(
                title=_("The administrations' queues, the whole city"),
                links=_links(reverse("moderation:queue-home"), others[0] if others else empty),
                order=11,
                key="queue-city",
            )
        )
    by_queue = {c.get("queue_administration"): c for c in others}
    for pk, name in administrations:
        cards.append(
            StartCard(
                title=_("Queue of %(administration)s") % {"administration": name},
                links=_links(reverse("moderation:queue-administration", args=[pk]), by_queue.get(pk, empty)),
                order=12,
                key=f"queue-{pk}",
            )
        )
    return cards
