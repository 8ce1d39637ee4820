"""Gallring: after COMMENT_RETENTION_DAYS, comment authors' names, ids and texts are pseudonymised.

The author id becomes a keyed hash ("pseud:…"), the same for the same author, so figures per author
still add up without saying who it was; the name, the text, the link, the attachments and the raw
item are emptied. Diarieförd evidence (`Evidence`: the screenshot and raw item sent to the registry)
is kept as it is: it is a public record now. A comment removed outside the portal whose evidence is
not yet made waits for it, so the registry still gets the stored copy.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Comment

PREFIX = "pseud:"


def pseudonym(author_id: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"author:{author_id}".encode(), hashlib.sha256)
    return PREFIX + digest.hexdigest()[:24]


def comments_due_for_retention(*, now: datetime | None = None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.COMMENT_RETENTION_DAYS)
    awaiting_evidence = Q(
        removed_on_platform_at__isnull=False,
        removal_source__in=[Comment.RemovalSource.WEBHOOK, Comment.RemovalSource.PULL],
    ) & ~Q(evidence__completed_at__isnull=False)
    return (
        Comment.objects.filter(received_at__lt=cutoff)
        .exclude(author_id__startswith=PREFIX)
        .exclude(awaiting_evidence)
        .exclude(evidence__completed_at__isnull=True, evidence__isnull=False)  # a deletion mid-retry
    )


def comments_pseudonymise(*, now: datetime | None = None, batch: int = 500) -> int:
    """Pseudonymise every comment past retention, a batch per transaction; returns how many."""
    done = 0
    while True:
        ids = list(comments_due_for_retention(now=now).order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            return done
        with transaction.atomic():
            rows = list(Comment.objects.select_for_update().filter(pk__in=ids).only("pk", "author_id"))
            for row in rows:
                row.author_id = pseudonym(row.author_id)
                row.author_name = ""
                row.text = ""
                row.text_hash = ""
                row.permalink = ""
                row.attachments = []
                row.raw = {}
            Comment.objects.bulk_update(
                rows, ["author_id", "author_name", "text", "text_hash", "permalink", "attachments", "raw"]
            )
        done += len(rows)
