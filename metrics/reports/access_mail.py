"""Who may see and change the monthly report's recipients and mails: AKN alone (403 for the rest).

Built on accounts.access like every access function: the view calls one of these first.
"""

from __future__ import annotations

from django.http import Http404

from accounts.access import require_akn
from accounts.models import User
from helsocial.outbox.models import OutboxMessage

from ..models import ReportRecipient
from .mail import KEY_PREFIX


def access_report_mail_page(user: User) -> None:
    require_akn(user)


def access_report_recipient(user: User, pk: int, *, for_update: bool = False) -> ReportRecipient:
    require_akn(user)
    recipients = ReportRecipient.objects.all()
    if for_update:
        recipients = recipients.order_by().select_for_update()
    recipient = recipients.filter(pk=pk).first()
    if recipient is None:
        raise Http404
    return recipient


def access_report_mail(user: User, pk: int) -> OutboxMessage:
    """A monthly report mail in the outbox; any other mail is not found here (404)."""
    require_akn(user)
    message = OutboxMessage.objects.filter(pk=pk, key__startswith=f"{KEY_PREFIX}:").first()
    if message is None:
        raise Http404
    return message
