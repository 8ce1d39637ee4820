"""The comments table on PostgreSQL: lookups that probe the account's indexes, and new rows COPYed
straight into the table as they are made."""

from __future__ import annotations

import json
import logging
import operator
from collections.abc import Callable, Sequence
from datetime import datetime

import orjson
from django.db import connection, transaction

from accounts.models import SocialAccount
from platforms.base import RemoteComment

from ..models import Comment
from ..triage import AuthorHistory
from .items import EXISTING_FIELDS, INSERT_COLUMNS, json_storable

logger = logging.getLogger(__name__)

# The batch's keys go in as one array, and each key is looked up on its own through the index that
# starts with (account, key): LIMIT / OFFSET 0 keep the planner from turning the lookups into one
# scan of all the account's rows, which it would choose while its statistics do not yet know how
# many rows the account has (a new account's first large pull), and which grows with every batch.
_EXISTING_SQL = """
    SELECT c.id, c.platform_id, c.text, c.status, c.hidden_on_platform_at, c.kind, c.author_id, c.author_name
    FROM unnest(%s::text[]) AS wanted(platform_id)
    CROSS JOIN LATERAL (
        SELECT id, platform_id, text, status, hidden_on_platform_at, kind, author_id, author_name FROM {table}
        WHERE account_id = %s AND platform_id = wanted.platform_id LIMIT 1
    ) AS c
"""
# The ORDER BY inside the lateral makes the (account, author, created_at) index the one that gives the
# rows in order, so the planner takes it even when it knows nothing of the table (never analysed, or
# the batch's own rows not yet counted): it otherwise probed (account, platform id), the unique index,
# and read all the account's rows once per author, every webhook delivery slower than the last
# (1,000 authors among 3,000 rows: 470 ms instead of 1.6 ms).
_HISTORY_SQL = """
    SELECT c.author_id, c.created_at, c.text_hash
    FROM unnest(%s::text[]) AS wanted(author_id)
    CROSS JOIN LATERAL (
        SELECT author_id, created_at, text_hash FROM {table}
        WHERE account_id = %s AND author_id = wanted.author_id AND created_at >= %s AND status <> %s
        ORDER BY created_at OFFSET 0
    ) AS c
    ORDER BY c.created_at
"""
# The city's own replies are few beside the comments: a partial index holds just them
# (comment_own_reply), and the batch's keys are matched against it rather than probed one by one.
_EARLIER_REPLIES_SQL = """
    SELECT parent_platform_id, MIN(created_at) FROM {table}
    WHERE account_id = %s AND status = 'own' AND parent_platform_id <> ''
      AND parent_platform_id = ANY(%s::text[])
    GROUP BY parent_platform_id
"""

_JSON_COLUMNS = frozenset({"attachments", "raw", "labels", "reasons"})
_JSON_INDEXES = tuple(i for i, c in enumerate(INSERT_COLUMNS) if c in _JSON_COLUMNS)
_row_values = operator.itemgetter(*INSERT_COLUMNS)
_json_plain = json.JSONEncoder(ensure_ascii=False).encode


def _json_text(value) -> str:
    """JSON text for a jsonb column: orjson's, several times faster than json's, and the same JSON
    (only the spacing differs, which jsonb does not keep); json's where orjson refuses a value (an
    integer beyond 64 bits, a key that is not a string, a lone surrogate, deep nesting), made
    storable first."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return _json_plain(json_storable(value))


def _copy_values(row: dict) -> list:
    values = list(_row_values(row))
    for i in _JSON_INDEXES:
        value = values[i]
        if not value:  # most comments have no attachments, and the city's own replies no labels
            values[i] = "[]" if isinstance(value, list) else "{}"
            continue
        text = _json_text(value)
        if "\\u0000" in text:  # PostgreSQL's jsonb refuses NUL characters
            text = _json_text(json_storable(value))
        values[i] = text
    return values


class PostgresStore:
    """The `CommentStore` of PostgreSQL (see `store`)."""

    def existing(self, account: SocialAccount, ids: Sequence[str]) -> dict[str, dict]:
        existing: dict[str, dict] = {}
        with connection.cursor() as cursor:
            cursor.execute(_EXISTING_SQL.format(table=Comment._meta.db_table), [list(ids), account.pk])
            for values in cursor.fetchall():
                row = dict(zip(EXISTING_FIELDS, values, strict=True))
                existing[row["platform_id"]] = row
        return existing

    def author_history(
        self, account: SocialAccount, authors: Sequence[str], since: datetime
    ) -> AuthorHistory:
        history = AuthorHistory()
        with connection.cursor() as cursor:
            cursor.execute(
                _HISTORY_SQL.format(table=Comment._meta.db_table),
                [authors, account.pk, since, Comment.Status.OWN.value],
            )
            for author_id, created_at, digest in cursor.fetchall():
                history.add(author_id, created_at, digest)
        return history

    def earlier_replies(self, account: SocialAccount, new_ids: Sequence[str]) -> list[tuple[str, datetime]]:
        if not new_ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                _EARLIER_REPLIES_SQL.format(table=Comment._meta.db_table), [account.pk, list(new_ids)]
            )
            return [tuple(row) for row in cursor.fetchall()]

    def insert(self, items: Sequence[RemoteComment], make_row: Callable[[RemoteComment], dict]) -> list[dict]:
        """Each row is COPYed straight into the table as soon as it is made, so the database writes
        (and indexes) the batch on its own core while Python triages the rest. The items were not
        stored when the batch read what is, so this is the common case. When a concurrent batch
        stores one of them in the meantime, the COPY fails on the unique key (or, the two batches
        waiting for each other's keys, on a deadlock) and is rolled back to its savepoint; the rows
        then go, in platform id order, through a temporary table and one INSERT … ON CONFLICT DO
        NOTHING RETURNING, so the row the other batch stored is skipped and not reported (its mail is
        that batch's to send). The COPY gives no ids back: its rows have none."""
        if not items:
            return []
        from psycopg.errors import DeadlockDetected, UniqueViolation  # psycopg's own COPY cursor raises them

        rows: list[dict] = []
        table = Comment._meta.db_table
        columns = ", ".join(INSERT_COLUMNS)
        try:
            # Table and column names are this module's constants, never input.
            with (
                transaction.atomic(),
                connection.cursor() as cursor,
                cursor.connection.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
            ):
                for item in items:
                    row = make_row(item)
                    rows.append(row)
                    copy.write_row(_copy_values(row))
            return rows
        except (UniqueViolation, DeadlockDetected):
            logger.info("ingest: a concurrent batch stored some of these rows first; skipping those")
        rows.extend(make_row(item) for item in items[len(rows) :])
        rows.sort(key=operator.itemgetter("platform_id"))  # one lock order for every such batch
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS moderation_ingest_stage ON COMMIT DELETE ROWS "  # noqa: S608
                f"AS SELECT {columns} FROM {table} WITH NO DATA"
            )
            with cursor.connection.cursor().copy(
                f"COPY moderation_ingest_stage ({columns}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(_copy_values(row))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM moderation_ingest_stage "  # noqa: S608
                f"ORDER BY platform_id ON CONFLICT (account_id, platform_id) DO NOTHING "
                f"RETURNING id, platform_id"
            )
            ids = dict((platform_id, pk) for pk, platform_id in cursor.fetchall())
            # A second batch in this transaction starts with an empty stage. TRUNCATE rather than
            # DELETE: deleted rows would stay in the stage until the transaction ends, and every later
            # batch of a long transaction (a large pull) would read past them again.
            cursor.execute("TRUNCATE moderation_ingest_stage")
        inserted = [row for row in rows if row["platform_id"] in ids]
        for row in inserted:
            row["id"] = ids[row["platform_id"]]
        return inserted
