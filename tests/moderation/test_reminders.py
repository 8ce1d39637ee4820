"""The hourly reminder to each queue's owners (issue 17): what is due within the hour and overdue,
one mail per queue and run, none for an empty queue, and only in the city's working hours."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings

from helsocial.outbox.models import OutboxMessage
from moderation.ingest import comments_ingest
from moderation.models import Comment
from moderation.reminders import queue_reminders_send

from .helpers import at, remote

pytestmark = pytest.mark.django_db

TUESDAY_10 = at("2026-11-24 10:00")


def _comment(account, pid: str, *, sort_at, kc: bool = False, status: str = "open") -> Comment:
    comments_ingest(account=account, items=[remote(pid, "När börjar skolan?")])
    Comment.objects.filter(platform_id=pid).update(
        sort_at=sort_at, due_at=sort_at, in_kc_queue=kc, status=status
    )
    return Comment.objects.get(platform_id=pid)


@pytest.fixture
def queues(account, other_account, lead, other_lead, kc_user):
    now = TUESDAY_10
    return {
        "overdue": _comment(account, "a", sort_at=now - timedelta(hours=1)),
        "soon": _comment(account, "b", sort_at=now + timedelta(minutes=30)),
        "later": _comment(account, "c", sort_at=now + timedelta(hours=2)),
        "handled": _comment(account, "d", sort_at=now - timedelta(hours=3), status="answered"),
        "kc": _comment(account, "e", sort_at=now - timedelta(minutes=5), kc=True),
        # The other förvaltning has nothing due: its lead gets no mail.
        "other_later": _comment(other_account, "f", sort_at=now + timedelta(hours=5)),
    }


def test_each_queue_gets_one_mail_about_what_is_due(queues, lead, kc_user, other_lead, administration):
    assert queue_reminders_send(now=TUESDAY_10) == 2
    mails = {tuple(m.to): m for m in OutboxMessage.objects.all()}
    assert set(mails) == {(lead.email,), (kc_user.email,)}
    forvaltning = mails[(lead.email,)]
    link = f"{settings.SITE_URL}/moderation/comments/%s/"
    assert link % queues["overdue"].pk in forvaltning.body and link % queues["soon"].pk in forvaltning.body
    assert link % queues["later"].pk not in forvaltning.body
    assert link % queues["handled"].pk not in forvaltning.body
    assert link % queues["kc"].pk not in forvaltning.body
    assert "1 försenade" in forvaltning.subject and administration.name in forvaltning.subject
    assert "När börjar skolan" not in forvaltning.body
    assert link % queues["kc"].pk in mails[(kc_user.email,)].body
    # Run again in the same hour: nothing new.
    queue_reminders_send(now=TUESDAY_10 + timedelta(minutes=20))
    assert OutboxMessage.objects.count() == 2


@pytest.mark.parametrize(
    "moment",
    [
        "2026-11-28 10:00",  # a Saturday
        "2026-11-24 18:30",  # after closing
        "2026-11-24 07:15",  # before opening
        "2026-12-24 10:00",  # julafton, a Thursday
        "2026-12-25 10:00",  # juldagen
    ],
)
def test_nothing_outside_working_hours(queues, moment):
    assert queue_reminders_send(now=at(moment)) == 0
    assert not OutboxMessage.objects.exists()


def test_nothing_when_nothing_is_due(account, lead, kc_user):
    _comment(account, "c", sort_at=TUESDAY_10 + timedelta(hours=3))
    assert queue_reminders_send(now=TUESDAY_10) == 0
    assert not OutboxMessage.objects.exists()


def test_the_task_is_on_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "moderation.tasks.queue_reminders" in tasks
