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

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import SocialAccount
from calendar_booking.services.matching import booking_slots_match_posts
from moderation.placement import comments_place_again
from platforms import client_for
from platforms.base import AccountMetrics, Capability, PlatformClient, PostMetrics
from platforms.models import AccountConnection, PlatformPost
from platforms.services import connection_ready, platform_calls, posts_upsert

from .models import MetricSnapshot

logger = logging.getLogger(__name__)

POST_METRIC_FIELDS = ["reach", "video_views", "link_clicks", "reactions", "comments", "shares", "saves"]
ACCOUNT_METRIC_FIELDS = ["followers", "reach", "interactions"]
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
    today = timezone.localdate(now)
    posts = []
    figures: dict[str, PostMetrics] = {}
    account_figures: AccountMetrics | None = None
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
            account_figures = client.account_metrics(today)
    result.calls = guard.calls
    if guard.token_expired:
        result.skipped = AccountConnection.Status.NEEDS_NEW_TOKEN
        return result

    with transaction.atomic():
        result.posts = posts_upsert(account=account, posts=posts)
        result.snapshots = snapshots_upsert(account=account, day=today, posts=figures, totals=account_figures)
        result.matched = posts_match_slots(account=account, since=since)
        AccountConnection.objects.filter(pk=connection.pk).update(last_pull_at=now, last_error="")
    return result


def snapshots_upsert(
    *,
    account: SocialAccount,
    day: date,
    posts: dict[str, PostMetrics],
    totals: AccountMetrics | None,
) -> int:
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
                **{name: getattr(figures, name) for name in POST_METRIC_FIELDS},
            )
        )
    if totals is not None:
        rows.append(
            MetricSnapshot(
                account=account,
                post=None,
                subject="",
                day=day,
                metric_set=MetricSnapshot.MetricSet.ACCOUNT_DAY,
                **{name: getattr(totals, name) for name in ACCOUNT_METRIC_FIELDS},
            )
        )
    if rows:
        MetricSnapshot.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["account", "subject", "day", "metric_set"],
            update_fields=[*POST_METRIC_FIELDS, "followers", "interactions"],
        )
    return len(rows)


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
