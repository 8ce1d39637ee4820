"""Reading the stored figures honestly: what a month's reach is, and what each figure means.

Daily reach counts unique people per day, so a month's days do not add up to the month's reach.
Where the platform gives a period value (Instagram), it is stored as the account's month row and
used; elsewhere the month's figure is the sum of the daily reach, and is named so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import SocialAccount
from platforms import client_class
from platforms.models import PlatformPost

from .models import MetricSnapshot, MonthlyRollup

REACH = _("Reach")
SUM_OF_DAILY_REACH = _("Sum of daily reach")


@dataclass(frozen=True)
class MonthReach:
    value: int | None
    period: bool  # the platform's unique reach over the month, not a sum of days
    label: str


def month_reach(*, account: SocialAccount, month: date) -> MonthReach:
    """The account's reach in the month: the platform's period value, else the sum of its days."""
    first = month.replace(day=1)
    period = (
        MetricSnapshot.objects.filter(
            account=account,
            subject="",
            metric_set=MetricSnapshot.MetricSet.ACCOUNT_MONTH,
            day=first,
            reach__isnull=False,
        )
        .values_list("reach", flat=True)
        .first()
    )
    if period is not None:
        return MonthReach(value=period, period=True, label=str(REACH))
    following = (first + timedelta(days=32)).replace(day=1)
    days = MetricSnapshot.objects.filter(
        account=account,
        subject="",
        metric_set=MetricSnapshot.MetricSet.ACCOUNT_DAY,
        day__gte=first,
        day__lt=following,
    ).aggregate(total=Sum("reach"), given=Count("reach"))
    # No day with a reach is no figure, never 0.
    value = days["total"] if days["given"] else None
    return MonthReach(value=value, period=False, label=str(SUM_OF_DAILY_REACH))


# --- an account's last months ----------------------------------------------------------------------

MONTH_FIGURES = [
    "followers",
    "new_followers",
    "reach",
    "views",
    "interactions",
    "engagement_rate",
    "engagement_rate_by_reach",
    "posts_published",
]


@dataclass(frozen=True)
class Cell:
    value: int | float | None
    change: float | None = None  # against the month before, as a share (0.1 = +10 %)
    against_median: float | None = None  # against the account's 12-month median, as a share


@dataclass(frozen=True)
class MonthRow:
    month: date
    cells: dict[str, Cell]
    reach_is_period: bool
    new_followers_kind: str
    settled: bool
    has_figures: bool  # a month the rollup has a row for; an empty month is not "not final"


@dataclass(frozen=True)
class AccountMonths:
    rows: list[MonthRow]  # newest first
    medians: dict[str, float | None]
    reach_is_period: bool  # every month with a reach has the platform's period value


def account_months(*, account: SocialAccount, today: date, count: int = 13) -> AccountMonths:
    """The account's last `count` months from the rollup (one query), each figure compared with the
    month before and with the median of the 12 months before the newest."""
    newest = today.replace(day=1)
    months = [newest]
    for _n in range(count - 1):
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    rollups = {
        r.month: r
        for r in MonthlyRollup.objects.filter(
            account=account, subject="", month__gte=months[-1], month__lte=newest
        )
    }
    values = {m: {f: getattr(rollups.get(m), f, None) for f in MONTH_FIGURES} for m in months}
    medians = {f: _median([values[m][f] for m in months[1:13]]) for f in MONTH_FIGURES}
    rows = []
    for n, month in enumerate(months):
        before = values[months[n + 1]] if n + 1 < len(months) else {}
        cells = {
            f: Cell(
                value=values[month][f],
                change=_share(values[month][f], before.get(f)),
                against_median=_share(values[month][f], medians[f]),
            )
            for f in MONTH_FIGURES
        }
        rollup = rollups.get(month)
        rows.append(
            MonthRow(
                month=month,
                cells=cells,
                reach_is_period=bool(rollup and rollup.reach_is_period),
                new_followers_kind=rollup.new_followers_kind if rollup else "",
                settled=bool(rollup and rollup.settled),
                has_figures=rollup is not None,
            )
        )
    with_reach = [r for r in rows if r.cells["reach"].value is not None]
    return AccountMonths(
        rows=rows,
        medians=medians,
        reach_is_period=bool(with_reach) and all(r.reach_is_period for r in with_reach),
    )


def _median(values: list) -> float | int | None:
    """The median; a count's median stays a whole number where it is one ("175 693", not
    "175 693,0"), and is a half where the two middle counts differ by an odd number."""
    given = sorted(v for v in values if v is not None)
    if not given:
        return None
    middle = len(given) // 2
    if len(given) % 2:
        return given[middle]
    value = (given[middle - 1] + given[middle]) / 2
    counts = all(isinstance(v, int) for v in given)
    return int(value) if counts and value.is_integer() else value


def _share(value, base) -> float | None:
    if value is None or base is None or base == 0:
        return None
    return (value - base) / abs(base)


# --- one post's figures ----------------------------------------------------------------------------

POST_FIGURES = [
    ("reach", _("Reach")),
    ("views", _("Views")),
    ("clicks", _("Clicks")),
    ("link_clicks", _("Link clicks")),
    ("video_views", _("Video views")),
    ("reactions", _("Reactions")),
    ("comments", _("Comments")),
    ("shares", _("Shares")),
    ("saves", _("Saves")),
]
REASONS = {
    "not_given": _("The platform does not give this figure."),
    "retired": _("The platform has retired this metric."),
    "empty": _("The platform gave no data for it (yet)."),
    "not_for_day": _("The platform gave no value for this day."),
    "failed": _("The platform refused this post's figures."),
    "threshold": _("The account is under the platform's threshold for figures."),
}


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    value: int | float | None
    reason: str = ""  # why the value is missing


@dataclass(frozen=True)
class PostFigures:
    read_on: date | None
    settled: bool
    organic_only: bool
    figures: list[Figure]
    interactions: int | None
    engagement_rate: float | None  # interactions ÷ the account's followers
    engagement_rate_by_reach: float | None  # interactions ÷ the post's reach


def reason_text(code: str) -> str:
    """A stored reason ("failed: code 100: …") as a sentence to show."""
    return str(REASONS.get(code.split(":", 1)[0], REASONS["not_given"]))


def post_figures(*, post) -> PostFigures:
    """The post's latest lifetime figures, with why each missing one is missing (two queries)."""
    snapshot = (
        MetricSnapshot.objects.filter(post=post, metric_set=MetricSnapshot.MetricSet.POST_LIFETIME)
        .order_by("-day")
        .first()
    )
    followers = (
        MetricSnapshot.objects.filter(
            account_id=post.account_id,
            subject="",
            metric_set=MetricSnapshot.MetricSet.ACCOUNT_DAY,
            followers__isnull=False,
        )
        .order_by("-day")
        .values_list("followers", flat=True)
        .first()
    )
    return figures_of(snapshot, followers)


def figures_of(snapshot: MetricSnapshot | None, followers: int | None) -> PostFigures:
    """A post's figures from its latest lifetime snapshot and its account's latest follower count."""
    if snapshot is None:
        empty = [Figure(n, str(label), None, str(REASONS["empty"])) for n, label in POST_FIGURES]
        return PostFigures(None, False, False, empty, None, None, None)
    missing = snapshot.missing or {}
    figures = [
        Figure(
            name,
            str(label),
            getattr(snapshot, name),
            reason_text(missing.get(name, "not_given")) if getattr(snapshot, name) is None else "",
        )
        for name, label in POST_FIGURES
    ]
    parts = [snapshot.reactions, snapshot.comments, snapshot.shares, snapshot.saves]
    interactions = sum(p or 0 for p in parts) if any(p is not None for p in parts) else None
    return PostFigures(
        read_on=snapshot.day,
        settled=snapshot.settled,
        organic_only=snapshot.organic_only,
        figures=figures,
        interactions=interactions,
        engagement_rate=interactions / followers if interactions is not None and followers else None,
        engagement_rate_by_reach=interactions / snapshot.reach
        if interactions is not None and snapshot.reach
        else None,
    )


def account_posts(*, account: SocialAccount, since: date, limit: int = 50):
    """The account's latest posts since the month `since` with their month's figures (one query)."""
    return (
        MonthlyRollup.objects.filter(account=account, month__gte=since, post__isnull=False)
        .select_related("post")
        .order_by("-post__created_at")[:limit]
    )


@dataclass(frozen=True)
class PullHealth:
    last_settled_day: date | None
    problems: list[tuple[str, str]]  # (figure, reason) of the newest account day, "not given" left out


ACCOUNT_FIGURE_LABELS = {
    "followers": _("Followers"),
    "reach": _("Reach"),
    "interactions": _("Interactions"),
    "views": _("Views"),
    "new_followers": _("New followers"),
}


def pull_health(*, account: SocialAccount) -> PullHealth:
    """Which account figures failed on the last pull and why, and the newest settled day (two queries)."""
    days = MetricSnapshot.objects.filter(
        account=account, subject="", metric_set=MetricSnapshot.MetricSet.ACCOUNT_DAY
    )
    newest = days.order_by("-day").values_list("missing", flat=True).first() or {}
    settled = days.filter(settled=True).order_by("-day").values_list("day", flat=True).first()
    problems = [
        (str(ACCOUNT_FIGURE_LABELS.get(name, name)), reason_text(code))
        for name, code in sorted(newest.items())
        if not str(code).startswith("not_given")
    ]
    return PullHealth(last_settled_day=settled, problems=problems)


@dataclass(frozen=True)
class BookedPost:
    account: SocialAccount
    post: PlatformPost | None  # None: the slot's post is not mirrored yet
    figures: PostFigures | None
    organic_only: bool  # the platform's post figures leave out paid distribution


def booking_posts(*, booking) -> list[BookedPost]:
    """The posts a booking was published as, one per published slot, with their latest figures.

    Three queries whatever the number of slots and snapshots: the slots with their posts' ids and
    latest snapshot ids, the snapshots, the accounts' latest follower counts."""
    latest = MetricSnapshot.objects.filter(
        post_id=OuterRef("post_pk"), metric_set=MetricSnapshot.MetricSet.POST_LIFETIME
    ).order_by("-day")
    slots = list(
        booking.slots.exclude(post_platform_id="")
        .select_related("account")
        .annotate(
            post_pk=Subquery(
                PlatformPost.objects.filter(
                    account_id=OuterRef("account_id"), platform_id=OuterRef("post_platform_id")
                ).values("pk")[:1]
            )
        )
        .annotate(snapshot_pk=Subquery(latest.values("pk")[:1]))
        .order_by("starts_at", "id")
    )
    if not slots:
        return []
    snapshots = {
        s.pk: s
        for s in MetricSnapshot.objects.select_related("post").filter(
            pk__in=[slot.snapshot_pk for slot in slots if slot.snapshot_pk]
        )
    }
    posts = {s.post_id: s.post for s in snapshots.values()}
    missing = [slot.post_pk for slot in slots if slot.post_pk and slot.post_pk not in posts]
    if missing:  # mirrored, no figures read yet
        posts.update(PlatformPost.objects.in_bulk(missing))
    followers = dict(
        SocialAccount.objects.filter(pk__in={slot.account_id for slot in slots})
        .annotate(
            latest_followers=Subquery(
                MetricSnapshot.objects.filter(
                    account_id=OuterRef("pk"),
                    subject="",
                    metric_set=MetricSnapshot.MetricSet.ACCOUNT_DAY,
                    followers__isnull=False,
                )
                .order_by("-day")
                .values("followers")[:1]
            )
        )
        .values_list("pk", "latest_followers")
    )
    return [
        BookedPost(
            account=slot.account,
            post=posts.get(slot.post_pk),
            figures=figures_of(snapshots.get(slot.snapshot_pk), followers.get(slot.account_id))
            if slot.post_pk
            else None,
            organic_only=client_class(slot.account.platform).figure_facts.organic_only,
        )
        for slot in slots
    ]
