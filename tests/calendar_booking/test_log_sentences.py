"""The booking log reads as Swedish sentences with local times, not as stored data."""

import re

import pytest
from django.urls import reverse

from calendar_booking.services.bookings import booking_cancel, booking_update
from calendar_booking.services.slots import booking_move

from .helpers import LONG_AGO, at, book

pytestmark = pytest.mark.django_db


def test_the_log_tells_what_happened_in_swedish(
    communicator_client, communicator, administration, citywide_account
):
    communicator.first_name, communicator.last_name = "Louise", "Ek"
    communicator.save()
    booking = book(
        communicator, administration, (citywide_account, "2026-11-25 10:00"), title="Höstlovet <i>nu</i>"
    )
    booking_update(booking=booking, by=communicator, fields={"title": "Höstlovet i Helsingborg"})
    slot = booking.slots.get()
    booking_move(slot=slot, by=communicator, starts_at=at("2026-11-26 13:00"), now=LONG_AGO)
    booking_cancel(booking=booking, by=communicator, reason="Evenemanget ställs in")
    html = communicator_client.get(
        reverse("calendar_booking:booking-detail", args=[booking.pk])
    ).content.decode()
    assert "Louise Ek bokade Helsingborgs stad (Facebook) onsdag 25 nov 10:00–11:00." in html
    assert (
        "Louise Ek ändrade titel från ”Höstlovet &lt;i&gt;nu&lt;/i&gt;” till ”Höstlovet i Helsingborg”."
        in html
    )
    assert (
        "Louise Ek flyttade Helsingborgs stad (Facebook) onsdag 25 nov 10:00–11:00 till "
        "Helsingborgs stad (Facebook) torsdag 26 nov 13:00–14:00." in html
    )
    assert "Louise Ek avbokade: ”Evenemanget ställs in”." in html
    log = html.split('<h2 class="h4">Logg</h2>', 1)[-1]
    assert "{" not in log and "[" not in log  # no Python data
    visible = re.sub(r'datetime="[^"]*"', "", log)
    assert "+01:00" not in visible and "T10:00" not in visible  # local times, in words
