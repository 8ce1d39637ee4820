"""The hourly reminder to each queue's owners: what is due within the hour and what is overdue.

Sent in the city's working hours only (`helsocial.workdays`): "Vi svarar inom 24 timmar under
arbetstid". One mail per queue and run, none for a queue with nothing due; a second run in the same
hour sends nothing new (the outbox key holds the hour). The mail holds links and due times, never a
comment's text."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import Administration
from helsocial.mail import mail_enqueue
from helsocial.workdays import is_working_time

from .models import Comment
from .queue_owners import queue_owner_emails

REMINDER_WINDOW = timedelta(hours=1)
# The mail lists this many comments, overdue first; the rest are counted (the queue has them).
REMINDER_LINES = 25


def queue_reminders_send(*, now: datetime | None = None) -> int:
    """Write one reminder per queue with something due within the hour or overdue; the number of
    mails written. Nothing outside working hours."""
    now = now or timezone.now()
    if not is_working_time(now):
        return 0
    rows = (
        Comment.objects.open()
        .filter(sort_at__lt=now + REMINDER_WINDOW)
        .order_by("priority", "sort_at", "id")
        .values("id", "in_kc_queue", "queue_administration_id", "account_id", "sort_at", "kind")
    )
    queues: dict[int | None, list[dict]] = defaultdict(list)
    for row in rows.iterator():
        queues[None if row["in_kc_queue"] else row["queue_administration_id"]].append(row)
    names = dict(Administration.objects.filter(pk__in=[q for q in queues if q]).values_list("pk", "name"))
    kinds = dict(Comment.Kind.choices)
    hour = timezone.localtime(now).strftime("%Y-%m-%dT%H")
    sent = 0
    for administration_id, queued in sorted(queues.items(), key=lambda item: item[0] or 0):
        to = queue_owner_emails(administration_id=administration_id)
        if not to:
            continue
        overdue = [row for row in queued if row["sort_at"] < now]
        mail_enqueue(
            key=f"moderation-reminder:{administration_id or 'kc'}:{hour}",
            name="queue_reminder",
            to=to,
            context={
                "administration_id": administration_id,
                "queue_name": names.get(administration_id, ""),
                "overdue": len(overdue),
                "due_soon": len(queued) - len(overdue),
                "comments": [
                    {
                        "id": row["id"],
                        "kind": kinds.get(row["kind"], row["kind"]),
                        "due": row["sort_at"],
                        "overdue": row["sort_at"] < now,
                    }
                    for row in queued[:REMINDER_LINES]
                ],
                "more": max(len(queued) - REMINDER_LINES, 0),
            },
        )
        sent += 1
    return sent
