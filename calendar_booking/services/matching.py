"""Matching the posts mirrored from the platforms to the slots booked for them.

The slot records the post it was published as (`BookingSlot.post_platform_id`, set by
`booking_slot_publish`): that is the one link between a booking and a post, and a post the calendar
has not recorded is unmatched.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from accounts.models import SocialAccount
from platforms.models import PlatformPost

from ..models import BookingSlot, Status
from .slots import booking_slot_publish

# A post may go out a little before its slot starts.
EARLY = timedelta(hours=1)


def _normalise_link(url: str) -> str:
    url = url.strip().lower().split("#", 1)[0]
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").rstrip("/")


def booking_slots_match_posts(*, account: SocialAccount, since: datetime) -> list[str]:
    """Match the account's unmatched posts since `since` to its booked slots; returns the posts' ids.

    A post belongs to a slot when it was published between an hour before the slot's start and the
    grace time after its end; a slot whose booking carries the post's link is matched first, then
    the nearest start. A match publishes the slot (`booking_slot_publish` logs it).
    """
    grace = timedelta(minutes=settings.CALENDAR_MISSED_GRACE_MINUTES)
    recorded = BookingSlot.objects.filter(account=account).exclude(post_platform_id="")
    posts = list(
        PlatformPost.objects.filter(account=account, created_at__gte=since - grace).exclude(
            platform_id__in=recorded.values("post_platform_id")
        )
    )
    if not posts:
        return []
    first = min(p.created_at for p in posts)
    last = max(p.created_at for p in posts)
    slots = list(
        BookingSlot.objects.filter(
            account=account,
            status__in=[Status.PLANNED, Status.MISSED],
            starts_at__lte=last + EARLY,
            ends_at__gte=first - grace,
        ).select_related("booking")
    )
    taken: set[int] = set()  # slots
    matched: dict[str, None] = {}  # posts, in the order they were matched
    # A shared link is the stronger evidence: those matches go first, then the rest by nearest start.
    for by_link in (True, False):
        for post in sorted(posts, key=lambda p: p.created_at):
            if post.platform_id in matched:
                continue
            link = _normalise_link(post.link)
            candidates = [
                s
                for s in slots
                if s.pk not in taken
                and s.starts_at - EARLY <= post.created_at <= s.ends_at + grace
                and (not by_link or (link and _normalise_link(s.booking.link or "") == link))
            ]
            if not candidates:
                continue
            slot = min(
                candidates, key=lambda s, post=post: abs((s.starts_at - post.created_at).total_seconds())
            )
            taken.add(slot.pk)
            booking_slot_publish(slot=slot, post_platform_id=post.platform_id, published_at=post.created_at)
            matched[post.platform_id] = None
    return list(matched)
