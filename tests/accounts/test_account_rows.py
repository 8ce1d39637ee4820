"""The account list's rows, built as data (accounts/account_rows.py), show what the list showed."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import AccountEditorFactory, SocialAccountFactory, UserFactory

pytestmark = pytest.mark.django_db


def row_html(body: str, name: str) -> str:
    start = body.index(f">{name}</a>")
    return body[start : body.index("</tr>", start)]


def test_a_row_names_its_editors_in_name_order_and_escapes_them(akn_client, administration):
    account = SocialAccountFactory(administration=administration, name="Kulturkontot")
    for username, first_name in (("b", "Örjan"), ("a", "<b>Anna</b>")):
        AccountEditorFactory(
            account=account,
            user=UserFactory(
                username=username,
                first_name=first_name,
                last_name="Ek",
                roles=[(Role.EDITOR, administration)],
            ),
        )
    body = akn_client.get(reverse("accounts:account-list")).content.decode()
    row = row_html(body, "Kulturkontot")
    assert "&lt;b&gt;Anna&lt;/b&gt; Ek, Örjan Ek" in row
    assert "<b>Anna" not in body
    assert f'href="{reverse("accounts:account-detail", args=[account.pk])}"' in body
    assert "Facebook" in row and administration.name in row


def test_a_row_without_editors_shows_a_dash_and_the_flag(akn_client, administration):
    SocialAccountFactory(administration=administration, name="Ensamt konto")
    row = row_html(akn_client.get(reverse("accounts:account-list")).content.decode(), "Ensamt konto")
    assert "<td>–</td>" in row
    assert "Ingen aktiv redaktör" in row


def test_an_editor_without_a_full_name_is_shown_by_username(akn_client, administration):
    account = SocialAccountFactory(administration=administration, name="Namnlöst")
    person = UserFactory(
        username="anonym", first_name="", last_name="", roles=[(Role.EDITOR, administration)]
    )
    AccountEditorFactory(account=account, user=person)
    row = row_html(akn_client.get(reverse("accounts:account-list")).content.decode(), "Namnlöst")
    assert "<td>anonym</td>" in row
