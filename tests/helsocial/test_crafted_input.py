"""Crafted input that once ended in a 500 (issue #12): each is now a 400 or a 404 in Swedish.

The page cursor of every keyset list, the years and weeks in calendar addresses, a booked time in
year 1 or 9999, and the exports' `from`/`to` all go through one shared place (helsocial/pagination.py,
helsocial/dates.py), so these tests try each address the issue names and more of the same kind.
"""

import base64
import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

REFUSED_CURSOR = "Länken till den här sidan i listan är skadad eller inaktuell"


def cursor(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


IMPOSSIBLE_CURSORS = [
    cursor([{"d": "2026-02-30"}, 1]),  # the cursor, for a two-field order
    cursor([{"d": "2026-02-30"}, 1, 1]),  # … and for the queue's three fields
    cursor([{"dt": "2026-02-30T10:00:00+01:00"}, 1, 1]),
    cursor([{"dt": "9999-12-31T23:30:00-12:00"}, 1]),
    cursor([0, {"dt": "0001-01-01T00:00:00+14:00"}, 1]),
    cursor(["a\x00b", 1]),
    "%%%",
]


@pytest.fixture
def keyset_lists(akn_client, communicator_client, administration, account, citywide_account):
    """Every keyset list of the issue, with a client that may see it."""
    return [
        (akn_client, reverse("accounts:account-list")),
        (akn_client, reverse("accounts:person-list")),
        (akn_client, reverse("moderation:queue-kc")),
        (akn_client, reverse("moderation:queue-administration", args=[administration.pk])),
        (communicator_client, reverse("calendar_booking:booking-list")),
    ]


@pytest.mark.parametrize("after", IMPOSSIBLE_CURSORS)
def test_an_impossible_cursor_is_a_400_in_swedish_on_every_keyset_list(keyset_lists, after):
    for client, url in keyset_lists:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, {"after": after}, headers=headers)
            assert response.status_code == 400, (url, after, headers)
            assert REFUSED_CURSOR in response.content.decode(), url


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    after=st.one_of(
        st.text(max_size=200),
        st.builds(
            cursor,
            st.lists(
                st.one_of(
                    st.text(max_size=30),
                    st.integers(),
                    st.none(),
                    st.booleans(),
                    st.floats(allow_nan=False),
                    st.fixed_dictionaries({"d": st.text(max_size=12)}),
                    st.fixed_dictionaries({"dt": st.text(max_size=30)}),
                    st.fixed_dictionaries({"d": st.dates().map(str)}),
                    st.fixed_dictionaries({"dt": st.datetimes().map(lambda t: t.isoformat() + "+14:00")}),
                ),
                max_size=4,
            ),
        ),
    )
)
@example(after=cursor([{"d": "2026-02-30"}, 1]))
def test_no_cursor_is_a_500_on_any_keyset_list(keyset_lists, after):
    for client, url in keyset_lists:
        assert client.get(url, {"after": after}).status_code in (200, 400), (url, after)


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/week/9999/52/",
        "/calendar/week/1/1/",
        "/calendar/week/0001/1/",
        "/calendar/week/1899/52/",
        "/calendar/week/3000/1/",
        "/calendar/week/2026/0/",
        "/calendar/week/2026/54/",
        "/calendar/week/2026/99999999999999999999/",
        "/calendar/month/9999/12/",
        "/calendar/month/2026/13/",
        "/calendar/month/0/1/",
    ],
)
def test_a_year_or_week_outside_the_calendar_is_a_404_in_swedish(communicator_client, path):
    response = communicator_client.get(path)
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.content.decode()


def test_the_first_and_last_weeks_in_range_show_and_link_on(communicator_client):
    for year, week in ((1900, 1), (2999, 52)):
        response = communicator_client.get(reverse("calendar_booking:calendar-week", args=[year, week]))
        assert response.status_code == 200
        # One step past the range is an ordinary link that answers 404, never a crash.
        assert communicator_client.get(response.context["prev_url"]).status_code in (200, 404)
        assert communicator_client.get(response.context["next_url"]).status_code in (200, 404)


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("moderation:export-csv", {"from": "9999-12-31", "to": "9999-12-31"}),
        ("moderation:export-csv", {"from": "0001-01-01", "to": "2026-01-01"}),
        ("moderation:export-csv", {"from": "2026-01-01", "to": "9999-12-31"}),
        ("calendar_booking:booking-export", {"from": "9999-12-31"}),
        ("calendar_booking:booking-export", {"from": "0001-01-01", "to": "0001-01-02"}),
        ("calendar_booking:booking-export", {"to": "9999-12-31"}),
        ("calendar_booking:booking-export", {"from": "2026-02-30"}),
    ],
)
def test_an_export_from_a_day_outside_the_range_is_a_400_in_swedish(akn_client, url, query):
    response = akn_client.get(reverse(url), query)
    assert response.status_code == 400
    body = response.content.decode()
    assert "ÅÅÅÅ-MM-DD" in body and "1900-01-01" in body and "2999-12-31" in body


def booking_post(administration, account, starts_at: str) -> dict:
    return {
        "administration": administration.pk,
        "title": "Simskola i sommar",
        "draft_text": "Anmäl ditt barn till simskolan!",
        "objective": "activate",
        "category": "tips",
        "topics": ["leisure"],
        "target_group": "Föräldrar i Helsingborg",
        "link": "https://helsingborg.se/simskola",
        "media_type": "image",
        "rights_confirmed": "on",
        "consent_confirmed": "on",
        "slot0-account": account.pk,
        "slot0-starts_at": starts_at,
    }


@pytest.mark.parametrize(
    "starts_at",
    ["0001-01-01T00:30", "0001-01-01T10:00", "9999-12-31T10:00", "9999-12-31T23:30", "1899-12-31T23:59"],
)
def test_a_booked_time_in_year_1_or_9999_is_a_field_error(
    communicator_client, administration, citywide_account, starts_at
):
    response = communicator_client.post(
        reverse("calendar_booking:booking-create"), booking_post(administration, citywide_account, starts_at)
    )
    assert response.status_code == 200
    assert "Ange ett datum mellan 1900-01-01 och 2999-12-31." in response.content.decode()


def test_a_booked_time_can_be_moved_only_within_the_range(
    communicator_client, communicator, administration, citywide_account
):
    from tests.calendar_booking.helpers import book

    slot = book(communicator, administration, (citywide_account, "2026-12-02 10:00")).slots.get()
    for starts_at in ("9999-12-31T23:30", "0001-01-01T00:30"):
        response = communicator_client.post(
            reverse("calendar_booking:slot-move", args=[slot.pk]),
            {"account": citywide_account.pk, "starts_at": starts_at},
        )
        assert response.status_code == 200
        assert "Ange ett datum mellan 1900-01-01 och 2999-12-31." in response.content.decode()


@pytest.mark.parametrize("number", ["²", "①", "٣", "99999999999999999999", "-1"])
def test_an_odd_number_in_an_address_is_never_a_500(
    akn_client, communicator_client, citywide_account, number
):
    # str.isdigit() accepts "²", which int() refuses; a number past bigint reaches the database.
    assert akn_client.get(reverse("moderation:comments-bulk"), {"like": number}).status_code in (200, 404)
    bulk = akn_client.post(
        reverse("moderation:comments-bulk"), {"comment": [number], "action": "no_action", "next": "/"}
    )
    assert bulk.status_code == 302
    prefilled = communicator_client.get(
        reverse("calendar_booking:booking-create"), {"account": number, "start": "2026-12-02T10:00"}
    )
    assert prefilled.status_code == 200


# --- endpoints that read the request without a form class (the forms: tests/test_forms_fuzz.py) ---

ANYTHING = st.one_of(
    st.sampled_from(
        ["", "\x00", "\ud800", "\u202e", "x" * 50_000, "²", "-1", "99999999999999999999", "2026-02-30"]
    ),
    st.text(max_size=100),
    st.text(alphabet=st.characters(codec=None, categories=["Cs", "Cc", "Zs"]), max_size=10),
)
RAW_FIELDS = {
    "moderation:comment-act": ["action", "rule", "reply_text", "message_text"],
    "moderation:comments-bulk": ["comment", "action", "rule", "next"],
    "tone:panel": ["text", "text_field", "draft_text", "kind", "media_type", "objective", "link"],
}
ACTIONS = ["reply", "like", "no_action", "hide", "unhide", "delete", "block", "message", "removed_outside"]


def as_browser_sends(data: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, v.encode("utf-8", "surrogatepass")) for k, v in data.items()])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    url_name=st.sampled_from(sorted(RAW_FIELDS)),
    data=st.data(),
)
def test_any_post_to_an_endpoint_without_a_form_class_is_answered(
    editor_client, editor, account, url_name, data
):
    from moderation.ingest import comments_ingest
    from moderation.models import Comment
    from tests.moderation.helpers import remote

    comment = Comment.objects.filter(platform_id="fuzz").first()
    if comment is None:  # every example runs in the test's one transaction
        comments_ingest(account=account, items=[remote("fuzz", "När börjar skolan?")])
        comment = Comment.objects.get(platform_id="fuzz")
    fields = {
        name: data.draw(st.one_of(ANYTHING, st.sampled_from(ACTIONS), st.just(str(comment.pk))), label=name)
        for name in RAW_FIELDS[url_name]
        if data.draw(st.booleans(), label=f"{name} given")
    }
    url = reverse(url_name, args=[comment.pk]) if url_name == "moderation:comment-act" else reverse(url_name)
    for headers in ({}, {"HX-Request": "true"}):
        response = editor_client.post(
            url, as_browser_sends(fields), content_type="application/x-www-form-urlencoded", headers=headers
        )
        assert response.status_code < 500, (url_name, fields)
