"""The one mail about urgent comments (threats, racism, personal attacks), in two situations.

On arrival (ingest) the förvaltning's leads and AKN are told; when a comment moves to another
förvaltning's queue (placement, `moved=True`) that förvaltning's leads are. One mail lists at most
URGENT_MAIL_LINES comments with their links (a raid's hundreds of links help nobody: the rest are
counted, and the queue has them first). The comments' text stays in the portal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from accounts.models import SocialAccount
from helsocial.mail import mail_enqueue

from .models import URGENT_LABELS, Label

URGENT_MAIL_LINES = 50


def urgent_comments_mail(
    *,
    key: str,
    to: Sequence[str],
    account: SocialAccount,
    rows: Sequence[Mapping],
    moved: bool = False,
) -> None:
    """`rows` are one queue's urgent comments in queue order, each with `id`, `labels`, `due_at`,
    `in_kc_queue`, `queue_administration_id` and, for a move, `queue_administration__name`."""
    names = dict(Label.choices)
    first = rows[0]
    comments = [
        {
            "id": row["id"],
            # The labels' names, translated when the mail is rendered.
            "labels": [names.get(label, label) for label in row["labels"] if label in URGENT_LABELS],
            "due_at": row["due_at"],
            "in_kc_queue": row["in_kc_queue"],
            "queue_name": row.get("queue_administration__name", ""),
        }
        for row in rows[:URGENT_MAIL_LINES]
    ]
    mail_enqueue(
        key=key,
        name="urgent_comments",
        to=to,
        context={
            "account": account,
            "moved": moved,
            "comments": comments,
            "count": len(rows),
            "more": max(len(rows) - URGENT_MAIL_LINES, 0),
            "in_kc_queue": first["in_kc_queue"],
            "queue_administration_id": first["queue_administration_id"],
        },
    )
