"""Logging in through the real form: repeated failures lock the person out, in Swedish, never a 500."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.fixtures_browser import PASSWORD


def post_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def swedish(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def test_the_right_password_logs_in_and_lands_on_the_start_page(client, lead):
    response = post_login(client, "lead", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_a_wrong_password_answers_with_the_form_again(client, lead):
    response = post_login(client, "lead", "fel-lösenord")
    assert response.status_code == 200
    assert b'name="password"' in response.content
    assert response.context["form"].non_field_errors()


def test_repeated_failures_lock_the_person_out_even_with_the_right_password(client, lead):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_login(client, "lead", "fel-lösenord").status_code == 200
    locked = post_login(client, "lead", "fel-lösenord")
    assert locked.status_code == 429
    refused = post_login(client, "lead", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    page = refused.content.decode()
    assert swedish("Too many failed attempts") in page
    assert 'lang="sv"' in page
    assert client.get(reverse("home")).status_code == 302  # still not logged in


def test_the_lock_out_is_per_person_and_address(client, lead, communicator):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "lead", "fel-lösenord")
    assert post_login(client, "communicator", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "username", ["", " ", "x" * 5000, "lead\x00", "<script>alert(1)</script>", "\u202eael", "lead' OR 1=1--"]
)
def test_odd_usernames_never_give_a_500(client, lead, username):
    response = post_login(client, username, "whatever")
    assert response.status_code in {200, 429}
    assert b"<script>alert(1)</script>" not in response.content


# --- behind the proxy: the client's address, not the proxy's ------------------------------------------

PROXY = "172.18.0.5"  # the TLS proxy of docker-compose, the only peer gunicorn sees
ATTACKER, VICTIM = "203.0.113.66", "198.51.100.7"


def via_proxy(client, username, password, client_address, *, sent_by_client=""):
    # Each party has its own browser: a logged-in session would skip the login form altogether.
    # The proxy appends the address it saw to what the client sent (nginx's $proxy_add_x_forwarded_for).
    forwarded = f"{sent_by_client}, {client_address}" if sent_by_client else client_address
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_behind_the_proxy_a_stranger_cannot_lock_a_person_out_for_everyone(behind_one_proxy, client, lead):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        via_proxy(client, "lead", "fel-lösenord", ATTACKER)
    assert via_proxy(client, "lead", PASSWORD, ATTACKER).status_code == 429
    # The same proxy address, another client: the person logs in.
    assert via_proxy(Client(), "lead", PASSWORD, VICTIM).status_code == 302


def test_an_address_the_client_writes_itself_is_not_believed(behind_one_proxy, client, lead):
    # The attacker claims to be the victim; the proxy appends the attacker's real address.
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        via_proxy(client, "lead", "fel-lösenord", ATTACKER, sent_by_client=VICTIM)
    assert via_proxy(client, "lead", PASSWORD, ATTACKER, sent_by_client=VICTIM).status_code == 429
    assert via_proxy(Client(), "lead", PASSWORD, VICTIM).status_code == 302


def test_with_two_proxies_the_client_is_two_entries_from_the_right(settings, client, lead):
    settings.TRUSTED_PROXY_COUNT = 2
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        via_proxy(client, "lead", "fel-lösenord", f"{ATTACKER}, 10.0.0.2")
    assert via_proxy(client, "lead", PASSWORD, f"{ATTACKER}, 10.0.0.2").status_code == 429
    assert via_proxy(Client(), "lead", PASSWORD, f"{VICTIM}, 10.0.0.2").status_code == 302


def test_without_a_proxy_the_header_is_ignored(settings, client, lead):
    settings.TRUSTED_PROXY_COUNT = 0
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        via_proxy(client, "lead", "fel-lösenord", ATTACKER)
    # Every request came from PROXY's connection, whatever the header said.
    assert via_proxy(Client(), "lead", PASSWORD, VICTIM).status_code == 429


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "999.1.1.1", " , ", "x" * 5000])
def test_a_forwarded_header_that_is_no_address_falls_back_to_the_connection(
    behind_one_proxy, client, lead, forwarded
):
    response = client.post(
        reverse("login"),
        {"username": "lead", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert response.status_code == 302
    from axes.models import AccessLog

    assert AccessLog.objects.get().ip_address == PROXY
