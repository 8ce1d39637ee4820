"""Logging in through the real form: repeated failures lock the person out, in Swedish, never a 500."""

import pytest
from django.conf import settings
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
