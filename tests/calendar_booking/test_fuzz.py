"""Quality bar: bad input never becomes a 500 — the booking form, the move form and the filters."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calendar_booking.models import BookingSlot

from .helpers import book

pytestmark = pytest.mark.django_db

NASTY = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["<script>alert(1)</script>", "=cmd|' /C calc'!A0", "\x00", "2026-13-45T25:61", "-1", "9" * 40]
    ),
)
FIELDS = [
    "administration",
    "title",
    "draft_text",
    "objective",
    "category",
    "topics",
    "target_group",
    "link",
    "media_type",
    "ad_budget",
    "ad_starts_on",
    "ad_ends_on",
    "slot0-account",
    "slot0-starts_at",
    "slot1-account",
    "slot1-starts_at",
    "is_charged",
    "expects_high_activity",
    "is_advertising",
    "faq_text",
    "crisis_override",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(FIELDS), NASTY, max_size=len(FIELDS)))
def test_the_booking_form_never_answers_500(communicator_client, citywide_account, data):
    response = communicator_client.post(reverse("calendar_booking:booking-create"), data)
    assert response.status_code in (200, 302)
    assert b"<script>alert(1)</script>" not in response.content


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.dictionaries(
        st.sampled_from(
            ["account", "administration", "category", "objective", "status", "after", "from", "to", "start"]
        ),
        NASTY,
        max_size=5,
    )
)
# Found by this test: well-formed but impossible times and dates.
@example(query={"account": "1", "start": "0000-0-0T0:0"})
@example(query={"from": "2026-02-30", "to": "9999-12-31"})
def test_the_calendar_pages_never_answer_500(communicator_client, query):
    for url in (
        reverse("calendar_booking:calendar-week", args=[2026, 48]),
        reverse("calendar_booking:calendar-month", args=[2026, 11]),
        reverse("calendar_booking:booking-create"),
    ):
        assert communicator_client.get(url, query).status_code == 200, (url, query)
    # A page cursor the list did not write is a 400 that says so (helsocial/pagination.py).
    listed = communicator_client.get(reverse("calendar_booking:booking-list"), query)
    assert listed.status_code == (400 if query.get("after") else 200), query
    # A date the export cannot use is a 400 that says how to write it (helsocial/dates.py).
    export = communicator_client.get(reverse("calendar_booking:booking-export"), query)
    assert export.status_code in (200, 400)
    if export.status_code == 200:
        b"".join(export.streaming_content)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(st.sampled_from(["account", "starts_at", "acknowledge_charged"]), NASTY, max_size=3)
)
def test_the_move_form_never_answers_500(
    communicator_client, communicator, administration, citywide_account, data
):
    # Hypothesis runs every example in the test's one transaction: book once, then reuse it.
    slot = BookingSlot.objects.filter(booking__title="Fuzz").first()
    if slot is None:
        slot = book(
            communicator, administration, (citywide_account, "2026-12-02 10:00"), title="Fuzz"
        ).slots.get()
    response = communicator_client.post(reverse("calendar_booking:slot-move", args=[slot.pk]), data)
    assert response.status_code in (200, 302)
