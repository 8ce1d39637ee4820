"""Everything that arrives from a platform comes in here, once: pulls and the Meta webhook alike.

A batch is handled in a few statements, never row by row: one read of what is already stored, one
read of the authors' recent comments (for spam), the triage rules, one INSERT … ON CONFLICT DO
NOTHING for the new rows, one UPDATE for edits, one for the questions the city's own replies answer.
Running the same items twice changes nothing; two runs at once (a webhook replay beside a pull) both
succeed and the unique constraint keeps one row per platform id.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import logging
import math
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

import orjson
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, F, Min, Value, When
from django.db.models.functions import Least
from django.utils import timezone

from accounts.models import Role, RoleAssignment, SocialAccount
from platforms.base import RemoteComment

from . import placement, sla
from .models import Comment, Label
from .triage import AuthorHistory, Ruleset, initial_status, ruleset_load, text_hash, triage_text
from .urgent_mail import URGENT_MAIL_LINES, urgent_comments_mail

logger = logging.getLogger(__name__)

# Stay well under the bind-parameter limits of both databases.
_CHUNK = 5000
_KNOWN_KINDS = frozenset(Comment.Kind.values)


@dataclass
class IngestResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    answered: int = 0
    urgent: int = 0  # threats, racism and personal attacks reported to the leads and AKN


def _chunks(values: Sequence, size: int = _CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _is_own(account: SocialAccount, item: RemoteComment) -> bool:
    return bool(account.platform_id) and item.author_id == account.platform_id


def comments_ingest(
    *,
    account: SocialAccount,
    items: Sequence[RemoteComment],
    rules: Ruleset | None = None,
    now: datetime | None = None,
) -> IngestResult:
    """Store, triage, time and queue a batch of one account's comments; return what changed."""
    if not items:
        return IngestResult()
    with _collector_paused():
        return _ingest(account=account, items=items, rules=rules, now=now or timezone.now())


@contextmanager
def _collector_paused():
    """Python's cyclic garbage collector, paused for one batch.

    A full pass walks every live object, and a large batch (a pull of 100,000 comments) is a few
    million of them, none of them cyclic garbage, walked again every few thousand allocations: the
    passes cost a fifth of the batch. Reference counting still frees everything the batch drops;
    the collector runs again as soon as the batch is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _ingest(*, account: SocialAccount, items: Sequence[RemoteComment], rules, now: datetime) -> IngestResult:
    result = IngestResult()
    # The last copy of an item in the batch wins (an edit delivered right after the original).
    latest: dict[str, RemoteComment] = {}
    for item in items:
        if not item.id or len(item.id) > _ID_LIMIT:
            logger.warning("ingest: skipped an item with an unusable id on %s", account)
            continue
        latest[item.id] = _sanitise(item)
    if not latest:
        return result
    ids = sorted(latest)

    with transaction.atomic():
        existing = _existing(account, ids)
        new_items = sorted((latest[i] for i in ids if i not in existing), key=lambda c: (c.created_at, c.id))
        edited = [latest[i] for i in ids if i in existing and existing[i]["text"] != latest[i].text]
        hide_changes = [
            latest[i]
            for i in ids
            if i in existing and bool(existing[i]["hidden_on_platform_at"]) != latest[i].is_hidden
        ]
        # A message the webhook stored first has no name (Meta sends only ids); the pull names it.
        named = [
            i
            for i in ids
            if i in existing
            and not existing[i]["author_name"]
            and latest[i].author_name
            and existing[i]["author_id"] == latest[i].author_id  # not a pseudonymised row (gallring)
        ]
        if named:
            result.updated = _fill_author_names([(existing[i]["id"], latest[i].author_name) for i in named])
        changed = {c.id for c in edited} | {c.id for c in hide_changes} | set(named)
        result.unchanged = len(ids) - len(new_items) - len(changed)
        if not new_items and not edited and not hide_changes and not _own_items(account, latest.values()):
            return result

        rules = rules or ruleset_load()
        kc_posts = placement.posts_placement(account, [c.post_id for c in new_items])
        history = _author_history(account, [c for c in new_items if not _is_own(account, c)], rules)

        inserted = _insert(new_items, lambda item: _new_row(account, item, rules, history, kc_posts, now))
        result.created = len(inserted)

        result.updated += _apply_edits(account, edited, existing, rules, now)
        result.updated += _apply_hidden(account, hide_changes, existing, now)
        # Only an open comment can be answered: the others need no look for an earlier reply.
        open_ids = [row["platform_id"] for row in inserted if row["status"] == Comment.Status.OPEN]
        result.answered = _mark_answered(account, latest.values(), open_ids)
        _extend_message_windows(account, new_items)
        urgent = [row for row in inserted if row["priority"] == 0 and row["status"] == Comment.Status.OPEN]
        if urgent:
            result.urgent = _notify_urgent(account, urgent)
    return result


def _own_items(account: SocialAccount, items: Iterable[RemoteComment]) -> list[RemoteComment]:
    return [c for c in items if _is_own(account, c)]


# On PostgreSQL the batch's keys go in as one array, and each key is looked up on its own through
# the index that starts with (account, key): LIMIT / OFFSET 0 keep the planner from turning the
# lookups into one scan of all the account's rows, which it would choose while its statistics do not
# yet know how many rows the account has (a new account's first large pull), and which grows with
# every batch. Elsewhere the ORM's IN lists.
_EXISTING_SQL = """
    SELECT c.id, c.platform_id, c.text, c.status, c.hidden_on_platform_at, c.kind, c.author_id, c.author_name
    FROM unnest(%s::text[]) AS wanted(platform_id)
    CROSS JOIN LATERAL (
        SELECT id, platform_id, text, status, hidden_on_platform_at, kind, author_id, author_name FROM {table}
        WHERE account_id = %s AND platform_id = wanted.platform_id LIMIT 1
    ) AS c
"""
_HISTORY_SQL = """
    SELECT c.author_id, c.created_at, c.text_hash
    FROM unnest(%s::text[]) AS wanted(author_id)
    CROSS JOIN LATERAL (
        SELECT author_id, created_at, text_hash FROM {table}
        WHERE account_id = %s AND author_id = wanted.author_id AND created_at >= %s AND status <> %s
        OFFSET 0
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


def _existing(account: SocialAccount, ids: Sequence[str]) -> dict[str, dict]:
    """What is stored of these platform ids on this account, by platform id."""
    existing: dict[str, dict] = {}
    fields = (
        "id",
        "platform_id",
        "text",
        "status",
        "hidden_on_platform_at",
        "kind",
        "author_id",
        "author_name",
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_EXISTING_SQL.format(table=Comment._meta.db_table), [list(ids), account.pk])
            for values in cursor.fetchall():
                row = dict(zip(fields, values, strict=True))
                existing[row["platform_id"]] = row
        return existing
    for chunk in _chunks(ids):
        for row in Comment.objects.filter(account=account, platform_id__in=chunk).order_by().values(*fields):
            existing[row["platform_id"]] = row
    return existing


def _author_history(account: SocialAccount, items: Sequence[RemoteComment], rules: Ruleset) -> AuthorHistory:
    """The recent comments of this batch's authors on this account, oldest first."""
    history = AuthorHistory()
    if not items:
        return history
    span = timedelta(hours=max(rules.spam["repeat_window_hours"], rules.spam["burst_minutes"] / 60.0))
    since = min(c.created_at for c in items) - span
    authors = sorted({c.author_id for c in items if c.author_id})
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _HISTORY_SQL.format(table=Comment._meta.db_table),
                [authors, account.pk, since, Comment.Status.OWN.value],
            )
            for author_id, created_at, digest in cursor.fetchall():
                history.add(author_id, created_at, digest)
        return history
    for chunk in _chunks(authors):
        rows = (
            Comment.objects.filter(account=account, author_id__in=chunk, created_at__gte=since)
            .exclude(status=Comment.Status.OWN)
            .order_by("created_at")
            .values_list("author_id", "created_at", "text_hash")
        )
        for author_id, created_at, digest in rows:
            history.add(author_id, created_at, digest)
    return history


_ID_LIMIT = 128
_LIMITS = (
    ("post_id", _ID_LIMIT), ("parent_id", _ID_LIMIT), ("author_id", _ID_LIMIT), ("author_name", 200),
    ("text", None), ("permalink", 500),
)  # fmt: skip


def _sanitise(item: RemoteComment) -> RemoteComment:
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
    # The raw payload is checked where it is encoded (`_copy_values`, `_raw_safe`): once, not twice.
    return dataclasses.replace(item, **fields) if fields else item


def _raw_safe(raw: dict) -> dict:
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


def _new_row(
    account: SocialAccount,
    item: RemoteComment,
    rules: Ruleset,
    history: AuthorHistory,
    kc_posts: placement.PostPlacement,
    now: datetime,
) -> dict:
    own = _is_own(account, item)
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
        )
        labels, action, reasons = verdict.labels, verdict.action, verdict.reasons
    status = initial_status(labels=labels, kind=kind, is_own=own)
    if item.is_hidden and status == Comment.Status.OPEN:
        status = Comment.Status.HANDLED  # already hidden by someone in the platform's own tools
    due = sla.due_for(created_at=item.created_at, labels=labels, kind=kind, platform=account.platform)
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


# The columns a new row is written with; everything else keeps its model default (NULL or "").
_INSERT_COLUMNS = (
    "account_id", "platform_id", "kind", "post_platform_id", "parent_platform_id", "author_id",
    "author_name", "text", "text_hash", "created_at", "received_at", "permalink", "attachments", "raw",
    "labels", "suggested_action", "reasons", "status", "hidden_on_platform_at", "priority", "due_at",
    "reply_window_ends_at", "sort_at", "in_kc_queue", "queue_administration_id", "removal_source",
)  # fmt: skip
_JSON_COLUMNS = frozenset({"attachments", "raw", "labels", "reasons"})
_JSON_INDEXES = tuple(i for i, c in enumerate(_INSERT_COLUMNS) if c in _JSON_COLUMNS)
_row_values = operator.itemgetter(*_INSERT_COLUMNS)
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


def _insert(items: Sequence[RemoteComment], make_row: Callable[[RemoteComment], dict]) -> list[dict]:
    """Make each item's row (in arrival order: spam is judged so) and insert those no one has
    stored yet; returns the rows this call inserted.

    On PostgreSQL each row is COPYed straight into the table as soon as it is made, so the database
    writes (and indexes) the batch on its own core while Python triages the rest. The items were not
    stored when the batch read what is, so this is the common case. When a concurrent batch stores
    one of them in the meantime, the COPY fails on the unique key (or, the two batches waiting for
    each other's keys, on a deadlock) and is rolled back to its savepoint; the rows then go, in
    platform id order, through a temporary table and one INSERT … ON CONFLICT DO NOTHING RETURNING,
    so the row the other batch stored is skipped and not reported (its mail is that batch's to
    send). Elsewhere, bulk_create; SQLite has one writer. Row ids are filled in where the database
    gives them back, and otherwise left out (`_with_ids` reads them).
    """
    if not items:
        return []
    rows: list[dict] = []
    if connection.vendor != "postgresql":
        rows = [make_row(item) for item in items]
        for row in rows:
            row["raw"] = _raw_safe(row["raw"])  # on PostgreSQL `_copy_values` does this
        objects = [Comment(**row) for row in rows]
        for chunk in _chunks(objects, 1000):
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
    from psycopg.errors import DeadlockDetected, UniqueViolation  # psycopg's own COPY cursor raises them

    table = Comment._meta.db_table
    columns = ", ".join(_INSERT_COLUMNS)
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
        with cursor.connection.cursor().copy(f"COPY moderation_ingest_stage ({columns}) FROM STDIN") as copy:
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


def _with_ids(account: SocialAccount, rows: list[dict]) -> list[dict]:
    """The rows with their database ids, read in one query for those that have none yet."""
    missing = [row["platform_id"] for row in rows if "id" not in row]
    if missing:
        stored = _existing(account, missing)
        for row in rows:
            if "id" not in row:
                row["id"] = stored[row["platform_id"]]["id"] if row["platform_id"] in stored else None
    return [row for row in rows if row["id"] is not None]


def _apply_edits(
    account: SocialAccount,
    edited: Sequence[RemoteComment],
    existing: dict[str, dict],
    rules: Ruleset,
    now: datetime,
) -> int:
    """The author changed the text on the platform: new text, new triage, the same arrival time."""
    if not edited:
        return 0
    ids = [existing[c.id]["id"] for c in edited]
    stored = {row.platform_id: row for row in Comment.objects.filter(pk__in=ids)}
    changed = []
    for item in edited:
        row = stored[item.id]
        row.text = item.text or ""
        row.text_hash = text_hash(row.text)
        row.edited_at = now
        row.raw = _raw_safe(dict(item.raw))
        if row.status != Comment.Status.OWN:
            verdict = triage_text(text=row.text, attachments=item.attachments, rules=rules)
            labels, reasons = verdict.labels, verdict.reasons
            if Label.SPAM in row.labels and Label.SPAM not in labels:  # spam was judged on arrival order
                labels = sorted([*labels, Label.SPAM.value], key=list(Label.values).index)
                reasons = reasons + [r for r in row.reasons if r.get("label") == Label.SPAM]
                if Label.OPINION in labels and len(labels) > 1:
                    labels.remove(Label.OPINION.value)
            row.labels, row.reasons, row.suggested_action = labels, reasons, verdict.action
            due = sla.due_for(
                created_at=row.created_at, labels=labels, kind=row.kind, platform=account.platform
            )
            row.priority, row.due_at, row.sort_at = due.priority, due.due_at, due.sort_at
            if due.reply_window_ends_at and row.reply_window_ends_at:
                row.sort_at = min(due.due_at, row.reply_window_ends_at)
        changed.append(row)
    Comment.objects.bulk_update(
        changed,
        [
            "text",
            "text_hash",
            "edited_at",
            "raw",
            "labels",
            "reasons",
            "suggested_action",
            "priority",
            "due_at",
            "sort_at",
        ],
        batch_size=500,
    )
    return len(changed)


def _fill_author_names(named: Sequence[tuple[int, str]]) -> int:
    count = 0
    for chunk in _chunks(list(named), 500):
        count += Comment.objects.filter(pk__in=[pk for pk, _name in chunk], author_name="").update(
            author_name=Case(*(When(pk=pk, then=Value(name[:200])) for pk, name in chunk))
        )
    return count


def _apply_hidden(
    account: SocialAccount, changes: Sequence[RemoteComment], existing: dict[str, dict], now
) -> int:
    hidden = [existing[c.id]["id"] for c in changes if c.is_hidden]
    shown = [existing[c.id]["id"] for c in changes if not c.is_hidden]
    count = 0
    if hidden:
        count += comments_mark_hidden(
            account=account, platform_ids=[c.id for c in changes if c.is_hidden], now=now
        )
    if shown:
        count += Comment.objects.filter(pk__in=shown).update(hidden_on_platform_at=None)
    return count


def _mark_answered(account: SocialAccount, items: Iterable[RemoteComment], new_ids: Sequence[str]) -> int:
    """The city replied in the platform's own tools: the question it answers is answered then."""
    answered_at: dict[str, datetime] = {}
    conversations: dict[str, datetime] = {}
    for item in items:
        if not _is_own(account, item):
            continue
        if item.kind == Comment.Kind.MESSAGE and item.post_id:
            conversations[item.post_id] = max(
                conversations.get(item.post_id, item.created_at), item.created_at
            )
        elif item.parent_id:
            answered_at[item.parent_id] = min(
                answered_at.get(item.parent_id, item.created_at), item.created_at
            )
    # A reply can arrive before the question it answers (webhooks come in any order).
    for parent, first in _earlier_replies(account, new_ids):
        answered_at[parent] = min(answered_at.get(parent, first), first)
    count = 0
    parents = sorted(answered_at)
    for chunk in _chunks(parents, 500):
        count += Comment.objects.filter(
            account=account, platform_id__in=chunk, status=Comment.Status.OPEN
        ).update(
            status=Comment.Status.ANSWERED,
            answered_at=Case(*(When(platform_id=p, then=Value(answered_at[p])) for p in chunk)),
            claimed_by=None,
            claimed_until=None,
        )
    for conversation, replied_at in conversations.items():
        count += Comment.objects.filter(
            account=account,
            kind=Comment.Kind.MESSAGE,
            post_platform_id=conversation,
            status=Comment.Status.OPEN,
            created_at__lte=replied_at,
        ).update(status=Comment.Status.ANSWERED, answered_at=replied_at, claimed_by=None, claimed_until=None)
    return count


def _earlier_replies(account: SocialAccount, new_ids: Sequence[str]) -> list[tuple[str, datetime]]:
    """(platform id, first own reply) for those of `new_ids` the city already replied to."""
    if not new_ids:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _EARLIER_REPLIES_SQL.format(table=Comment._meta.db_table), [account.pk, list(new_ids)]
            )
            return [tuple(row) for row in cursor.fetchall()]
    found = []
    for chunk in _chunks(list(new_ids)):
        earlier = (
            Comment.objects.filter(account=account, status=Comment.Status.OWN, parent_platform_id__in=chunk)
            .values("parent_platform_id")
            .annotate(first=Min("created_at"))
        )
        found.extend((row["parent_platform_id"], row["first"]) for row in earlier)
    return found


def _extend_message_windows(account: SocialAccount, new_items: Sequence[RemoteComment]) -> None:
    """Meta's window runs from the person's last message: a new one reopens it for the earlier ones."""
    if account.platform not in sla.WINDOW_PLATFORMS:
        return
    last: dict[tuple[str, str], datetime] = {}
    for item in new_items:
        if item.kind == Comment.Kind.MESSAGE and not _is_own(account, item) and item.author_id:
            key = (item.post_id or item.parent_id or "", item.author_id)
            last[key] = max(last.get(key, item.created_at), item.created_at)
    for (conversation, author_id), latest in last.items():
        window = sla.reply_window_end(latest)
        Comment.objects.filter(
            account=account,
            kind=Comment.Kind.MESSAGE,
            post_platform_id=conversation,
            author_id=author_id,
            status=Comment.Status.OPEN,
            reply_window_ends_at__lt=window,
        ).update(reply_window_ends_at=window, sort_at=Least(F("due_at"), Value(window)))


def _notify_urgent(account: SocialAccount, rows: list[dict]) -> int:
    """Tell the förvaltning's leads and AKN about threats, racism and personal attacks.

    One mail per batch and queue, listing each urgent comment this batch stored (a raid of fifty
    threats is one mail, not fifty); every comment is in exactly one mail, because only the batch
    that inserted a row reports it. The comments' text stays in the portal.
    """
    rows = sorted(rows, key=operator.itemgetter("sort_at", "platform_id"))  # as the queue lists them
    admin_ids = {row["queue_administration_id"] for row in rows} | {account.administration_id}
    leads: dict[int, set[str]] = defaultdict(set)
    for admin_id, email in RoleAssignment.objects.filter(
        role=Role.LEAD, administration_id__in=admin_ids, user__is_active=True
    ).values_list("administration_id", "user__email"):
        if email:
            leads[admin_id].add(email)
    by_queue: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_queue[row["queue_administration_id"]].append(row)
    # The ids for the links, of the comments the mails list (not of a whole raid's).
    _with_ids(account, [row for queue_rows in by_queue.values() for row in queue_rows[:URGENT_MAIL_LINES]])
    for admin_id, queue_rows in by_queue.items():
        to = sorted(leads[admin_id] | leads[account.administration_id])
        if settings.AKN_EMAIL:
            to.append(settings.AKN_EMAIL)
        if not to:
            continue
        urgent_comments_mail(
            key=f"moderation-urgent:{queue_rows[0]['id']}:{len(queue_rows)}",
            to=to,
            account=account,
            rows=queue_rows,
        )
    return len(rows)


def comments_mark_removed(
    *, account: SocialAccount, platform_ids: Sequence[str], source: str, now: datetime | None = None
) -> int:
    """Record that comments were removed on the platform; the stored copy stays as it was."""
    now = now or timezone.now()
    count = 0
    for chunk in _chunks(sorted(set(platform_ids))):
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
    for chunk in _chunks(sorted(set(platform_ids))):
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
