"""Writes of the moderation app: webhook deliveries, claims, forwarding and notes, AKN's triage lists
and the saved replies. Each takes objects the access layer has checked (moderation/access.py)."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
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


def webhook_delivery_process(*, delivery_id: int, now: datetime | None = None) -> bool:
    """Apply one delivery's changes; in one transaction, so a crash midway leaves nothing half done."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .filter(pk=delivery_id, processed_at__isnull=True)
            .first()
        )
        if delivery is None:  # processed already (a redelivered task), or gone
            return False
        try:
            payload = json.loads(bytes(delivery.body))
        except ValueError as exc:
            delivery.processed_at, delivery.error = now, f"not JSON: {exc}"[:1000]
            delivery.save(update_fields=["processed_at", "error"])
            return True
        changes = meta_webhook.parse(payload, received_at=delivery.received_at)
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
            if changes.upserts.get(key):
                comments_ingest(account=account, items=changes.upserts[key], rules=rules, now=now)
            if changes.removed.get(key):
                comments_mark_removed(
                    account=account,
                    platform_ids=changes.removed[key],
                    source=Comment.RemovalSource.WEBHOOK,
                    now=now,
                )
            if changes.hidden.get(key):
                comments_mark_hidden(account=account, platform_ids=changes.hidden[key], now=now)
            if changes.shown.get(key):
                comments_mark_hidden(account=account, platform_ids=changes.shown[key], now=now, hidden=False)
        delivery.processed_at = now
        delivery.attempts += 1
        delivery.save(update_fields=["processed_at", "attempts"])
    return True


def webhook_deliveries_unprocessed(*, older_than: timedelta = timedelta(minutes=1), now=None) -> list[int]:
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(processed_at__isnull=True, received_at__lt=now - older_than)
        .order_by("received_at")
        .values_list("pk", flat=True)[:500]
    )


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


@transaction.atomic
def comment_forward(*, comment: Comment, by: User, administration: Administration, note: str) -> CommentNote:
    """KC hands a comment to a förvaltning's queue, saying why."""
    Comment.objects.filter(pk=comment.pk).update(
        in_kc_queue=False, queue_administration=administration, claimed_by=None, claimed_until=None
    )
    comment.in_kc_queue, comment.queue_administration = False, administration
    return CommentNote.objects.create(
        comment=comment, kind=CommentNote.Kind.FORWARD, author=by, text=note, to_administration=administration
    )


@transaction.atomic
def comment_return(*, comment: Comment, by: User, note: str) -> CommentNote:
    """The förvaltning sends a forwarded comment back to KC."""
    Comment.objects.filter(pk=comment.pk).update(in_kc_queue=True, claimed_by=None, claimed_until=None)
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
