"""AKN's page of the monthly report mail: the extra recipients per förvaltning, and the month's
mails with their state, each of which can be sent again."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..models import ReportRecipient
from .access_mail import access_report_mail, access_report_mail_page, access_report_recipient
from .forms_mail import ReportRecipientForm
from .mail import parse_month, report_mails, resend_report_mail

# At size L a month has about a thousand mails; the page shows the first ones and says how many.
MAILS_SHOWN = 500


def _month(request: HttpRequest) -> tuple[date, str]:
    """The month of ?month=YYYY-MM, the month before this one by default, and an error to show."""
    default = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    text = request.GET.get("month", "")
    if not text:
        return default, ""
    try:
        month = parse_month(text)
    except ValueError as exc:
        return default, str(exc)
    if not 2000 <= month.year <= 2100:
        return default, _("Give the month as YYYY-MM, e.g. 2026-11.")
    return month, ""


def _page(request: HttpRequest, form: ReportRecipientForm, status: int = 200) -> HttpResponse:
    month, month_error = _month(request)
    mails = report_mails(month=month)
    return render(
        request,
        "metrics/report_mail.html",
        {
            "form": form,
            "recipients": ReportRecipient.objects.select_related("administration"),
            "month": month,
            "month_value": f"{month:%Y-%m}",
            "month_name": formats.date_format(month, "F Y"),
            "month_error": month_error,
            "mails": mails[:MAILS_SHOWN],
            "mail_count": len(mails),
        },
        status=status,
    )


@login_required
@require_GET
def report_mail_page(request: HttpRequest) -> HttpResponse:
    access_report_mail_page(request.user)
    return _page(request, ReportRecipientForm())


@login_required
@require_POST
def recipient_add(request: HttpRequest) -> HttpResponse:
    access_report_mail_page(request.user)
    form = ReportRecipientForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    recipient = form.save()
    messages.success(
        request,
        _("%(email)s gets the report of %(report)s from the next month on.")
        % {
            "email": recipient.email,
            "report": recipient.administration or _("The City of Helsingborg"),
        },
    )
    return redirect("report_mail:page")


@login_required
@require_POST
def recipient_remove(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        recipient = access_report_recipient(request.user, pk, for_update=True)
        recipient.delete()
    messages.success(request, _("%(email)s no longer gets the report.") % {"email": recipient.email})
    return redirect("report_mail:page")


@login_required
@require_POST
def mail_resend(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        message = access_report_mail(request.user, pk)
        resend_report_mail(message=message)
    messages.success(request, _("The report is being sent again to %(to)s.") % {"to": ", ".join(message.to)})
    return redirect("report_mail:page")
