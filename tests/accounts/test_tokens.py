"""Platform tokens are encrypted at rest and never rendered in a page."""

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection
from django.urls import reverse

from accounts.models import SocialAccount

TOKEN = "EAAG-ZZ9-plural-z-alpha-0000-hemlig-token"


@pytest.fixture
def tokened(account):
    account.access_token = TOKEN
    account.save()
    return account


def pages_of(account):
    return [
        reverse("home"),
        reverse("accounts:account-list"),
        reverse("accounts:account-list") + "?q=Skolor",
        reverse("accounts:account-mine"),
        reverse("accounts:account-detail", args=[account.pk]),
        reverse("accounts:account-edit", args=[account.pk]),
        reverse("accounts:account-editors", args=[account.pk]),
        reverse("accounts:profile"),
    ]


@pytest.mark.parametrize("who", ["akn_client", "lead_client", "editor_client"])
def test_no_page_a_person_can_see_renders_the_token(request, tokened, who):
    client = request.getfixturevalue(who)
    shown = 0
    for url in pages_of(tokened):
        response = client.get(url, headers={"HX-Request": "true"} if "editors" in url else {})
        assert TOKEN not in response.content.decode(), url
        assert TOKEN[:16] not in response.content.decode(), url
        shown += response.status_code == 200
    assert shown >= 5  # the pages were really rendered, not refused


def test_the_detail_page_says_the_account_is_connected(akn_client, tokened):
    response = akn_client.get(reverse("accounts:account-detail", args=[tokened.pk]))
    assert response.context["account"].has_token


def test_the_database_holds_ciphertext_that_decrypts_to_the_token(tokened):
    with connection.cursor() as cursor:
        assert SocialAccount._meta.db_table == "accounts_socialaccount"
        cursor.execute("SELECT access_token FROM accounts_socialaccount WHERE id = %s", [tokened.pk])
        (stored,) = cursor.fetchone()
    assert TOKEN not in stored and stored
    key = settings.FIELD_ENCRYPTION_KEY.split(",")[0]
    assert Fernet(key).decrypt(stored.encode()).decode() == TOKEN
    assert SocialAccount.objects.get(pk=tokened.pk).access_token == TOKEN


def test_the_account_form_has_no_token_field(akn_client, tokened):
    response = akn_client.get(reverse("accounts:account-edit", args=[tokened.pk]))
    assert "access_token" not in response.context["form"].fields
