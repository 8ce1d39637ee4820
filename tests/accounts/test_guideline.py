"""The guideline in force: the footer shows it, AKN is reminded on a working day before the
half-yearly revision, and the editors confirm that they have read a new version."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts.models import GuidelineConfirmation, GuidelineVersion
from accounts.services_guideline import guideline_revision_reminder_send, reminder_day, revision_due
from helsocial.outbox.models import OutboxMessage
from tests.factories import AccountEditorFactory, SocialAccountFactory, UserFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=STOCKHOLM)


@pytest.fixture
def version(db):
    # In force from 20 June 2026: the revision is due on 20 December, a Sunday.
    return GuidelineVersion.objects.create(
        in_force_from=date(2026, 6, 20), url="https://helsingborg.se/riktlinjer.pdf", changes="Nytt om AI."
    )


def test_the_revision_is_due_half_a_year_later_even_at_a_month_end():
    assert revision_due(GuidelineVersion(in_force_from=date(2026, 8, 31))) == date(2027, 2, 28)
    assert revision_due(GuidelineVersion(in_force_from=date(2027, 8, 31))) == date(2028, 2, 29)


def test_the_reminder_day_counts_working_days_past_weekends_and_holidays(settings):
    settings.GUIDELINE_REMINDER_WORKING_DAYS = 3
    # Due Thursday 7 January 2027. Three working days back: Tue 5 (Wed 6 is trettondedag jul),
    # Mon 4, and then past nyårsdagen and nyårsafton (a day off in the city's calendar) to Wed 30.
    version = GuidelineVersion(in_force_from=date(2026, 7, 7))
    assert revision_due(version) == date(2027, 1, 7)
    assert reminder_day(version) == date(2026, 12, 30)


def test_akn_is_reminded_once_from_the_reminder_day_and_never_on_a_day_off(settings, version):
    settings.AKN_EMAIL = "akn@helsingborg.se"
    settings.GUIDELINE_REMINDER_WORKING_DAYS = 10
    assert reminder_day(version) == date(2026, 12, 7)  # ten working days before Sunday 20 December
    assert guideline_revision_reminder_send(now=at("2026-12-04")) == 0
    assert guideline_revision_reminder_send(now=at("2026-12-12")) == 0  # a Saturday, past that day
    assert not OutboxMessage.objects.exists()
    assert guideline_revision_reminder_send(now=at("2026-12-14")) == 1
    guideline_revision_reminder_send(now=at("2026-12-15"))
    [mail] = OutboxMessage.objects.all()
    assert mail.to == ["akn@helsingborg.se"]
    assert mail.subject == "Helsocial: riktlinjerna för sociala medier ska revideras senast 2026-12-20"
    assert "revideras en gång per halvår" in mail.body


def test_the_footer_shows_the_version_in_force(lead_client, version):
    GuidelineVersion.objects.create(in_force_from=date(2099, 1, 1), url="https://helsingborg.se/framtid.pdf")
    body = lead_client.get(reverse("home")).content.decode()
    assert "Riktlinjer för sociala medier, gäller från 2026-06-20." in body


def test_after_its_minute_a_process_reads_the_footer_from_the_cache_not_the_database(
    lead_client, version, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts import context_processors

    monkeypatch.setattr(context_processors, "FOOTER_SECONDS", 0.0)  # every request is past its minute
    context_processors.forget_guideline_footer()

    def guideline_queries():
        with CaptureQueriesContext(connection) as queries:
            body = lead_client.get(reverse("home")).content.decode()
        assert "gäller från 2026-06-20" in body
        return [q for q in queries.captured_queries if "accounts_guidelineversion" in q["sql"]]

    assert len(guideline_queries()) == 1
    assert guideline_queries() == []  # the shared cache answers: no query, whichever moment
    GuidelineVersion.objects.create(in_force_from=date(2026, 11, 1), url="https://helsingborg.se/ny.pdf")
    body = lead_client.get(reverse("home")).content.decode()
    assert "gäller från 2026-11-01" in body  # saving a version forgets the cache's copy at once


def test_editors_are_asked_by_mail_and_akn_sees_who_has_confirmed(
    akn_client, editor_client, editor, account, administration, version
):
    other = UserFactory(first_name="Otto")
    AccountEditorFactory(account=account, user=other)
    of_closed = UserFactory(first_name="Cecilia")
    AccountEditorFactory(
        account=SocialAccountFactory(
            administration=administration, closed_on="2026-01-01", closed_reason="x"
        ),
        user=of_closed,
    )
    assert akn_client.post(reverse("accounts:guideline-ask", args=[version.pk])).status_code == 302
    asked = sorted(
        message.to[0] for message in OutboxMessage.objects.filter(key__startswith="guideline-confirm:")
    )
    assert asked == sorted([editor.email, other.email])  # not the editor of a closed account
    body = OutboxMessage.objects.get(to=[editor.email]).body
    assert reverse("accounts:guideline") in body and version.url in body

    assert editor_client.post(reverse("accounts:guideline-confirm", args=[version.pk])).status_code == 302
    editor_client.post(reverse("accounts:guideline-confirm", args=[version.pk]))  # a double click
    assert GuidelineConfirmation.objects.filter(version=version, user=editor).count() == 1
    page = akn_client.get(reverse("accounts:guideline")).content.decode()
    assert "1 har inte bekräftat." in page
    assert page.index(str(other)) < page.index(str(editor))  # who has not confirmed comes first
    # Asking again asks only those who have not confirmed, and each of them once.
    akn_client.post(reverse("accounts:guideline-ask", args=[version.pk]))
    assert OutboxMessage.objects.filter(key__startswith="guideline-confirm:").count() == 2
    assert "Du bekräftade" in editor_client.get(reverse("accounts:guideline")).content.decode()
