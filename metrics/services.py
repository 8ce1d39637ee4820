"""Pulling posts, figures and comments from the platforms, and keeping each account's connection.

Everything a pull fetches is fetched first and written after, in one transaction per account: a
platform that fails half way leaves nothing half written. Writes are upserts keyed by the
platform's ids (`INSERT ... ON CONFLICT ... DO UPDATE` on SQLite and PostgreSQL alike), so pulling
twice changes nothing. An expired token marks the account "needs a new token" and no call is made
for it until someone reconnects it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import SocialAccount, User

from .models import AccountConnection, MetricSnapshot, PlatformPost
from .platforms import client_for
from .platforms.base import (
    AccountMetrics,
    Capability,
    PlatformClient,
    PlatformError,
    PlatformUnavailable,
    PostMetrics,
    RemoteComment,
    RemotePost,
    TokenExpired,
)

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
    removed: int = 0  # comments gone from the platform since the last pull
    calls: int = 0
    skipped: str = ""  # why nothing was pulled ("needs_new_token", "not_connected")
    errors: list[str] = field(default_factory=list)


# --- connection -----------------------------------------------------------------------------------


def connection_for(account: SocialAccount) -> AccountConnection:
    """The account's connection row; an account with a token (or on the demo platform) starts connected."""
    connected = bool(account.access_token) or account.platform == SocialAccount.Platform.DEMO
    connection, _created = AccountConnection.objects.get_or_create(
        account=account,
        defaults={
            "status": AccountConnection.Status.OK if connected else AccountConnection.Status.NOT_CONNECTED,
            "expires_at": account.token_expires_at,
        },
    )
    return connection


@transaction.atomic
def account_connect(
    *,
    account: SocialAccount,
    token: str,
    by: User | None,
    expires_at: datetime | None,
    refresh_token: str = "",
    platform_id: str = "",
) -> AccountConnection:
    """Store a new token for the account and let pulls run for it again."""
    account.access_token = token
    account.token_expires_at = expires_at
    fields = ["access_token", "token_expires_at", "updated_at"]
    if platform_id and not account.platform_id:
        account.platform_id = platform_id
        fields.append("platform_id")
    account.save(update_fields=fields)
    connection = connection_for(account)
    connection.status = AccountConnection.Status.OK
    connection.expires_at = expires_at
    connection.refresh_token = refresh_token
    connection.connected_at = timezone.now()
    connection.connected_by = by
    connection.last_error = ""
    connection.save()
    return connection


def connection_mark_needs_token(*, account: SocialAccount, reason: str) -> None:
    """The platform refused the token: stop pulling the account until it is reconnected."""
    with transaction.atomic():
        connection = AccountConnection.objects.select_for_update().get(pk=connection_for(account).pk)
        connection.status = AccountConnection.Status.NEEDS_NEW_TOKEN
        connection.last_error = reason[:500]
        connection.last_error_at = timezone.now()
        connection.save(update_fields=["status", "last_error", "last_error_at"])
    logger.warning("account %s needs a new token: %s", account.pk, reason)


# A token this close to its end is refreshed before a pull uses it.
REFRESH_MARGIN = timedelta(minutes=10)


def connection_refresh_if_due(*, account: SocialAccount, now: datetime | None = None) -> bool:
    """Refresh the account's token when it has a refresh token and is about to run out; True if it did.

    A refused refresh is an expired connection (someone must reconnect); a platform that is down
    raises PlatformUnavailable like any call.
    """
    from . import oauth

    now = now or timezone.now()
    connection = connection_for(account)
    if (
        connection.status != AccountConnection.Status.OK
        or not connection.refresh_token
        or connection.expires_at is None
        or connection.expires_at > now + REFRESH_MARGIN
        or not oauth.is_configured(account.platform)
    ):
        return False
    try:
        grant = oauth.refresh(platform=account.platform, refresh_token=connection.refresh_token)
    except PlatformUnavailable:
        raise
    except PlatformError as exc:
        connection_mark_needs_token(account=account, reason=str(exc))
        return False
    account_connect(
        account=account,
        token=grant.access_token,
        by=connection.connected_by,
        expires_at=grant.expires_at,
        refresh_token=grant.refresh_token,
    )
    account.refresh_from_db(fields=["access_token", "token_expires_at"])
    return True


def _record_error(account: SocialAccount, reason: str) -> None:
    AccountConnection.objects.filter(account=account).update(
        last_error=reason[:500], last_error_at=timezone.now()
    )


# --- posts and figures ----------------------------------------------------------------------------


def _connection_ready(*, account: SocialAccount, now: datetime, refresh: bool) -> AccountConnection:
    """The account's connection, its token refreshed first when due (not for an injected client):
    a pull goes ahead only if its status is then OK."""
    connection = connection_for(account)
    if refresh and connection.status == AccountConnection.Status.OK:
        connection_refresh_if_due(account=account, now=now)
        connection.refresh_from_db()
    return connection


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
    connection = _connection_ready(account=account, now=now, refresh=client is None)
    if connection.status != AccountConnection.Status.OK:
        result.skipped = connection.status
        return result
    if since is None:
        floor = now - timedelta(days=settings.PULL_LOOKBACK_DAYS)
        since = max(floor, connection.last_pull_at - OVERLAP) if connection.last_pull_at else floor
    client = client or client_for(account)
    today = timezone.localdate(now)
    try:
        posts = list(client.posts_since(since))
        figures: dict[str, PostMetrics] = {}
        account_figures: AccountMetrics | None = None
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
    except TokenExpired as exc:
        connection_mark_needs_token(account=account, reason=str(exc))
        result.skipped = AccountConnection.Status.NEEDS_NEW_TOKEN
        return result
    except PlatformError as exc:
        _record_error(account, str(exc))
        raise
    finally:
        result.calls = getattr(getattr(client, "http", client), "calls", 0)

    with transaction.atomic():
        result.posts = posts_upsert(account=account, posts=posts)
        result.snapshots = snapshots_upsert(account=account, day=today, posts=figures, totals=account_figures)
        result.matched = posts_match_slots(account=account, since=since)
        AccountConnection.objects.filter(pk=connection.pk).update(last_pull_at=now, last_error="")
    return result


def posts_upsert(*, account: SocialAccount, posts: Sequence[RemotePost]) -> int:
    rows = {
        p.id: PlatformPost(
            account=account,
            platform_id=p.id,
            created_at=p.created_at,
            text=p.text,
            permalink=p.permalink[:500],
            link=p.link[:1000],
            media_type=p.media_type[:16],
        )
        for p in posts
    }
    if rows:
        PlatformPost.objects.bulk_create(
            list(rows.values()),
            update_conflicts=True,
            unique_fields=["account", "platform_id"],
            update_fields=["created_at", "text", "permalink", "link", "media_type"],
        )
    return len(rows)


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


def _normalise_link(url: str) -> str:
    url = url.strip().lower().split("#", 1)[0]
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").rstrip("/")


def posts_match_slots(*, account: SocialAccount, since: datetime) -> int:
    """Match unmatched posts to the account's booked slots, by time and by link; returns how many.

    A post belongs to a slot when it was published between an hour before the slot's start and the
    grace time after its end; a slot whose booking carries the post's link is matched first, then
    the nearest start. A match publishes the slot (the calendar's service logs and mails).
    """
    from calendar_booking.models import BookingSlot, Status
    from calendar_booking.services import booking_slot_publish

    early = timedelta(hours=1)
    grace = timedelta(minutes=settings.CALENDAR_MISSED_GRACE_MINUTES)
    posts = list(
        PlatformPost.objects.filter(account=account, booking_slot__isnull=True, created_at__gte=since - grace)
    )
    if not posts:
        return 0
    first = min(p.created_at for p in posts)
    last = max(p.created_at for p in posts)
    slots = list(
        BookingSlot.objects.filter(
            account=account,
            status__in=[Status.PLANNED, Status.MISSED],
            starts_at__lte=last + early,
            ends_at__gte=first - grace,
        ).select_related("booking")
    )
    taken: set[int] = set()
    matched_posts: list[str] = []
    # A shared link is the stronger evidence: those matches go first, then the rest by nearest start.
    for by_link in (True, False):
        for post in sorted(posts, key=lambda p: p.created_at):
            if post.booking_slot_id is not None:
                continue
            link = _normalise_link(post.link)
            candidates = [
                s
                for s in slots
                if s.pk not in taken
                and s.starts_at - early <= post.created_at <= s.ends_at + grace
                and (not by_link or (link and _normalise_link(s.booking.link or "") == link))
            ]
            if not candidates:
                continue
            slot = min(
                candidates, key=lambda s, post=post: abs((s.starts_at - post.created_at).total_seconds())
            )
            taken.add(slot.pk)
            post.booking_slot = slot
            post.save(update_fields=["booking_slot"])
            booking_slot_publish(slot=slot, post_platform_id=post.platform_id, published_at=post.created_at)
            matched_posts.append(post.platform_id)
    if matched_posts:
        # Comments that arrived before the match move to the booking's förvaltning (or KC).
        from moderation.placement import comments_place_again

        comments_place_again(account=account, post_ids=matched_posts)
    return len(matched_posts)


# --- comments and messages ------------------------------------------------------------------------


def account_pull_comments(
    *,
    account: SocialAccount,
    now: datetime | None = None,
    client: PlatformClient | None = None,
) -> PullResult:
    """Fetch the comments on the account's recent posts (and its messages) and hand them to moderation."""
    now = now or timezone.now()
    result = PullResult(account_id=account.pk)
    connection = _connection_ready(account=account, now=now, refresh=client is None)
    if connection.status != AccountConnection.Status.OK:
        result.skipped = connection.status
        return result
    client = client or client_for(account)
    window = now - timedelta(days=settings.PULL_COMMENTS_POST_DAYS)
    post_ids = list(
        PlatformPost.objects.filter(account=account, created_at__gte=window).values_list(
            "platform_id", flat=True
        )
    )
    items: list[RemoteComment] = []
    # The posts whose whole comment list was read, with the ids it held: the others are not judged.
    listed: dict[str, set[str]] = {}
    fetch_started = timezone.now()
    try:
        if Capability.READ_COMMENTS in client.capabilities:
            for post_id in post_ids:
                pulled = list(client.comments(post_id))
                items.extend(pulled)
                if _listing_complete(pulled):
                    listed[post_id] = {c.id for c in pulled}
        if Capability.READ_MESSAGES in client.capabilities:
            since = (connection.last_comments_pull_at or window) - OVERLAP
            items.extend(client.messages(since))
        if Capability.READ_MENTIONS in client.capabilities:
            # Others' posts naming the account (LinkedIn's tip): queued as kind "mention".
            items.extend(client.mentions((connection.last_comments_pull_at or window) - OVERLAP))
    except TokenExpired as exc:
        connection_mark_needs_token(account=account, reason=str(exc))
        result.skipped = AccountConnection.Status.NEEDS_NEW_TOKEN
        return result
    except PlatformError as exc:
        _record_error(account, str(exc))
        raise
    finally:
        result.calls = getattr(getattr(client, "http", client), "calls", 0)
    with transaction.atomic():
        result.comments = comments_hand_over(account=account, items=items)
        result.removed = comments_missing_record(
            account=account, listed=listed, fetch_started=fetch_started, now=now
        )
        AccountConnection.objects.filter(pk=connection.pk).update(last_comments_pull_at=now)
    return result


# How far back a platform's comment list reaches, where it does not list a post's whole thread: X's
# recent search sees the last 7 days, so an older reply missing from it is not gone.
COMMENT_LIST_REACH = {SocialAccount.Platform.X: timedelta(days=7)}


def _listing_complete(pulled: Sequence[RemoteComment]) -> bool:
    """Whether a post's pulled comments are all it has: a Graph API comment carries only the first
    page of its replies (Instagram), and a further page means some replies were not read."""
    for item in pulled:
        replies = item.raw.get("replies") if isinstance(item.raw, dict) else None
        if isinstance(replies, dict) and (replies.get("paging") or {}).get("next"):
            return False
    return True


def comments_missing_record(
    *, account: SocialAccount, listed: dict[str, set[str]], fetch_started: datetime, now: datetime
) -> int:
    """Comments stored on fully pulled posts but no longer listed were removed on the platform.

    The stored copy stays (moderation marks it removed; the evidence sweep then registers it).
    Spared: messages (moderation never judges them so) and mentions (others' posts), comments
    stored after the lists were fetched (a webhook during the pull), and those older than the
    platform's list reaches.
    """
    from collections import defaultdict

    from django.db.models import Q

    from moderation.ingest import comments_mark_missing
    from moderation.models import Comment

    if not listed:
        return 0
    spared = Q(received_at__gte=fetch_started) | Q(kind=Comment.Kind.MENTION)
    reach = COMMENT_LIST_REACH.get(account.platform)
    if reach is not None:
        spared |= Q(created_at__lt=now - reach)
    kept: dict[str, set[str]] = defaultdict(set)
    rows = Comment.objects.filter(spared, account=account, post_platform_id__in=list(listed)).values_list(
        "post_platform_id", "platform_id"
    )
    for post_id, platform_id in rows:
        kept[post_id].add(platform_id)
    removed = 0
    for post_id, seen in listed.items():
        removed += comments_mark_missing(
            account=account, post_id=post_id, seen_ids=seen | kept[post_id], now=now
        )
    return removed


def comments_hand_over(*, account: SocialAccount, items: Sequence[RemoteComment]) -> int:
    """Give pulled comments to moderation, which stores, triages and queues them (idempotently)."""
    from moderation.ingest import comments_ingest

    if items:
        comments_ingest(account=account, items=items)
    return len(items)


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
