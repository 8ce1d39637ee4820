"""Every e-mail the portal sends is a row here first, written in the transaction that causes it."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now):
        """Pending rows whose next attempt time has come, oldest first (the partial index's order)."""
        return self.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now).order_by(
            "next_attempt_at", "id"
        )

    def failed(self):
        """Rows that need a person: a permanent error, or every attempt used. Latest failure first."""
        return self.filter(status=OutboxMessage.Status.FAILED).order_by(
            F("failed_at").desc(nulls_last=True), "-id"
        )

    def stale_claims(self, now):
        """Rows a delivery claimed and never finished: the process died between claim and commit."""
        return self.filter(status=OutboxMessage.Status.SENDING, claimed_until__lt=now)


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    # One row per logical mail ("registry-delete:<comment id>"): a second enqueue is a no-op.
    key = models.CharField(_("key"), max_length=255)
    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text body"))
    html = models.TextField(_("HTML body"), blank=True)
    # Generated once at enqueue and sent on every attempt, so a resend after a crash between the
    # server's accept and our commit is recognisable as the same mail.
    message_id = models.CharField(_("Message-ID"), max_length=255)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    # Attempts started; the claim increments it, so it also tells one attempt's outcome from another's.
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                name="outbox_message_key_once",
                violation_error_message=_("This mail is already in the outbox."),
            ),
            models.UniqueConstraint(
                fields=["message_id"],
                name="outbox_message_id_once",
                violation_error_message=_("A mail with this Message-ID is already in the outbox."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sending", "sent", "failed"]),
                name="outbox_message_status_valid",
                violation_error_message=_("The mail has an unknown status."),
            ),
            # A claim always has an end, so a crashed delivery is found and retried.
            models.CheckConstraint(
                condition=~Q(status="sending") | Q(claimed_until__isnull=False),
                name="outbox_message_sending_claimed",
                violation_error_message=_("A mail being sent must say until when it is reserved."),
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="outbox_message_sent_has_time",
                violation_error_message=_("A sent mail must have the time it was sent."),
            ),
        ]
        indexes = [
            # The sweep and `outbox_send` read only pending rows, the earliest due first.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(status="pending"),
                name="outbox_message_pending_due",
            ),
            # The sweep looks for claims that ran out; there are few rows in 'sending' at any time.
            models.Index(
                fields=["claimed_until"], condition=Q(status="sending"), name="outbox_message_claims"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"


class OutboxAttachment(models.Model):
    message = models.ForeignKey(OutboxMessage, models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    mimetype = models.CharField(_("MIME type"), max_length=127)
    # Hex SHA-256 of `content`, taken at enqueue: proves the file sent is the file stored.
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # Set for an image shown inside the HTML body (`<img src="cid:...">`): sent as an inline part of
    # a multipart/related next to the HTML instead of as a file to download. Empty: an attachment.
    content_id = models.CharField(_("Content-ID"), max_length=255, blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(filename=""),
                name="outbox_attachment_has_filename",
                violation_error_message=_("An attachment needs a file name."),
            ),
        ]

    def __str__(self) -> str:
        return self.filename
