"""The X account: booked only where AKN allows it for the booking; X's length rule in the tone panel."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from calendar_booking.models import Booking
from helsocial.tone.rules import x_length
from tests.factories import SocialAccountFactory

from .helpers import book

pytestmark = pytest.mark.django_db


@pytest.fixture
def x_account(city_administration):
    return SocialAccountFactory(
        administration=city_administration, name="Helsingborgs stad på X", is_citywide=True, platform="x"
    )


def test_a_communicator_still_cannot_book_x(communicator, administration, x_account):
    with pytest.raises(ValidationError) as caught:
        book(communicator, administration, (x_account, "2026-11-25 10:00"))
    assert [e.code for e in caught.value.error_list] == ["account_not_bookable"]
    with pytest.raises(PermissionDenied):  # nor allow it themselves
        book(communicator, administration, (x_account, "2026-11-25 10:00"), allow_x=True)


def test_akn_lets_a_booking_use_x(akn_user, administration, x_account):
    booking = book(akn_user, administration, (x_account, "2026-11-25 10:00"), allow_x=True)
    assert booking.slots.get().account == x_account


def test_the_form_offers_x_to_akn_only(akn_client, communicator_client, x_account):
    url = reverse("calendar_booking:booking-create")
    # The option itself: on SQLite the förvaltning's select may hold the same number.
    option = f'<option value="{x_account.pk}">Helsingborgs stad på X (X)</option>'
    assert option in akn_client.get(url).content.decode()
    assert option not in communicator_client.get(url).content.decode()


def test_x_counts_a_link_as_23_characters():
    link = "https://helsingborg.se/" + "a" * 100
    assert x_length(f"Läs mer: {link}") == len("Läs mer: ") + 23
    assert x_length("helsingborg.se/simskola och mer") == 23 + len(" och mer")


def test_the_tone_panel_applies_xs_length_when_an_x_account_is_chosen(
    communicator_client, x_account, citywide_account
):
    text = "Simskolan börjar igen. " * 13  # 299 characters
    data = {"draft_text": text, "text_field": "draft_text", "kind": "draft", "media_type": "text"}
    url = reverse("tone:panel")
    chosen = communicator_client.post(url, {**data, "slot0-account": x_account.pk}).content.decode()
    assert "För lång för X: 299 av 280 tecken" in chosen
    other = communicator_client.post(url, {**data, "slot0-account": citywide_account.pk}).content.decode()
    assert "För lång för X" not in other
    assert Booking.objects.count() == 0
