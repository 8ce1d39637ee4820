"""The monthly report mail: parsed back as a mail client would, once per recipient and month, through
a mail server that goes down, and on the first working day of the month."""

from __future__ import annotations

import base64
import html as html_lib
import re
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.models import Role
from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import outbox_deliver, outbox_sweep
from metrics.models import ReportMailing, ReportRecipient
from metrics.reports.data import build_report
from metrics.reports.mail import (
    first_working_day,
    planned_reports,
    report_mail_key,
    report_month_due,
    resend_report_mail,
    send_due_reports,
    send_monthly_reports,
)
from metrics.templatetags.figures import change, figure, percent
from metrics.templatetags.report_mail import hours, measure_value
from tests.factories import UserFactory
from tests.fixtures_browser import axe_check
from tests.metrics.report_data import NOV, known_report_data

STOCKHOLM = ZoneInfo("Europe/Stockholm")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def known(administration, other_administration):
    return known_report_data(administration, other_administration)


@pytest.fixture
def recipients(administration, other_administration):
    """Lena leads the förvaltning, Olle leads the other one, Agnes is AKN; Nils turned it off."""
    return {
        "lead": UserFactory(
            username="lena", email="lena@helsingborg.se", roles=[(Role.LEAD, administration)]
        ),
        "other": UserFactory(
            username="olle", email="olle@helsingborg.se", roles=[(Role.LEAD, other_administration)]
        ),
        "akn": UserFactory(username="agnes", email="agnes@helsingborg.se", roles=[(Role.AKN, None)]),
        "off": UserFactory(
            username="nils",
            email="nils@helsingborg.se",
            monthly_report_mail=False,
            roles=[(Role.LEAD, administration)],
        ),
        "gone": UserFactory(
            username="gone", email="gone@helsingborg.se", is_active=False, roles=[(Role.LEAD, administration)]
        ),
    }


def send(**kwargs):
    with transaction.atomic():
        return send_monthly_reports(month=NOV, **kwargs)


def lena_key(administration) -> str:
    return report_mail_key(NOV, str(administration.pk), "lena@helsingborg.se")


def deliver_all(now=None) -> None:
    """Every pending row once, as the sweep's tasks would (no worker in these tests)."""
    for pk in OutboxMessage.objects.filter(status="pending").values_list("pk", flat=True):
        outbox_deliver(message_id=pk, now=now)


def mail_parts(message):
    """(text, html, {content-id: png}, [(filename, content, mimetype)]) of a parsed mail."""
    text = html = None
    images = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        disposition = part.get_content_disposition()
        if part.get_content_type() == "text/plain" and disposition is None:
            text = part.get_content()
        elif part.get_content_type() == "text/html" and disposition is None:
            html = part.get_content()
        elif disposition == "inline" and part["Content-ID"]:
            images[part["Content-ID"].strip("<>")] = part.get_payload(decode=True)
    return text, html, images


# --- who gets what ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_leads_get_their_report_akn_the_citys_and_an_opt_out_none(known, administration, recipients):
    ReportRecipient.objects.create(administration=administration, email="Sof-Kommunikation@helsingborg.se")
    plans = {plan.scope: plan.recipients for plan in planned_reports()}
    assert plans == {
        str(administration.pk): ["lena@helsingborg.se", "sof-kommunikation@helsingborg.se"],
        str(recipients["other"].role_assignments.get().administration_id): ["olle@helsingborg.se"],
        "city": ["agnes@helsingborg.se"],
    }


@pytest.mark.django_db
def test_dry_run_prints_who_would_get_what_and_writes_nothing(known, administration, recipients):
    out = StringIO()
    call_command("send_monthly_reports", "--month", "2026-11", "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    assert "2026-11\tSkol- och fritidsförvaltningen\tlena@helsingborg.se\tskulle skickas" in lines
    assert "2026-11\tHelsingborgs stad\tagnes@helsingborg.se\tskulle skickas" in lines
    assert lines[-1] == "3 mejl skulle skickas."
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_a_month_that_is_not_a_month_is_a_clear_error():
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM"):
        call_command("send_monthly_reports", "--month", "november", stdout=StringIO())


# --- the mail --------------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_mail_parsed_back_has_text_html_images_attachment_and_every_figure(
    smtp_server, known, administration, recipients
):
    send(administration_id=administration.pk)
    deliver_all()
    [mail] = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ("lena@helsingborg.se",)
    message = mail.message
    assert str(message["Subject"]).strip() == "Månadsrapport november 2026: Skol- och fritidsförvaltningen"
    text, html, images = mail_parts(message)
    assert text and html

    # The HTML: Swedish, every image it refers to is in the mail (and no other), each with alt text.
    assert '<html lang="sv">' in html
    referenced = re.findall(r'src="cid:([^"]+)"', html)
    assert referenced and sorted(referenced) == sorted(images)
    for content_id, png in images.items():
        assert png.startswith(b"\x89PNG")
        alt = re.search(rf'<img[^>]*src="cid:{re.escape(content_id)}"[^>]*>', html).group(0)
        assert re.search(r'alt="[^"]{20,}"', alt), alt
    # The CSS is inline (css-inline), data tables have captions and headers, layout is presentation.
    assert "<style" not in html
    assert 'style="' in html
    assert html.count("<caption") >= 10 and 'scope="col"' in html and 'scope="row"' in html
    assert 'role="presentation"' in html
    assert f'/reports/2026/11/{administration.pk}/"' in html

    # The .xlsx is attached.
    [(filename, content, mimetype)] = mail.attachments()
    assert filename == f"rapport-2026-11-forvaltning-{administration.pk}.xlsx"
    assert mimetype == XLSX and content.startswith(b"PK")

    # The alt text states the figures: Alfa's reach in November and October.
    reach_img = re.search(r'<img[^>]*src="cid:reach-per-account.png"[^>]*>', html).group(0)
    reach_alt = html_lib.unescape(re.search(r'alt="([^"]*)"', reach_img).group(1))
    assert "Alfa (Facebook): november 5\xa0000, oktober 4\xa0000" in reach_alt

    # Every figure of the page is in both parts.
    page_html = html_lib.unescape(html)
    with translation.override("sv"):
        report = build_report(administration=administration, year=2026, month=11)
        expected = []
        for row in (*report.accounts, report.totals):
            for name, _label, measure in row.measures():
                expected += [measure_value(measure.value, name), measure_value(measure.previous, name)]
                expected += [measure_value(measure.median, name), change(measure.change) or "–"]
        for group in (*report.by_objective, *report.by_category):
            expected += [figure(group.posts), figure(group.reach), figure(group.link_clicks)]
            expected += [figure(group.interactions), figure(group.views), figure(group.judged_total)]
        for top in report.top_posts:
            for post in top.posts:
                expected += [
                    post.text,
                    figure(post.judged_value),
                    figure(post.reach),
                    figure(post.interactions),
                ]
        calendar = report.calendar
        expected += [f": {figure(v)}" for v in (calendar.booked, calendar.published, calendar.missed)]
        answers = report.comments.answers
        expected += [percent(answers.share_in_time), hours(answers.median_hours), hours(answers.p90_hours)]
    for value in expected:
        assert value in text, value
        assert value.lstrip(": ") in page_html, value
    # The hand computation's figures, spelled out.
    assert "Alfa (Facebook) *: 1\xa0000 | 900 | +11 % | 750" in text  # * not final yet
    assert "Beta (Instagram): – (" in text  # no reach, and why
    assert "Andel besvarade inom löftet: 40,0 %" in text  # 2 in time of 3 answered and 2 overdue
    assert "Publicerade: 4\r\n" in text and "Diarieförda: 1\r\n" in text


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sending_twice_for_the_same_month_sends_nothing_new(smtp_server, known, recipients):
    first = send()
    assert first.queued == 3
    deliver_all()
    received = smtp_server.wait_for(3)
    # AKN's mail is the city's: like its page, one row per förvaltning, its accounts summed.
    [city] = [m for m in received if m.rcpt_tos == ("agnes@helsingborg.se",)]
    city_text = mail_parts(city.message)[0]
    assert "== Förvaltningarna ==" in city_text
    assert "Skol- och fritidsförvaltningen *: Följare 1\xa0400 (+5" in city_text  # from 900: +5x %
    assert "Miljöförvaltningen: Följare 99\xa0999, Nya följare –" in city_text
    assert "Alfa (Facebook) *: " not in city_text  # no account rows (the top posts name it)
    with CaptureQueriesContext(connection) as queries:
        second = send()
    assert second.queued == 0
    assert all(not line.queued for line in second.lines)
    assert len(queries) <= 6  # nothing is built again: the keys are read, nothing written
    deliver_all()
    outbox_sweep()
    assert OutboxMessage.objects.count() == 3
    assert len(smtp_server.messages) == 3
    assert sorted(address for m in smtp_server.messages for address in m.rcpt_tos) == [
        "agnes@helsingborg.se",
        "lena@helsingborg.se",
        "olle@helsingborg.se",
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_delays_the_reports_and_loses_none(smtp_server, known, recipients):
    smtp_server.stop()
    send()
    deliver_all()
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"pending"}
    assert all(m.attempts == 1 and m.last_error for m in OutboxMessage.objects.all())
    smtp_server.start()
    # The next attempt, when it is due (the backoff is at most the configured maximum).
    deliver_all(now=datetime.now(tz=STOCKHOLM) + timedelta(days=1))
    received = smtp_server.wait_for(3)
    assert len({m.rcpt_tos for m in received}) == 3
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
    # A second run after the outage (a beat retry, a restart) adds nothing.
    assert send().queued == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_akn_resends_one_as_a_copy_with_the_same_content(smtp_server, known, administration, recipients):
    send(administration_id=administration.pk)
    deliver_all()
    [original] = smtp_server.wait_for(1)
    message = OutboxMessage.objects.get(
        key=report_mail_key(NOV, str(administration.pk), "lena@helsingborg.se")
    )
    with transaction.atomic():
        copy = resend_report_mail(message=message)
    assert copy.key == message.key + ":again:1"
    deliver_all()
    received = smtp_server.wait_for(2)
    again = received[-1]
    assert again.message["Subject"] == original.message["Subject"]
    assert mail_parts(again.message)[2].keys() == mail_parts(original.message)[2].keys()
    assert again.attachments() == original.attachments()


# --- when ------------------------------------------------------------------------------------------


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("year", "month", "first"),
    [
        (2027, 1, date(2027, 1, 4)),  # 1 January a holiday (a Friday), then a weekend
        (2026, 8, date(2026, 8, 3)),  # the 1st a Saturday
        (2026, 12, date(2026, 12, 1)),  # a Tuesday
        (2027, 5, date(2027, 5, 3)),  # 1 May (Saturday) and the Sunday
    ],
)
def test_the_first_working_day_follows_the_calendar(year, month, first):
    assert first_working_day(year, month) == first


@pytest.mark.parametrize(
    ("now", "due"),
    [
        ("2027-01-01 08:00", None),  # nyårsdagen
        ("2027-01-04 06:59", None),
        ("2027-01-04 07:00", date(2026, 12, 1)),
        ("2027-01-04 16:00", date(2026, 12, 1)),
        ("2027-01-05 07:00", date(2026, 12, 1)),  # still due if not done (send_due_reports knows)
        ("2027-01-11 07:00", None),  # a week after: left to the command
        ("2026-08-01 07:00", None),  # a Saturday
        ("2026-08-03 07:15", date(2026, 7, 1)),
        ("2026-03-29 07:00", None),
        ("2026-03-02 07:00", date(2026, 2, 1)),
    ],
)
def test_the_reports_are_due_from_seven_on_the_first_working_day(now, due):
    assert report_month_due(local(now)) == due


@pytest.mark.django_db
def test_beat_sends_the_month_once_on_its_day(administration, recipients):
    from tests.factories import SocialAccountFactory

    SocialAccountFactory(administration=administration)
    assert send_due_reports(now=local("2026-12-01 06:45")) is None
    assert not ReportMailing.objects.exists()
    result = send_due_reports(now=local("2026-12-01 07:00"))
    assert result.queued == 2  # the förvaltning's lead and AKN
    mailing = ReportMailing.objects.get()
    assert mailing.month == NOV and mailing.finished_at and mailing.mails == 2
    # The next quarter hours of the day, and the next days: done already.
    assert send_due_reports(now=local("2026-12-01 07:15")) is None
    assert send_due_reports(now=local("2026-12-02 09:00")) is None
    assert OutboxMessage.objects.count() == 2


@pytest.mark.django_db
def test_a_month_left_unfinished_is_sent_on_a_later_quarter_hour(administration, recipients):
    from tests.factories import SocialAccountFactory

    SocialAccountFactory(administration=administration)
    # The worker died on the first working day after it had started the month.
    ReportMailing.objects.create(month=NOV, started_at=local("2026-12-01 07:00"))
    result = send_due_reports(now=local("2026-12-02 08:00"))
    assert result.queued == 2
    assert ReportMailing.objects.get().finished_at is not None


# --- the HTML as a page ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scope", ["administration", "city"])
def test_axe_finds_nothing_on_the_mails_html(page, live_server, known, administration, recipients, scope):
    send()
    if scope == "city":
        key = report_mail_key(NOV, "city", "agnes@helsingborg.se")
    else:
        key = report_mail_key(NOV, str(administration.pk), "lena@helsingborg.se")
    message = OutboxMessage.objects.get(key=key)
    html = message.html
    # As a mail client shows it: each cid: image in place.
    for image in message.attachments.filter(content_id__gt=""):
        data = base64.b64encode(bytes(image.content)).decode()
        html = html.replace(f"cid:{image.content_id}", f"data:image/png;base64,{data}")
    address = live_server.url + "/__mail__/monthly-report"
    page.route(address, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(address)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("img").count() == message.attachments.filter(content_id__gt="").count()
    axe_check(page)


# --- AKN's page ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_akn_adds_a_shared_mailbox_once_and_it_gets_the_report(akn_client, administration, known):
    page = "/reports/mail/"
    data = {"administration": administration.pk, "email": " SOF-Kommunikation@Helsingborg.se "}
    response = akn_client.post("/reports/mail/recipients/", data)
    assert response.status_code == 302
    assert ReportRecipient.objects.get().email == "sof-kommunikation@helsingborg.se"
    again = akn_client.post("/reports/mail/recipients/", data)
    assert again.status_code == 400
    assert "Adressen får redan förvaltningens rapport." in again.content.decode()
    assert "sof-kommunikation@helsingborg.se" in akn_client.get(page).content.decode()
    plans = {plan.scope: plan.recipients for plan in planned_reports()}
    assert plans[str(administration.pk)] == ["sof-kommunikation@helsingborg.se"]


@pytest.mark.django_db
def test_akn_resends_a_report_from_the_page(akn_client, administration, known, recipients):
    send(administration_id=administration.pk)
    message = OutboxMessage.objects.get(key=lena_key(administration))
    listed = akn_client.get("/reports/mail/?month=2026-11").content.decode()
    assert "lena@helsingborg.se" in listed and f"/reports/mail/{message.pk}/resend/" in listed
    response = akn_client.post(f"/reports/mail/{message.pk}/resend/")
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(key=f"{message.key}:again:1").exists()
    # A mail that is not a report is not found here.
    other = OutboxMessage.objects.create(
        key="registry:1", to=["a@example.org"], subject="s", body="b", message_id="<x@y>"
    )
    assert akn_client.post(f"/reports/mail/{other.pk}/resend/").status_code == 404


@pytest.mark.django_db
def test_a_lead_turns_the_mail_off_in_the_profile(lead_client, lead, administration, known):
    lead.email = "lena@helsingborg.se"
    lead.save()
    assert "lena@helsingborg.se" in {e for p in planned_reports() for e in p.recipients}
    form = lead_client.get("/profile/").content.decode()
    assert "månadsrapport via e-post" in form.lower()
    data = {"first_name": "Lena", "last_name": "", "email": lead.email, "title": "chef", "signoff": ""}
    assert lead_client.post("/profile/", data).status_code == 302  # the box unticked
    lead.refresh_from_db()
    assert lead.monthly_report_mail is False
    assert "lena@helsingborg.se" not in {e for p in planned_reports() for e in p.recipients}
