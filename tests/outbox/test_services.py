"""The outbox's services on any database, with a real SMTP server where mail is sent."""

import hashlib
import itertools
import logging
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import (
    Delivery,
    outbox_attempt,
    outbox_deliver,
    outbox_enqueue,
    outbox_reclaim_stale,
    outbox_resend,
    outbox_retry_failed,
    outbox_sweep,
    retry_delay,
    subject_line,
)
from tests.fixtures_celery import use_broker
from tests.fixtures_smtp import free_port

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def enqueue(key="registry:1", **kwargs):
    values = {"to": ["registrator@example.org"], "subject": "Raderad kommentar", "body": "Text"} | kwargs
    return outbox_enqueue(key=key, **values)


def far_future():
    return timezone.now() + timedelta(days=365)


# --- enqueue --------------------------------------------------------------------------------------


def test_enqueueing_the_same_key_twice_keeps_one_row_and_the_first_content(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = enqueue(subject="First")
        second = enqueue(subject="Second")
    assert second.pk == first.pk
    assert OutboxMessage.objects.get().subject == "First"
    assert len(callbacks) == 1  # the duplicate schedules nothing


def test_each_message_gets_a_stable_message_id_of_the_sender_domain(db, settings):
    settings.DEFAULT_FROM_EMAIL = "Helsocial <helsocial@helsingborg.se>"
    first, second = enqueue(key="a"), enqueue(key="b")
    assert first.message_id.startswith("<") and first.message_id.endswith("@helsingborg.se>")
    assert first.message_id != second.message_id
    assert OutboxMessage.objects.get(pk=first.pk).message_id == first.message_id


def test_enqueue_stores_attachments_with_their_sha256(db):
    message = enqueue(
        attachments=[("skärmbild.png", PNG, "image/png"), ("data.json", b"{}", "application/json")]
    )
    stored = {a.filename: a for a in message.attachments.all()}
    assert bytes(stored["skärmbild.png"].content) == PNG
    assert stored["skärmbild.png"].sha256 == hashlib.sha256(PNG).hexdigest()
    assert stored["data.json"].sha256 == hashlib.sha256(b"{}").hexdigest()
    assert stored["data.json"].mimetype == "application/json"


@pytest.mark.parametrize("to", [[], ["not-an-address"], None])
def test_enqueue_refuses_a_message_without_valid_recipients(db, to):
    with pytest.raises(ValueError, match="e-mail addresses"):
        enqueue(to=to)
    assert not OutboxMessage.objects.exists()


def test_delivery_is_scheduled_on_commit_not_at_enqueue(
    db, celery_eager, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = enqueue()
        assert mail.outbox == [], "nothing is sent before the transaction commits"
    assert len(callbacks) == 1
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message.message_id]


def test_a_committed_enqueue_is_delivered_right_after_commit_without_a_broker(
    transactional_db, celery_eager, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with transaction.atomic():
        message = enqueue(html="<p>Text</p>", attachments=[("skärmbild.png", PNG, "image/png")])
        assert mail.outbox == []
    [sent] = mail.outbox
    assert sent.extra_headers["Message-ID"] == message.message_id
    assert sent.message()["Message-ID"] == message.message_id
    assert sent.to == ["registrator@example.org"]
    assert sent.alternatives[0].content == "<p>Text</p>"
    assert sent.attachments[0][:2] == ("skärmbild.png", PNG)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.SENT, 1)
    assert message.sent_at is not None


def test_a_rolled_back_transaction_enqueues_and_sends_nothing(transactional_db, celery_eager, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue()
        raise RuntimeError("the change that caused the mail failed")
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_the_laptop_default_writes_the_mail_to_a_file(transactional_db, celery_eager, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    with transaction.atomic():
        message = enqueue(subject="Till registrator")
    [written] = list((tmp_path / "mail").iterdir())
    assert message.message_id in written.read_text()


def test_a_broker_that_is_down_does_not_break_the_callers_transaction(transactional_db, caplog):
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with use_broker(dead), caplog.at_level(logging.WARNING, logger="helsocial.outbox"):
        started = time.monotonic()
        with transaction.atomic():
            message = enqueue()
        elapsed = time.monotonic() - started
    assert OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.PENDING
    assert "broker unavailable" in caplog.text
    assert elapsed < 5, f"enqueue with the broker down took {elapsed:.2f} s"


# --- delivery -------------------------------------------------------------------------------------


def test_delivery_sends_the_stored_message_id_html_and_attachments_over_smtp(db, smtp_server):
    message = enqueue(html="<p>Hej</p>", attachments=[("skärmbild.png", PNG, "image/png")])
    assert outbox_deliver(message_id=message.pk) is True
    [received] = smtp_server.wait_for(1)
    assert received.message_id == message.message_id
    assert received.rcpt_tos == ("registrator@example.org",)
    assert received.message.get_body(("html",)).get_content().strip() == "<p>Hej</p>"
    [(filename, content, mimetype)] = received.attachments()
    assert (filename, mimetype) == ("skärmbild.png", "image/png")
    assert hashlib.sha256(content).hexdigest() == message.attachments.get().sha256


def test_delivering_a_sent_message_again_sends_nothing(db, smtp_server):
    message = enqueue()
    assert outbox_deliver(message_id=message.pk) is True
    assert outbox_deliver(message_id=message.pk) is False
    assert outbox_attempt(message_id=message.pk).outcome is Delivery.SKIPPED
    assert len(smtp_server.messages) == 1  # delivery is synchronous: a second send would be here


def test_a_mail_server_that_is_down_keeps_the_message_pending_for_later(db, smtp_server):
    smtp_server.stop()
    message = enqueue()
    before = timezone.now()
    result = outbox_attempt(message_id=message.pk)
    assert result.outcome is Delivery.RETRY
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert message.next_attempt_at == result.retry_at > before
    assert "ConnectionRefusedError" in message.last_error
    # Not due yet: a second task arriving now leaves it alone.
    assert outbox_attempt(message_id=message.pk).outcome is Delivery.SKIPPED
    smtp_server.start()
    assert outbox_deliver(message_id=message.pk, now=message.next_attempt_at) is True
    [received] = smtp_server.wait_for(1)
    assert received.message_id == message.message_id


def test_a_temporary_rejection_is_retried_and_the_error_hides_credentials(db, smtp_server, settings):
    settings.EMAIL_HOST_PASSWORD = "hunter2-secret"
    smtp_server.reply = "451 4.7.1 Greylisted, user hunter2-secret try later"
    # The server has no AUTH: send without logging in, only the redaction is under test here.
    settings.EMAIL_HOST_USER = ""
    message = enqueue()
    assert outbox_attempt(message_id=message.pk).outcome is Delivery.RETRY
    message.refresh_from_db()
    assert "451" in message.last_error and "Greylisted" in message.last_error
    assert "hunter2-secret" not in message.last_error


def test_backoff_grows_exponentially_with_jitter_up_to_the_cap(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    settings.OUTBOX_RETRY_MAX_SECONDS = 3600
    for attempts, ceiling in [(1, 30), (2, 60), (3, 120), (5, 480), (7, 1920), (8, 3600), (40, 3600)]:
        delays = {retry_delay(attempts).total_seconds() for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays), (attempts, delays)
        assert len(delays) > 1, "jittered"


def test_each_failed_attempt_waits_longer_than_the_one_before(db, smtp_server, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 10
    settings.OUTBOX_RETRY_MAX_SECONDS = 10_000
    smtp_server.stop()
    message = enqueue()
    waits = []
    for _ in range(5):
        message.refresh_from_db()
        now = message.next_attempt_at
        assert outbox_attempt(message_id=message.pk, now=now).outcome is Delivery.RETRY
        attempted_at = timezone.now()
        message.refresh_from_db()
        waits.append((message.next_attempt_at - attempted_at).total_seconds())
    assert all(later > earlier for earlier, later in itertools.pairwise(waits)), waits
    assert 5 - 0.5 <= waits[0] <= 10 and 80 - 0.5 <= waits[4] <= 160, waits


def test_after_the_last_attempt_the_message_is_failed_logged_and_can_be_retried(
    db, smtp_server, settings, caplog
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp_server.stop()
    message = enqueue(key="registry:42")
    outcomes = []
    with caplog.at_level(logging.ERROR, logger="helsocial.outbox"):
        for _ in range(4):
            outcomes.append(outbox_attempt(message_id=message.pk, now=far_future()).outcome)
    assert outcomes == [Delivery.RETRY, Delivery.RETRY, Delivery.FAILED, Delivery.SKIPPED]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.FAILED, 3)
    assert "registry:42" in caplog.text and "failed 3 times" in caplog.text

    smtp_server.start()
    assert outbox_retry_failed() == 1
    assert outbox_deliver(message_id=message.pk) is True
    assert smtp_server.wait_for(1)[0].message_id == message.message_id


def test_a_row_claimed_by_another_delivery_is_not_sent_until_its_claim_runs_out(db, smtp_server, caplog):
    message = enqueue()
    claimed_until = timezone.now() + timedelta(minutes=5)
    # Another worker claimed it and is talking to the mail server (or died doing so).
    OutboxMessage.objects.filter(pk=message.pk).update(
        status="sending", attempts=1, claimed_until=claimed_until
    )
    assert outbox_deliver(message_id=message.pk) is False
    assert outbox_reclaim_stale() == 0, "the claim is still running"

    with caplog.at_level(logging.WARNING, logger="helsocial.outbox"):
        assert outbox_reclaim_stale(now=claimed_until + timedelta(seconds=1)) == 1
    assert message.message_id in caplog.text
    message.refresh_from_db()
    assert (message.status, message.claimed_until) == (OutboxMessage.Status.PENDING, None)
    assert outbox_deliver(message_id=message.pk, now=claimed_until + timedelta(seconds=1)) is True
    assert [m.message_id for m in smtp_server.wait_for(1)] == [message.message_id]


def test_the_sweep_schedules_due_messages_only(
    db, celery_eager, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks():  # captured, never run: as if the broker had lost them
        due, later = enqueue(key="due"), enqueue(key="later")
    OutboxMessage.objects.filter(pk=later.pk).update(next_attempt_at=far_future())
    assert outbox_sweep() == 1
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [due.message_id]
    assert OutboxMessage.objects.get(pk=later.pk).status == OutboxMessage.Status.PENDING


def test_outbox_send_delivers_everything_due_in_the_foreground(
    db, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        messages = [enqueue(key=f"k{i}") for i in range(3)]
    OutboxMessage.objects.filter(pk=messages[2].pk).update(next_attempt_at=far_future())
    out = _call("outbox_send")
    assert "sent 2," in out and "pending 1," in out
    assert {m.message_id for m in smtp_server.wait_for(2)} == {m.message_id for m in messages[:2]}


def test_outbox_send_can_give_failed_messages_new_attempts(db, smtp_server, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    smtp_server.stop()
    message = enqueue()
    assert outbox_attempt(message_id=message.pk).outcome is Delivery.FAILED
    smtp_server.start()
    assert "sent 0," in _call("outbox_send")
    assert "sent 1," in _call("outbox_send", "--retry-failed")
    assert smtp_server.wait_for(1)[0].message_id == message.message_id


# --- one-line subjects ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        ("Höstlov\npå biblioteket", "Höstlov på biblioteket"),
        ("  Höstlov\r\n\r\n på\tbiblioteket \x0b", "Höstlov på biblioteket"),
        ("Höstlov\u2028på\u2029biblioteket\x85", "Höstlov på biblioteket"),
        ("Kontot\x00\x1b[31m röd", "Kontot [31m röd"),
        ("Emoji 👩‍👩‍👧 och “citat”", "Emoji 👩‍👩‍👧 och “citat”"),
    ],
)
def test_subject_line_flattens_line_breaks_and_control_characters(raw, line):
    assert subject_line(raw) == line


def test_a_subject_with_line_breaks_is_stored_and_delivered_as_one_line(db, smtp_server):
    message = enqueue(subject="Borttagen kommentar: Konto\r\nBcc: angripare@example.org")
    assert message.subject == "Borttagen kommentar: Konto Bcc: angripare@example.org"
    assert outbox_deliver(message_id=message.pk) is True
    [received] = smtp_server.wait_for(1)
    assert received.message["Subject"] == "Borttagen kommentar: Konto Bcc: angripare@example.org"
    assert received.message["Bcc"] is None
    assert received.rcpt_tos == ("registrator@example.org",)


def test_a_row_stored_with_a_line_break_in_its_subject_is_still_delivered(db, smtp_server):
    # As a row written before every subject went through subject_line.
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(subject="Brådskande kommentar på Kulturskolan\nHbg")
    assert outbox_deliver(message_id=message.pk) is True
    [received] = smtp_server.wait_for(1)
    assert received.message["Subject"] == "Brådskande kommentar på Kulturskolan Hbg"


# --- permanent and transient errors ---------------------------------------------------------------


def _failed_at_once(message, caplog):
    with caplog.at_level(logging.ERROR, logger="helsocial.outbox"):
        result = outbox_attempt(message_id=message.pk)
    assert result.outcome is Delivery.FAILED
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.FAILED, 1)
    assert message.failed_at is not None
    assert "failed at once" in caplog.text and message.key in caplog.text
    # Not tried again by a sweep or a late task.
    assert outbox_attempt(message_id=message.pk, now=far_future()).outcome is Delivery.SKIPPED
    assert outbox_sweep(now=far_future()) == 0
    return message


def test_a_recipient_refused_for_good_fails_at_once_with_the_servers_answer(db, smtp_server, caplog):
    smtp_server.refuse["registrator@example.org"] = "550 5.1.1 No such user here"
    message = _failed_at_once(enqueue(), caplog)
    assert "SMTPRecipientsRefused" in message.last_error and "550" in message.last_error
    assert "No such user here" in message.last_error
    assert smtp_server.messages == []


def test_a_message_refused_for_good_after_its_data_fails_at_once(db, smtp_server, caplog):
    smtp_server.reply = "554 5.6.0 Message content rejected"
    message = _failed_at_once(enqueue(), caplog)
    assert "SMTPDataError" in message.last_error and "554" in message.last_error


def test_a_recipient_that_cannot_be_written_in_a_header_fails_at_once_without_contacting_the_server(
    db, smtp_server, caplog
):
    message = _failed_at_once(enqueue(to=["registrator@example.org\nBcc: angripare@example.org"]), caplog)
    assert "BadHeaderError" in message.last_error or "ValueError" in message.last_error
    assert smtp_server.messages == []


def test_a_recipient_refused_for_now_is_retried(db, smtp_server):
    smtp_server.refuse["registrator@example.org"] = "450 4.2.1 Mailbox busy, try later"
    message = enqueue()
    assert outbox_attempt(message_id=message.pk).outcome is Delivery.RETRY
    message.refresh_from_db()
    assert (message.status, message.failed_at) == (OutboxMessage.Status.PENDING, None)
    assert "450" in message.last_error
    del smtp_server.refuse["registrator@example.org"]
    assert outbox_deliver(message_id=message.pk, now=far_future()) is True


def test_recipients_refused_some_for_good_and_some_for_now_are_retried(db, smtp_server):
    smtp_server.refuse["a@example.org"] = "550 5.1.1 No such user"
    smtp_server.refuse["b@example.org"] = "451 4.3.0 Try again later"
    message = enqueue(to=["a@example.org", "b@example.org"])
    assert outbox_attempt(message_id=message.pk).outcome is Delivery.RETRY


def test_a_refused_sender_is_retried_as_a_fault_of_the_settings_not_of_the_mail(db, smtp_server):
    # Every mail has our sender: a refusal holds them all up alike, and once the setting is fixed
    # they go on their own, without a person sending each again.
    smtp_server.refuse_sender = "553 5.7.1 Sender address rejected"
    message = enqueue()
    assert outbox_attempt(message_id=message.pk).outcome is Delivery.RETRY
    message.refresh_from_db()
    assert "SMTPSenderRefused" in message.last_error and "553" in message.last_error
    smtp_server.refuse_sender = None
    assert outbox_deliver(message_id=message.pk, now=far_future()) is True


def test_a_failed_message_sent_again_by_hand_goes_once_with_its_message_id(
    db, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.refuse["registrator@example.org"] = "550 5.1.1 No such user here"
    message = enqueue()
    assert outbox_attempt(message_id=message.pk).outcome is Delivery.FAILED
    smtp_server.refuse.clear()  # the registry's address was fixed on the mail server

    with django_capture_on_commit_callbacks() as callbacks:
        assert outbox_resend(message=message) is True
        assert outbox_resend(message=message) is False, "given back once, however often pressed"
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.failed_at) == (OutboxMessage.Status.PENDING, 0, None)
    assert outbox_deliver(message_id=message.pk) is True
    assert outbox_deliver(message_id=message.pk) is False
    [received] = smtp_server.wait_for(1)
    assert received.message_id == message.message_id
    message.refresh_from_db()
    assert outbox_resend(message=message) is False, "a sent message is never sent again"


def _call(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
