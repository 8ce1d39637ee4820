"""The account pages issue the same number of queries for 5 accounts as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import summary
from accounts.models import Role
from tests.factories import AccountEditorFactory, SocialAccountFactory, UserFactory

MAX_QUERIES = 12


def populate(administration, count):
    editors = [UserFactory(username=f"ed{i}", roles=[(Role.EDITOR, administration)]) for i in range(3)]
    for index in range(count):
        account = SocialAccountFactory(administration=administration, name=f"Konto {index:03d}")
        AccountEditorFactory(account=account, user=editors[index % 3])
        if index % 2:
            AccountEditorFactory(account=account, user=editors[(index + 1) % 3])


def count_queries(client, url, *, kept=False, **kwargs):
    """The page's queries; unless `kept`, with none of the start page's figures kept
    (accounts/summary.py), so the page counts them itself."""
    if not kept:
        summary.forget_all_now()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(captured)


def count_both(client, url, **kwargs):
    """The queries of the page that counts the kept figures itself, then of the next one."""
    return (count_queries(client, url, **kwargs), count_queries(client, url, kept=True, **kwargs))


@pytest.mark.parametrize(
    ("who", "url", "headers"),
    [
        ("akn_client", reverse("accounts:account-list"), {}),
        ("lead_client", reverse("accounts:account-list"), {}),
        ("akn_client", reverse("accounts:account-list") + "?q=Konto", {"HX-Request": "true"}),
        ("akn_client", reverse("home"), {}),
        ("lead_client", reverse("home"), {}),
        ("akn_client", reverse("accounts:person-list"), {}),
        ("akn_client", reverse("accounts:administration-list"), {}),
    ],
)
def test_account_pages_stay_flat_from_5_to_200_accounts(request, administration, who, url, headers):
    client = request.getfixturevalue(who)
    populate(administration, 5)
    small = count_both(client, url, headers=headers)
    populate_more = 195
    editors = [UserFactory(username=f"more{i}", roles=[(Role.EDITOR, administration)]) for i in range(2)]
    for index in range(populate_more):
        account = SocialAccountFactory(administration=administration, name=f"Mer {index:03d}")
        AccountEditorFactory(account=account, user=editors[index % 2])
    large = count_both(client, url, headers=headers)
    assert large == small, f"{url}: {small} queries with 5 accounts, {large} with 200"
    assert max(large) <= MAX_QUERIES


def test_the_account_list_with_200_accounts_is_at_most_12_queries(
    akn_client, administration, django_assert_max_num_queries
):
    populate(administration, 200)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = akn_client.get(reverse("accounts:account-list"))
    assert response.status_code == 200
    assert len(response.context["page"].rows) == 50


def test_the_account_detail_is_flat_in_the_number_of_editors(akn_client, administration, account):
    small = count_queries(akn_client, reverse("accounts:account-detail", args=[account.pk]))
    for index in range(30):
        AccountEditorFactory(
            account=account, user=UserFactory(username=f"many{index}", roles=[(Role.EDITOR, administration)])
        )
    large = count_queries(akn_client, reverse("accounts:account-detail", args=[account.pk]))
    assert large == small <= MAX_QUERIES


def test_my_accounts_is_flat_in_the_number_of_accounts(editor_client, editor, administration):
    small = count_queries(editor_client, reverse("accounts:account-mine"))
    for _index in range(40):
        AccountEditorFactory(account=SocialAccountFactory(administration=administration), user=editor)
    large = count_queries(editor_client, reverse("accounts:account-mine"))
    assert large == small <= MAX_QUERIES
