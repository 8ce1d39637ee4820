"""AKN's page of the mails that could not be sent, and sending one again after a fix."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import outbox_resend

from .access import access_outbox_message, require_akn

# Failed mails are few (a permanent error or days of retries); the page shows the latest ones and
# says how many there are in all.
FAILED_MAIL_LIMIT = 200


@login_required
@require_GET
def mail_failed(request: HttpRequest) -> HttpResponse:
    require_akn(request.user)
    failed = OutboxMessage.objects.failed()
    mails = list(
        failed.only("pk", "key", "to", "subject", "last_error", "attempts", "created_at", "failed_at")[
            :FAILED_MAIL_LIMIT
        ]
    )
    total = len(mails) if len(mails) < FAILED_MAIL_LIMIT else failed.count()
    return render(request, "accounts/mail_failed.html", {"mails": mails, "total": total})


@login_required
@require_POST
def mail_resend(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        message = access_outbox_message(request.user, pk, for_update=True)
        resent = outbox_resend(message=message)
    if resent:
        messages.success(
            request, _("The e-mail to %(to)s is being sent again.") % {"to": ", ".join(message.to)}
        )
    else:
        messages.info(request, _("That e-mail is no longer failed: it has been sent or is on its way."))
    return redirect("accounts:mail-failed")
