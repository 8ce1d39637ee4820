"""Red days in the week and the month, named from the working-day calendar; the charged-content
guard names the day it protects."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from .helpers import book

pytestmark = pytest.mark.django_db


def test_the_week_names_its_red_days(communicator_client, citywide_account):
    url = reverse("calendar_booking:calendar-week", args=[2026, 52])
    html = communicator_client.get(url).content.decode()
    # Julafton (a de facto day off), juldagen and annandag jul, each on its day's column.
    for name in ("Julafton", "Juldagen", "Annandag jul"):
        assert f'<span class="d-block small cal-holiday">{name}</span>' in html
    assert html.count('<th scope="col" class="cal-red-day"') == 3
    assert 'data-day="tors 24 dec Julafton"' in html  # the agenda's label of the cell
    assert 'data-day="ons 23 dec"' in html


def test_the_month_names_its_red_days(communicator_client, citywide_account):
    url = reverse("calendar_booking:calendar-month", args=[2026, 6])
    html = communicator_client.get(url).content.decode()
    assert '<span class="d-block small cal-holiday">Midsommarafton</span>' in html
    assert '<span class="d-block small cal-holiday">Nationaldagen</span>' in html
    assert "December" not in html and "Juni 2026" in html  # Swedish month name in the heading


def test_a_plain_week_has_no_red_day(communicator_client, citywide_account):
    url = reverse("calendar_booking:calendar-week", args=[2026, 47])
    html = communicator_client.get(url).content.decode()
    assert "cal-holiday" not in html


@pytest.mark.parametrize(
    ("moment", "protects", "next_day"),
    [
        ("2026-12-23 15:30", "sista arbetsdagen före julafton", "måndag 28 dec"),
        ("2026-11-27 15:30", "sista arbetsdagen före helgen", "måndag 30 nov"),
        ("2026-06-18 16:00", "sista arbetsdagen före midsommarafton", "måndag 22 jun"),
    ],
)
def test_the_charged_guard_names_the_day_it_protects(
    communicator, administration, citywide_account, moment, protects, next_day
):
    with pytest.raises(ValidationError) as caught:
        book(communicator, administration, (citywide_account, moment), is_charged=True)
    message = caught.value.messages[0]
    assert protects in message, message
    assert next_day in message, message
    assert "fredagar" not in message
    assert date.fromisoformat(moment[:10]).strftime("%Y-%m-%d") not in message  # "23 dec 15:30" instead
