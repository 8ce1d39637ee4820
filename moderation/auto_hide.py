"""Automatic hiding (issue 17): AKN chooses, per account, violation labels whose comments are hidden
the moment they arrive — never deleted — after trying the choice on the account's last 30 days.

Each automatic hide is one `ModerationLogEntry` (action "hide" with no person, and the rule it applied),
and the comment stays open in its queue: a person confirms the hiding (hides it under
their name, which closes it) or shows it again. Direct messages and mentions are never hidden: the
platforms do not hide either.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import SocialAccount, User
from platforms import client_for

from .actions import Action, ActionFailed, ActionUnavailable, _act, require_offered
from .models import VIOLATION_LABELS, AutoHideRule, Comment, ModerationLogEntry

logger = logging.getLogger(__name__)

TRY_DAYS = 30
# Shown on the try-out page; the count says how many there were in all.
TRY_SHOWN = 100
HIDEABLE_KINDS = (Comment.Kind.COMMENT, Comment.Kind.REPLY)


def choosable_labels() -> list[tuple[str, str]]:
    """The labels AKN may choose: violations only, never a question or an opinion."""
    from .models import Label

    return [(value, name) for value, name in Label.choices if value in VIOLATION_LABELS]


@dataclass
class Trial:
    count: int
    rows: list[Comment]
    since: datetime


def auto_hide_try(*, account: SocialAccount, labels: Sequence[str], now: datetime | None = None) -> Trial:
    """What the rule would have hidden on the account in the last 30 days: its comments (not direct
    messages or mentions) with one of the labels that were not already hidden or removed."""
    now = now or timezone.now()
    since = now - timedelta(days=TRY_DAYS)
    rows = _matching(
        Comment.objects.filter(
            account=account,
            kind__in=HIDEABLE_KINDS,
            created_at__gte=since,
            hidden_on_platform_at__isnull=True,
            removed_on_platform_at__isnull=True,
        ).exclude(status=Comment.Status.OWN),
        labels,
    ).order_by("-created_at", "-id")
    return Trial(count=rows.count(), rows=list(rows[:TRY_SHOWN]), since=since)


def _matching(rows, labels: Sequence[str]):
    from django.db.models import Q

    condition = Q()
    for label in labels:
        condition |= Q(labels__icontains=f'"{label}"')
    return rows.filter(condition) if labels else rows.none()


def auto_hide_rule_save(
    *, account: SocialAccount, by: User, labels: Sequence[str], tried: Sequence[str], is_enabled: bool
) -> AutoHideRule:
    """Save the account's rule; only labels AKN tried as they are now (`tried`)."""
    labels = sorted(set(labels))
    if any(label not in VIOLATION_LABELS for label in labels):
        raise ValidationError(_("Choose violation labels only."), code="label")
    if is_enabled and labels and sorted(set(tried)) != labels:
        raise ValidationError(
            _("Try the rule on the last 30 days first, with the labels as they are now."), code="untried"
        )
    rule, _created = AutoHideRule.objects.update_or_create(
        account=account,
        defaults={"labels": labels, "is_enabled": is_enabled and bool(labels), "updated_by": by},
    )
    return rule


def rule_labels_for(account: SocialAccount) -> list[str]:
    return (
        AutoHideRule.objects.filter(account=account, is_enabled=True).values_list("labels", flat=True).first()
        or []
    )


def auto_hide_after_ingest(*, account: SocialAccount, rows: Sequence[dict]) -> list[str]:
    """Called by ingest with the rows it stored: those with a label of the account's rule are hidden
    once the batch is committed (a task each batch). One query, and only when a row has a violation."""
    candidates = [
        row
        for row in rows
        if row["status"] == Comment.Status.OPEN
        and row["kind"] in HIDEABLE_KINDS
        and row["hidden_on_platform_at"] is None
        and any(label in VIOLATION_LABELS for label in row["labels"])
    ]
    if not candidates:
        return []
    labels = set(rule_labels_for(account))
    ids = [row["platform_id"] for row in candidates if labels & set(row["labels"])]
    if ids:
        transaction.on_commit(lambda: _queue(account.pk, ids), robust=True)
    return ids


@shared_task(name="moderation.tasks.auto_hide_comments", acks_late=True)
def auto_hide_comments_task(account_id: int, platform_ids: list[str]) -> int:
    """Hide the new comments that the account's automatic rule names (AKN's choice). Defined here and
    re-exported by tasks.py, so that this module needs no import of the tasks (no cycle)."""
    return auto_hide_comments(account_id=account_id, platform_ids=platform_ids)


def _queue(account_id: int, platform_ids: list[str]) -> None:
    try:
        auto_hide_comments_task.delay(account_id, platform_ids)
    except Exception:  # the broker is down: the comments stay open in the queue, for a person
        logger.warning("auto-hide: could not queue %s comments of account %s", len(platform_ids), account_id)


def auto_hide_comments(*, account_id: int, platform_ids: Sequence[str]) -> int:
    """Hide each comment under the account's rule (the first of its labels the rule names); each on
    its own, so a refusal leaves the others hidden. The number hidden."""
    account = SocialAccount.objects.filter(pk=account_id).first()
    if account is None:
        return 0
    labels = rule_labels_for(account)
    hidden = 0
    for comment in Comment.objects.filter(
        account=account, platform_id__in=list(platform_ids), status=Comment.Status.OPEN
    ).select_related("account"):
        rule = next((label for label in comment.labels if label in labels), "")
        if not rule or comment.hidden_on_platform_at is not None:
            continue
        try:
            comment_auto_hide(comment=comment, rule=rule)
        except (ActionUnavailable, ActionFailed, ValidationError) as exc:
            # Refused or failed (a FAILED row in the log): the comment waits, open, for a person.
            logger.info("auto-hide: comment %s stays as it is: %s", comment.pk, exc)
            continue
        hidden += 1
    return hidden


def comment_auto_hide(*, comment: Comment, rule: str) -> ModerationLogEntry:
    """Hide on the platform; the comment stays open in its queue (a person confirms or undoes)."""
    require_offered(comment, Action.HIDE)

    def refuse(comment: Comment) -> None:
        if comment.status != Comment.Status.OPEN or comment.hidden_on_platform_at is not None:
            raise ValidationError("already handled", code="handled")

    entry = _act(
        comment=comment,
        by=None,
        action=Action.HIDE,
        rule=rule,
        call=lambda: client_for(comment.account).hide(comment.platform_id, True),
        changes=lambda now: {"hidden_on_platform_at": now},
        release=False,
        refuse=refuse,
    )
    return entry
