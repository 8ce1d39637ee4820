"""Reliability bar 2: every comment exactly once, whatever arrives twice and whoever dies midway.

The same webhook delivered three times, overlapping with a pull of the same post, and the worker
killed with SIGKILL in the middle of the batch: after a restart every comment is present exactly
once, with its triage and due time.
"""

import json
import threading
import time

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client

from moderation.ingest import comments_ingest
from moderation.meta_webhook import sign
from moderation.models import Comment, WebhookDelivery
from moderation.tasks import webhook_sweep
from tests.factories import AdministrationFactory, SocialAccountFactory

from .helpers import remote

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

SECRET = "reliability-secret"
N = 6000
TEXTS = [
    "Hur gör jag för att boka tvättstugan?",
    "Tack för en fin dag i parken!",
    "Slöseri med skattepengar",
    "Ring mig på 070-123 45 67",
    "Jag vet var du bor",
    "Undrar om biblioteket har öppet",
]


@pytest.fixture
def celery_worker_env():
    return {"META_APP_SECRET": SECRET}


def _payload():
    changes = [
        {
            "field": "feed",
            "value": {
                "item": "comment",
                "verb": "add",
                "comment_id": f"PAGE9_C{i}",
                "post_id": "PAGE9_P1",
                "parent_id": "PAGE9_P1",
                "from": {"id": f"u{i}", "name": f"Person {i}"},
                "message": f"{TEXTS[i % len(TEXTS)]} ({i})",
                "created_time": 1795000000 + i,
            },
        }
        for i in range(N)
    ]
    return {"object": "page", "entry": [{"id": "PAGE9", "time": 1795000000, "changes": changes}]}


def _worker_waiting_on_the_pull() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query ILIKE %s",
            ["%moderation_comment%"],
        )
        return cursor.fetchone()[0] > 0


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_every_comment_exactly_once_after_replays_a_pull_and_a_killed_worker(
    starting_lists, celery_worker_process, settings
):
    settings.META_APP_SECRET = SECRET
    account = SocialAccountFactory(
        administration=AdministrationFactory(name="Fritidsförvaltningen"),
        platform="facebook",
        platform_id="PAGE9",
    )
    body = json.dumps(_payload()).encode()
    headers = {"X-Hub-Signature-256": sign(body, SECRET)}
    client = Client()

    # A pull of the same post is writing and has not committed yet: the worker's batch will meet
    # its rows and wait on them, inside the batch's transaction, however fast the batch is.
    pull_items = [
        remote(f"PAGE9_C{i}", f"{TEXTS[i % len(TEXTS)]} ({i})", author_id=f"u{i}", post_id="PAGE9_P1")
        for i in range(0, N, 3)
    ]
    holding, release, pulled = threading.Event(), threading.Event(), threading.Event()

    def pull():
        try:
            with transaction.atomic():
                comments_ingest(account=account, items=pull_items)
                holding.set()
                release.wait(120)
            pulled.set()
        finally:
            connection.close()

    puller = threading.Thread(target=pull)
    puller.start()
    assert holding.wait(60), "the pull did not get to write"

    # Meta delivers three times: one stored delivery, one task.
    for _ in range(3):
        assert (
            client.post(
                "/webhooks/meta/", data=body, content_type="application/json", headers=headers
            ).status_code
            == 200
        )
    assert WebhookDelivery.objects.count() == 1

    # The worker is inside the batch's transaction, waiting on the pull: kill it there, as a crash would.
    _wait(_worker_waiting_on_the_pull, 60, "the worker to meet the pull's rows")
    celery_worker_process.kill()
    release.set()
    puller.join(120)
    assert pulled.is_set()
    assert WebhookDelivery.objects.get().processed_at is None  # the killed batch left nothing half done
    assert Comment.objects.count() == len(pull_items)

    # After the restart the sweep finds the delivery whose task died; Meta's replay is a no-op.
    celery_worker_process.start()
    assert (
        client.post(
            "/webhooks/meta/", data=body, content_type="application/json", headers=headers
        ).status_code
        == 200
    )
    webhook_sweep.delay(older_than_seconds=0)
    _wait(
        lambda: WebhookDelivery.objects.filter(processed_at__isnull=False).exists(),
        120,
        "the delivery to be processed",
    )

    assert Comment.objects.count() == N
    assert (
        not Comment.objects.values("account", "platform_id").annotate(n=Count("id")).filter(n__gt=1).exists()
    )
    assert not Comment.objects.filter(labels=[]).exists()
    assert not Comment.objects.filter(due_at__isnull=True).exists()
    threat = Comment.objects.get(platform_id="PAGE9_C4")
    assert threat.labels == ["threat"] and threat.priority == 0
    question = Comment.objects.get(platform_id="PAGE9_C0")
    assert question.labels == ["question"] and question.status == "open"
