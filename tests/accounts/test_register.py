"""The public account register: no login; the city's open accounts per förvaltning; no closed
account, nothing AKN has taken out, no personal data."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import AccountEditorFactory, SocialAccountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts(administration, other_administration, editor, akn_user):
    shown = SocialAccountFactory(
        administration=administration, name="Kulturskolan", platform="instagram",
        url="https://www.instagram.com/kulturskolan", purpose="Elevernas konserter.",
        access_token="hemlig-token",
    )  # fmt: skip
    AccountEditorFactory(account=shown, user=editor)
    closed = SocialAccountFactory(
        administration=other_administration, name="Nedlagda projektet", closed_on="2026-06-01",
        closed_reason="Projektet är slut.", closed_by=akn_user,
    )  # fmt: skip
    hidden = SocialAccountFactory(administration=administration, name="Internt test", in_register=False)
    return shown, closed, hidden


def test_the_register_page_shows_open_accounts_without_a_login(accounts, administration):
    shown, closed, hidden = accounts
    response = Client().get(reverse("accounts:register"))
    body = response.content.decode()
    assert response.status_code == 200
    assert administration.name in body and shown.name in body and shown.url in body and shown.purpose in body
    assert closed.name not in body and hidden.name not in body


def test_the_feed_lists_the_same_accounts_and_nothing_personal(accounts, administration, editor, akn_user):
    _shown, closed, hidden = accounts
    response = Client().get(reverse("accounts:register-feed"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    [group] = data["administrations"]
    assert group["name"] == administration.name
    assert {entry["name"] for entry in group["accounts"]} == {"Kulturskolan", "Skolor i Helsingborg"}
    assert [entry for entry in group["accounts"] if entry["name"] == "Kulturskolan"] == [
        {
            "name": "Kulturskolan", "platform": "instagram", "platform_name": "Instagram",
            "url": "https://www.instagram.com/kulturskolan", "handle": "", "purpose": "Elevernas konserter.",
            "citywide": False,
        }
    ]  # fmt: skip
    text = response.content.decode()
    for personal in (
        editor.username,
        editor.email,
        editor.last_name,
        akn_user.email,
        "hemlig-token",
        closed.name,
        hidden.name,
    ):
        assert personal not in text


def test_akn_takes_an_account_out_of_the_register_on_its_edit_page(akn_client, accounts):
    shown, _closed, _hidden = accounts
    data = {
        "administration": shown.administration_id, "name": shown.name, "platform": shown.platform,
        "handle": "", "url": shown.url, "platform_id": shown.platform_id, "visibility": "open",
        "purpose": shown.purpose, "goal": "", "target_group": "", "end_date": "",
    }  # fmt: skip
    assert akn_client.post(reverse("accounts:account-edit", args=[shown.pk]), data).status_code == 302
    assert shown.name not in Client().get(reverse("accounts:register")).content.decode()
    data["in_register"] = "on"
    akn_client.post(reverse("accounts:account-edit", args=[shown.pk]), data)
    assert shown.name in Client().get(reverse("accounts:register")).content.decode()
