"""Builders for the moderation tests: platform items as the clients and the webhook produce them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from platforms.base import RemoteComment

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(text: str) -> datetime:
    """'2026-11-23 10:00' in Stockholm time."""
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def remote(
    id: str,
    text: str = "Hej!",
    *,
    author_id: str = "9001",
    author_name: str = "Anna Andersson",
    created_at: datetime | None = None,
    kind: str = "comment",
    post_id: str | None = "post-1",
    parent_id: str | None = None,
    is_hidden: bool = False,
    attachments: tuple[str, ...] = (),
) -> RemoteComment:
    return RemoteComment(
        id=id,
        kind=kind,
        text=text,
        author_id=author_id,
        author_name=author_name,
        created_at=created_at or at("2026-11-23 10:00"),
        post_id=post_id,
        parent_id=parent_id if parent_id is not None else post_id,
        is_hidden=is_hidden,
        attachments=attachments,
        raw={"id": id, "message": text},
    )
