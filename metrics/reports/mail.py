"""The monthly report by e-mail: who gets which report, the mail itself, and sending it once.

Each active förvaltning's leads get their förvaltning's report, AKN gets the city's, and AKN adds
extra addresses per förvaltning (a shared mailbox, `ReportRecipient`); a person who turned the mail
off in their profile (`User.monthly_report_mail`) gets none. A förvaltning without accounts has no
report to send.

Exactly once per recipient, förvaltning and month: every mail is an outbox row whose key is
`monthly-report:<YYYY-MM>:<förvaltning id or "city">:<address>`, so running again after a crash, a
retry of the task or a second run of the command adds nothing (the outbox returns the row that is
there). The keys already in the outbox are read first, and a förvaltning whose every
recipient has their mail is not even built again. AKN sends one again by hand (`resend_report_mail`):
a copy with its own key, counted, so a double click still sends one copy.

The report is built once per förvaltning (`build_report`, a handful of queries), its charts drawn and
its .xlsx written once, the mail rendered once; each recipient's row then costs the same few
queries whatever the size of the report.

Beat runs `send_due_reports()` every quarter hour; on the first working day of a month (the city's
calendar in helsocial/workdays.py: 1 January is a holiday, a weekend is skipped) from 07:00
Europe/Stockholm it sends the month before's reports, and a `ReportMailing` row marks the month done
(until then every quarter hour tries again, for a week at most).
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Administration, Role, RoleAssignment
from helsocial.mail import mail_enqueue_copy, mail_enqueue_rendered, mail_render
from helsocial.outbox.models import OutboxMessage
from helsocial.workdays import is_working_day

from ..models import ReportMailing, ReportRecipient
from . import charts

logger = logging.getLogger(__name__)

KEY_PREFIX = "monthly-report"
MAIL_NAME = "monthly_report"
SEND_AT = time(7, 0)  # local time on the first working day
CATCH_UP_DAYS = 7  # a month not finished by then is left to the command
CHART_ACCOUNTS = 10  # the charts show the accounts with the largest reach; the tables show all
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CITY = "city"


# --- who gets what --------------------------------------------------------------------------------


@dataclass
class PlannedReport:
    """One förvaltning's report (None: the city's) and the addresses it goes to."""

    administration: Administration | None
    recipients: list[str] = field(default_factory=list)

    @property
    def scope(self) -> str:
        return str(self.administration.pk) if self.administration else CITY

    @property
    def title(self) -> str:
        return self.administration.name if self.administration else _("The City of Helsingborg")


def planned_reports(*, administration_id: int | None = None) -> list[PlannedReport]:
    """Every report to send and its recipients, förvaltningar by name then the city (three queries).
    `administration_id` limits it to one förvaltning (0: only the city)."""
    administrations = (
        Administration.objects.active().annotate(account_count=Count("accounts")).filter(account_count__gt=0)
    )
    if administration_id is not None:
        administrations = administrations.filter(pk=administration_id)
    plans: dict[int | None, PlannedReport] = {a.pk: PlannedReport(a) for a in administrations}
    if administration_id in (None, 0):
        plans[None] = PlannedReport(None)
    people = (
        RoleAssignment.objects.filter(
            Q(role=Role.LEAD, administration__in=[pk for pk in plans if pk is not None])
            | Q(role=Role.AKN, administration__isnull=True),
            user__is_active=True,
            user__monthly_report_mail=True,
        )
        .exclude(user__email="")
        .values_list("administration_id", "user__email")
    )
    extra = ReportRecipient.objects.filter(
        Q(administration__in=[pk for pk in plans if pk is not None]) | Q(administration__isnull=True)
    ).values_list("administration_id", "email")
    addresses: dict[int | None, set[str]] = defaultdict(set)
    for administration_pk, email in [*people, *extra]:
        if administration_pk in plans:
            addresses[administration_pk].add(email.strip().lower())
    result = []
    for pk, plan in plans.items():
        plan.recipients = sorted(addresses[pk])
        if plan.recipients:
            result.append(plan)
    return result


def report_mail_key(month: date, scope: str, email: str) -> str:
    """The outbox key of one recipient's report mail: once per recipient, förvaltning and month."""
    address = email.strip().lower()
    key = f"{KEY_PREFIX}:{month:%Y-%m}:{scope}:{address}"
    if len(key) > 200:  # an address near the 254-character limit: keep room for a resend suffix
        key = f"{KEY_PREFIX}:{month:%Y-%m}:{scope}:sha256-{hashlib.sha256(address.encode()).hexdigest()}"
    return key


# --- sending --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendLine:
    """What happened (or, in a dry run, would happen) to one recipient's mail."""

    report: str
    administration_id: int | None
    email: str
    queued: bool  # False: it was already in the outbox


@dataclass
class SendResult:
    lines: list[SendLine] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # reports that could not be built: tried again

    @property
    def queued(self) -> int:
        return sum(1 for line in self.lines if line.queued)


def send_monthly_reports(
    *, month: date, administration_id: int | None = None, dry_run: bool = False
) -> SendResult:
    """Queue the month's report mails (once each). A dry run writes nothing and says who would get
    what. Each förvaltning commits on its own: a failure in one leaves the others sent."""
    month = month.replace(day=1)
    result = SendResult()
    existing = set(
        OutboxMessage.objects.filter(key__startswith=f"{KEY_PREFIX}:{month:%Y-%m}:").values_list(
            "key", flat=True
        )
    )
    for plan in planned_reports(administration_id=administration_id):
        keys = {email: report_mail_key(month, plan.scope, email) for email in plan.recipients}
        missing = [email for email in plan.recipients if keys[email] not in existing]
        for email in plan.recipients:
            if email not in missing:
                result.lines.append(SendLine(plan.title, _pk(plan), email, queued=False))
        if not missing:
            continue
        if dry_run:
            result.lines.extend(SendLine(plan.title, _pk(plan), email, queued=True) for email in missing)
            continue
        try:
            mail = render_report_mail(administration=plan.administration, month=month)
            with transaction.atomic():
                for email in missing:
                    mail_enqueue_rendered(key=keys[email], to=[email], **mail)
        except Exception:
            # One förvaltning's broken report must not keep the others' mail back; the next run
            # (beat, the command) tries it again.
            logger.exception("monthly report: %s %s could not be queued", plan.title, f"{month:%Y-%m}")
            result.failed.append(plan.title)
            continue
        result.lines.extend(SendLine(plan.title, _pk(plan), email, queued=True) for email in missing)
    return result


def render_report_mail(*, administration: Administration | None, month: date) -> dict:
    """The mail of one report as mail_enqueue_rendered's keyword arguments (subject, body, html,
    attachments, inline_images): rendered once, sent to each recipient."""
    from .data import build_report
    from .export import report_filename, report_xlsx

    with translation.override(settings.LANGUAGE_CODE):
        report = build_report(administration=administration, year=month.year, month=month.month)
        images = report_charts(report)
        context = {
            "report": report,
            # The city's mail, like its page, sums the accounts per förvaltning (the .xlsx has each).
            "rows": report_rows(report),
            "charts": images,
            "month_name": formats.date_format(month, "F Y"),
            "page_url": settings.SITE_URL + report_page_path(report),
            "profile_url": settings.SITE_URL + reverse("accounts:profile"),
        }
        subject, text, html = mail_render(name=MAIL_NAME, context=context)
        filename = report_filename(report, "xlsx")
    return {
        "subject": subject,
        "body": text,
        "html": html,
        "attachments": [(filename, report_xlsx(report), XLSX_MIMETYPE)],
        "inline_images": [(chart.filename, chart.png, "image/png") for chart in images],
    }


def report_page_path(report) -> str:
    """The report's page: the city's for AKN, a förvaltning's at its own address (which AKN and
    the förvaltning's leads may open)."""
    if report.administration_id is None:
        return reverse("metrics:report", kwargs={"year": report.year, "month": report.month})
    return reverse(
        "metrics:report-administration",
        kwargs={"year": report.year, "month": report.month, "administration_id": report.administration_id},
    )


def report_rows(report) -> tuple:
    """The rows of the account tables: the accounts, or for the city one row per förvaltning."""
    return report.administrations if report.is_city else report.accounts


def row_label(row) -> str:
    return f"{row.name} ({row.platform})" if row.platform else row.name


def report_charts(report) -> list[charts.Chart]:
    """The mail's charts: reach and interactions of the accounts (the largest first, this month and
    the month before), the posts by objective, and the comments against the answering promise."""
    month = formats.date_format(report.first, "F")
    before = formats.date_format(report.previous_month, "F")
    shown = sorted(
        (row for row in report_rows(report) if row.has_figures),
        key=lambda row: (row.reach.value is None, -(row.reach.value or 0), row.name),
    )[:CHART_ACCOUNTS]
    names = [row_label(row) for row in shown]
    result = []
    if shown:
        city = report.is_city
        for figure, title in (
            ("reach", _("Reach per administration") if city else _("Reach per account")),
            ("interactions", _("Interactions per administration") if city else _("Interactions per account")),
        ):
            result.append(
                charts.bar_chart(
                    filename=f"{figure}-per-account.png",
                    title=title,
                    categories=names,
                    series=[
                        charts.Series(month, [getattr(row, figure).value for row in shown]),
                        charts.Series(before, [getattr(row, figure).previous for row in shown]),
                    ],
                )
            )
    result.append(
        charts.bar_chart(
            filename="posts-by-objective.png",
            title=_("Posts by objective"),
            categories=[group.label for group in report.by_objective],
            series=[charts.Series(_("Posts"), [group.posts for group in report.by_objective])],
        )
    )
    answers = report.comments.answers
    result.append(
        charts.bar_chart(
            filename="answers.png",
            title=_("Comments and messages to answer"),
            categories=[_("Answered within the promise"), _("Answered later"), _("Overdue, not answered")],
            series=[
                charts.Series(
                    _("Number"),
                    [answers.answered_in_time, answers.answered - answers.answered_in_time, answers.overdue],
                )
            ],
        )
    )
    return result


# --- AKN sends one again --------------------------------------------------------------------------


def report_mails(*, month: date) -> list[OutboxMessage]:
    """The month's report mails in the outbox, the copies sent by hand included."""
    return list(
        OutboxMessage.objects.filter(key__startswith=f"{KEY_PREFIX}:{month:%Y-%m}:")
        .only("pk", "key", "to", "subject", "status", "created_at", "sent_at", "attempts")
        .order_by("key")
    )


def resend_report_mail(*, message: OutboxMessage) -> OutboxMessage:
    """A copy of a report mail to the same recipient, as it was (subject, body, images, the
    .xlsx), with its own key `<key>:again:<n>`. Two people pressing the button at once both
    compute the same n, so one copy goes."""
    if not message.key.startswith(f"{KEY_PREFIX}:"):
        raise ValueError("not a monthly report mail")
    base = message.key.split(":again:")[0]
    copies = OutboxMessage.objects.filter(key__startswith=f"{base}:again:").count()
    return mail_enqueue_copy(message=message, key=f"{base}:again:{copies + 1}")


# --- when ------------------------------------------------------------------------------------------


def first_working_day(year: int, month: int) -> date:
    day = date(year, month, 1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def report_month_due(now: datetime) -> date | None:
    """The month whose reports are due at `now`: the month before, from SEND_AT local time on the
    first working day of a month and for CATCH_UP_DAYS after (a mail server or a worker that is away
    that morning delays the reports, it does not cancel them); None at any other time, so a portal
    installed mid-month sends no stale report."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = timezone.localtime(now, zone)
    today = local.date()
    start = datetime.combine(first_working_day(today.year, today.month), SEND_AT, tzinfo=zone)
    if not start <= local < start + timedelta(days=CATCH_UP_DAYS):
        return None
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def send_due_reports(*, now: datetime | None = None) -> SendResult | None:
    """Beat's check: send the month before's reports if it is their time and they are not done.
    None when there is nothing to do."""
    now = now or timezone.now()
    month = report_month_due(now)
    if month is None:
        return None
    mailing, _created = ReportMailing.objects.get_or_create(month=month, defaults={"started_at": now})
    if mailing.finished_at is not None:
        return None
    result = send_monthly_reports(month=month)
    # A report that failed keeps the month open: the next quarter hour tries it (and only it) again.
    ReportMailing.objects.filter(pk=mailing.pk, finished_at__isnull=True).update(
        finished_at=None if result.failed else timezone.now(), mails=mailing.mails + result.queued
    )
    logger.info("monthly report: %s mails queued for %s", result.queued, f"{month:%Y-%m}")
    return result


def parse_month(text: str) -> date:
    """ "2026-11" → date(2026, 11, 1); ValueError with a Swedish message otherwise."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        raise ValueError(_("Give the month as YYYY-MM, e.g. 2026-11.")) from None


def _pk(plan: PlannedReport) -> int | None:
    return plan.administration.pk if plan.administration else None
