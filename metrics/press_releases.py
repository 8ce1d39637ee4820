"""The city's press releases, posted to X once each.

The feed is read, every entry is recorded by its guid (a unique key: two workers reading the same
feed record it once), and each pending release is posted while its row is locked with SKIP LOCKED:
a second worker passes over a release the first is posting, and finds it posted afterwards. If an
answer is lost after X accepted the post, the retry gets X's "duplicate content" refusal, which
counts as posted.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import feedparser
import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import SocialAccount
from platforms import client_for
from platforms.base import DuplicateContent, PlatformError, PlatformUnavailable, TokenExpired
from platforms.models import AccountConnection
from platforms.services import connection_for, connection_mark_needs_token, connection_refresh_if_due
from platforms.x import shorten_for_x

from .models import PressRelease

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


@dataclass
class PollResult:
    recorded: int = 0
    posted: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: str = ""


def _x_account() -> SocialAccount | None:
    # A closed account posts nothing more.
    accounts = SocialAccount.objects.open().filter(platform=SocialAccount.Platform.X)
    if settings.PRESS_RELEASE_X_ACCOUNT_ID:
        return accounts.filter(pk=settings.PRESS_RELEASE_X_ACCOUNT_ID).first()
    return accounts.filter(is_citywide=True).order_by("pk").first()


def feed_read(url: str) -> list[dict]:
    """The feed's entries as dicts of guid, title, link and published (aware or None)."""
    response = requests.get(
        url, timeout=settings.PLATFORM_HTTP_TIMEOUT, headers={"User-Agent": "Helsocial/1.0"}
    )
    response.raise_for_status()
    parsed = feedparser.parse(response.content)
    entries = []
    for entry in parsed.entries:
        guid = entry.get("id") or entry.get("guid") or entry.get("link")
        title = " ".join((entry.get("title") or "").split())
        if not guid or not title:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
        entries.append(
            {
                "guid": guid[:500],
                "title": title[:500],
                "link": entry.get("link", "")[:1000],
                "published": published,
            }
        )
    return entries


def press_releases_record(*, entries: list[dict], now: datetime) -> int:
    oldest = now - timedelta(hours=settings.PRESS_RELEASE_MAX_AGE_HOURS)
    rows = [
        PressRelease(
            guid=e["guid"],
            title=e["title"],
            link=e["link"],
            published_at=e["published"],
            status=(
                PressRelease.Status.SKIPPED
                if e["published"] is not None and e["published"] < oldest
                else PressRelease.Status.PENDING
            ),
        )
        for e in entries
    ]
    # The guid is the key: a release already recorded (by us or a racing worker) is left alone.
    created = PressRelease.objects.bulk_create(rows, ignore_conflicts=True)
    return len(created)


def press_releases_poll(*, now: datetime | None = None) -> PollResult:
    result = PollResult()
    now = now or timezone.now()
    if not settings.PRESS_RELEASE_FEED_URL:
        result.skipped = "no feed"
        return result
    account = _x_account()
    if account is None:
        result.skipped = "no X account"
        return result
    try:
        entries = feed_read(settings.PRESS_RELEASE_FEED_URL)
    except (requests.RequestException, ValueError) as exc:
        raise PlatformUnavailable(f"press release feed: {type(exc).__name__}") from exc
    result.recorded = press_releases_record(entries=entries, now=now)
    connection_refresh_if_due(account=account, now=now)
    if connection_for(account).status != AccountConnection.Status.OK:
        result.skipped = "X account not connected"
        return result
    client = client_for(account)
    pending = PressRelease.objects.filter(status=PressRelease.Status.PENDING).order_by("published_at", "pk")
    for release_id in list(pending.values_list("pk", flat=True)):
        outcome = press_release_post(release_id=release_id, client=client)
        if outcome == "posted":
            result.posted += 1
        elif outcome == "duplicate":
            result.duplicates += 1
        elif outcome == "failed":
            result.failed += 1
        elif outcome == "token":
            connection_mark_needs_token(
                account=account, reason="X refused the token while posting a press release"
            )
            break
    return result


def press_release_post(*, release_id: int, client) -> str:
    """Post one release if nobody else is: "posted", "duplicate", "busy", "failed", "retry" or "token"."""
    with transaction.atomic():
        # SKIP LOCKED: a release another worker is posting right now is passed over, not waited for.
        release = (
            PressRelease.objects.select_for_update(skip_locked=True)
            .filter(pk=release_id, status=PressRelease.Status.PENDING)
            .first()
        )
        if release is None:
            return "busy"  # another worker holds it, or it is done
        text = shorten_for_x(release.title, release.link)
        release.attempts += 1
        outcome = "posted"
        try:
            release.x_post_id = client.publish(text)
        except DuplicateContent:
            outcome = "duplicate"  # already on X: the earlier answer was lost
        except TokenExpired:
            return "token"  # rolled back: still pending for after the reconnect
        except PlatformUnavailable as exc:
            release.last_error = str(exc)[:500]
            release.save(update_fields=["attempts", "last_error"])
            return "retry"
        except PlatformError as exc:
            release.last_error = str(exc)[:500]
            if release.attempts >= MAX_ATTEMPTS:
                release.status = PressRelease.Status.FAILED
            release.save(update_fields=["attempts", "last_error", "status"])
            logger.warning("press release %s not posted: %s", release.pk, exc)
            return "failed"
        release.status = PressRelease.Status.POSTED
        release.text = text[:1000]
        release.posted_at = timezone.now()
        release.last_error = ""
        release.save()
        return outcome
