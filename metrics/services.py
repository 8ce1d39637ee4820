"""Pulling posts and figures from the platforms.

Everything a pull fetches is fetched first and written after, in one transaction per account: a
platform that fails half way leaves nothing half written. Writes are upserts keyed by the
platform's ids (`INSERT ... ON CONFLICT ... DO UPDATE` on SQLite and PostgreSQL alike), so pulling
twice changes nothing. The posts are mirrored by `platforms`, matched to their booked slots by
`calendar_booking`, and the comments that came before a match are moved by `moderation`; the
figures are this app's. An expired token marks the account "needs a new token" (the connection's
guard, `platforms.services.platform_calls`) and no call is made for it until someone reconnects it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import SocialAccount
from calendar_booking.services.matching import booking_slots_match_posts
from moderation.placement import comments_place_again
from platforms import client_for
from platforms.base import AccountMetrics, Capability, FigureFacts, Missing, PlatformClient, PostMetrics
from platforms.models import AccountConnection, PlatformPost
from platforms.services import connection_ready, platform_calls, posts_upsert

from .models import MetricSnapshot

logger = logging.getLogger(__name__)

POST_METRIC_FIELDS = [
    "reach",
    "views",
    "video_views",
    "clicks",
    "link_clicks",
    "reactions",
    "comments",
    "shares",
    "saves",
]
ACCOUNT_METRIC_FIELDS = ["followers", "reach", "interactions", "views", "new_followers"]
# Written on every upsert; an account day read again keeps its follower count (a count of now).
UPSERT_FIELDS = [
    *POST_METRIC_FIELDS,
    "interactions",
    "new_followers",
    "new_followers_kind",
    "settled",
    "day_zone",
    "organic_only",
    "missing",
]
# A pull reads a little before the last one: a post published during the last pull is not missed.
OVERLAP = timedelta(hours=2)


@dataclass
class PullResult:
    account_id: int
    posts: int = 0
    snapshots: int = 0
    comments: int = 0
    matched: int = 0
    calls: int = 0
    skipped: str = ""  # why nothing was pulled ("needs_new_token", "not_connected")
    months: list[date] = field(default_factory=list)  # the months whose figures this pull touched
    errors: list[str] = field(default_factory=list)


# --- posts and figures ----------------------------------------------------------------------------


def account_pull(
    *,
    account: SocialAccount,
    since: datetime | None = None,
    now: datetime | None = None,
    client: PlatformClient | None = None,
) -> PullResult:
    """Pull the account's posts since `since` and today's figures for its recent posts and itself.

    Raises PlatformUnavailable (and RateLimited) for the caller to retry later; an expired token is
    not raised but recorded on the connection.
    """
    now = now or timezone.now()
    result = PullResult(account_id=account.pk)
    connection = connection_ready(account=account, now=now, refresh=client is None)
    if connection.status != AccountConnection.Status.OK:
        result.skipped = connection.status
        return result
    if since is None:
        floor = now - timedelta(days=settings.PULL_LOOKBACK_DAYS)
        since = max(floor, connection.last_pull_at - OVERLAP) if connection.last_pull_at else floor
    client = client or client_for(account)
    facts = figure_facts(client)
    today = timezone.localdate(now)
    posts = []
    figures: dict[str, PostMetrics] = {}
    account_days: dict[date, AccountMetrics] = {}
    month_reach: dict[date, int | None] = {}
    days = days_to_read(now=now, facts=facts)
    with platform_calls(account=account, client=client) as guard:
        posts = list(client.posts_since(since))
        if Capability.READ_METRICS in client.capabilities:
            window = now - timedelta(days=settings.PULL_LOOKBACK_DAYS)
            known = set(
                PlatformPost.objects.filter(account=account, created_at__gte=window).values_list(
                    "platform_id", flat=True
                )
            )
            ids = sorted(known | {p.id for p in posts})
            figures = client.post_metrics(ids) if ids else {}
            # Today's figures, the days not settled yet and the last settled ones again: a day's
            # figures change until the platform has finished counting it.
            for day, _settled in days:
                account_days[day] = client.account_metrics(day)
            if facts.period_reach:
                for first, last in months_of(days):
                    month_reach[first] = client.period_reach(first, last)
    result.calls = guard.calls
    if guard.token_expired:
        result.skipped = AccountConnection.Status.NEEDS_NEW_TOKEN
        return result

    with transaction.atomic():
        result.posts = posts_upsert(account=account, posts=posts)
        result.snapshots = snapshots_upsert(account=account, day=today, posts=figures, facts=facts)
        result.snapshots += account_days_upsert(
            account=account, days=account_days, settled=dict(days), facts=facts, today=days[-1][0]
        )
        result.snapshots += month_reach_upsert(
            account=account,
            months=month_reach,
            last_settled=last_settled_day(now=now, facts=facts),
            facts=facts,
        )
        result.matched = posts_match_slots(account=account, since=since)
        AccountConnection.objects.filter(pk=connection.pk).update(last_pull_at=now, last_error="")
        result.months = months_touched(account=account, days=list(account_days), post_ids=list(figures))
        settled_months = post_snapshots_settle(account=account, now=now)
        result.months = sorted(set(result.months) | set(settled_months))
    return result


def months_touched(*, account: SocialAccount, days: list[date], post_ids: list[str]) -> list[date]:
    """The months of the days read and the publishing months of the posts read."""
    months = {d.replace(day=1) for d in days}
    created = PlatformPost.objects.filter(account=account, platform_id__in=post_ids).values_list(
        "created_at", flat=True
    )
    months |= {timezone.localdate(c).replace(day=1) for c in created}
    return sorted(months)


def post_settled_before(*, now: datetime) -> datetime:
    """Posts published before this are no longer read by the pulls (PULL_LOOKBACK_DAYS), and the
    platform has finished counting the days of their last reading: their figures are final."""
    return now - timedelta(days=settings.PULL_LOOKBACK_DAYS + 1)


def post_snapshots_settle(*, account: SocialAccount, now: datetime) -> list[date]:
    """Mark the lifetime figures of the account's posts that have left the pulls' window as settled,
    and return the months they were published in (their monthly figures become final)."""
    snapshots = MetricSnapshot.objects.filter(
        account=account,
        metric_set=MetricSnapshot.MetricSet.POST_LIFETIME,
        settled=False,
        post__created_at__lt=post_settled_before(now=now),
    )
    created = set(snapshots.values_list("post__created_at", flat=True).distinct())
    if not created:
        return []
    snapshots.update(settled=True)
    return sorted({timezone.localdate(c).replace(day=1) for c in created})


def figure_facts(client) -> FigureFacts:
    return getattr(client, "figure_facts", None) or FigureFacts()


def last_settled_day(*, now: datetime, facts: FigureFacts) -> date:
    """The last of the platform's days whose figures are final at `now`."""
    today = now.astimezone(ZoneInfo(facts.day_zone)).date()
    return today - timedelta(days=1 + facts.settle_days)


def days_to_read(*, now: datetime, facts: FigureFacts) -> list[tuple[date, bool]]:
    """The platform's days a pull reads, oldest first, each with whether it is settled: the last
    METRICS_SETTLED_DAYS settled days, every day since, and today. A platform without daily
    figures (X: only a follower count of now) is read for today only."""
    today = now.astimezone(ZoneInfo(facts.day_zone)).date()
    if not facts.daily:
        return [(today, False)]
    settled = last_settled_day(now=now, facts=facts)
    first = settled - timedelta(days=max(settings.METRICS_SETTLED_DAYS, 1) - 1)
    return [
        (first + timedelta(days=n), first + timedelta(days=n) <= settled)
        for n in range((today - first).days + 1)
    ]


def months_of(window: list[tuple[date, bool]]) -> list[tuple[date, date]]:
    """(first day, last day read so far) of each month the window touches."""
    months: dict[date, date] = {}
    for day, _settled in window:
        first = day.replace(day=1)
        months[first] = max(months.get(first, day), day)
    return sorted(months.items())


def snapshots_upsert(
    *,
    account: SocialAccount,
    day: date,
    posts: dict[str, PostMetrics],
    totals: AccountMetrics | None = None,
    facts: FigureFacts | None = None,
    settled: bool = False,
) -> int:
    """Upsert the posts' lifetime figures read on `day` (and, if given, the account's for `day`)."""
    facts = facts or FigureFacts()
    post_pks = dict(
        PlatformPost.objects.filter(account=account, platform_id__in=list(posts)).values_list(
            "platform_id", "pk"
        )
    )
    rows = []
    for platform_id, figures in posts.items():
        if platform_id not in post_pks:
            continue  # a post the platform gave figures for but not in its list: nothing to hang them on
        rows.append(
            MetricSnapshot(
                account=account,
                post_id=post_pks[platform_id],
                subject=platform_id,
                day=day,
                metric_set=MetricSnapshot.MetricSet.POST_LIFETIME,
                day_zone=facts.day_zone,
                organic_only=facts.organic_only,
                missing=_missing(figures, POST_METRIC_FIELDS),
                **{name: getattr(figures, name) for name in POST_METRIC_FIELDS},
            )
        )
    _upsert(rows, UPSERT_FIELDS)
    count = len(rows)
    if totals is not None:
        count += account_days_upsert(
            account=account, days={day: totals}, settled={day: settled}, facts=facts, today=day
        )
    return count


def account_days_upsert(
    *,
    account: SocialAccount,
    days: dict[date, AccountMetrics],
    settled: dict[date, bool],
    facts: FigureFacts,
    today: date,
) -> int:
    """Upsert the account's figures per day. The follower count is a count of now: it is written on
    today's row only, and an earlier day read again keeps the count it was given on its own day.
    Where the platform gives no follower gains, today's are the net change since yesterday's count."""
    rows = []
    for day, figures in sorted(days.items()):
        values = {name: getattr(figures, name) for name in ACCOUNT_METRIC_FIELDS}
        missing = _missing(figures, ACCOUNT_METRIC_FIELDS)
        kind = MetricSnapshot.FollowerGain.GROSS if facts.new_followers == "gross" else ""
        if day != today:
            values["followers"] = None
        elif facts.new_followers == "net" and values["followers"] is not None:
            before = (
                MetricSnapshot.objects.filter(
                    account=account,
                    subject="",
                    metric_set=MetricSnapshot.MetricSet.ACCOUNT_DAY,
                    day=day - timedelta(days=1),
                    followers__isnull=False,
                )
                .values_list("followers", flat=True)
                .first()
            )
            if before is not None:
                values["new_followers"] = values["followers"] - before
                kind = MetricSnapshot.FollowerGain.NET
                missing.pop("new_followers", None)
        if values["new_followers"] is None:
            kind = ""
        rows.append(
            MetricSnapshot(
                account=account,
                post=None,
                subject="",
                day=day,
                metric_set=MetricSnapshot.MetricSet.ACCOUNT_DAY,
                new_followers_kind=kind,
                settled=settled.get(day, False),
                day_zone=facts.day_zone,
                missing=missing,
                **values,
            )
        )
    today_rows = [r for r in rows if r.day == today]
    _upsert(today_rows, [*UPSERT_FIELDS, "followers"])
    _upsert([r for r in rows if r.day != today], UPSERT_FIELDS)
    return len(rows)


def month_reach_upsert(
    *, account: SocialAccount, months: dict[date, int | None], last_settled: date, facts: FigureFacts
) -> int:
    """Upsert each month's unique reach as the platform counts it over the month so far."""
    rows = [
        MetricSnapshot(
            account=account,
            subject="",
            day=first,
            metric_set=MetricSnapshot.MetricSet.ACCOUNT_MONTH,
            reach=reach,
            settled=_month_last_day(first) <= last_settled,
            day_zone=facts.day_zone,
            missing={} if reach is not None else {"reach": Missing.EMPTY},
        )
        for first, reach in months.items()
    ]
    _upsert(rows, UPSERT_FIELDS)
    return len(rows)


def _month_last_day(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _missing(figures, names: list[str]) -> dict[str, str]:
    """Why each figure is NULL: the platform's reason, or "not given" when it named none."""
    given = dict(getattr(figures, "missing", {}) or {})
    return {name: str(given.get(name, Missing.NOT_GIVEN)) for name in names if getattr(figures, name) is None}


def _upsert(rows: list[MetricSnapshot], fields: list[str]) -> None:
    if rows:
        MetricSnapshot.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["account", "subject", "day", "metric_set"],
            update_fields=list(dict.fromkeys(fields)),
        )


# --- matching posts to the publishing calendar ----------------------------------------------------


def posts_match_slots(*, account: SocialAccount, since: datetime) -> int:
    """Match the pulled posts to their booked slots (the calendar's service) and move the comments
    that arrived before the match to the booking's förvaltning or KC (moderation's); returns how
    many posts were matched."""
    matched = booking_slots_match_posts(account=account, since=since)
    if matched:
        comments_place_again(account=account, post_ids=matched)
    return len(matched)


# --- token expiry ---------------------------------------------------------------------------------


def token_expiry_reminders_send(*, now: datetime | None = None) -> int:
    """Mail each account's editors once, a week before its token runs out; returns how many accounts."""
    from helsocial.mail import mail_enqueue

    now = now or timezone.now()
    horizon = now + timedelta(days=settings.TOKEN_EXPIRY_WARNING_DAYS)
    connections = (
        AccountConnection.objects.pullable()
        .filter(expires_at__gt=now, expires_at__lte=horizon)
        .select_related("account")
    )
    count = 0
    for connection in connections:
        account = connection.account
        editors = list(
            account.editor_links.filter(user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
        if not editors:
            continue
        with transaction.atomic():
            mail_enqueue(
                key=f"token-expiry:{account.pk}:{connection.expires_at:%Y%m%dT%H%M%S}",
                name="token_expiry",
                to=sorted(editors),
                context={"account": account, "expires_at": connection.expires_at},
            )
        count += 1
    return count
