"""The queues' part of the start page: open, due within the hour and overdue, per queue the person
may open, as links to that queue. One aggregate query, grouped by queue; AKN's counts of the whole
city are kept by accounts/summary.py (counted every minute, and anew after a comment is handled), and
a lead's counts of their förvaltningar's queues are read from the same kept count.

"Overdue" is what the queue marks overdue (`sort_at` passed: the promise or the reply window); "due
within the hour" the open comments whose `sort_at` comes within the next hour.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import summary
from accounts.access import StartPage, roles_of
from accounts.models import Administration, Role, User
from accounts.start import StartCard, StartLink, register

from .access import can_see_kc_queue, comments_visible_to, queue_administrations_for
from .models import Comment, CommentNote, ModerationLogEntry

SOON = timedelta(hours=1)
# AKN's city card names the förvaltningar whose queues are furthest behind.
WORST_SHOWN = 3


CITY_QUEUES = "moderation-city-queues"


def _counts(now: datetime) -> dict:
    return {
        "open": Count("pk"),
        "soon": Count("pk", filter=Q(sort_at__gte=now, sort_at__lt=now + SOON)),
        "overdue": Count("pk", filter=Q(sort_at__lt=now)),
    }


def city_queue_counts(now: datetime) -> dict:
    """AKN's counts, the same for everyone who sees them: `kc` (KC's queue), `total` (every
    förvaltning's queue summed) and `worst` (the queues furthest behind, with their names); and
    `by_administration` (each förvaltning's queue by its id: a lead's card reads theirs from here).

    Every open comment of the city is counted, so the start page reads this from
    accounts/summary.py. No access subquery and no join over the open comments: KC's queue and the
    förvaltningar's are read apart (UNION ALL), each from its own partial index
    (moderation.models.Comment.Meta.indexes); the names of the queues furthest behind afterwards."""
    counts = _counts(now)

    def grouped(kc: bool):
        return (
            Comment.objects.open()
            .filter(in_kc_queue=kc)
            .values("in_kc_queue", "queue_administration")
            .annotate(**counts)
            .order_by()
        )

    rows = list(grouped(True).union(grouped(False), all=True))
    kc = {key: sum(r[key] for r in rows if r["in_kc_queue"]) for key in counts}
    city = [r for r in rows if not r["in_kc_queue"]]
    total = {key: sum(r[key] for r in city) for key in counts}
    behind = sorted((r for r in city if r["overdue"]), key=lambda r: -r["overdue"])[:WORST_SHOWN]
    names = dict(
        Administration.objects.filter(pk__in=[r["queue_administration"] for r in behind] or [0]).values_list(
            "pk", "name"
        )
    )
    worst = [
        {
            "pk": r["queue_administration"],
            "name": names.get(r["queue_administration"], ""),
            "overdue": r["overdue"],
        }
        for r in behind
    ]
    by_administration = {r["queue_administration"]: {key: r[key] for key in counts} for r in city}
    return {"kc": kc, "total": total, "worst": worst, "by_administration": by_administration}


summary.register(CITY_QUEUES, city_queue_counts)


def recount_city_counts(sender, created: bool = True, **kwargs) -> None:
    """A comment was handled, or moved between queues: the worker counts the city anew."""
    if created:
        summary.recount_soon(CITY_QUEUES)


# Every handling action writes its log row; forwarding and returning a comment write a note.
post_save.connect(recount_city_counts, sender=ModerationLogEntry, dispatch_uid="start-city-queues-log")
post_save.connect(recount_city_counts, sender=CommentNote, dispatch_uid="start-city-queues-note")


def queue_counts(user: User, now: datetime) -> list[dict]:
    """Per queue the user may handle (AKN: use `city_queue_counts`): `in_kc_queue`,
    `queue_administration` (None for KC's), `open`, `soon` and `overdue`; a queue without open
    comments has no row."""
    rows = comments_visible_to(user).open()
    group = ["in_kc_queue", "queue_administration", "queue_administration__name"]
    return list(rows.values(*group).annotate(**_counts(now)).order_by(*group))


def _links(url: str, counts: dict) -> tuple[StartLink, ...]:
    return (
        StartLink(_("Open comments and messages"), url, counts["open"]),
        StartLink(_("Due within the hour"), url, counts["soon"], urgent=bool(counts["soon"])),
        StartLink(_("Overdue comments and messages"), url, counts["overdue"], urgent=bool(counts["overdue"])),
    )


@register
def queue_cards(user: User, offers: StartPage, now: datetime) -> list[StartCard]:
    sees_kc = can_see_kc_queue(user)
    rs = roles_of(user)
    is_akn = rs.is_akn
    administrations = (
        [] if is_akn else list(queue_administrations_for(user).order_by("name").values_list("pk", "name"))
    )
    if not (sees_kc or administrations):
        return []
    empty = {"open": 0, "soon": 0, "overdue": 0}
    counted_at = None
    if is_akn:
        city = summary.summary(CITY_QUEUES, now)
        kc, others, counted_at = city.value["kc"], [], city.counted_at
    elif not sees_kc and {pk for pk, _name in administrations} <= (led := rs.administration_ids(Role.LEAD)):
        # A lead sees their förvaltningar's whole queues, which the city's count holds already: read
        # as kept, counted anew with it after each handled comment (a count of the queue grows with it).
        city = summary.summary(CITY_QUEUES, now)
        if "by_administration" not in city.value:  # kept before the figure held it
            city = summary.refresh(CITY_QUEUES, now)
        kc, counted_at = empty, city.counted_at
        others = [
            {"queue_administration": pk, **counts}
            for pk, counts in city.value["by_administration"].items()
            if pk in led
        ]
    else:
        counts = queue_counts(user, now)
        kc = next((c for c in counts if c["in_kc_queue"]), empty)
        others, counted_at = [c for c in counts if not c["in_kc_queue"]], None
    cards = []
    if sees_kc:
        cards.append(
            StartCard(
                title=_("The contact centre's queue"),
                text=_("We answer within 24 hours during working hours, weekdays 8–17."),
                links=_links(reverse("moderation:queue-kc"), kc),
                order=10,
                key="queue-kc",
                counted_at=counted_at,
            )
        )
    if is_akn:
        total = city.value["total"]
        links = [
            # No one page lists every förvaltning's queue: the sums are text, the worst queues links.
            StartLink(_("Open comments and messages"), "", total["open"]),
            StartLink(_("Due within the hour"), "", total["soon"], urgent=bool(total["soon"])),
            StartLink(
                _("Overdue comments and messages"), "", total["overdue"], urgent=bool(total["overdue"])
            ),
        ]
        links += [
            StartLink(
                _("Overdue in %(administration)s") % {"administration": c["name"]},
                reverse("moderation:queue-administration", args=[c["pk"]]),
                c["overdue"],
                urgent=True,
            )
            for c in city.value["worst"]
        ]
        cards.append(
            StartCard(
                title=_("The administrations' queues, the whole city"),
                links=tuple(links),
                order=11,
                key="queue-city",
                counted_at=counted_at,
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
                counted_at=counted_at,
            )
        )
    return cards
