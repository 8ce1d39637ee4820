"""Reliability bar 3 for the registry mails: with the SMTP server down while 10 comments are deleted,
nothing is lost; once it is back exactly 10 mails arrive, each with its screenshot whose SHA-256 is
the one in the body — even with two delivery tasks at once (PostgreSQL, Redis, a Celery worker)."""

import hashlib
import re
import time

import pytest

from helsocial.outbox import tasks
from helsocial.outbox.models import OutboxMessage
from moderation.evidence import comment_delete
from moderation.models import Comment, Evidence
from tests.waiting import wait_until

from .platform import fb_comment

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def celery_worker_env():
    return {"OUTBOX_RETRY_BASE_SECONDS": "1", "OUTBOX_RETRY_MAX_SECONDS": "2"}


def test_ten_deletions_with_the_mail_server_down_give_exactly_ten_registry_mails(
    settings, facebook, editor, account, smtp_server, celery_worker_process, capsys
):
    settings.REGISTRY_EMAIL = "diariet@example.se"
    settings.EVIDENCE_RENDERER = "pillow"
    comments = [fb_comment(facebook, account, f"c{n}", f"Du är en idiot nummer {n}") for n in range(10)]
    smtp_server.stop()
    started = time.monotonic()
    for comment in comments:
        comment_delete(comment=comment, by=editor, rule="personal_attack")
    deleted_in = time.monotonic() - started
    assert Comment.objects.filter(status=Comment.Status.REMOVED).count() == 10
    assert all(facebook.objects[f"c{n}"]["deleted"] for n in range(10))
    registry = OutboxMessage.objects.filter(key__startswith="registry:")
    wait_until(
        lambda: registry.filter(status="pending", attempts__gte=2).count() == 10,
        timeout=60,
        what="every registry mail to have failed twice",
    )

    smtp_server.delay = 0.2
    smtp_server.start()
    started = time.monotonic()
    tasks.outbox_sweep.delay()
    tasks.outbox_sweep.delay()
    smtp_server.wait_for(10, timeout=60)
    wait_until(lambda: registry.filter(status="sent").count() == 10, timeout=30, what="rows sent")
    delivered_in = time.monotonic() - started
    celery_worker_process.wait_idle()  # late duplicates would come from retries still in flight

    # The urgent alerts of the ingest (to AKN) go out too; the registry's are those to the registry.
    received_mails = [m for m in smtp_server.messages if m.rcpt_tos == ("diariet@example.se",)]
    assert len(received_mails) == 10
    assert len({m.message_id for m in received_mails}) == 10
    assert set(smtp_server.message_id_counts().values()) == {1}
    evidence_hashes = set(Evidence.objects.values_list("png_sha256", flat=True))
    seen = set()
    for received in received_mails:
        body = received.message.get_body(preferencelist=("plain",)).get_content()
        stated = re.search(r"Skärmdump SHA-256: ([0-9a-f]{64})\s", body)[1]
        [png] = [content for name, content, mimetype in received.attachments() if mimetype == "image/png"]
        assert png.startswith(b"\x89PNG")
        assert hashlib.sha256(png).hexdigest() == stated
        seen.add(stated)
    assert seen == evidence_hashes and len(seen) == 10
    with capsys.disabled():
        print(
            f"\n[registry] 10 deletions in {deleted_in:.1f} s;"
            f" 10 mails {delivered_in:.1f} s after SMTP came back"
        )
