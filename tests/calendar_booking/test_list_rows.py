"""The list page's rows, written in one pass (cells.ListRows): local times, escaped titles, a link
only to a booking the person may open, the status's flag."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from tests.factories import UserFactory

from .helpers import at, book

pytestmark = pytest.mark.django_db


def _day():
    day = timezone.localdate() + timedelta(days=14)
    while day.weekday() != 2:
        day += timedelta(days=1)
    return day


def test_list_rows(client, communicator, administration, other_administration, citywide_account):
    day = _day()
    own = book(
        communicator, administration, (citywide_account, at(f"{day} 09:00")), title='<b>"Vår"</b> & co'
    )
    other_booker = UserFactory(username="other_booker", roles=[(Role.COMMUNICATOR, other_administration)])
    other = book(
        other_booker, other_administration, (citywide_account, at(f"{day} 13:00")), title="Miljövecka"
    )
    client.force_login(communicator)
    html = client.get(reverse("calendar_booking:booking-list")).content.decode()
    assert "&lt;b&gt;&quot;Vår&quot;&lt;/b&gt; &amp; co" in html
    assert "<b>" not in html
    detail = reverse("calendar_booking:booking-detail", args=[own.pk])
    assert f'<a href="{detail}">&lt;b&gt;' in html
    # Another förvaltning's booking: its title, never a link to it.
    assert "<td>Miljövecka</td>" in html
    assert reverse("calendar_booking:booking-detail", args=[other.pk]) not in html
    # Local (Stockholm) wall-clock time, as the template's date filter wrote it.
    assert f'<time datetime="{at(f"{day} 09:00").isoformat()}">{day} 09:00</time>' in html
    assert f"<td>{citywide_account.name} ({citywide_account.get_platform_display()})</td>" in html
    assert f"<td>{administration.name}</td>" in html
    assert "Planerad" in html  # the status's Swedish name
