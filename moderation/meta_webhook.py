"""Meta's webhook: checking a delivery's signature, and reading its changes into RemoteComments.

Facebook pages send `feed` changes (comments and replies, with verbs add/edited/remove/hide/unhide),
Instagram accounts `comments`/`live_comments` changes, and both `messaging` events for direct
messages. Anything else in a delivery (reactions, posts, follows) is not a comment and is skipped.

Platform JSON is untrusted. Every entry, change and message event is read on its own: one that
cannot be read is written down in `Changes.errors` (where it is, and why) and the rest of the
delivery is read as if it were not there, so one bad item never costs the good ones. A field of the
wrong type (`"from": "bob"`) is read as absent; the comment is kept without it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

import orjson

from platforms.base import RemoteComment

from .ingest import json_storable
from .ingest.collector import collector_paused

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "HTTP_X_HUB_SIGNATURE_256"
# Meta sends up to 1,000 changes in one POST, with each comment's text: a few megabytes, more than
# Django's default upload limit (2.5 MB). This endpoint alone takes up to this much.
MAX_BODY_BYTES = 10 * 1024 * 1024
# What Comment.platform_id holds; a longer id is no Meta id.
_ID_LIMIT = 128


def signature_valid(body: bytes, header: str | None, secret: str) -> bool:
    """`X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`, compared in constant time."""
    if not secret or not header:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.strip().lower().encode(), expected.encode())


def read_body(request) -> bytes | None:
    """The request's raw body, or None when it is over MAX_BODY_BYTES. Read from the stream, as
    `request.body` holds every body to the site-wide DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), which the
    rest of the site keeps."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES:
        return None
    body = request.read(MAX_BODY_BYTES + 1)
    return None if len(body) > MAX_BODY_BYTES else body


def sign(body: bytes, secret: str) -> str:
    """The header value Meta would send; for tests and the demo."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class Unreadable(ValueError):
    """A delivery whose body is no JSON at all: nothing in it can be read."""


@collector_paused()
def decode(body: bytes) -> object:
    """The delivery's JSON, with nothing in it that the parser or PostgreSQL cannot take.

    orjson reads strict JSON, and refuses exactly what would hurt later: lone surrogates (an emoji
    cut in two), NaN and Infinity, numbers beyond a double, nesting deeper than 1,024 levels. What
    it refuses is read again leniently: invalid UTF-8 and lone surrogates become U+FFFD, NaN,
    infinities and absurdly long numbers null, parts nested deeper than `JSON_DEPTH_LIMIT` null.
    Only the rare refused body pays for the second reading. Raises Unreadable. The collector
    rests meanwhile (`collector_paused`), as it does while `parse` reads what this returns.
    """
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        pass
    text = bytes(body).decode("utf-8", "replace")
    try:
        value = json.loads(text, parse_constant=_null, parse_float=_finite_float, parse_int=_short_int)
    except RecursionError:
        raise Unreadable("not JSON we can read: nested too deeply") from None
    except ValueError as exc:
        raise Unreadable(f"not JSON: {exc}") from None
    return json_storable(value)


def _null(_constant: str) -> None:
    return None


def _finite_float(text: str) -> float | None:
    value = float(text)
    return value if math.isfinite(value) else None


def _short_int(text: str) -> int | None:
    # Python refuses to read an integer of more than 4,300 digits; no id or time is that long.
    return int(text) if len(text) <= 1000 else None


AccountKey = tuple[str, str]  # (platform, the page's or Instagram account's id)


@dataclass
class Changes:
    upserts: dict[AccountKey, list[RemoteComment]] = field(default_factory=lambda: defaultdict(list))
    removed: dict[AccountKey, list[str]] = field(default_factory=lambda: defaultdict(list))
    hidden: dict[AccountKey, list[str]] = field(default_factory=lambda: defaultdict(list))
    shown: dict[AccountKey, list[str]] = field(default_factory=lambda: defaultdict(list))
    # One line per item that could not be read: where it is in the delivery, and why.
    errors: list[str] = field(default_factory=list)

    def accounts(self) -> set[AccountKey]:
        return set(self.upserts) | set(self.removed) | set(self.hidden) | set(self.shown)


class _Malformed(ValueError):
    """An item that is not what Meta sends; its message says what is wrong."""


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


def _dict(value) -> dict:
    """A field that should hold an object; anything else reads as an empty one."""
    return value if isinstance(value, dict) else {}


def _id(value, what: str) -> str:
    """An item's own id: without one, or with one longer than any platform's, the item is unusable."""
    text = _str(value)
    if not text:
        raise _Malformed(f"{what} without an id")
    if len(text) > _ID_LIMIT:
        # The id last: the error's line is cut to length where it is stored (after its secrets).
        raise _Malformed(f"{what} id longer than {_ID_LIMIT} characters: {text!r}")
    return text


_KINDS = {
    dict: "an object",
    list: "a list",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
}


def _kind(value) -> str:
    """What a JSON value is, in JSON's words."""
    return "null" if value is None else _KINDS.get(type(value), type(value).__name__)


def _problem(exc: Exception) -> str:
    return str(exc) if isinstance(exc, _Malformed) else f"{type(exc).__name__}: {exc}"


_PLATFORMS = {"page": "facebook", "instagram": "instagram"}


@collector_paused()
def parse(payload: object, *, received_at: datetime | None = None) -> Changes:
    """Every comment change in a delivery (as `decode` returns it), grouped by the account it
    belongs to; what could not be read is in `errors`."""
    changes = Changes()
    received_at = received_at or datetime.now(UTC)
    if not isinstance(payload, dict):
        changes.errors.append(f"the delivery is {_kind(payload)}, not an object")
        return changes
    obj = payload.get("object")
    platform = _PLATFORMS.get(obj) if isinstance(obj, str) else None
    if platform is None:
        # Not a subscription of ours (or no object at all): nothing in it is a comment.
        logger.info("meta webhook: a delivery for object %.64r holds no comments we read", obj)
        return changes
    entries = payload.get("entry")
    if not isinstance(entries, list):
        changes.errors.append("entry is not a list")
        return changes
    for index, entry in enumerate(entries):
        try:
            _entry(changes, platform, index, entry, received_at)
        except Exception as exc:  # untrusted input: whatever one entry raises is that entry's error
            changes.errors.append(f"entry {index}: {_problem(exc)}")
    if changes.errors:
        logger.warning("meta webhook: %d items in a delivery could not be read", len(changes.errors))
    return changes


def _entry(changes: Changes, platform: str, index: int, entry, received_at: datetime) -> None:
    if not isinstance(entry, dict):
        raise _Malformed(f"{_kind(entry)}, not an object")
    account_id = _str(entry.get("id"))
    if not account_id:
        raise _Malformed("no account id")
    if len(account_id) > _ID_LIMIT:
        raise _Malformed(f"account id longer than {_ID_LIMIT} characters: {account_id!r}")
    key = (platform, account_id)
    where = f"entry {index} ({account_id!r})"
    entry_time = _time(entry.get("time"), received_at)
    read_change = _feed_change if platform == "facebook" else _instagram_change
    for name, read in (("changes", read_change), ("messaging", _messaging_event)):
        items = entry.get(name)
        if items is None:
            continue
        if not isinstance(items, list):
            changes.errors.append(f"{where}: {name} is {_kind(items)}, not a list")
            continue
        for number, item in enumerate(items):
            try:
                read(changes, key, item, entry_time)
            except Exception as exc:  # untrusted input: whatever one item raises is its own error
                changes.errors.append(f"{where}, {name} {number}: {_problem(exc)}")


def _value(change, field: str | tuple[str, ...]) -> dict | None:
    """The change's value if the change is of `field`; None for a change of another field."""
    if not isinstance(change, dict):
        raise _Malformed(f"{_kind(change)}, not an object")
    if change.get("field") not in field:
        return None
    value = change.get("value")
    if not isinstance(value, dict):
        raise _Malformed(f"its value is {_kind(value)}, not an object")
    return value


def _feed_change(changes: Changes, key: AccountKey, change, entry_time: datetime) -> None:
    value = _value(change, ("feed",))
    if value is None:
        return
    if value.get("item") not in ("comment", "reply"):
        return  # a post, a reaction, a share: not a comment
    verb = value.get("verb")
    if verb in ("remove", "delete"):
        changes.removed[key].append(_id(value.get("comment_id"), "comment"))
        return
    if verb == "hide":
        changes.hidden[key].append(_id(value.get("comment_id"), "comment"))
        return
    if verb == "unhide":
        changes.shown[key].append(_id(value.get("comment_id"), "comment"))
        return
    if verb not in ("add", "edited", "edit", "update"):
        return  # block, mute, follow …: nothing about the comment's text
    comment_id = _id(value.get("comment_id"), "comment")
    post_id = _str(value.get("post_id"))
    parent_id = _str(value.get("parent_id")) or post_id
    sender = _dict(value.get("from"))
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


def _instagram_change(changes: Changes, key: AccountKey, change, entry_time: datetime) -> None:
    value = _value(change, ("comments", "live_comments"))
    if value is None:
        return
    comment_id = _id(value.get("id"), "comment")
    media = _dict(value.get("media"))
    sender = _dict(value.get("from"))
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


def _messaging_event(changes: Changes, key: AccountKey, event, entry_time: datetime) -> None:
    if not isinstance(event, dict):
        raise _Malformed(f"{_kind(event)}, not an object")
    if "message" not in event:
        return  # a read receipt, a delivery report, a reaction: not a message
    message = event.get("message")
    if not isinstance(message, dict):
        raise _Malformed(f"its message is {_kind(message)}, not an object")
    mid = _id(message.get("mid"), "message")
    account_id = key[1]
    sender = _str(_dict(event.get("sender")).get("id"))
    recipient = _str(_dict(event.get("recipient")).get("id"))
    if message.get("is_deleted"):
        changes.removed[key].append(mid)
        return
    # The conversation is named after the person the account talks to, whoever sent this one.
    person = recipient if sender == account_id or message.get("is_echo") else sender
    attachments = message.get("attachments")
    urls = tuple(
        url
        for url in (
            _str(_dict(a.get("payload")).get("url"))
            for a in (attachments if isinstance(attachments, list) else ())
            if isinstance(a, dict)
        )
        if url.startswith("https://")
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
            attachments=urls,
            raw=event,
        )
    )
