"""ICS feeds, parsed back with icalendar: stable UIDs, SEQUENCE, cancellations, no foreign drafts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Role
from calendar_booking.models import CalendarFeedToken
from calendar_booking.services.bookings import booking_cancel
from calendar_booking.services.feeds import feed_token_renew
from calendar_booking.services.slots import booking_move
from tests.factories import UserFactory

from .helpers import at, book

pytestmark = pytest.mark.django_db

OWN_DRAFT = "EGET-UTKAST-1"
OTHER_DRAFT = "ANDRAS-UTKAST-2"


@pytest.fixture
def day():
    d = timezone.localdate() + timedelta(days=10)
    while d.weekday() != 2:
        d += timedelta(days=1)
    return d


@pytest.fixture
def other_booker(other_administration):
    return UserFactory(username="other_booker", roles=[(Role.COMMUNICATOR, other_administration)])


def events(client, token) -> dict:
    response = client.get(reverse("calendar_booking:feed-ics", args=[token.secret]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def descriptions(client, token) -> str:
    return "\n".join(str(e.get("description", "")) for e in events(client, token).values())


def test_a_move_keeps_the_uid_and_raises_the_sequence(
    client, communicator, administration, citywide_account, day
):
    booking = book(communicator, administration, (citywide_account, at(f"{day} 10:00")), draft_text=OWN_DRAFT)
    token = CalendarFeedToken.objects.create(owner=communicator, kind="user")
    before = events(client, token)
    assert len(before) == 1
    ((uid, event),) = before.items()
    assert int(event["sequence"]) == 0
    assert event["status"] == "CONFIRMED"
    assert event.decoded("dtstart") == at(f"{day} 10:00")
    booking_move(slot=booking.slots.get(), by=communicator, starts_at=at(f"{day} 14:00"))
    after = events(client, token)
    assert list(after) == [uid]
    assert int(after[uid]["sequence"]) == 1
    assert after[uid].decoded("dtstart") == at(f"{day} 14:00")


def test_a_cancellation_stays_in_the_feed_as_cancelled(
    client, communicator, administration, citywide_account, day
):
    booking = book(communicator, administration, (citywide_account, at(f"{day} 10:00")))
    token = CalendarFeedToken.objects.create(
        owner=communicator, kind="administration", administration=administration
    )
    booking_cancel(booking=booking, by=communicator)
    (event,) = events(client, token).values()
    assert event["status"] == "CANCELLED"
    assert int(event["sequence"]) == 1


def test_no_feed_shows_another_administrations_draft(
    client, communicator, administration, other_booker, other_administration, citywide_account, day, akn_user
):
    book(
        communicator,
        administration,
        (citywide_account, at(f"{day} 10:00")),
        draft_text=OWN_DRAFT,
        title="Egen",
    )
    book(
        other_booker,
        other_administration,
        (citywide_account, at(f"{day} 13:00")),
        draft_text=OTHER_DRAFT,
        title="Andras",
    )
    tokens = [
        CalendarFeedToken.objects.create(owner=communicator, kind="user"),
        CalendarFeedToken.objects.create(
            owner=communicator, kind="administration", administration=administration
        ),
        CalendarFeedToken.objects.create(owner=communicator, kind="account", account=citywide_account),
    ]
    account_feed = events(client, tokens[2])
    summaries = sorted(str(e["summary"]) for e in account_feed.values())
    assert summaries == ["Andras – Helsingborgs stad (Facebook)", "Egen – Helsingborgs stad (Facebook)"]
    for token in tokens:
        body = client.get(reverse("calendar_booking:feed-ics", args=[token.secret])).content.decode()
        assert OTHER_DRAFT not in body.replace("\r\n ", ""), token.kind  # unfolded raw text
        assert OTHER_DRAFT not in descriptions(client, token), token.kind
    # The owner's förvaltning does see its own draft; AKN sees all.
    assert OWN_DRAFT in descriptions(client, tokens[2])
    akn_token = CalendarFeedToken.objects.create(owner=akn_user, kind="account", account=citywide_account)
    assert OTHER_DRAFT in descriptions(client, akn_token)


def test_a_renewed_token_retires_the_old_address(client, communicator):
    token = CalendarFeedToken.objects.create(owner=communicator, kind="user")
    old = token.secret
    feed_token_renew(token=token)
    assert client.get(reverse("calendar_booking:feed-ics", args=[old])).status_code == 404
    assert client.get(reverse("calendar_booking:feed-ics", args=[token.secret])).status_code == 200


def test_a_feed_follows_its_owners_roles(client, communicator, administration):
    token = CalendarFeedToken.objects.create(
        owner=communicator, kind="administration", administration=administration
    )
    communicator.role_assignments.all().delete()
    assert client.get(reverse("calendar_booking:feed-ics", args=[token.secret])).status_code == 404


def test_renewal_through_the_page(communicator_client, communicator):
    token = CalendarFeedToken.objects.create(owner=communicator, kind="user")
    old = token.secret
    assert (
        communicator_client.post(reverse("calendar_booking:feed-renew", args=[token.pk])).status_code == 302
    )
    token.refresh_from_db()
    assert token.secret != old and token.renewed_at is not None
