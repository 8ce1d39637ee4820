"""Issue 12, the sweep test: one poison delivery between valid ones, the broker down while they
arrive; after the sweep every valid comment is stored exactly once and the poison one is failed
with its error. On PostgreSQL, with a private Redis broker and a real Celery worker process."""

import hashlib
import json
import logging
import time

import pytest
from django.db.models import Count
from django.test import Client

from moderation.meta_webhook import sign
from moderation.models import Comment, WebhookDelivery
from moderation.tasks import webhook_sweep
from tests.factories import AdministrationFactory, SocialAccountFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

SECRET = "sweep-secret"


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _delivery(first: int, count: int) -> bytes:
    changes = [
        {
            "field": "feed",
            "value": {
                "item": "comment",
                "verb": "add",
                "comment_id": f"PAGE7_C{i}",
                "post_id": "PAGE7_P1",
                "parent_id": "PAGE7_P1",
                "from": {"id": f"u{i}", "name": f"Person {i}"},
                "message": f"Hur gör jag för att boka tvättstugan? ({i})",
                "created_time": 1795000000 + i,
            },
        }
        for i in range(first, first + count)
    ]
    return json.dumps(
        {"object": "page", "entry": [{"id": "PAGE7", "time": 1795000000, "changes": changes}]}
    ).encode()


# The issue's own example: it made the old task raise, and the old sweep with it, every minute.
POISON = b'{"object":"page","entry":[{"id":"555","changes":5}]}'


def test_a_poison_delivery_between_valid_ones_with_the_broker_down_costs_nothing(
    starting_lists, redis_broker, celery_worker_process, settings, caplog
):
    settings.META_APP_SECRET = SECRET
    SocialAccountFactory(
        administration=AdministrationFactory(name="Fastighetsförvaltningen"),
        platform="facebook",
        platform_id="PAGE7",
    )
    client = Client()
    bodies = [_delivery(0, 40), POISON, _delivery(40, 40), _delivery(20, 40)]  # the last overlaps both

    redis_broker.stop()
    with caplog.at_level(logging.WARNING, logger="moderation.services"):
        for body in [*bodies, bodies[0]]:  # Meta replays the first one
            response = client.post(
                "/webhooks/meta/",
                data=body,
                content_type="application/json",
                headers={"X-Hub-Signature-256": sign(body, SECRET)},
            )
            assert response.status_code == 200
    assert "the sweep will process it" in caplog.text  # no task could be queued
    assert WebhookDelivery.objects.count() == 4
    assert WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).count() == 4
    assert not Comment.objects.exists()

    redis_broker.start()
    webhook_sweep.delay(older_than_seconds=0)  # beat's next run, on the worker
    _wait(
        lambda: not WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).exists(),
        120,
        "the sweep to settle every delivery",
    )

    assert Comment.objects.count() == 80
    assert set(Comment.objects.values_list("platform_id", flat=True)) == {f"PAGE7_C{i}" for i in range(80)}
    assert (
        not Comment.objects.values("account", "platform_id").annotate(n=Count("id")).filter(n__gt=1).exists()
    )
    assert not Comment.objects.filter(labels=[]).exists()
    poison = WebhookDelivery.objects.get(body_sha256=hashlib.sha256(POISON).hexdigest())
    assert poison.status == WebhookDelivery.Status.FAILED
    assert poison.error == "entry 0 ('555'): changes is a number, not a list"
    assert poison.attempts == 1
    valid = WebhookDelivery.objects.exclude(pk=poison.pk)
    assert set(valid.values_list("status", flat=True)) == {WebhookDelivery.Status.PROCESSED}

    # The next sweep has nothing left to do: the poison delivery is settled, not retried each minute.
    assert webhook_sweep.apply(kwargs={"older_than_seconds": 0}).get() == 0
