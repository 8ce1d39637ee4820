"""Keyset pagination: every row once, in order, whatever the direction and however many ties."""

import base64
import json

import pytest
from django.utils import translation

from accounts.models import SocialAccount
from helsocial.errors import BadInput
from helsocial.pagination import keyset_page
from tests.factories import SocialAccountFactory


@pytest.fixture
def accounts(db, administration):
    # Many ties on name: only the id tells the rows apart.
    names = ["Alfa", "Beta", "Beta", "Beta", "Gamma", "Delta", "Beta", "Alfa", "Epsilon", "Beta", "Zeta"]
    return [SocialAccountFactory(administration=administration, name=name) for name in names]


def walk(order, size):
    seen, cursor, pages = [], None, 0
    while True:
        page = keyset_page(SocialAccount.objects.all(), order=order, after=cursor, size=size)
        seen.extend(account.pk for account in page.rows)
        pages += 1
        if not page.has_next:
            return seen, pages
        cursor = page.next_cursor


@pytest.mark.parametrize("order", [("name", "id"), ("-name", "-id"), ("-name", "id"), ("name", "-id")])
@pytest.mark.parametrize("size", [1, 2, 3, 5, 11, 50])
def test_walking_the_pages_gives_every_row_once_in_order(accounts, order, size):
    expected = list(SocialAccount.objects.order_by(*order).values_list("pk", flat=True))
    seen, pages = walk(order, size)
    assert seen == expected
    assert pages == max(1, -(-len(expected) // size))


def test_a_page_is_one_query(accounts, django_assert_num_queries):
    with django_assert_num_queries(1):
        keyset_page(SocialAccount.objects.all(), order=("name", "id"), after=None, size=3)


def _cursor(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "!!!",
        "not-base64-at-all",
        _cursor({"name": "Beta"}),
        _cursor(["Beta"]),
        _cursor(["Beta", 1, 2]),
        _cursor(["Beta", "not a number"]),
        _cursor(["Beta", True]),
        _cursor(["Beta", 1.5e300]),
        _cursor(["Beta", [1]]),
        _cursor([{"dt": "not a time"}, 3]),
        _cursor([{"d": "2026-02-30"}, 1]),
        _cursor([{"dt": "2026-02-30T10:00:00+01:00"}, 1]),
        _cursor([{"d": "0001-01-01"}, 1]),
        _cursor([{"dt": "9999-12-31T23:59:59-12:00"}, 1]),
        _cursor([{"d": "2026-01-01", "x": 1}, 1]),
        _cursor([{"q": "2026-01-01"}, 1]),
        _cursor([None, None]),
        _cursor([["nested"], {"x": 1}]),
        _cursor(["Be\x00ta", 1]),
        _cursor(["Be\ud800ta", 1]),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        base64.urlsafe_b64encode(b"[" * 100_000).decode(),
    ],
)
def test_a_tampered_cursor_is_refused_with_a_swedish_message(accounts, cursor):
    with pytest.raises(BadInput) as refused, translation.override("sv"):
        keyset_page(SocialAccount.objects.all(), order=("name", "id"), after=cursor, size=4)
    assert "förstasida" in refused.value.message


@pytest.mark.parametrize(
    "cursor",
    [_cursor([{"d": "2000-01-02"}, 1]), _cursor([{"dt": "2000-01-02T10:00:00"}, 1])],
)
def test_a_day_or_a_naive_moment_where_the_list_sorts_by_a_moment_is_refused(accounts, cursor):
    # The encoder writes a moment with its offset; Django would read these as naive local times.
    with pytest.raises(BadInput):
        keyset_page(SocialAccount.objects.all(), order=("created_at", "id"), after=cursor, size=4)


def test_a_moment_cursor_written_by_the_list_reads_the_next_page(accounts):
    first = keyset_page(SocialAccount.objects.all(), order=("created_at", "id"), after=None, size=2)
    second = keyset_page(
        SocialAccount.objects.all(), order=("created_at", "id"), after=first.next_cursor, size=2
    )
    assert second.rows and not {a.pk for a in first.rows} & {a.pk for a in second.rows}


def test_an_integer_past_any_column_is_an_empty_page_not_an_error(accounts):
    page = keyset_page(SocialAccount.objects.all(), order=("name", "id"), after=_cursor(["Zeta", 10**30]))
    assert page.rows == []


def test_an_empty_cursor_is_the_first_page(accounts):
    top = keyset_page(SocialAccount.objects.all(), order=("name", "id"), after=None, size=4)
    page = keyset_page(SocialAccount.objects.all(), order=("name", "id"), after="", size=4)
    assert [a.pk for a in page.rows] == [a.pk for a in top.rows]
