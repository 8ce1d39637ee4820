"""The access matrix's rows for AKN's page of the monthly report mail (metrics/reports/urls_mail.py),
joined to tests/metrics/access_cases.py. AKN alone: every other role gets 403, on both sides."""

from datetime import UTC, datetime

from helsocial.outbox.models import OutboxMessage
from metrics.models import ReportRecipient
from tests.access import Case, everyone, only_akn


def build(world):
    for number, side in enumerate((world.own, world.other)):
        marked = world.marker if side is world.other else ""
        side.report_recipient = ReportRecipient.objects.create(
            administration=side.administration, email=f"delad-{side.name}@helsingborg.se"
        )
        side.report_mail = OutboxMessage.objects.create(
            key=f"monthly-report:2026-11:{side.administration.pk}:{side.lead.email}",
            to=[side.lead.email],
            subject=f"Månadsrapport november 2026: {side.administration.name} {marked}",
            body=f"Rapport {marked}",
            message_id=f"<matrix-report-{number}@helsingborg.se>",
            status=OutboxMessage.Status.SENT,
            sent_at=datetime(2026, 12, 1, 6, 5, tzinfo=UTC),
        )


def recipient(side):
    return {"pk": side.report_recipient.pk}


def report_mail(side):
    return {"pk": side.report_mail.pk}


def recipient_post(side):
    return {"administration": side.administration.pk, "email": f"ny-{side.name}@helsingborg.se"}


CASES = [
    Case("report_mail:page", own=only_akn(200)),
    Case("report_mail:page", label="month", query="month=2026-11", own=only_akn(200)),
    Case("report_mail:page", label="bad month", query="month=2026-13", own=only_akn(200)),
    Case("report_mail:page", method="POST", own=everyone(405)),
    Case("report_mail:recipient-add", method="POST", data=recipient_post, own=only_akn(302)),
    Case("report_mail:recipient-add", method="POST", label="invalid", data={"email": "x"}, own=only_akn(400)),
    Case("report_mail:recipient-add", own=everyone(405)),
    Case(
        "report_mail:recipient-remove",
        method="POST",
        kwargs=recipient,
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case("report_mail:recipient-remove", kwargs=recipient, own=everyone(405), other=everyone(405)),
    Case("report_mail:resend", method="POST", kwargs=report_mail, own=only_akn(302), other=only_akn(302)),
    Case("report_mail:resend", kwargs=report_mail, own=everyone(405), other=everyone(405)),
]
