"""The list's pages: the missed bookings of any time, then every one from yesterday on, in time order,
page after page; read in two bounded parts, the pages hold exactly what one condition would."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Administration
from calendar_booking import selectors
from calendar_booking.models import Booking, BookingSlot, Status

from .helpers import fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(administration, communicator, account, citywide_account, other_account):
    """Slots long ago and to come, in every status, on three accounts; `other_account` is another
    förvaltning's, which the communicator does not see."""
    now = timezone.now().replace(second=0, microsecond=0)
    hour = timedelta(hours=1)
    plan = [
        # (days from now, status): published and cancelled ones in the past stay off the list
        (-400, Status.MISSED),
        (-300, Status.PUBLISHED),
        (-200, Status.MISSED),
        (-100, Status.CANCELLED),
        (-30, Status.MISSED),
        (-3, Status.PUBLISHED),
        (-0.5, Status.MISSED),  # since yesterday: listed as one of the coming ones
        (-0.25, Status.PUBLISHED),
        (1, Status.PLANNED),
        (2, Status.CANCELLED),
        (3, Status.PLANNED),
        (9, Status.PLANNED),
    ]
    booking = Booking.objects.create(administration=administration, author=communicator, **fields())
    slots = []
    for n, (days, status) in enumerate(plan):
        for i, on in enumerate((account, citywide_account, other_account)):
            start = now + timedelta(days=days) + i * 3 * hour + timedelta(minutes=n)
            slots.append(
                BookingSlot(
                    booking=booking,
                    account=on,
                    starts_at=start,
                    ends_at=start + hour,
                    blocked_until=start + hour,
                    status=status,
                )
            )
    BookingSlot.objects.bulk_create(slots)
    return now


def _walk(slots, *, since, status="", size=2) -> list[int]:
    ids, after = [], None
    for _page in range(50):
        page = selectors.slot_list_page(
            slots, after=after, size=size, openable=Administration.objects.all(), since=since, status=status
        )
        ids += [slot.pk for slot in page.rows]
        if not page.has_next:
            return ids
        after = page.next_cursor
    raise AssertionError("the pages never ended")


@pytest.mark.parametrize("status", ["", Status.MISSED, Status.PLANNED, Status.CANCELLED])
@pytest.mark.parametrize("size", [1, 2, 5, 50])
def test_pages_hold_the_missed_then_the_coming(history, communicator, status, size):
    from calendar_booking.access import CalendarAccess

    since = history - timedelta(days=1)
    listed = selectors.slot_list(accounts_q=CalendarAccess(communicator).accounts(), status=status)
    expected = list(
        listed.filter(Q(starts_at__gte=since) | Q(status=Status.MISSED))
        .order_by("starts_at", "id")
        .values_list("pk", flat=True)
    )
    assert expected  # something to page through in every case
    assert _walk(listed, since=since, status=status, size=size) == expected


def test_the_list_page_orders_missed_before_coming(history, communicator_client):
    html = communicator_client.get(reverse("calendar_booking:booking-list")).content.decode()
    rows = html.split('<tbody id="calendar-period">', 1)[1].split("</tbody>", 1)[0]
    assert "✖ Missad" in rows and "Planerad" in rows
    assert rows.index("✖ Missad") < rows.index("Planerad")
