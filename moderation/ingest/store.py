"""The comments table behind one interface: what a batch reads, and how it inserts new rows.

A batch reads what is stored (its platform ids, its authors' recent comments, the city's earlier
replies) and inserts its new rows through a `CommentStore`, chosen by the database: on PostgreSQL
the keys are probed one by one through the account's indexes and the rows are COPYed straight into
the table (`postgres`); elsewhere the ORM's IN lists and bulk_create do the same (`portable`). Both
give the same answers (tests/moderation/test_ingest_fast.py holds the PostgreSQL lookups against
the ORM's). Everything else a batch writes (edits, marks,
answered questions) is the same ORM statement on every database and stays with the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from django.db import connection

from accounts.models import SocialAccount
from platforms.base import RemoteComment

from ..triage import AuthorHistory
from .portable import PortableStore
from .postgres import PostgresStore


class CommentStore(Protocol):
    def existing(self, account: SocialAccount, ids: Sequence[str]) -> dict[str, dict]:
        """What is stored of these platform ids on this account (the fields of EXISTING_FIELDS), by
        platform id."""
        ...

    def author_history(
        self, account: SocialAccount, authors: Sequence[str], since: datetime
    ) -> AuthorHistory:
        """These authors' comments on this account since `since`, the city's own left out, oldest first."""
        ...

    def earlier_replies(self, account: SocialAccount, new_ids: Sequence[str]) -> list[tuple[str, datetime]]:
        """(platform id, first own reply) for those of `new_ids` the city already replied to."""
        ...

    def insert(self, items: Sequence[RemoteComment], make_row: Callable[[RemoteComment], dict]) -> list[dict]:
        """Make each item's row (in arrival order: spam is judged so) and insert those no one has
        stored yet; return the rows this call inserted. A row carries its database id where the
        database gives it back, and none otherwise (the batch reads the ids it needs)."""
        ...


_POSTGRES = PostgresStore()
_PORTABLE = PortableStore()


def comment_store() -> CommentStore:
    """The store of the database Django's default connection talks to."""
    return _POSTGRES if connection.vendor == "postgresql" else _PORTABLE
