"""Pulling comments, replies, messages and mentions from the platforms into moderation.

The comments on the account's recent posts (mirrored by `platforms`) and its messages and mentions
are fetched first and handed to the ingest after, in one transaction per account: a platform that
fails half way leaves nothing half written. Ingesting is an upsert by platform id, so pulling twice
changes nothing. The connection's guard (`platforms.services.platform_calls`) marks an expired
token and records any other error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import SocialAccount
from platforms import client_for
from platforms.base import Capability, PlatformClient, RemoteComment
from platforms.models import AccountConnection, PlatformPost
from platforms.services import connection_ready, platform_calls

from .ingest import comments_ingest, comments_mark_missing
from .models import Comment

# A pull reads a little before the last one: a message sent during the last pull is not missed.
OVERLAP = timedelta(hours=2)

# How far back a platform's comment list reaches, where it does not list a post's whole thread: X's
# recent search sees the last 7 days, so an older reply missing from it is not gone.
COMMENT_LIST_REACH = {SocialAccount.Platform.X: timedelta(days=7)}


@dataclass
class CommentsPullResult:
    account_id: int
    comments: int = 0
    removed: int = 0  # comments gone from the platform since the last pull
    calls: int = 0
    skipped: str = ""  # why nothing was pulled ("needs_new_token", "not_connected")


def account_pull_comments(
    *,
    account: SocialAccount,
    now: datetime | None = None,
    client: PlatformClient | None = None,
) -> CommentsPullResult:
    """Fetch the comments on the account's recent posts (and its messages) and ingest them."""
    now = now or timezone.now()
    result = CommentsPullResult(account_id=account.pk)
    connection = connection_ready(account=account, now=now, refresh=client is None)
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
    with platform_calls(account=account, client=client) as guard:
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
    result.calls = guard.calls
    if guard.token_expired:
        result.skipped = AccountConnection.Status.NEEDS_NEW_TOKEN
        return result
    with transaction.atomic():
        result.comments = comments_hand_over(account=account, items=items)
        result.removed = comments_missing_record(
            account=account, listed=listed, fetch_started=fetch_started, now=now
        )
        AccountConnection.objects.filter(pk=connection.pk).update(last_comments_pull_at=now)
    return result


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

    The stored copy stays (it is marked removed; the evidence sweep then registers it). Spared:
    messages (never judged so) and mentions (others' posts), comments stored after the lists were
    fetched (a webhook during the pull), and those older than the platform's list reaches.
    """
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
    """Store, triage and queue pulled comments (idempotently); returns how many were handed over."""
    if items:
        comments_ingest(account=account, items=items)
    return len(items)
