"""The calendar's access layer: one call per view returns the checked object, locked when the
request changes it; the pages get booleans from it, never a role test."""

import threading

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from calendar_booking.access import access_booking_to_change, access_slot_to_change
from calendar_booking.models import Booking, BookingSlot
from tests.factories import UserFactory

from .helpers import at, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def future_day():
    day = timezone.localdate() + timezone.timedelta(days=14)
    while day.weekday() != 2:
        day += timezone.timedelta(days=1)
    return day


def test_a_title_links_to_its_booking_only_for_those_who_may_open_it(
    client, communicator, administration, other_administration, citywide_account, future_day
):
    own = book(communicator, administration, (citywide_account, at(f"{future_day} 09:00")), title="Egen")
    other_booker = UserFactory(username="other_booker", roles=[(Role.COMMUNICATOR, other_administration)])
    other = book(
        other_booker, other_administration, (citywide_account, at(f"{future_day} 13:00")), title="Andras"
    )
    own_link = reverse("calendar_booking:booking-detail", args=[own.pk])
    other_link = reverse("calendar_booking:booking-detail", args=[other.pk])
    year, week, _d = future_day.isocalendar()
    client.force_login(communicator)
    for url in (
        reverse("calendar_booking:calendar-week", args=[year, week]),
        reverse("calendar_booking:calendar-month", args=[future_day.year, future_day.month]),
        reverse("calendar_booking:booking-list"),
    ):
        html = client.get(url).content.decode()
        assert "Egen" in html and "Andras" in html, url
        assert f'href="{own_link}"' in html, url
        assert f'href="{other_link}"' not in html, url


def test_akn_gets_the_settings_in_the_navigation_and_others_do_not(akn_client, communicator_client):
    url = reverse("calendar_booking:booking-list")
    rules = reverse("calendar_booking:rule-list")
    assert rules in akn_client.get(url).content.decode()
    assert rules not in communicator_client.get(url).content.decode()


def test_only_akn_is_offered_the_crisis_override(akn_client, communicator_client):
    url = reverse("calendar_booking:booking-create")
    assert 'name="crisis_override"' in akn_client.get(url).content.decode()
    assert 'name="crisis_override"' not in communicator_client.get(url).content.decode()


def test_a_communicators_crafted_crisis_override_is_not_read(
    communicator_client, communicator, administration, citywide_account, future_day
):
    first = book(communicator, administration, (citywide_account, at(f"{future_day} 10:00")))
    data = {
        "administration": administration.pk,
        "title": "Kris?",
        "objective": "inform",
        "category": "civic_crisis",
        "target_group": "Alla",
        "media_type": "text",
        "slot0-account": citywide_account.pk,
        "slot0-starts_at": f"{future_day}T10:00",
        "crisis_override": "on",
    }
    response = communicator_client.post(reverse("calendar_booking:booking-create"), data)
    assert response.status_code == 200  # refused as an ordinary booking: the time is taken
    assert first.slots.get().starts_at == at(f"{future_day} 10:00")
    assert Booking.objects.count() == 1


def _locked_elsewhere(model, pk) -> bool:
    """Whether another connection finds the row locked (NOWAIT fails at once instead of waiting)."""
    result = {}

    def probe():
        try:
            with transaction.atomic():
                model.objects.select_for_update(nowait=True).get(pk=pk)
            result["locked"] = False
        except DatabaseError:
            result["locked"] = True
        finally:
            connection.close()

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join(timeout=30)
    return result["locked"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_booking_to_change_is_locked_until_the_transaction_ends(
    communicator, administration, citywide_account
):
    booking = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    with transaction.atomic():
        access_booking_to_change(communicator, booking.pk, for_update=True)
        assert _locked_elsewhere(Booking, booking.pk)
    assert not _locked_elsewhere(Booking, booking.pk)
    with transaction.atomic():
        access_booking_to_change(communicator, booking.pk)  # a page that only shows the form
        assert not _locked_elsewhere(Booking, booking.pk)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_slot_to_move_is_locked_with_its_booking(communicator, administration, citywide_account):
    booking = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    slot = booking.slots.get()
    with transaction.atomic():
        access_slot_to_change(communicator, slot.pk, for_update=True)
        assert _locked_elsewhere(BookingSlot, slot.pk)
        assert _locked_elsewhere(Booking, booking.pk)
