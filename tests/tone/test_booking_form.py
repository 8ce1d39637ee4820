"""The live panel in the calendar's booking form (templates/calendar_booking/booking_form.html
includes tone/_panel_container.html beside the draft text)."""

import pytest
from django.urls import reverse

from tests.fixtures_browser import axe_check, login

PANEL = reverse("tone:panel")


def test_the_booking_form_embeds_the_panel(communicator_client, administration):
    body = communicator_client.get(reverse("calendar_booking:booking-create")).content.decode()
    assert 'id="tone-panel"' in body
    assert f'hx-post="{PANEL}"' in body
    assert "from:#id_draft_text" in body
    assert '"text_field": "draft_text"' in body and '"kind": "draft"' in body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_booking_form_panel_reacts_to_the_draft(page, communicator, citywide_account):
    login(page, communicator)
    page.goto(reverse("calendar_booking:booking-create"))
    page.locator("#id_draft_text").fill("Har ni frågor? Kontakta oss asså.")
    page.locator('#tone-panel li[data-rule="address.formal_ni"]').wait_for()
    assert page.locator('#tone-panel li[data-rule="klarsprak.slang"]').count() == 1
    # The booking's own fields go along: choosing video asks for the captions, ticking them stops it.
    page.select_option("#id_media_type", "video")
    page.locator('#tone-panel li[data-rule="booking.captions"]').wait_for()
    page.check("#id_captions_confirmed")
    page.locator('#tone-panel li[data-rule="booking.captions"]').wait_for(state="detached")
    axe_check(page)
