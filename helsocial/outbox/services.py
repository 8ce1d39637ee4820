"""The outbox: mail is written as a row with the change that causes it, then delivered by a task.

Enqueue inside the caller's transaction; delivery is scheduled on commit, so a rolled-back change
sends nothing. Delivery claims the row with a conditional UPDATE (pending → sending) before talking
to the mail server and outside any lock, so two tasks never both send one row; a failure puts the row
back to pending with an exponential backoff; a process that dies mid-send leaves a claim that runs
out and the sweep puts the row back. The one resend that can cause (the server accepted, we died
before recording it) carries the same Message-ID.

A failure is transient (the server is away, busy or refuses for now: retry) or permanent (this
mail can never go as it is: a header that cannot be written, a recipient the server refuses for
good). A permanent failure marks the row failed at once, for AKN to see and send again after a fix.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import random
import re
import smtplib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.mime.image import MIMEImage
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMultiAlternatives, get_connection
from django.core.mail.message import SafeMIMEMultipart, sanitize_address
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .models import OutboxAttachment, OutboxMessage

logger = logging.getLogger(__name__)

# Longer than any SMTP conversation can take (EMAIL_TIMEOUT applies per socket operation); a claim
# older than this belongs to a process that died.
CLAIM_SECONDS = 300
LAST_ERROR_MAX = 1000

# What a broker that is down raises from apply_async: kombu wraps most of it in OperationalError,
# redis-py and the socket layer raise ConnectionError / OSError subclasses.
BROKER_ERRORS = (KombuOperationalError, RedisConnectionError, RedisTimeoutError, OSError)

# Failures while talking to the mail server; `_is_permanent` tells which of them retrying cannot fix.
SEND_ERRORS = (smtplib.SMTPException, OSError)
# Failures while building the message from the row: its content can never be sent as it is.
COMPOSE_ERRORS = (BadHeaderError, ValueError)


class Delivery(enum.Enum):
    SENT = "sent"  # this call sent it
    RETRY = "retry"  # this call tried, the server refused or was away: try again at retry_at
    # this call failed for good (a permanent error, or the last of OUTBOX_MAX_ATTEMPTS): needs a person
    FAILED = "failed"
    SKIPPED = "skipped"  # not ours to send now: sent, claimed by another task, not due, or gone


@dataclass(frozen=True)
class DeliveryResult:
    outcome: Delivery
    retry_at: datetime | None = None


SUBJECT_MAX = 998  # the model field's length, and RFC 5322's line limit


def subject_line(text: str) -> str:
    """The subject as one line: every run of whitespace and control characters (line breaks,
    tabs, the Unicode line and paragraph separators) becomes one space. A title or an account name
    with a line break in it would otherwise make the header impossible to write."""
    flat = "".join(" " if char.isspace() or unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(flat.split())[:SUBJECT_MAX]


def outbox_enqueue(
    *,
    key: str,
    to: Sequence[str],
    subject: str,
    body: str,
    html: str = "",
    attachments: Sequence[tuple[str, bytes, str]] = (),
    inline_images: Sequence[tuple[str, bytes, str]] = (),
) -> OutboxMessage:
    """Write one mail to the outbox inside the caller's transaction; deliver it after commit.

    `key` names the logical mail ("registry-delete:1234"); a second call with the same key returns
    the existing row and changes nothing. `attachments` are (filename, content, mimetype).
    `inline_images` are (filename, content, mimetype) shown in the HTML body: the body refers to
    each as `<img src="cid:FILENAME">` (the filename is its Content-ID; keep it ASCII, no spaces).
    """
    for filename, _content, _mimetype in inline_images:
        if not _CONTENT_ID.fullmatch(filename or ""):
            raise ValueError(f"outbox_enqueue: {filename!r} cannot be a Content-ID")
        if not html:
            raise ValueError("outbox_enqueue: inline images need an HTML body")
    if not key or len(key) > 255:
        raise ValueError("outbox_enqueue: key must be 1 to 255 characters")
    recipients = [to] if isinstance(to, str) else list(to) if isinstance(to, list | tuple) else []
    if not recipients or not all(isinstance(address, str) and "@" in address for address in recipients):
        raise ValueError(f"outbox_enqueue: expected a list of e-mail addresses, got {to!r}")

    existing = OutboxMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        # A savepoint: losing the race for the key must not spoil the caller's transaction.
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                key=key,
                to=recipients,
                subject=subject_line(subject),
                body=body,
                html=html,
                message_id=make_msgid(domain=_message_id_domain()),
            )
            OutboxAttachment.objects.bulk_create(
                OutboxAttachment(
                    message=message,
                    filename=filename,
                    content=bytes(content),
                    mimetype=mimetype,
                    sha256=hashlib.sha256(content).hexdigest(),
                )
                for filename, content, mimetype in attachments
            )
            OutboxAttachment.objects.bulk_create(
                OutboxAttachment(
                    message=message,
                    filename=filename,
                    content=bytes(content),
                    mimetype=mimetype,
                    sha256=hashlib.sha256(content).hexdigest(),
                    content_id=filename,
                )
                for filename, content, mimetype in inline_images
            )
    except IntegrityError:
        # Another transaction committed the same key between our SELECT and INSERT.
        existing = OutboxMessage.objects.filter(key=key).first()
        if existing is None:
            raise
        return existing
    pk = message.pk

    def deliver_after_commit() -> None:
        schedule_delivery(pk)

    # robust: whatever goes wrong while scheduling, the caller's committed change stands.
    transaction.on_commit(deliver_after_commit, robust=True)
    return message


def schedule_delivery(message_pk: int, *, countdown: float | None = None) -> bool:
    """Send the delivery task to the broker. False (and a log line) when the broker is down:
    the row stays pending and the sweep or `manage.py outbox_send` delivers it."""
    from .tasks import deliver_message

    try:
        deliver_message.apply_async((message_pk,), countdown=countdown)
    except BROKER_ERRORS as exc:
        logger.warning(
            "outbox: broker unavailable, message %s left for the sweep: %s", message_pk, _describe(exc)
        )
        return False
    return True


def outbox_deliver(*, message_id: int, now: datetime | None = None) -> bool:
    """Try to send one outbox row now. True when this call sent it.

    Call it outside a transaction (a task, a command): the claim commits before the mail server is
    contacted, and the outcome commits after.
    """
    return outbox_attempt(message_id=message_id, now=now).outcome is Delivery.SENT


def outbox_attempt(*, message_id: int, now: datetime | None = None) -> DeliveryResult:
    """One delivery attempt with its outcome; the task uses `retry_at` to schedule the next one."""
    now = now or timezone.now()
    message = _claim(message_id, now)
    if message is None:
        return DeliveryResult(Delivery.SKIPPED)
    attempt = message.attempts
    try:
        email = _compose(message)
    except COMPOSE_ERRORS as exc:
        return _record_failure(message, attempt, exc, permanent=True)
    try:
        email.send(fail_silently=False)
    except SEND_ERRORS as exc:
        return _record_failure(message, attempt, exc, permanent=_is_permanent(exc))
    except Exception as exc:
        # Not a mail-server failure but a bug or bad data: record it, release the row, and let the
        # worker log show the traceback.
        _record_failure(message, attempt, exc, permanent=False)
        raise
    updated = OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxMessage.Status.SENDING, attempts=attempt
    ).update(status=OutboxMessage.Status.SENT, sent_at=timezone.now(), claimed_until=None, last_error="")
    if not updated:
        # Our claim ran out and someone else took the row over while the server was taking ours.
        logger.warning(
            "outbox: message %s (%s) was sent after its claim expired", message.pk, message.message_id
        )
    return DeliveryResult(Delivery.SENT)


def outbox_sweep(*, now: datetime | None = None, limit: int = 500) -> int:
    """Put crashed claims back to pending and schedule delivery of every due row. Returns how many
    rows were scheduled (at most `limit`)."""
    now = now or timezone.now()
    reclaimed = outbox_reclaim_stale(now=now)
    scheduled = 0
    for pk in OutboxMessage.objects.due(now).values_list("pk", flat=True)[:limit]:
        if not schedule_delivery(pk):
            break  # the broker is down: the next sweep tries again
        scheduled += 1
    if scheduled or reclaimed:
        logger.info("outbox: sweep scheduled %s, reclaimed %s", scheduled, reclaimed)
    return scheduled


def outbox_reclaim_stale(*, now: datetime | None = None) -> int:
    """Rows stuck in 'sending' past their claim go back to pending, due now."""
    now = now or timezone.now()
    stale = list(OutboxMessage.objects.stale_claims(now).values_list("pk", "message_id"))
    if not stale:
        return 0
    count = (
        OutboxMessage.objects.stale_claims(now)
        .filter(pk__in=[pk for pk, _mid in stale])
        .update(status=OutboxMessage.Status.PENDING, claimed_until=None, next_attempt_at=timezone.now())
    )
    for pk, message_id in stale:
        # The server may have accepted it before the process died: a resend carries the same id.
        logger.warning("outbox: reclaimed message %s after an expired claim; Message-ID %s", pk, message_id)
    return count


def outbox_retry_failed(*, now: datetime | None = None) -> int:
    """Give every failed row a fresh set of attempts (after the mail server was fixed)."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).update(
        status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=now, failed_at=None
    )


def outbox_resend(*, message: OutboxMessage) -> bool:
    """Give one failed row a fresh set of attempts and deliver it after commit. False when the row
    is no longer failed (sent, or already given back by someone else): nothing changes then.

    The row keeps its key and Message-ID; the conditional UPDATE means two people pressing the
    button at once give it back once, and the claim in `outbox_attempt` still sends it once.
    """
    given_back = OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.FAILED).update(
        status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=timezone.now(), failed_at=None
    )
    if not given_back:
        return False
    pk = message.pk
    logger.info("outbox: message %s (%s) given back for delivery by hand", pk, message.key)
    transaction.on_commit(lambda: schedule_delivery(pk), robust=True)
    return True


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff with jitter: after attempt n, wait between half and all of
    base·2^(n-1) seconds, never more than OUTBOX_RETRY_MAX_SECONDS. Jitter spreads a crowd of rows
    that failed together, so a server coming back is not hit by all of them in the same second."""
    base = max(settings.OUTBOX_RETRY_BASE_SECONDS, 0)
    cap = max(settings.OUTBOX_RETRY_MAX_SECONDS, 0)
    exponent = min(max(attempts - 1, 0), 32)
    ceiling = min(cap, base * 2**exponent)
    return timedelta(seconds=ceiling * random.uniform(0.5, 1.0))


# --- internals ------------------------------------------------------------------------------------


def _claim(message_id: int, now: datetime) -> OutboxMessage | None:
    """Take the row for this attempt, or None when it is not ours to send.

    The conditional UPDATE decides: on PostgreSQL a second UPDATE of the same row waits for the
    first to commit, re-reads the row and no longer matches status='pending'; on SQLite writers are
    serialised. SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL) only lets a loser give up at once
    instead of waiting.
    """
    due = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    )
    with transaction.atomic():
        if not due.select_for_update(skip_locked=True).exists():
            return None
        claimed = due.update(
            status=OutboxMessage.Status.SENDING,
            claimed_until=timezone.now() + timedelta(seconds=CLAIM_SECONDS),
            attempts=F("attempts") + 1,
        )
    if not claimed:
        return None
    return OutboxMessage.objects.prefetch_related("attachments").get(pk=message_id)


def _compose(message: OutboxMessage) -> EmailMultiAlternatives:
    """The message as it goes on the wire, built and checked before the server is contacted, so an
    error in the row's content (a header that cannot be written) is told from a server's answer."""
    attachments = list(message.attachments.all())
    email = _MailWithInlineImages(
        inline_images=[a for a in attachments if a.content_id],
        # Rows written before every subject went through subject_line may still hold a line break.
        subject=subject_line(message.subject),
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        headers={"Message-ID": message.message_id},
        connection=get_connection(fail_silently=False),
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in attachments:
        if attachment.content_id:
            continue
        email.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    email.message()  # raises BadHeaderError for a header with a line break in it
    encoding = email.encoding or settings.DEFAULT_CHARSET
    for address in email.recipients():
        sanitize_address(address, encoding)  # raises ValueError for an address that cannot be written
    return email


# A Content-ID's left part (RFC 5322 dot-atom-text, kept to what every client reads).
_CONTENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}")


class _MailWithInlineImages(EmailMultiAlternatives):
    """Text and HTML alternatives where the HTML travels with its images:

        multipart/mixed (only with attachments)
          multipart/alternative
            text/plain
            multipart/related
              text/html          <img src="cid:chart.png">
              image/png          Content-ID: <chart.png>, Content-Disposition: inline
          application/...        the attachments

    the structure Outlook, Apple Mail and Gmail all show with the images in place.
    """

    def __init__(self, *args, inline_images=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.inline_images = list(inline_images)

    def _create_alternatives(self, msg):
        msg = super()._create_alternatives(msg)
        if not self.inline_images or not self.alternatives:
            return msg
        encoding = self.encoding or settings.DEFAULT_CHARSET
        parts = msg.get_payload()
        related = SafeMIMEMultipart(_subtype="related", encoding=encoding)
        related.attach(parts[-1])  # the HTML alternative, attached last
        for image in self.inline_images:
            subtype = image.mimetype.partition("/")[2] or "png"
            part = MIMEImage(bytes(image.content), _subtype=subtype)
            part.add_header("Content-ID", f"<{image.content_id}>")
            part.add_header("Content-Disposition", "inline", filename=image.filename)
            related.attach(part)
        parts[-1] = related
        return msg


def _is_permanent(exc: BaseException) -> bool:
    """A server's refusal of this mail for good (5xx about its recipients or its content).

    Everything else is transient: no connection, a timeout, a 4xx, and also 5xx answers that are
    about the server or our own settings rather than this mail (a refused login, a refused sender,
    a greeting refused): those hold up every mail alike, and once fixed every row should go on its
    own, without a person sending each again.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(exc, smtplib.SMTPDataError):
        return 500 <= exc.smtp_code < 600
    return False


def _record_failure(
    message: OutboxMessage, attempt: int, exc: BaseException, *, permanent: bool
) -> DeliveryResult:
    now = timezone.now()
    error = _describe(exc)
    claim = OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.SENDING, attempts=attempt)
    if permanent or attempt >= settings.OUTBOX_MAX_ATTEMPTS:
        claim.update(status=OutboxMessage.Status.FAILED, claimed_until=None, last_error=error, failed_at=now)
        if permanent:
            logger.error(
                "outbox: message %s (%s) can never be sent as it is, failed at once: %s",
                message.pk,
                message.key,
                error,
            )
        else:
            logger.error(
                "outbox: message %s (%s) failed %s times, giving up until retried by hand: %s",
                message.pk,
                message.key,
                attempt,
                error,
            )
        return DeliveryResult(Delivery.FAILED)
    retry_at = now + retry_delay(attempt)
    claim.update(
        status=OutboxMessage.Status.PENDING, claimed_until=None, next_attempt_at=retry_at, last_error=error
    )
    logger.warning(
        "outbox: message %s (%s) attempt %s failed, next at %s: %s",
        message.pk,
        message.key,
        attempt,
        retry_at.isoformat(),
        error,
    )
    return DeliveryResult(Delivery.RETRY, retry_at)


_URL_CREDENTIALS = re.compile(r"(\w+://)[^/\s:@]+(:[^/\s@]*)?@")


def _describe(exc: BaseException) -> str:
    """The error as text for the row and the log, without credentials, at most LAST_ERROR_MAX."""
    text = f"{type(exc).__name__}: {_server_answer(exc)}"
    text = _URL_CREDENTIALS.sub(r"\1***@", text)
    for secret in (getattr(settings, "EMAIL_HOST_PASSWORD", ""), getattr(settings, "EMAIL_HOST_USER", "")):
        if len(secret) >= 4:  # a one-letter user name would blank out every such letter
            text = text.replace(secret, "***")
    return text[:LAST_ERROR_MAX]


def _server_answer(exc: BaseException) -> str:
    """The mail server's answer as a person reads it ("a@example.org: 550 5.1.1 No such user")."""

    def text(answer: bytes | str) -> str:
        return answer.decode(errors="replace") if isinstance(answer, bytes) else str(answer)

    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {text(answer)}" for address, (code, answer) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {text(exc.smtp_error)}"
    return str(exc)


def _message_id_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "helsocial.invalid"
