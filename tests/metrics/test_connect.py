"""Connecting an account: the OAuth code flow against a fake authorization server, and a pasted token."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse
from django.utils import timezone

from platforms.models import AccountConnection
from tests.fakes.oauth import FakeAuthServer

PAGE_TOKEN = "EAAPageToken" + "p" * 30


@pytest.fixture
def auth_server(settings, fake_facebook, account):
    fake = FakeAuthServer().start()
    # Meta's login ends with the Page's own token, listed by /me/accounts for the long-lived user token.
    fake.on_issue = fake_facebook.tokens.add
    fake_facebook.page_tokens = [
        {"id": "999", "name": "Någon annan sida", "access_token": "EAAOther" + "o" * 30},
        {"id": account.platform_id, "name": account.name, "access_token": PAGE_TOKEN},
    ]
    oauth = {platform: dict(config) for platform, config in settings.OAUTH.items()}
    for platform in ("facebook", "x"):
        oauth[platform].update(
            client_id="app-id",
            client_secret="app-secret",
            authorize_url=f"{fake.url}/authorize",
            token_url=f"{fake.url}/token",
        )
    settings.OAUTH = oauth
    yield fake
    fake.stop()


def run_flow(client, account):
    start = client.post(reverse("metrics:account-connect-start", args=[account.pk]))
    assert start.status_code == 302
    # The browser goes to the authorization server, which sends it back with a code.
    grant = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert grant.status_code == 302
    back = urlsplit(grant.headers["Location"])
    assert back.path == reverse("metrics:connect-callback")
    return start, client.get(f"{back.path}?{back.query}")


def test_a_lead_connects_a_facebook_account_with_oauth(auth_server, lead_client, account):
    start, done = run_flow(lead_client, account)
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["client_id"] == ["app-id"] and "code_challenge" not in query
    assert done.status_code == 302 and done["Location"] == reverse(
        "metrics:account-connect", args=[account.pk]
    )
    account.refresh_from_db()
    assert account.access_token == PAGE_TOKEN  # the Page's token, not the person's
    token_calls = [c.body.decode() for c in auth_server.calls("POST", "/token$")]
    assert "grant_type=authorization_code" in token_calls[0] and "fb_exchange_token" in token_calls[1]
    connection = AccountConnection.objects.get(account=account)
    assert connection.status == AccountConnection.Status.OK
    assert connection.expires_at is None  # a Page token does not expire
    page = lead_client.get(reverse("metrics:account-connect", args=[account.pk]))
    assert PAGE_TOKEN not in page.text and auth_server.issued[0] not in page.text


def test_meta_sign_in_by_someone_who_does_not_manage_the_page_changes_nothing(
    auth_server, fake_facebook, lead_client, account
):
    fake_facebook.page_tokens = [
        {"id": "999", "name": "Någon annan sida", "access_token": "EAAOther" + "o" * 30}
    ]
    _start, done = run_flow(lead_client, account)
    assert done.status_code == 302
    account.refresh_from_db()
    assert account.access_token == ""


def test_x_uses_pkce(auth_server, akn_client, account):
    account.platform = "x"
    account.save()
    start, done = run_flow(akn_client, account)
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert done.status_code == 302
    account.refresh_from_db()
    assert account.access_token.startswith("token-")


def test_a_forged_or_replayed_state_is_refused(auth_server, lead_client, account):
    start = lead_client.post(reverse("metrics:account-connect-start", args=[account.pk]))
    grant = requests.get(start["Location"], allow_redirects=False, timeout=5)
    back = urlsplit(grant.headers["Location"])
    assert lead_client.get(f"{back.path}?{back.query}").status_code == 302
    assert lead_client.get(f"{back.path}?{back.query}").status_code == 400  # replayed
    forged = lead_client.get(reverse("metrics:connect-callback") + "?state=forged&code=x")
    assert forged.status_code == 400


def test_a_denied_grant_changes_nothing(auth_server, lead_client, account):
    auth_server.deny = True
    _start, done = run_flow(lead_client, account)
    assert done.status_code == 302
    account.refresh_from_db()
    assert account.access_token == ""


def test_a_lead_who_lost_the_role_mid_flow_cannot_finish(auth_server, lead_client, lead, account):
    start = lead_client.post(reverse("metrics:account-connect-start", args=[account.pk]))
    grant = requests.get(start["Location"], allow_redirects=False, timeout=5)
    lead.role_assignments.all().delete()
    back = urlsplit(grant.headers["Location"])
    assert lead_client.get(f"{back.path}?{back.query}").status_code == 404
    account.refresh_from_db()
    assert account.access_token == ""


def test_pasting_a_token_connects_and_reconnects_a_needy_account(lead_client, account):
    AccountConnection.objects.create(account=account, status=AccountConnection.Status.NEEDS_NEW_TOKEN)
    response = lead_client.post(
        reverse("metrics:account-connect-token", args=[account.pk]),
        {"token": "EAAB" + "x" * 40, "expires_on": "2027-01-20"},
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.access_token == "EAAB" + "x" * 40
    connection = AccountConnection.objects.get(account=account)
    assert connection.status == AccountConnection.Status.OK and connection.expires_at.year == 2027


def test_a_too_short_token_is_refused_with_a_message(lead_client, account):
    response = lead_client.post(reverse("metrics:account-connect-token", args=[account.pk]), {"token": "abc"})
    assert response.status_code == 200
    assert response.context["form"].has_error("token", code="short")
    account.refresh_from_db()
    assert account.access_token == ""


def test_editors_may_not_connect(editor_client, account):
    assert editor_client.get(reverse("metrics:account-connect", args=[account.pk])).status_code == 403
    assert editor_client.post(reverse("metrics:account-connect-start", args=[account.pk])).status_code == 403


def test_the_page_says_what_the_platform_cannot_do(lead_client, account):
    account.platform = "linkedin"
    account.save()
    page = lead_client.get(reverse("metrics:account-connect", args=[account.pk]))
    assert page.status_code == 200
    missing = {str(c["label"]): str(c["reason"]) for c in page.context["capabilities"] if not c["able"]}
    from django.conf import settings
    from django.utils import translation

    from platforms.base import Capability
    from platforms.linkedin import LinkedInClient

    assert str(LinkedInClient.missing[Capability.HIDE]) in missing.values()
    with translation.override(settings.LANGUAGE_CODE):  # the page's language
        assert str(LinkedInClient.missing[Capability.HIDE]) in page.content.decode()


def _expiring(account, platform="x", minutes=5, refresh="r-1"):
    from platforms import services

    account.platform = platform
    account.save()
    services.account_connect(
        account=account,
        token="old-token-" + "x" * 20,
        by=None,
        expires_at=timezone.now() + timedelta(minutes=minutes),
        refresh_token=refresh,
    )


def test_a_token_about_to_run_out_is_refreshed(auth_server, account):
    from platforms import services

    _expiring(account)
    assert services.connection_refresh_if_due(account=account)
    account.refresh_from_db()
    assert account.access_token == auth_server.issued[-1]
    connection = AccountConnection.objects.get(account=account)
    assert connection.expires_at > timezone.now() + timedelta(days=59)
    assert connection.refresh_token == "r-1"
    assert not services.connection_refresh_if_due(account=account)  # not due any more
    body = auth_server.calls("POST", "/token$")[-1].body.decode()
    assert "grant_type=refresh_token" in body and "refresh_token=r-1" in body


def test_a_token_far_from_its_end_is_left_alone(auth_server, account):
    from platforms import services

    _expiring(account, minutes=600)
    assert not services.connection_refresh_if_due(account=account)
    assert auth_server.calls() == []


def test_a_revoked_refresh_token_stops_pulls_until_reconnected(auth_server, account, fake_x):
    from metrics import services

    _expiring(account, refresh="revoked")
    result = services.account_pull(account=account)
    assert result.skipped == "needs_new_token"
    assert AccountConnection.objects.get(account=account).status == AccountConnection.Status.NEEDS_NEW_TOKEN
    assert fake_x.seen == []


def test_the_account_page_shows_a_needy_connection_to_its_editors(editor_client, account):
    AccountConnection.objects.create(
        account=account,
        status=AccountConnection.Status.NEEDS_NEW_TOKEN,
        last_error="facebook GET /v25.0/1/posts: code 190/463: Session has expired <script>x</script>",
    )
    page = editor_client.get(reverse("accounts:account-detail", args=[account.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="account-connection"' in html and "flag-danger" in html
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    # Editors see the state but not the way to change it.
    assert reverse("metrics:account-connect", args=[account.pk]) not in html


def test_the_account_page_offers_the_lead_to_renew(lead_client, account):
    page = lead_client.get(reverse("accounts:account-detail", args=[account.pk]))
    assert reverse("metrics:account-connect", args=[account.pk]) in page.content.decode()
