"""Meta's webhook: checking a delivery's signature, and reading its changes into RemoteComments.

Facebook pages send `feed` changes (comments and replies, with verbs add/edited/remove/hide/unhide),
Instagram accounts `comments`/`live_comments` changes, and both `messaging` events for direct
messages. Anything else in a delivery (reactions, posts, follows) is not a comment and is skipped.
Platform JSON is untrusted: a malformed entry is skipped and logged, never a crash.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from platforms.base import RemoteComment

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "HTTP_X_HUB_SIGNATURE_256"


def signature_valid(body: bytes, header: str | None, secret: str) -> bool:
    """`X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`, compared in constant time."""
    if not secret or not header:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.strip().lower().encode(), expected.encode())


def sign(body: bytes, secret: str) -> str:
    """The header value Meta would send; for tests and the demo."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


AccountKey = tuple[str, str]  # (platform, the page's or Instagram account's id)


@dataclass
class Changes:
    upserts: dict[AccountKey, list[RemoteComment]] = field(default_factory=lambda: defaultdict(list))
    removed: dict[AccountKey, list[str]] = field(default_factory=lambda: defaultdict(list))
    hidden: dict[AccountKey, list[str]] = field(default_factory=lambda: defaultdict(list))
    shown: dict[AccountKey, list[str]] = field(default_factory=lambda: defaultdict(list))

    def accounts(self) -> set[AccountKey]:
        return set(self.upserts) | set(self.removed) | set(self.hidden) | set(self.shown)


def _time(value, fallback) -> datetime:
    if isinstance(value, bool):
        value = None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 10**11 else value  # messaging uses milliseconds
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):  # nonsense far outside any calendar
            return fallback
    if isinstance(value, str) and value:
        try:
            moment = datetime.fromisoformat(value.replace("+0000", "+00:00").replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return fallback


def _str(value) -> str:
    text = (
        value
        if isinstance(value, str)
        else str(value)
        if isinstance(value, int) and not isinstance(value, bool)
        else ""
    )
    return text.replace("\x00", "")  # PostgreSQL stores no NUL characters


def parse(payload: object, *, received_at: datetime | None = None) -> Changes:
    """Every comment change in a delivery, grouped by the account it belongs to."""
    changes = Changes()
    received_at = received_at or datetime.now(UTC)
    if not isinstance(payload, dict):
        return changes
    obj = payload.get("object")
    platform = {"page": "facebook", "instagram": "instagram"}.get(obj)
    if platform is None:
        return changes
    entries = payload.get("entry")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        account_id = _str(entry.get("id"))
        if not account_id:
            continue
        key = (platform, account_id)
        entry_time = _time(entry.get("time"), received_at)
        for change in entry.get("changes") or []:
            try:
                if platform == "facebook":
                    _feed_change(changes, key, change, entry_time)
                else:
                    _instagram_change(changes, key, change, entry_time)
            except (AttributeError, TypeError, ValueError) as exc:
                logger.warning("meta webhook: skipped a malformed change for %s: %s", key, exc)
        for event in entry.get("messaging") or []:
            try:
                _messaging_event(changes, key, account_id, event, entry_time)
            except (AttributeError, TypeError, ValueError) as exc:
                logger.warning("meta webhook: skipped a malformed message for %s: %s", key, exc)
    return changes


def _feed_change(changes: Changes, key: AccountKey, change: dict, entry_time: datetime) -> None:
    if change.get("field") != "feed":
        return
    value = change.get("value") or {}
    if value.get("item") not in ("comment", "reply"):
        return
    comment_id = _str(value.get("comment_id"))
    if not comment_id:
        return
    verb = value.get("verb")
    if verb in ("remove", "delete"):
        changes.removed[key].append(comment_id)
        return
    if verb == "hide":
        changes.hidden[key].append(comment_id)
        return
    if verb == "unhide":
        changes.shown[key].append(comment_id)
        return
    if verb not in ("add", "edited", "edit", "update"):
        return
    post_id = _str(value.get("post_id"))
    parent_id = _str(value.get("parent_id")) or post_id
    sender = value.get("from") or {}
    attachments = tuple(
        url for url in (_str(value.get("photo")), _str(value.get("video"))) if url.startswith("https://")
    )
    changes.upserts[key].append(
        RemoteComment(
            id=comment_id,
            kind="comment" if parent_id == post_id else "reply",
            text=_str(value.get("message")),
            author_id=_str(sender.get("id")),
            author_name=_str(sender.get("name")),
            created_at=_time(value.get("created_time"), entry_time),
            post_id=post_id or None,
            parent_id=parent_id or None,
            permalink=f"https://www.facebook.com/{comment_id}" if "_" in comment_id else "",
            attachments=attachments,
            raw=value,
        )
    )


def _instagram_change(changes: Changes, key: AccountKey, change: dict, entry_time: datetime) -> None:
    if change.get("field") not in ("comments", "live_comments"):
        return
    value = change.get("value") or {}
    comment_id = _str(value.get("id"))
    if not comment_id:
        return
    media = value.get("media") or {}
    sender = value.get("from") or {}
    parent_id = _str(value.get("parent_id"))
    media_id = _str(media.get("id"))
    changes.upserts[key].append(
        RemoteComment(
            id=comment_id,
            kind="reply" if parent_id else "comment",
            text=_str(value.get("text")),
            author_id=_str(sender.get("id")),
            author_name=_str(sender.get("username")),
            created_at=_time(value.get("timestamp"), entry_time),
            post_id=media_id or None,
            parent_id=parent_id or media_id or None,
            raw=value,
        )
    )


def _messaging_event(
    changes: Changes, key: AccountKey, account_id: str, event: dict, entry_time: datetime
) -> None:
    message = event.get("message") or {}
    mid = _str(message.get("mid"))
    if not mid:
        return
    sender = _str((event.get("sender") or {}).get("id"))
    recipient = _str((event.get("recipient") or {}).get("id"))
    if message.get("is_deleted"):
        changes.removed[key].append(mid)
        return
    # The conversation is named after the person the account talks to, whoever sent this one.
    person = recipient if sender == account_id or message.get("is_echo") else sender
    attachments = tuple(
        _str((a.get("payload") or {}).get("url"))
        for a in message.get("attachments") or []
        if isinstance(a, dict) and _str((a.get("payload") or {}).get("url")).startswith("https://")
    )
    changes.upserts[key].append(
        RemoteComment(
            id=mid,
            kind="message",
            text=_str(message.get("text")),
            author_id=account_id if message.get("is_echo") else sender,
            author_name="",
            created_at=_time(event.get("timestamp"), entry_time),
            post_id=f"conversation:{person}",
            parent_id=None,
            attachments=attachments,
            raw=event,
        )
    )
