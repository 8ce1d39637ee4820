"""One batch of one account's comments, from the first read to the urgent mail.

A batch is handled in a few statements, never row by row: one read of what is already stored, one
read of the authors' recent comments (for spam), the triage rules, one INSERT … ON CONFLICT DO
NOTHING for the new rows, one UPDATE for edits, one for the questions the city's own replies answer.
Running the same items twice changes nothing; two runs at once (a webhook replay beside a pull) both
succeed and the unique constraint keeps one row per platform id. The reads and the insert go through
the database's `CommentStore` (`store`); the updates are the same ORM statements on every database.
"""

from __future__ import annotations

import logging
import operator
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.db.models.functions import Least
from django.utils import timezone

from accounts.models import Role, RoleAssignment, SocialAccount
from platforms.base import RemoteComment

from .. import placement, sla
from ..auto_hide import auto_hide_after_ingest
from ..models import Comment, Label
from ..triage import AuthorHistory, Ruleset, ruleset_load, text_hash, triage_text
from ..urgent_mail import URGENT_MAIL_LINES, urgent_comments_mail
from .collector import collector_paused
from .items import ID_LIMIT, is_own, new_row, raw_safe, sanitise
from .marks import comments_mark_hidden
from .portable import chunks
from .store import CommentStore, comment_store

logger = logging.getLogger(__name__)


@dataclass
class IngestResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    answered: int = 0
    urgent: int = 0  # threats, racism and personal attacks reported to the leads and AKN


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
    with collector_paused():
        return _ingest(account=account, items=items, rules=rules, now=now or timezone.now())


def _ingest(*, account: SocialAccount, items: Sequence[RemoteComment], rules, now: datetime) -> IngestResult:
    result = IngestResult()
    # The last copy of an item in the batch wins (an edit delivered right after the original).
    latest: dict[str, RemoteComment] = {}
    for item in items:
        if not item.id or len(item.id) > ID_LIMIT:
            logger.warning("ingest: skipped an item with an unusable id on %s", account)
            continue
        latest[item.id] = sanitise(item)
    if not latest:
        return result
    ids = sorted(latest)

    store = comment_store()
    with transaction.atomic():
        existing = store.existing(account, ids)
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
        history = _author_history(store, account, [c for c in new_items if not is_own(account, c)], rules)

        inserted = store.insert(new_items, lambda item: new_row(account, item, rules, history, kc_posts, now))
        result.created = len(inserted)

        result.updated += _apply_edits(account, edited, existing, rules, now)
        result.updated += _apply_hidden(account, hide_changes, existing, now)
        # Only an open comment can be answered: the others need no look for an earlier reply.
        open_ids = [row["platform_id"] for row in inserted if row["status"] == Comment.Status.OPEN]
        result.answered = _mark_answered(store, account, latest.values(), open_ids)
        _extend_message_windows(account, new_items)
        urgent = [row for row in inserted if row["priority"] == 0 and row["status"] == Comment.Status.OPEN]
        if urgent:
            result.urgent = _notify_urgent(store, account, urgent)
        # AKN's automatic hiding for the account (moderation/auto_hide.py), once the batch is stored.
        auto_hide_after_ingest(account=account, rows=inserted)
    return result


def _own_items(account: SocialAccount, items: Iterable[RemoteComment]) -> list[RemoteComment]:
    return [c for c in items if is_own(account, c)]


def _author_history(
    store: CommentStore, account: SocialAccount, items: Sequence[RemoteComment], rules: Ruleset
) -> AuthorHistory:
    """The recent comments of this batch's authors on this account, oldest first."""
    if not items:
        return AuthorHistory()
    span = timedelta(hours=max(rules.spam["repeat_window_hours"], rules.spam["burst_minutes"] / 60.0))
    since = min(c.created_at for c in items) - span
    authors = sorted({c.author_id for c in items if c.author_id})
    return store.author_history(account, authors, since)


def _with_ids(store: CommentStore, account: SocialAccount, rows: list[dict]) -> list[dict]:
    """The rows with their database ids, read in one query for those that have none yet."""
    missing = [row["platform_id"] for row in rows if "id" not in row]
    if missing:
        stored = store.existing(account, missing)
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
        row.raw = raw_safe(dict(item.raw))
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
    for chunk in chunks(list(named), 500):
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


def _mark_answered(
    store: CommentStore, account: SocialAccount, items: Iterable[RemoteComment], new_ids: Sequence[str]
) -> int:
    """The city replied in the platform's own tools: the question it answers is answered then."""
    answered_at: dict[str, datetime] = {}
    conversations: dict[str, datetime] = {}
    for item in items:
        if not is_own(account, item):
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
    for parent, first in store.earlier_replies(account, new_ids):
        answered_at[parent] = min(answered_at.get(parent, first), first)
    count = 0
    parents = sorted(answered_at)
    for chunk in chunks(parents, 500):
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


def _extend_message_windows(account: SocialAccount, new_items: Sequence[RemoteComment]) -> None:
    """Meta's window runs from the person's last message: a new one reopens it for the earlier ones."""
    if account.platform not in sla.WINDOW_PLATFORMS:
        return
    last: dict[tuple[str, str], datetime] = {}
    for item in new_items:
        if item.kind == Comment.Kind.MESSAGE and not is_own(account, item) and item.author_id:
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


def _notify_urgent(store: CommentStore, account: SocialAccount, rows: list[dict]) -> int:
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
    _with_ids(
        store, account, [row for queue_rows in by_queue.values() for row in queue_rows[:URGENT_MAIL_LINES]]
    )
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
