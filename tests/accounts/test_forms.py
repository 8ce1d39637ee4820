"""Bad input: every form answers with what is wrong, never a 500, and echoes nothing unescaped.

The wording of the errors is Swedish through the catalog; tests/helsocial/test_i18n.py checks the
translations, so here the field errors are checked for being there and being shown.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import AccountEditor, RoleAssignment, SocialAccount

HTMX = {"HX-Request": "true"}
PAYLOADS = [
    "<script>hx_attack()</script>",
    '"><img src=x onerror=hx_attack()>',
    "\u202eevil\u202c",
    "\u200f\u200e",
    "\x00",
    "\x07\x1b[31m",
    "' OR 1=1 --",
    "{{ 7*7 }}{% debug %}",
    "\ud7ff\ufffe",
    "x" * 300,
]
RAW = ("<script>hx_attack", "<img src=x onerror")
nasty = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(PAYLOADS)), max_size=3).map("".join)
ids = st.one_of(st.integers().map(str), nasty)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_answered(response, allowed=(200, 302)):
    assert response.status_code in allowed, response.status_code
    body = response.content.decode()
    for raw in RAW:
        assert raw not in body


# --- invalid forms answer 200 with the field's error --------------------------------------------------


def test_an_invalid_account_form_answers_with_the_field_errors(akn_client, administration):
    response = akn_client.post(
        reverse("accounts:account-create"),
        {"administration": administration.pk, "name": "", "platform": "myspace", "visibility": "open"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"name", "platform"}
    html = response.content.decode()
    assert "is-invalid" in html
    for message in errors["name"] + errors["platform"]:
        assert message in html
    assert not SocialAccount.objects.exists()


def test_an_account_with_a_platform_id_already_registered_is_refused_not_a_500(akn_client, account):
    response = akn_client.post(
        reverse("accounts:account-create"),
        {
            "administration": account.administration_id,
            "name": "Dubblett",
            "platform": account.platform,
            "platform_id": account.platform_id,
            "visibility": "open",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert SocialAccount.objects.count() == 1


def test_an_invalid_role_assignment_answers_with_the_field_error(akn_client, communicator):
    url = reverse("accounts:person-role-add", args=[communicator.pk])
    response = akn_client.post(url, {"role": "lead", "administration": ""}, headers=HTMX)
    assert response.status_code == 200
    assert response.context["role_form"].errors["administration"]
    assert response.context["role_form"].errors["administration"][0] in response.content.decode()
    assert not RoleAssignment.objects.filter(user=communicator, role="lead").exists()


def test_an_invalid_role_assignment_without_htmx_shows_the_page_with_the_error(akn_client, communicator):
    url = reverse("accounts:person-role-add", args=[communicator.pk])
    response = akn_client.post(url, {"role": "nonsense"})
    assert response.status_code == 200
    assert response.context["role_form"].errors["role"]
    assert "<html" in response.content.decode()


def test_an_invalid_profile_answers_with_the_field_errors(lead_client):
    response = lead_client.post(
        reverse("accounts:profile"), {"first_name": "", "title": "", "email": "inte-en-adress"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"first_name", "title", "email"}


# --- property tests: arbitrary text never gives a 500 ------------------------------------------------


@FUZZ
@given(first=nasty, last=nasty, title=nasty, signoff=nasty, email=nasty)
def test_any_profile_text_is_answered_and_escaped(lead_client, first, last, title, signoff, email):
    data = {"first_name": first, "last_name": last, "title": title, "signoff": signoff, "email": email}
    response = lead_client.post(reverse("accounts:profile"), data)
    assert_answered(response)
    if response.status_code == 302:
        assert_answered(lead_client.get(reverse("home")), allowed=(200,))
        assert_answered(lead_client.get(reverse("accounts:profile")), allowed=(200,))


@FUZZ
@given(name=nasty, handle=nasty, purpose=nasty, platform_id=nasty, url=nasty, end_date=nasty, platform=nasty)
def test_any_account_text_is_answered_and_escaped(akn_client, administration, **fields):
    data = {"administration": administration.pk, "visibility": "open", **fields}
    if fields["platform"].startswith("<"):
        data["platform"] = "facebook"
    response = akn_client.post(reverse("accounts:account-create"), data)
    assert_answered(response)
    if response.status_code == 302:
        assert_answered(akn_client.get(response["Location"]), allowed=(200,))
        assert_answered(akn_client.get(reverse("accounts:account-list")), allowed=(200,))


@FUZZ
@given(name=nasty, goal=nasty, target_group=nasty)
def test_any_text_a_lead_saves_on_their_account_is_answered_and_escaped(
    lead_client, account, name, goal, target_group
):
    data = {"name": name, "goal": goal, "target_group": target_group, "visibility": "closed"}
    response = lead_client.post(reverse("accounts:account-edit", args=[account.pk]), data)
    assert_answered(response)
    assert_answered(lead_client.get(reverse("accounts:account-detail", args=[account.pk])), allowed=(200,))


@FUZZ
@given(user=ids)
def test_any_editor_choice_is_answered(lead_client, account, user):
    response = lead_client.post(
        reverse("accounts:account-editor-add", args=[account.pk]), {"user": user}, headers=HTMX
    )
    assert_answered(response, allowed=(200,))
    assert AccountEditor.objects.filter(account=account).count() <= 2


@FUZZ
@given(role=st.one_of(nasty, st.sampled_from(["akn", "lead", "editor", "kc"])), administration=ids)
def test_any_role_choice_is_answered(akn_client, communicator, role, administration):
    url = reverse("accounts:person-role-add", args=[communicator.pk])
    response = akn_client.post(url, {"role": role, "administration": administration}, headers=HTMX)
    assert_answered(response, allowed=(200,))


@FUZZ
@given(q=nasty, platform=nasty, scope=nasty, administration=ids, after=nasty)
def test_any_account_filter_is_answered(lead_client, q, platform, scope, administration, after):
    query = {"q": q, "platform": platform, "scope": scope, "administration": administration, "after": after}
    response = lead_client.get(reverse("accounts:account-list"), query)
    # A page cursor that is not one the list wrote is a 400 that says so (helsocial/pagination.py).
    assert_answered(response, allowed=(200, 400) if after else (200,))


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "\x00" not in p])  # forms refuse NUL
def test_an_account_name_with_a_payload_is_shown_escaped_everywhere(
    akn_client, lead_client, account, payload
):
    account.name = f"Konto {payload}"[:120]
    account.purpose = payload
    account.save()
    for client in (akn_client, lead_client):
        for url in (
            reverse("accounts:account-list"),
            reverse("accounts:account-detail", args=[account.pk]),
            "/",
        ):
            assert_answered(client.get(url), allowed=(200,))


def test_a_new_client_has_no_session_so_profile_posts_redirect_to_login(db):
    assert Client().post(reverse("accounts:profile"), {"first_name": "<script>"}).status_code == 302
