"""The pages: book from a free time, see it in the week, open it; drafts stay in their förvaltning."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from calendar_booking.models import Booking, BookingLog, BookingSlot, KcAgreement, Status
from tests.factories import UserFactory

from .helpers import at, book

pytestmark = pytest.mark.django_db

SECRET = "HEMLIGT-UTKAST-42"


def week_url(moment):
    year, week, _d = moment.isocalendar()
    return reverse("calendar_booking:calendar-week", args=[year, week])


@pytest.fixture
def future_day():
    # A Wednesday comfortably ahead, so times are bookable whenever the suite runs.
    day = timezone.localdate() + timezone.timedelta(days=14)
    while day.weekday() != 2:
        day += timezone.timedelta(days=1)
    return day


def post_data(account, start, **extra):
    data = {
        "administration": "",
        "title": "Simskola i sommar",
        "draft_text": "Anmäl ditt barn till simskolan!",
        "objective": "activate",
        "category": "tips",
        "topics": ["leisure"],
        "target_group": "Föräldrar i Helsingborg",
        "link": "https://helsingborg.se/simskola",
        "media_type": "image",
        "image_alt_text": "Barn i simhallens undervisningsbassäng.",
        "rights_confirmed": "on",
        "consent_confirmed": "on",
        "slot0-account": account.pk,
        "slot0-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(extra)
    return data


def test_a_free_time_opens_the_form_prefilled(communicator_client, citywide_account, future_day):
    page = communicator_client.get(week_url(future_day))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ledig" in html or "Free" in html
    start = at(f"{future_day} 09:00")
    form = communicator_client.get(
        reverse("calendar_booking:booking-create"),
        {"account": citywide_account.pk, "start": start.isoformat()},
    )
    assert form.status_code == 200
    body = form.content.decode()
    assert f'value="{future_day}T09:00"' in body
    assert 'id="tone-panel"' in body


def test_booking_two_accounts_from_the_form(
    communicator_client, administration, citywide_account, instagram, future_day
):
    data = post_data(
        citywide_account,
        at(f"{future_day} 09:00"),
        administration=administration.pk,
        **{"slot1-account": instagram.pk, "slot1-starts_at": f"{future_day}T13:00"},
    )
    response = communicator_client.post(reverse("calendar_booking:booking-create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    booking = Booking.objects.get()
    assert booking.slots.count() == 2
    week = communicator_client.get(week_url(future_day)).content.decode()
    assert "Simskola i sommar" in week


def test_a_refusal_is_shown_on_the_form(
    communicator_client, communicator, administration, citywide_account, future_day
):
    book(communicator, administration, (citywide_account, at(f"{future_day} 09:00")))
    data = post_data(citywide_account, at(f"{future_day} 09:30"), administration=administration.pk)
    response = communicator_client.post(reverse("calendar_booking:booking-create"), data)
    assert response.status_code == 200
    assert "Helsingborgs stad" in response.content.decode()
    assert Booking.objects.count() == 1


def test_high_activity_requires_a_faq_on_the_form(
    communicator_client, administration, citywide_account, future_day
):
    data = post_data(
        citywide_account,
        at(f"{future_day} 09:00"),
        administration=administration.pk,
        expects_high_activity="on",
    )
    response = communicator_client.post(reverse("calendar_booking:booking-create"), data)
    assert response.status_code == 200
    assert not Booking.objects.exists()


def test_other_administrations_see_the_title_but_never_the_draft(
    client, other_administration, other_communicator, communicator, citywide_account, future_day, settings
):
    from accounts.models import Role

    other_booker = UserFactory(username="other_booker", roles=[(Role.COMMUNICATOR, other_administration)])
    booking = book(
        other_booker,
        other_administration,
        (citywide_account, at(f"{future_day} 10:00")),
        title="Miljövecka",
        draft_text=SECRET,
        faq_text=SECRET,
        expects_high_activity=True,
        target_group=f"Målgrupp {SECRET}",
    )
    client.force_login(communicator)
    pages = [
        week_url(future_day),
        reverse("calendar_booking:calendar-month", args=[future_day.year, future_day.month]),
        reverse("calendar_booking:booking-list"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Miljövecka" in html, url
        assert SECRET not in html, url
    export = client.get(
        reverse("calendar_booking:booking-export"), {"from": str(future_day), "to": str(future_day)}
    )
    text = b"".join(export.streaming_content).decode()
    assert "Miljövecka" in text and SECRET not in text
    assert client.get(reverse("calendar_booking:booking-detail", args=[booking.pk])).status_code == 404
    assert client.get(reverse("calendar_booking:booking-edit", args=[booking.pk])).status_code == 404


def test_the_owner_sees_draft_log_and_who_handles_comments(
    communicator_client, communicator, administration, citywide_account, future_day, akn_user
):
    booking = book(
        communicator, administration, (citywide_account, at(f"{future_day} 10:00")), draft_text=SECRET
    )
    page = communicator_client.get(
        reverse("calendar_booking:booking-detail", args=[booking.pk])
    ).content.decode()
    assert SECRET in page
    assert "no agreement" in page or "ingen överenskommelse" in page
    KcAgreement.objects.create(administration=administration)
    page = communicator_client.get(
        reverse("calendar_booking:booking-detail", args=[booking.pk])
    ).content.decode()
    assert "KC" in page


def test_kc_cannot_open_a_booking_it_gets_the_faq_by_mail(
    kc_client, communicator, administration, citywide_account, future_day
):
    booking = book(
        communicator, administration, (citywide_account, at(f"{future_day} 10:00")), draft_text=SECRET
    )
    assert kc_client.get(reverse("calendar_booking:booking-detail", args=[booking.pk])).status_code == 404


def test_edit_move_and_cancel_through_the_pages(
    communicator_client, communicator, administration, citywide_account, future_day
):
    booking = book(communicator, administration, (citywide_account, at(f"{future_day} 10:00")))
    slot = booking.slots.get()
    response = communicator_client.post(
        reverse("calendar_booking:slot-move", args=[slot.pk]),
        {"account": citywide_account.pk, "starts_at": f"{future_day}T14:00"},
    )
    assert response.status_code == 302
    slot.refresh_from_db()
    assert slot.starts_at == at(f"{future_day} 14:00") and slot.sequence == 1
    data = post_data(citywide_account, at(f"{future_day} 14:00"), title="Ny rubrik")
    assert (
        communicator_client.post(
            reverse("calendar_booking:booking-edit", args=[booking.pk]), data
        ).status_code
        == 302
    )
    booking.refresh_from_db()
    assert booking.title == "Ny rubrik"
    assert (
        communicator_client.post(
            reverse("calendar_booking:booking-cancel", args=[booking.pk]), {"reason": "Inställt"}
        ).status_code
        == 302
    )
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    actions = list(booking.log.values_list("action", flat=True))
    assert actions == [
        BookingLog.Action.CREATED,
        BookingLog.Action.MOVED,
        BookingLog.Action.UPDATED,
        BookingLog.Action.CANCELLED,
    ]


def test_csv_export_is_escaped_against_formulas(
    communicator_client, communicator, administration, citywide_account, future_day
):
    book(communicator, administration, (citywide_account, at(f"{future_day} 10:00")), title='=HYPERLINK("x")')
    response = communicator_client.get(
        reverse("calendar_booking:booking-export"), {"from": str(future_day), "to": str(future_day)}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))
    assert rows[1][5] == '\'=HYPERLINK("x")'


def test_htmx_navigation_returns_the_fragment(communicator_client, future_day):
    response = communicator_client.get(week_url(future_day), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith("<section") or 'id="calendar-period"' in html.split("\n", 3)[1]
    assert "<html" not in html


def test_the_list_shows_missed_bookings(communicator_client, communicator, administration, citywide_account):
    from calendar_booking.services.slots import booking_slots_mark_missed

    start = timezone.now() - timezone.timedelta(days=3)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    booking = book(
        communicator, administration, (citywide_account, start), now=start - timezone.timedelta(days=1)
    )
    assert booking_slots_mark_missed() == 1
    html = communicator_client.get(reverse("calendar_booking:booking-list")).content.decode()
    assert booking.title in html
    assert BookingSlot.objects.get().status == Status.MISSED


def _next_late_day():
    """The next last-working-day-before-a-day-off at least a week ahead (a Friday or an eve)."""
    from helsocial.workdays import is_last_working_day_before_day_off

    day = timezone.localdate() + timezone.timedelta(days=7)
    while not is_last_working_day_before_day_off(day):
        day += timezone.timedelta(days=1)
    return day


def test_charged_content_late_on_friday_asks_for_an_acknowledgement(
    communicator_client, administration, citywide_account
):
    day = _next_late_day()
    data = post_data(citywide_account, at(f"{day} 14:00"), administration=administration.pk, is_charged="on")
    response = communicator_client.post(reverse("calendar_booking:booking-create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="acknowledge_charged"' in html
    assert not Booking.objects.exists()
    data["acknowledge_charged"] = "on"
    assert communicator_client.post(reverse("calendar_booking:booking-create"), data).status_code == 302
    assert Booking.objects.get().charged_acknowledged


def test_the_acknowledgement_is_not_offered_before_it_is_needed(communicator_client):
    html = communicator_client.get(reverse("calendar_booking:booking-create")).content.decode()
    assert 'name="acknowledge_charged"' not in html


def test_akn_crisis_override_from_the_form(
    akn_client, communicator, administration, city_administration, citywide_account, future_day
):
    from calendar_booking.models import Category

    displaced = book(communicator, administration, (citywide_account, at(f"{future_day} 10:00")))
    data = post_data(
        citywide_account,
        at(f"{future_day} 10:00"),
        administration=city_administration.pk,
        category=Category.CIVIC_CRISIS,
        objective="inform",
        crisis_override="on",
    )
    assert akn_client.post(reverse("calendar_booking:booking-create"), data).status_code == 302
    slot = displaced.slots.get()
    assert slot.starts_at > at(f"{future_day} 10:00")
    data["category"] = "tips"
    data["slot0-starts_at"] = f"{future_day}T16:00"
    response = akn_client.post(reverse("calendar_booking:booking-create"), data)
    assert response.status_code == 200
    assert Booking.objects.count() == 2
