"""The month and week pages read the same few queries with 10 or 1,000 bookings."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from accounts.models import SocialAccount
from calendar_booking.models import Booking, BookingSlot
from calendar_booking.selectors import ROW_LIMIT
from tests.factories import SocialAccountFactory, UserFactory

from .helpers import STOCKHOLM, fields

pytestmark = pytest.mark.django_db

ACCOUNTS = 100
# Session, user, roles, edited accounts, the shown accounts (with their rules), their slots (the week) or
# per-day counts and first slots (the month): the same at every size.
PINNED_QUERIES = {"week": 6, "month": 7, "list": 5, "form": 6}
URLS = {
    "list": reverse_lazy("calendar_booking:booking-list"),
    "form": reverse_lazy("calendar_booking:booking-create"),
}


def _week_start():
    today = timezone.localdate() + timedelta(days=7)
    return today - timedelta(days=today.weekday())


def _fill(administration, author, city_administration, count: int) -> None:
    accounts = SocialAccountFactory.create_batch(
        ACCOUNTS, administration=city_administration, is_citywide=True
    )
    monday = _week_start()
    bookings = Booking.objects.bulk_create(
        Booking(administration=administration, author=author, **fields(title=f"Bokning {i}"))
        for i in range(count)
    )
    slots = []
    # Ten non-overlapping slots per account (three a day, three hours apart) keep the PostgreSQL
    # exclusion constraint satisfied.
    for i, booking in enumerate(bookings):
        account = accounts[i // 10 % ACCOUNTS]
        n = i % 10
        start = datetime.combine(monday + timedelta(days=n // 3), time(8 + 3 * (n % 3)), STOCKHOLM)
        slots.append(
            BookingSlot(
                booking=booking,
                account=account,
                starts_at=start,
                ends_at=start + timedelta(hours=1),
                blocked_until=start + timedelta(hours=2),
            )
        )
    BookingSlot.objects.bulk_create(slots)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["week", "month", "list", "form"])
def test_calendar_pages_stay_flat(
    page,
    communicator_client,
    communicator,
    administration,
    city_administration,
    django_assert_max_num_queries,
):
    monday = _week_start()
    year, week, _d = monday.isocalendar()
    url = {
        "week": reverse("calendar_booking:calendar-week", args=[year, week]),
        "month": reverse("calendar_booking:calendar-month", args=[monday.year, monday.month]),
        **URLS,
    }[page]
    _fill(administration, communicator, city_administration, 10)
    small = _count(communicator_client, url)
    _fill(administration, communicator, city_administration, 1000)
    with django_assert_max_num_queries(12):
        response = communicator_client.get(url)
    assert response.status_code == 200
    large = _count(communicator_client, url)
    assert BookingSlot.objects.count() == 1010
    assert small == large == PINNED_QUERIES[page], (small, large)
    html = response.content.decode()
    # A bounded number of account rows, whatever the number of accounts; search finds the others.
    assert "Only the first" not in html  # the Swedish page
    if page in ("week", "month"):
        assert f"Bara de första {ROW_LIMIT} kontona visas" in html
    if page == "week":
        assert html.count('<th scope="row">') == ROW_LIMIT
        SocialAccount.objects.filter(booking_slots__booking__title="Bokning 999").update(
            name="Dunkers kulturhus"
        )
        found = communicator_client.get(url, {"q": "dunkers"}).content.decode()
        assert "Bokning 999" in found
        assert found.count('<th scope="row">') == 1


def test_the_list_and_its_filters_load_no_access_token_and_escape_names(akn_client, city_administration):
    # AKN's filter offers every account, and the list shows each slot's: names, never the tokens
    # (decrypted per row loaded).
    account = SocialAccountFactory(
        administration=city_administration, name='Konto <b>"fet"</b>', access_token="hemlig-token-123"
    )
    booking = Booking.objects.create(
        administration=city_administration, author=UserFactory(), **fields(title="Bokning")
    )
    start = timezone.now() + timedelta(days=2)
    BookingSlot.objects.create(
        booking=booking,
        account=account,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        blocked_until=start + timedelta(hours=2),
    )
    with CaptureQueriesContext(connection) as captured:
        body = akn_client.get(reverse("calendar_booking:booking-list")).content.decode()
    account_reads = [q["sql"] for q in captured.captured_queries if '"accounts_socialaccount"' in q["sql"]]
    # The slots' accounts (the filter searches accounts by name instead of offering them all).
    assert len(account_reads) >= 1
    assert not [sql for sql in account_reads if '"access_token"' in sql]
    assert "Bokning" in body
    assert "Konto &lt;b&gt;&quot;fet&quot;&lt;/b&gt;" in body and "<b>" not in body.split("<main")[1]
