"""The booking form as people fill it in: an error summary linking to each field, no radio chosen for
them, help said once, the charged-content box beside its warning, alternative text for an image."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from calendar_booking.models import Booking

from .test_views import post_data

pytestmark = pytest.mark.django_db

URL = reverse("calendar_booking:booking-create")


@pytest.fixture
def future_day():
    day = timezone.localdate() + timezone.timedelta(days=14)
    while day.weekday() != 2:
        day += timezone.timedelta(days=1)
    return day


def _summary(html: str) -> list[tuple[str, str]]:
    box = re.search(r'<div class="alert alert-danger error-summary".*?</div>', html, re.S)
    assert box, "no error summary"
    return re.findall(r'<li><a href="(#[^"]+)">([^<]+)</a></li>', box.group(0))


def test_the_empty_form_chooses_no_objective_and_says_its_help_once(communicator_client):
    html = communicator_client.get(URL).content.decode()
    radios = re.findall(r'<input type="radio"[^>]*name="objective"[^>]*>', html)
    assert len(radios) == 3  # inform, activate, engage: no empty one
    assert not [r for r in radios if "checked" in r]
    assert html.count("Vem vill vi nå?") == 1
    assert 'id="error-summary"' not in html
    assert 'name="image_alt_text"' in html


def test_an_empty_booking_gets_a_summary_linking_to_each_field(communicator_client, administration):
    data = (
        post_data(None, None)
        if False
        else {"title": "", "objective": "", "category": "", "media_type": "image"}
    )
    html = communicator_client.post(URL, data).content.decode()
    problems = _summary(html)
    hrefs = [href for href, _m in problems]
    assert "#id_title" in hrefs
    assert "#id_objective_0" in hrefs  # a group of radios: its first one
    assert "#id_category" in hrefs
    for href in hrefs:  # every link leads to an element of the page
        assert f'id="{href[1:]}"' in html, href
    assert not Booking.objects.exists()


def test_no_account_and_time_is_said_on_the_first_account(
    communicator_client, administration, citywide_account, future_day
):
    data = post_data(citywide_account, timezone.now(), administration=administration.pk)
    data["slot0-account"], data["slot0-starts_at"] = "", ""
    html = communicator_client.post(URL, data).content.decode()
    assert _summary(html) == [("#id_slot0-account", "Välj minst ett konto och en tid.")]
    assert not Booking.objects.exists()


def test_an_image_needs_its_alternative_text(
    communicator_client, administration, citywide_account, future_day
):
    start = timezone.datetime(
        future_day.year, future_day.month, future_day.day, 10, tzinfo=timezone.get_current_timezone()
    )
    data = post_data(citywide_account, start, image_alt_text=" ", administration=administration.pk)
    html = communicator_client.post(URL, data).content.decode()
    assert _summary(html) == [
        ("#id_image_alt_text", "Beskriv bilden för den som inte kan se den (alternativtext).")
    ]
    assert not Booking.objects.exists()
    data["image_alt_text"] = "Simlärare visar ett barn hur man flyter."
    assert communicator_client.post(URL, data).status_code == 302
    assert Booking.objects.get().image_alt_text == "Simlärare visar ett barn hur man flyter."


def test_the_charged_warning_sits_beside_its_box(communicator_client, administration, citywide_account):
    # Wednesday 23 December 2026 at 15:00: the last working day before julafton, after the cut-off.
    start = timezone.datetime(2026, 12, 23, 15, 0, tzinfo=timezone.get_current_timezone())
    if start < timezone.now():
        pytest.skip("the date has passed")
    data = post_data(citywide_account, start, is_charged="on", administration=administration.pk)
    html = communicator_client.post(URL, data).content.decode()
    box = re.search(
        r'<div class="alert alert-warning" id="charged-warning">.*?</div>\s*</div>', html, re.S
    ).group(0)
    assert "sista arbetsdagen före julafton" in box
    assert 'name="acknowledge_charged"' in box
    assert ("#id_acknowledge_charged", "Kryssa i ”Jag har läst varningen” för att boka ändå.") in _summary(
        html
    ) or [href for href, _m in _summary(html) if href == "#id_acknowledge_charged"]
    data["acknowledge_charged"] = "on"
    assert communicator_client.post(URL, data).status_code == 302
