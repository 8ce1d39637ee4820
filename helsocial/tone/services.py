"""Writes for the tone checker (AKN's list edits), and the one check that can stop a text.

Every write calls ``tone_lists_changed()``: once at once, so the next check in this process sees
the change, and again after the commit, so a process that rebuilt the lists in between from the
not yet committed database rebuilds them again.

``reply_require_publishable(text=…)`` is for the moderation queues (issue 8): a reply with personal
data beyond the city's own contact details is refused with a ``ValidationError`` naming what was
found. Drafts in the calendar have no blocking rule: their findings are warnings and never stop a
booking (``product.md``: "Warnings never silently block, except where a rule above says so").
"""

from __future__ import annotations

import logging
import secrets
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from .checker import CheckContext, ToneReport, check_text
from .models import ToneSettings, ToneWord
from .selectors import VERSION_KEY, tone_lists

logger = logging.getLogger(__name__)

MAX_ENTRY_LENGTH = 200


def tone_lists_changed() -> None:
    """Tell every process that the lists changed: now, and again once the transaction commits."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)
    except (RedisError, OSError) as exc:
        # Processes reread the lists within selectors.CACHE_DOWN_REFRESH_SECONDS while it is down.
        logger.warning("tone: could not announce a list change, the cache is unreachable: %s", exc)


@transaction.atomic
def tone_word_add(*, by: AbstractBaseUser | None, kind: str, text: str, note: str = "") -> ToneWord:
    text = " ".join(text.split()) if kind != ToneWord.Kind.EMOJI else text.strip()
    note = " ".join(note.split())
    if kind not in ToneWord.Kind.values:
        raise ValidationError(_("Unknown list."), code="kind")
    if not text:
        raise ValidationError(_("Write a word, phrase or emoji."), code="empty")
    if len(text) > MAX_ENTRY_LENGTH:
        raise ValidationError(_("At most 200 characters."), code="too_long")
    if kind == ToneWord.Kind.ACRONYM:
        text = text.upper()
    try:
        with transaction.atomic():
            word = ToneWord.objects.create(kind=kind, text=text, note=note[:300], created_by=by)
    except IntegrityError as exc:
        raise ValidationError(
            _("The list already has “%(text)s”.") % {"text": text}, code="duplicate"
        ) from exc
    tone_lists_changed()
    return word


@transaction.atomic
def tone_word_remove(*, by: AbstractBaseUser | None, word: ToneWord) -> None:
    word.delete()
    tone_lists_changed()


@transaction.atomic
def tone_settings_update(
    *, by: AbstractBaseUser | None, max_sentence_words: int, lix_info_from: Decimal, lix_warning_from: Decimal
) -> ToneSettings:
    if lix_info_from > lix_warning_from:
        raise ValidationError(_("The LIX note must start at or below the LIX warning."), code="lix_order")
    row, _created = ToneSettings.objects.select_for_update().get_or_create(pk=1)
    row.max_sentence_words = max_sentence_words
    row.lix_info_from = lix_info_from
    row.lix_warning_from = lix_warning_from
    row.updated_by = by
    row.save()
    tone_lists_changed()
    return row


def reply_require_publishable(*, text: str) -> ToneReport:
    """The report of a reply; raises ValidationError if a finding blocks publishing it."""
    report = check_text(text, context=CheckContext(kind="reply"), lists=tone_lists())
    blocking = [f for f in report.findings if f.severity == "blocking"]
    if blocking:
        raise ValidationError(
            [ValidationError(f.message, code=f.rule) for f in blocking],
        )
    return report
