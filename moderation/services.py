"""Writes of the moderation app: webhook deliveries, claims, forwarding and notes, AKN's triage lists
and the saved replies. Each takes objects the access layer has checked (moderation/access.py)."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import datetime, timedelta
from functools import partial

import psycopg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Administration, SocialAccount, User

from . import meta_webhook
from .ingest import comments_ingest, comments_mark_hidden, comments_mark_removed
from .models import Comment, CommentNote, SavedReply, TriageDomain, TriageRule, TriageTerm, WebhookDelivery
from .triage import ruleset_load

logger = logging.getLogger(__name__)


# --- webhook deliveries ---------------------------------------------------------------------------


def webhook_delivery_store(*, body: bytes) -> tuple[WebhookDelivery, bool]:
    """Keep a delivery before answering Meta; a replay of the same body is the same row (created False)."""
    digest = hashlib.sha256(body).hexdigest()
    existing = WebhookDelivery.objects.filter(body_sha256=digest).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(body=body, body_sha256=digest)
    except IntegrityError:  # the same replay arrived twice at once
        return WebhookDelivery.objects.get(body_sha256=digest), False
    from .tasks import process_webhook_delivery

    transaction.on_commit(partial(_send_task, process_webhook_delivery, delivery.pk), robust=True)
    return delivery, True


def _send_task(task, pk: int) -> None:
    try:
        task.delay(pk)
    except Exception:  # the broker is down: the sweep finds the delivery later
        logger.warning("webhook: could not queue delivery %s; the sweep will process it", pk, exc_info=True)


# The database away, a deadlock, a connection cut: the work is tried again later, never failed.
# (Ingest's COPY talks to psycopg directly, whose errors Django has not wrapped.)
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)
# What a delivery's error keeps: enough to find the item and the cause, not a whole payload.
_ERROR_LINES = 20
_ERROR_LINE_CHARS = 300
_ERROR_CHARS = 4000


def webhook_delivery_process(*, delivery_id: int, now: datetime | None = None) -> bool:
    """Apply one waiting delivery's changes in one transaction, so that a crash midway leaves
    nothing half done; False when it was no longer waiting (a redelivered task, or gone).

    Each entry and change is read on its own (`meta_webhook.parse`) and each batch stored on its own
    (`_ingest_isolated`): what cannot be read or stored goes into the delivery's error and the rest
    is stored (PARTLY_FAILED). A delivery that cannot be read at all (no JSON, or not one readable
    item), or whose processing fails outside any one item, is settled as FAILED with its error, so
    that neither the task nor the sweep trips over it again; it waits on AKN's list until AKN tries
    it again. Only a transient database error leaves it waiting, for the task's retry or the sweep.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            delivery = (
                WebhookDelivery.objects.select_for_update()
                .filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING)
                .first()
            )
            if delivery is None:
                return False
            errors, read_any = _delivery_apply(delivery, now=now)
            if not errors:
                delivery.status = WebhookDelivery.Status.PROCESSED
            elif read_any:
                delivery.status = WebhookDelivery.Status.PARTLY_FAILED
            else:  # every item in it was unreadable
                delivery.status = WebhookDelivery.Status.FAILED
            delivery.error = _error_text(errors)
            delivery.processed_at = now
            delivery.attempts += 1
            delivery.save(update_fields=["status", "error", "processed_at", "attempts"])
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:  # the delivery's own fault, whatever it is: settle it, never loop on it
        logger.exception("webhook: delivery %s failed", delivery_id)
        WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING).update(
            status=WebhookDelivery.Status.FAILED,
            processed_at=now,
            error=_error_text([_describe(exc)]),
            attempts=F("attempts") + 1,
        )
    return True


def _delivery_apply(delivery: WebhookDelivery, *, now: datetime) -> tuple[list[str], bool]:
    """Store what the delivery holds; return a line for each item that could not be read or stored,
    and whether any item could be read."""
    payload = meta_webhook.decode(bytes(delivery.body))
    changes = meta_webhook.parse(payload, received_at=delivery.received_at)
    errors = list(changes.errors)
    keys = changes.accounts()
    accounts = {
        (a.platform, a.platform_id): a
        for a in SocialAccount.objects.filter(
            platform__in={p for p, _i in keys}, platform_id__in={i for _p, i in keys}
        ).select_related("administration")
    }
    rules = ruleset_load() if changes.upserts else None
    for key in sorted(keys):
        account = accounts.get(key)
        if account is None:
            logger.info("webhook: delivery %s names an account we do not run: %s", delivery.pk, key)
            continue
        where = f"{key[0]} account {key[1]!r}"
        if changes.upserts.get(key) and account.is_closed:
            # A closed account has left the queues (its archive copy was made before closing): what
            # the platform still sends is kept in the stored delivery, never queued for an answer.
            logger.info(
                "webhook: delivery %s: %s is closed, %s comments not queued",
                delivery.pk,
                key,
                len(changes.upserts[key]),
            )
        elif changes.upserts.get(key):
            _ingest_isolated(account, changes.upserts[key], rules=rules, now=now, errors=errors)
        for ids, mark, what in (
            (
                changes.removed.get(key),
                partial(comments_mark_removed, source=Comment.RemovalSource.WEBHOOK),
                "removals",
            ),
            (changes.hidden.get(key), comments_mark_hidden, "hidings"),
            (changes.shown.get(key), partial(comments_mark_hidden, hidden=False), "unhidings"),
        ):
            if not ids:
                continue
            try:
                with transaction.atomic():
                    mark(account=account, platform_ids=ids, now=now)
            except TRANSIENT_ERRORS:
                raise
            except Exception as exc:  # one account's marks must not cost the others' comments
                logger.exception("webhook: delivery %s: %s of %s failed", delivery.pk, what, key)
                errors.append(f"{where}, {what}: {_describe(exc)}")
    return errors, bool(keys)


def _ingest_isolated(account: SocialAccount, items, *, rules, now: datetime, errors: list[str]) -> None:
    """Store a batch as one; should that fail, store its halves, down to each item that fails on
    its own, which goes into `errors`. Without a bad item this is the one batch it always was; with
    a few, the good ones still go in a handful of batches, never row by row."""
    try:
        with transaction.atomic():
            comments_ingest(account=account, items=items, rules=rules, now=now)
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:  # which item is at fault is not known yet: halve and try again
        if len(items) == 1:
            logger.warning("webhook: could not store %s on %s", items[0].id, account, exc_info=True)
            errors.append(
                f"{account.platform} account {account.platform_id!r}, "
                f"comment {items[0].id[:64]!r}: {_describe(exc)}"
            )
            return
        middle = len(items) // 2
        _ingest_isolated(account, items[:middle], rules=rules, now=now, errors=errors)
        _ingest_isolated(account, items[middle:], rules=rules, now=now, errors=errors)


def _describe(exc: Exception) -> str:
    if isinstance(exc, meta_webhook.Unreadable):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _error_text(lines: list[str]) -> str:
    """A delivery's error as it is stored and shown to AKN: bounded, and without any secret."""
    kept = [_redacted(line)[:_ERROR_LINE_CHARS] for line in lines[:_ERROR_LINES]]
    if len(lines) > _ERROR_LINES:
        kept.append(f"… and {len(lines) - _ERROR_LINES} more")
    return "\n".join(kept)[:_ERROR_CHARS]


_SECRET_SETTING = re.compile(r"secret|password|passwd|token$|_key$|^key$", re.IGNORECASE)
_URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/\s@]+@", re.IGNORECASE)
_TOKEN_PARAMETER = re.compile(r"(?P<name>access_token|client_secret|password|token)=[^&\s]+", re.IGNORECASE)


def _redacted(text: str) -> str:
    """`text` with the secrets of the settings (keys, passwords, tokens), credentials in URLs and
    tokens in query strings blanked out: an exception's message may quote any of them."""
    text = _URL_CREDENTIALS.sub(r"\g<scheme>***@", text)
    text = _TOKEN_PARAMETER.sub(r"\g<name>=***", text)
    for secret in _setting_secrets():
        text = text.replace(secret, "***")
    return text


def _setting_secrets() -> list[str]:
    found: list[str] = []

    def walk(name: str, value, depth: int) -> None:
        if isinstance(value, str):
            if _SECRET_SETTING.search(name):
                found.extend(part for part in value.split(",") if len(part) >= 6)
        elif isinstance(value, dict) and depth < 3:
            for key, inner in value.items():
                walk(str(key), inner, depth + 1)

    for name in dir(settings):
        if name.isupper():
            walk(name, getattr(settings, name), 0)
    return sorted(set(found), key=len, reverse=True)  # a secret inside another goes after it


def webhook_deliveries_unprocessed(*, older_than: timedelta = timedelta(minutes=1), now=None) -> list[int]:
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(processed_at__isnull=True, received_at__lt=now - older_than)
        .order_by("received_at")
        .values_list("pk", flat=True)[:500]
    )


def webhook_delivery_retry(*, delivery: WebhookDelivery, now: datetime | None = None) -> WebhookDelivery:
    """AKN tries a delivery with errors again, after a fix: it waits again and is processed at once.
    What was stored the first time is not stored twice (ingest is an upsert by platform id)."""
    reopened = WebhookDelivery.objects.filter(
        pk=delivery.pk, status__in=WebhookDelivery.ERROR_STATUSES
    ).update(status=WebhookDelivery.Status.PENDING, processed_at=None, error="")
    if reopened:
        # Should the database be away now, the delivery waits, and the sweep processes it.
        webhook_delivery_process(delivery_id=delivery.pk, now=now)
    delivery.refresh_from_db(fields=["status", "error", "processed_at", "attempts"])
    return delivery


# --- claims ---------------------------------------------------------------------------------------


def comment_claim(*, comment: Comment, by: User, now: datetime | None = None) -> bool:
    """Take the comment for `by` unless someone else holds an unexpired claim: one conditional UPDATE,
    so of two people opening it at once exactly one gets it."""
    now = now or timezone.now()
    until = now + timedelta(minutes=settings.MODERATION_CLAIM_MINUTES)
    won = (
        Comment.objects.filter(pk=comment.pk, status=Comment.Status.OPEN)
        .filter(Q(claimed_by__isnull=True) | Q(claimed_by=by) | Q(claimed_until__lt=now))
        .update(claimed_by=by, claimed_until=until)
    )
    if won:
        comment.claimed_by, comment.claimed_until = by, until
    else:
        comment.refresh_from_db(fields=["claimed_by", "claimed_until", "status"])
    return bool(won)


def comment_release(*, comment: Comment, by: User) -> bool:
    released = Comment.objects.filter(pk=comment.pk, claimed_by=by).update(
        claimed_by=None, claimed_until=None
    )
    if released:
        comment.claimed_by, comment.claimed_until = None, None
    return bool(released)


# --- forwarding and notes -------------------------------------------------------------------------


def conversation_rows(comment: Comment):
    """The rows that move together: a direct message's whole conversation (the city's answers too),
    else the comment alone."""
    if comment.kind == Comment.Kind.MESSAGE and comment.post_platform_id:
        return Comment.objects.filter(
            account_id=comment.account_id,
            kind=Comment.Kind.MESSAGE,
            post_platform_id=comment.post_platform_id,
        )
    return Comment.objects.filter(pk=comment.pk)


@transaction.atomic
def comment_forward(*, comment: Comment, by: User, administration: Administration, note: str) -> CommentNote:
    """KC hands a comment to a förvaltning's queue, saying why; a direct message goes with its whole
    conversation. The förvaltning's queue owners get a mail; KC keeps reading it (see
    `access.access_comment_to_read`), with the note of where it went."""
    from .forward_mail import forwarded_mail

    conversation_rows(comment).update(
        in_kc_queue=False, queue_administration=administration, claimed_by=None, claimed_until=None
    )
    comment.in_kc_queue, comment.queue_administration = False, administration
    forwarded = CommentNote.objects.create(
        comment=comment, kind=CommentNote.Kind.FORWARD, author=by, text=note, to_administration=administration
    )
    forwarded_mail(note=forwarded)
    return forwarded


@transaction.atomic
def comment_return(*, comment: Comment, by: User, note: str) -> CommentNote:
    """The förvaltning sends a forwarded comment back to KC."""
    conversation_rows(comment).update(in_kc_queue=True, claimed_by=None, claimed_until=None)
    comment.in_kc_queue = True
    return CommentNote.objects.create(comment=comment, kind=CommentNote.Kind.RETURN, author=by, text=note)


def comment_note_add(*, comment: Comment, by: User, text: str) -> CommentNote:
    return CommentNote.objects.create(comment=comment, kind=CommentNote.Kind.NOTE, author=by, text=text)


# --- AKN's triage lists ---------------------------------------------------------------------------


def triage_term_add(*, by: User, label: str, term: str, match: str) -> TriageTerm:
    """A word that gives a label from the next comment on. The unique (label, term) decides between
    two people adding the same word at once, not a prior look-up."""
    try:
        with transaction.atomic():
            return TriageTerm.objects.create(label=label, term=term, match=match, created_by=by)
    except IntegrityError as exc:
        raise ValidationError({"term": _("The label already has this word.")}, code="exists") from exc


def triage_term_remove(*, term: TriageTerm) -> None:
    term.delete()


def triage_domain_add(*, by: User, domain: str, kind: str, note: str = "") -> TriageDomain:
    try:
        with transaction.atomic():  # the unique domain, not a prior look-up, decides
            return TriageDomain.objects.create(domain=domain, kind=kind, note=note, created_by=by)
    except IntegrityError as exc:
        raise ValidationError({"domain": _("The domain is already on the list.")}, code="exists") from exc


def triage_domain_remove(*, domain: TriageDomain) -> None:
    domain.delete()


def triage_rule_update(*, rule: TriageRule, by: User, action: str, is_enabled: bool) -> TriageRule:
    rule.action, rule.is_enabled, rule.updated_by = action, is_enabled, by
    rule.save(update_fields=["action", "is_enabled", "updated_by", "updated_at"])
    return rule


# --- saved replies --------------------------------------------------------------------------------


def saved_reply_save(
    *, by: User, reply: SavedReply | None, administration: Administration | None, title: str, text: str
) -> SavedReply:
    """Add a saved reply (`reply` None) or change one; `administration` None is the whole city's."""
    reply = reply or SavedReply()
    reply.administration, reply.title, reply.text, reply.updated_by = administration, title, text, by
    reply.save()
    return reply


def saved_reply_remove(*, reply: SavedReply) -> None:
    reply.delete()
