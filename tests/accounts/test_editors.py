"""Appointing and removing editors, and the flag on accounts without an active editor."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import AccountEditor, Role, RoleAssignment
from tests.factories import AccountEditorFactory, SocialAccountFactory, UserFactory

HTMX = {"HX-Request": "true"}


def add_url(account):
    return reverse("accounts:account-editor-add", args=[account.pk])


def test_a_lead_appoints_a_member_of_their_administration(lead, account, communicator):
    link = services.account_editor_appoint(by=lead, account=account, user=communicator)
    assert link.appointed_by == lead
    assert RoleAssignment.objects.filter(
        user=communicator, role=Role.EDITOR, administration=account.administration
    )


def test_appointing_through_htmx_answers_with_the_editors_fragment(lead_client, account, communicator):
    response = lead_client.post(add_url(account), {"user": communicator.pk}, headers=HTMX)
    assert response.status_code == 200
    assert response.templates[0].name == "accounts/_editors.html"
    assert AccountEditor.objects.filter(account=account, user=communicator).exists()
    assert str(communicator) in response.content.decode()


def test_a_lead_of_another_administration_gets_404(other_lead, account, communicator, client):
    client.force_login(other_lead)
    assert client.post(add_url(account), {"user": communicator.pk}, headers=HTMX).status_code == 404
    assert client.get(reverse("accounts:account-detail", args=[account.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.account_editor_appoint(by=other_lead, account=account, user=communicator)
    assert not AccountEditor.objects.filter(account=account, user=communicator).exists()


def test_appointing_a_person_of_another_administration_is_refused_with_a_message(lead, account, other_lead):
    with pytest.raises(ValidationError) as refused:
        services.account_editor_appoint(by=lead, account=account, user=other_lead)
    assert refused.value.code == "not_member"
    assert account.administration.name in refused.value.messages[0]


def test_the_form_does_not_offer_or_accept_a_non_member(lead_client, account, other_lead):
    response = lead_client.post(add_url(account), {"user": other_lead.pk}, headers=HTMX)
    assert response.status_code == 200
    assert response.context["editor_form"].errors["user"]
    assert not AccountEditor.objects.filter(account=account, user=other_lead).exists()


def test_a_disabled_member_cannot_be_appointed(lead, account, administration):
    disabled = UserFactory(username="disabled", is_active=False, roles=[(Role.COMMUNICATOR, administration)])
    with pytest.raises(ValidationError):
        services.account_editor_appoint(by=lead, account=account, user=disabled)


def test_appointing_twice_is_refused(lead, account, editor):
    with pytest.raises(ValidationError) as refused:
        services.account_editor_appoint(by=lead, account=account, user=editor)
    assert refused.value.code == "exists"
    assert AccountEditor.objects.filter(account=account, user=editor).count() == 1


def test_removing_an_editor_works(lead_client, account, editor):
    url = reverse("accounts:account-editor-remove", args=[account.pk, editor.pk])
    response = lead_client.post(url, headers=HTMX)
    assert response.status_code == 200
    assert not AccountEditor.objects.filter(account=account, user=editor).exists()
    assert "Remove" not in response.content.decode().split('id="editors-heading"')[1].split("<form")[0]


def test_removing_someone_who_is_not_an_editor_is_404(lead_client, account, communicator):
    url = reverse("accounts:account-editor-remove", args=[account.pk, communicator.pk])
    assert lead_client.post(url, headers=HTMX).status_code == 404


def test_an_editor_cannot_appoint_editors(editor_client, account, communicator):
    assert editor_client.post(add_url(account), {"user": communicator.pk}, headers=HTMX).status_code == 403


def test_without_htmx_an_invalid_choice_shows_the_error_on_the_page(lead_client, account, other_lead):
    response = lead_client.post(add_url(account), {"user": other_lead.pk})
    assert response.status_code == 200
    assert response.context["editor_form"].errors["user"]
    assert "<html" in response.content.decode()


def test_without_htmx_a_valid_appointment_redirects_with_one_message(lead_client, account, communicator):
    response = lead_client.post(add_url(account), {"user": communicator.pk}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:account-detail", args=[account.pk])
    html = response.content.decode()
    assert html.count('role="status"') == 1


# --- the flag -------------------------------------------------------------------------------------


def flagged_on_list(client, account) -> bool:
    response = client.get(reverse("accounts:account-list"), {"q": account.name})
    (row,) = [a for a in response.context["rows"] if a["pk"] == account.pk]
    return not row["has_active_editor"]


def flagged_on_detail(client, account) -> bool:
    response = client.get(reverse("accounts:account-detail", args=[account.pk]))
    return not response.context["has_active_editor"]


def test_an_account_with_a_recently_logged_in_editor_is_not_flagged(lead_client, account, editor):
    assert not flagged_on_list(lead_client, account)
    assert not flagged_on_detail(lead_client, account)


def test_an_account_without_editors_is_flagged_on_list_and_detail(lead_client, administration):
    bare = SocialAccountFactory(administration=administration, name="Utan redaktör")
    assert flagged_on_list(lead_client, bare)
    assert flagged_on_detail(lead_client, bare)
    assert (
        "flag-danger" in lead_client.get(reverse("accounts:account-detail", args=[bare.pk])).content.decode()
    )


@pytest.mark.parametrize(
    "state",
    ["logged in too long ago", "never logged in", "disabled"],
)
def test_an_account_whose_only_editor_is_inactive_is_flagged(lead_client, administration, settings, state):
    account = SocialAccountFactory(administration=administration, name="Gammal redaktör")
    person = UserFactory(username="sleepy", roles=[(Role.EDITOR, administration)])
    if state == "logged in too long ago":
        person.last_login = timezone.now() - timedelta(days=settings.EDITOR_ACTIVE_DAYS + 1)
    elif state == "never logged in":
        person.last_login = None
    else:
        person.is_active = False
    person.save()
    AccountEditorFactory(account=account, user=person)
    assert flagged_on_list(lead_client, account)
    assert flagged_on_detail(lead_client, account)


def test_the_active_window_follows_the_setting(lead_client, administration, settings):
    settings.EDITOR_ACTIVE_DAYS = 10
    account = SocialAccountFactory(administration=administration, name="Tio dagar")
    person = UserFactory(username="tendays", roles=[(Role.EDITOR, administration)])
    person.last_login = timezone.now() - timedelta(days=9)
    person.save()
    AccountEditorFactory(account=account, user=person)
    assert not flagged_on_list(lead_client, account) and not flagged_on_detail(lead_client, account)
    settings.EDITOR_ACTIVE_DAYS = 8
    assert flagged_on_list(lead_client, account) and flagged_on_detail(lead_client, account)


def test_the_start_page_counts_the_leads_flagged_accounts(
    lead_client, administration, account, editor, other_account
):
    SocialAccountFactory(administration=administration, name="Utan redaktör")
    response = lead_client.get(reverse("home"))
    (card,) = [card for card in response.context["waiting"] if card.order == 30]
    assert card.links[0].count == 1  # not the other administration's account
