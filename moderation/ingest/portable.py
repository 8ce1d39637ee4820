"""The comments table through the ORM, on any database Django knows (SQLite on a laptop).

Keys go in as IN lists, in chunks below the bind-parameter limits of both databases; new rows go in
with bulk_create, which skips those stored meanwhile (SQLite has one writer). The statements a batch
runs on every database (edits, marks, answered questions) chunk their keys with `chunks` too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from django.db.models import Min

from accounts.models import SocialAccount
from platforms.base import RemoteComment

from ..models import Comment
from ..triage import AuthorHistory
from .items import EXISTING_FIELDS, raw_safe

# Stay well under the bind-parameter limits of both databases.
CHUNK = 5000


def chunks(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class PortableStore:
    """The `CommentStore` of every database but PostgreSQL (see `store`)."""

    def existing(self, account: SocialAccount, ids: Sequence[str]) -> dict[str, dict]:
        existing: dict[str, dict] = {}
        for chunk in chunks(ids):
            for row in (
                Comment.objects.filter(account=account, platform_id__in=chunk)
                .order_by()
                .values(*EXISTING_FIELDS)
            ):
                existing[row["platform_id"]] = row
        return existing

    def author_history(
        self, account: SocialAccount, authors: Sequence[str], since: datetime
    ) -> AuthorHistory:
        history = AuthorHistory()
        for chunk in chunks(authors):
            rows = (
                Comment.objects.filter(account=account, author_id__in=chunk, created_at__gte=since)
                .exclude(status=Comment.Status.OWN)
                .order_by("created_at")
                .values_list("author_id", "created_at", "text_hash")
            )
            for author_id, created_at, digest in rows:
                history.add(author_id, created_at, digest)
        return history

    def earlier_replies(self, account: SocialAccount, new_ids: Sequence[str]) -> list[tuple[str, datetime]]:
        found = []
        for chunk in chunks(list(new_ids)):
            earlier = (
                Comment.objects.filter(
                    account=account, status=Comment.Status.OWN, parent_platform_id__in=chunk
                )
                .values("parent_platform_id")
                .annotate(first=Min("created_at"))
            )
            found.extend((row["parent_platform_id"], row["first"]) for row in earlier)
        return found

    def insert(self, items: Sequence[RemoteComment], make_row: Callable[[RemoteComment], dict]) -> list[dict]:
        if not items:
            return []
        rows = [make_row(item) for item in items]
        for row in rows:
            row["raw"] = raw_safe(row["raw"])  # on PostgreSQL the COPY's values do this
        objects = [Comment(**row) for row in rows]
        for chunk in chunks(objects, 1000):
            Comment.objects.bulk_create(chunk, ignore_conflicts=True)
        ids = dict(
            Comment.objects.filter(
                account_id=rows[0]["account_id"], platform_id__in=[r["platform_id"] for r in rows]
            ).values_list("platform_id", "pk")
        )
        inserted = [row for row in rows if row["platform_id"] in ids]
        for row in inserted:
            row["id"] = ids[row["platform_id"]]
        return inserted
