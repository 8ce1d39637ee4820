"""What a platform says happened to comments already stored: removed, hidden or shown again, or
gone from a complete pull. The stored copy stays as it was; only the marks and the status change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db.models import Case, F, Value, When
from django.utils import timezone

from accounts.models import SocialAccount

from ..models import Comment
from .portable import chunks


def comments_mark_removed(
    *, account: SocialAccount, platform_ids: Sequence[str], source: str, now: datetime | None = None
) -> int:
    """Record that comments were removed on the platform; the stored copy stays as it was."""
    now = now or timezone.now()
    count = 0
    for chunk in chunks(sorted(set(platform_ids))):
        count += Comment.objects.filter(
            account=account, platform_id__in=chunk, removed_on_platform_at__isnull=True
        ).update(
            removed_on_platform_at=now,
            removal_source=source,
            status=Case(
                When(
                    status__in=[Comment.Status.OPEN, Comment.Status.NO_ACTION],
                    then=Value(Comment.Status.REMOVED),
                ),
                default=F("status"),
            ),
            claimed_by=None,
            claimed_until=None,
        )
    return count


def comments_mark_hidden(
    *, account: SocialAccount, platform_ids: Sequence[str], now: datetime | None = None, hidden: bool = True
) -> int:
    """Record that comments were hidden (or shown again) on the platform; a hidden one is handled."""
    now = now or timezone.now()
    count = 0
    for chunk in chunks(sorted(set(platform_ids))):
        rows = Comment.objects.filter(account=account, platform_id__in=chunk)
        if hidden:
            count += rows.filter(hidden_on_platform_at__isnull=True).update(
                hidden_on_platform_at=now,
                status=Case(
                    When(status=Comment.Status.OPEN, then=Value(Comment.Status.HANDLED)), default=F("status")
                ),
                claimed_by=None,
                claimed_until=None,
            )
        else:
            count += rows.filter(hidden_on_platform_at__isnull=False).update(hidden_on_platform_at=None)
    return count


def comments_mark_missing(
    *, account: SocialAccount, post_id: str, seen_ids: Iterable[str], now: datetime | None = None
) -> int:
    """After a complete pull of a post's comments: those no longer there were removed on the platform."""
    seen = set(seen_ids)
    stored = Comment.objects.filter(
        account=account, post_platform_id=post_id, removed_on_platform_at__isnull=True
    ).exclude(kind=Comment.Kind.MESSAGE)
    gone = [pid for pid in stored.values_list("platform_id", flat=True) if pid not in seen]
    return comments_mark_removed(
        account=account, platform_ids=gone, source=Comment.RemovalSource.PULL, now=now
    )
