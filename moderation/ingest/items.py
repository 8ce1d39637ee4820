"""What an item from a platform becomes: its untrusted values made storable, and its new row.

Platform text is untrusted. PostgreSQL refuses NUL characters and lone surrogates, in text and in
jsonb, and ids longer than their column; a payload can nest far deeper than any platform's JSON
does. Everything here is a pure function of the item (and, for the row, the batch's rules, history
and placement): nothing reads or writes the database.
"""

from __future__ import annotations

import dataclasses
import math
import re
from datetime import datetime

import orjson

from accounts.models import SocialAccount
from platforms.base import RemoteComment

from .. import placement, sla
from ..models import Comment
from ..triage import AuthorHistory, Ruleset, initial_status, text_hash, triage_text

ID_LIMIT = 128
_LIMITS = (
    ("post_id", ID_LIMIT), ("parent_id", ID_LIMIT), ("author_id", ID_LIMIT), ("author_name", 200),
    ("text", None), ("permalink", 500),
)  # fmt: skip
_KNOWN_KINDS = frozenset(Comment.Kind.values)

# The columns a new row is written with; everything else keeps its model default (NULL or "").
INSERT_COLUMNS = (
    "account_id", "platform_id", "kind", "post_platform_id", "parent_platform_id", "author_id",
    "author_name", "text", "text_hash", "created_at", "received_at", "permalink", "attachments", "raw",
    "labels", "suggested_action", "reasons", "status", "hidden_on_platform_at", "priority", "due_at",
    "reply_window_ends_at", "sort_at", "in_kc_queue", "queue_administration_id", "removal_source",
)  # fmt: skip
# What a batch reads of the rows already stored, to tell new items from edits and other changes.
EXISTING_FIELDS = (
    "id",
    "platform_id",
    "text",
    "status",
    "hidden_on_platform_at",
    "kind",
    "author_id",
    "author_name",
)


def asked_first(reasons: list[dict]) -> datetime | None:
    """When a question asked again was first asked: it is due as from then (raised in the queue)."""
    for reason in reasons:
        if reason.get("code") == "repeated_question" and reason.get("first"):
            try:
                return datetime.fromisoformat(reason["first"])
            except ValueError:
                return None
    return None


def is_own(account: SocialAccount, item: RemoteComment) -> bool:
    return bool(account.platform_id) and item.author_id == account.platform_id


def sanitise(item: RemoteComment) -> RemoteComment:
    """Platform text is untrusted: no NUL characters or lone surrogates (PostgreSQL refuses them),
    nothing too long."""
    fields = {}
    for name, limit in _LIMITS:
        value = getattr(item, name)
        if value and (
            "\x00" in value
            or (limit is not None and len(value) > limit)
            or (not value.isascii() and _SURROGATE.search(value))
        ):
            fields[name] = _clean(value, limit)
    # The raw payload is checked where it is encoded (the COPY's values, `raw_safe`): once, not twice.
    return dataclasses.replace(item, **fields) if fields else item


def raw_safe(raw: dict) -> dict:
    """The raw payload as PostgreSQL's jsonb takes it (see `json_storable`)."""
    try:
        text = orjson.dumps(raw)
    except TypeError:  # a lone surrogate, nesting beyond orjson's limit, a huge integer, a key not a string
        return json_storable(raw)
    return json_storable(raw) if b"\\u0000" in text else raw


# Half of a surrogate pair, e.g. an emoji cut in two: it has no UTF-8, so PostgreSQL cannot take it.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Platform JSON is a few levels deep; anything far deeper was made to break a parser.
JSON_DEPTH_LIMIT = 64


def _storable_text(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
    return text


def _clean(value: str | None, limit: int | None = None) -> str:
    # PostgreSQL refuses NUL characters and lone surrogates in text, and ids longer than their column.
    text = _storable_text(value or "")
    return text[:limit] if limit else text


def json_storable(value, _depth: int = 0):
    """`value` as PostgreSQL's jsonb takes it: NUL characters gone and lone surrogates replaced (in
    keys too), keys as strings, NaN and infinities as null, and nothing nested deeper than
    JSON_DEPTH_LIMIT (a deeper part becomes null)."""
    if isinstance(value, str):
        return _storable_text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict | list | tuple):
        if _depth >= JSON_DEPTH_LIMIT:
            return None
        if isinstance(value, dict):
            return {_storable_text(str(k)): json_storable(v, _depth + 1) for k, v in value.items()}
        return [json_storable(v, _depth + 1) for v in value]
    return value


def new_row(
    account: SocialAccount,
    item: RemoteComment,
    rules: Ruleset,
    history: AuthorHistory,
    kc_posts: placement.PostPlacement,
    now: datetime,
) -> dict:
    """The row a new item is stored as (the columns of INSERT_COLUMNS): triaged, timed and queued."""
    own = is_own(account, item)
    kind = item.kind if item.kind in _KNOWN_KINDS else Comment.Kind.COMMENT
    if own:
        labels, action, reasons = [], "no_action", []
    else:
        verdict = triage_text(
            text=item.text,
            author_id=item.author_id,
            created_at=item.created_at,
            attachments=item.attachments,
            rules=rules,
            history=history,
            kind=kind,
        )
        labels, action, reasons = verdict.labels, verdict.action, verdict.reasons
    status = initial_status(labels=labels, kind=kind, is_own=own)
    if item.is_hidden and status == Comment.Status.OPEN:
        status = Comment.Status.HANDLED  # already hidden by someone in the platform's own tools
    due = sla.due_for(
        created_at=asked_first(reasons) or item.created_at,
        labels=labels,
        kind=kind,
        platform=account.platform,
    )
    if due.reply_window_ends_at is not None:  # the window runs from this message, however often asked
        window = sla.reply_window_end(item.created_at)
        due = due._replace(reply_window_ends_at=window, sort_at=min(due.due_at, window))
    in_kc, administration_id = placement.queue_for(
        account=account, kind=kind, kc_posts=kc_posts, post_id=item.post_id
    )
    return dict(
        account_id=account.pk,
        platform_id=item.id,
        kind=kind,
        # A message belongs to a conversation, which clients name as its post or its parent.
        post_platform_id=(item.post_id or item.parent_id or "")
        if kind == Comment.Kind.MESSAGE
        else item.post_id or "",
        parent_platform_id="" if kind == Comment.Kind.MESSAGE else item.parent_id or "",
        author_id=item.author_id or "",
        author_name=(item.author_name or "")[:200],
        text=item.text or "",
        text_hash=text_hash(item.text or ""),
        created_at=item.created_at,
        received_at=now,
        permalink=(item.permalink or "")[:500],
        attachments=list(item.attachments),
        raw=dict(item.raw),
        labels=labels,
        suggested_action=action,
        reasons=reasons,
        status=status,
        hidden_on_platform_at=now if item.is_hidden else None,
        priority=due.priority,
        due_at=due.due_at,
        reply_window_ends_at=due.reply_window_ends_at,
        sort_at=due.sort_at,
        in_kc_queue=in_kc,
        queue_administration_id=administration_id,
        removal_source="",
    )
