"""The outbox against the real services: PostgreSQL, a Redis broker, a Celery worker process and an
SMTP server that goes down and comes back (quality.md, reliability bars 3 and 5)."""

import hashlib
import io
import logging
import signal
import threading
import time
from datetime import timedelta
from email.utils import make_msgid

import pytest
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image

from helsocial.outbox import tasks
from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import (
    CLAIM_SECONDS,
    outbox_deliver,
    outbox_enqueue,
    outbox_reclaim_stale,
    outbox_sweep,
)
from tests.waiting import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def celery_worker_env():
    # Seconds instead of minutes between attempts, so the test sees several retries.
    return {"OUTBOX_RETRY_BASE_SECONDS": "1", "OUTBOX_RETRY_MAX_SECONDS": "2"}


def screenshot(number: int) -> bytes:
    """A distinct small PNG per mail, as the registry mail's screenshot."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (number * 20 % 256, 80, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def enqueue_registry_mail(number: int) -> OutboxMessage:
    # One transaction per mail, as ten separate comment deletions would be.
    with transaction.atomic():
        return outbox_enqueue(
            key=f"registry-delete:{number}",
            to=["registrator@example.org"],
            subject=f"Raderad kommentar {number}",
            body=f"Kommentar {number} raderades.",
            attachments=[(f"skarmbild-{number}.png", screenshot(number), "image/png")],
        )


def deliver_concurrently(messages, *, threads: int, now=None) -> dict[int, list[bool]]:
    """`threads` threads, each with its own database connection, deliver every row at the same
    moment (a barrier per row); returns each row's outcomes."""
    results: dict[int, list[bool]] = {m.pk: [] for m in messages}
    barrier = threading.Barrier(threads)

    def deliver_all():
        try:
            for message in messages:
                barrier.wait(timeout=30)
                results[message.pk].append(outbox_deliver(message_id=message.pk, now=now))
        finally:
            connection.close()

    workers = [threading.Thread(target=deliver_all) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    return results


def assert_each_arrived_once_with_its_attachment(smtp_server, messages):
    counts = smtp_server.message_id_counts()
    assert counts == {m.message_id: 1 for m in messages}, counts
    stored = {m.message_id: m.attachments.get().sha256 for m in messages}
    for mail in smtp_server.messages:
        [(filename, content, mimetype)] = mail.attachments()
        assert mimetype == "image/png" and filename.endswith(".png")
        assert hashlib.sha256(content).hexdigest() == stored[mail.message_id]


def test_ten_mails_survive_a_mail_server_outage_and_arrive_exactly_once(
    smtp_server, celery_worker_process, capsys
):
    smtp_server.stop()
    messages = [enqueue_registry_mail(n) for n in range(10)]

    # The worker tries, fails and retries on its own; nothing is lost or given up.
    waited = wait_until(
        lambda: OutboxMessage.objects.filter(status="pending", attempts__gte=2).count() == 10,
        timeout=60,
        what="every mail to have failed twice",
    )
    assert not OutboxMessage.objects.exclude(status="pending").exists()
    assert all("ConnectionRefusedError" in m.last_error for m in OutboxMessage.objects.all())

    smtp_server.delay = 0.2  # slow answers: overlapping deliveries would both get through
    smtp_server.start()
    started = time.monotonic()
    # Two sweeps at once on the worker's two processes, besides its own pending retries, and a third
    # contender in this process delivering every row directly.
    tasks.outbox_sweep.delay()
    tasks.outbox_sweep.delay()
    deliver_concurrently(messages, threads=2, now=timezone.now() + timedelta(minutes=10))
    smtp_server.wait_for(10, timeout=60)
    wait_until(
        lambda: OutboxMessage.objects.filter(status="sent").count() == 10,
        timeout=30,
        what="all rows marked sent",
    )
    delivered = time.monotonic() - started
    # Late duplicates would come from tasks still in flight: wait until none is left.
    celery_worker_process.wait_idle()
    assert_each_arrived_once_with_its_attachment(smtp_server, messages)
    with capsys.disabled():
        print(
            f"\n[outbox] 10 mails failed twice in {waited:.1f} s; delivered {delivered:.1f} s after restart"
        )


def test_a_worker_killed_with_retries_pending_loses_no_mail(smtp_server, celery_worker_process):
    smtp_server.stop()
    messages = [enqueue_registry_mail(n) for n in range(3)]
    wait_until(
        lambda: OutboxMessage.objects.filter(attempts__gte=1).count() == 3, timeout=30, what="first attempts"
    )
    # The worker dies with its retries (ETA tasks) in memory, unacknowledged.
    celery_worker_process.kill(signal.SIGKILL)
    smtp_server.start()
    celery_worker_process.restart()
    # Beat, once a claim the dead worker may have held has run out and every row is due again.
    outbox_reclaim_stale(now=timezone.now() + timedelta(seconds=CLAIM_SECONDS + 1))
    wait_until(
        lambda: not OutboxMessage.objects.filter(next_attempt_at__gt=timezone.now()).exists(),
        timeout=10,
        what="rows due",
    )
    outbox_sweep()
    smtp_server.wait_for(3, timeout=60)
    wait_until(lambda: OutboxMessage.objects.filter(status="sent").count() == 3, timeout=30, what="rows sent")
    assert_each_arrived_once_with_its_attachment(smtp_server, messages)


def test_with_the_broker_down_enqueue_commits_and_the_mail_goes_out_when_it_is_back(
    smtp_server, redis_broker, celery_worker_process, caplog, capsys
):
    redis_broker.stop()
    with caplog.at_level(logging.WARNING, logger="helsocial.outbox"):
        started = time.monotonic()
        # A request's transaction: the change and its mail row commit, the caller sees no error.
        with transaction.atomic():
            message = enqueue_registry_mail(1)
        elapsed = time.monotonic() - started
    assert "broker unavailable" in caplog.text
    assert elapsed < 5
    # The publish failed in the commit above, so no task exists that could have sent it.
    assert OutboxMessage.objects.get(pk=message.pk).status == "pending"
    assert smtp_server.messages == []

    redis_broker.start()
    started = time.monotonic()
    outbox_sweep()  # beat's next run
    smtp_server.wait_for(1, timeout=60)
    recovered = time.monotonic() - started
    assert_each_arrived_once_with_its_attachment(smtp_server, [message])
    with capsys.disabled():
        print(
            f"\n[outbox] enqueue with Redis down took {elapsed:.2f} s;"
            f" sent {recovered:.1f} s after Redis was back"
        )


def test_two_threads_delivering_the_same_rows_send_each_once(transactional_db, smtp_server):
    assert connection.vendor == "postgresql"
    smtp_server.delay = 0.3  # both contenders are inside the send window at once if unguarded
    # Rows as the enqueue writes them, without the delivery it schedules on commit.
    messages = [
        OutboxMessage.objects.create(
            key=f"race:{n}",
            to=["a@example.org"],
            subject="s",
            body="b",
            message_id=make_msgid(domain="example.org"),
        )
        for n in range(5)
    ]

    results = deliver_concurrently(messages, threads=2)
    assert all(sorted(outcomes) == [False, True] for outcomes in results.values()), results
    # Both threads have returned, and the server stores a mail before it accepts it: nothing is
    # still on its way.
    smtp_server.wait_for(5)
    assert smtp_server.message_id_counts() == {m.message_id: 1 for m in messages}


def test_the_worker_fails_a_refused_recipient_at_once_and_keeps_retrying_a_busy_one(
    smtp_server, celery_worker_process
):
    smtp_server.refuse["gone@example.org"] = "550 5.1.1 No such user here"
    smtp_server.refuse["busy@example.org"] = "452 4.2.2 Mailbox full, try later"
    with transaction.atomic():
        refused = outbox_enqueue(key="refused", to=["gone@example.org"], subject="Registrering", body="b")
    with transaction.atomic():
        busy = outbox_enqueue(key="busy", to=["busy@example.org"], subject="Registrering", body="b")
    wait_until(
        lambda: OutboxMessage.objects.filter(pk=busy.pk, attempts__gte=3).exists(),
        timeout=60,
        what="the busy recipient's mail to be tried three times",
    )
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == ("failed", 1)
    assert "550 5.1.1" in refused.last_error and refused.failed_at is not None
    assert OutboxMessage.objects.get(pk=busy.pk).status in ("pending", "sending")

    del smtp_server.refuse["busy@example.org"]
    smtp_server.wait_for(1, timeout=60)
    wait_until(lambda: OutboxMessage.objects.filter(pk=busy.pk, status="sent").exists(), 30, "busy sent")
    assert [mail.rcpt_tos for mail in smtp_server.messages] == [("busy@example.org",)]
