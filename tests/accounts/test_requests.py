"""Requests for new accounts, end to end: a communicator applies, AKN is mailed, AKN decides, the
applicant is mailed, and an approved request is the account in the inventory with its editors."""

import pytest
from django.urls import reverse

from accounts.models import AccountEditor, AccountRequest, Role, SocialAccount
from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import outbox_deliver
from tests.factories import SocialAccountFactory, UserFactory

pytestmark = pytest.mark.django_db


def _application(administration, *editors, **changes):
    data = {
        "administration": administration.pk,
        "name": "Ungdomsrådet",
        "platform": "instagram",
        "purpose": "Att nå unga med information om rådet.",
        "goal": "Fler unga söker till rådet.",
        "target_group": "Unga 13–19 år",
        "editors": [editor.pk for editor in editors],
        "answering": "Redaktörerna, vardagar 8–17",
        "posts_per_week": "3",
        "end_date": "",
    }
    data.update(changes)
    return data


def _deliver(smtp_server, key: str):
    message = OutboxMessage.objects.get(key=key)
    assert outbox_deliver(message_id=message.pk) is True, message.last_error
    [mail] = smtp_server.wait_for(1)
    return mail


def test_an_approved_request_becomes_the_account_with_its_editors_and_both_mails_arrive(
    settings, communicator_client, communicator, editor, akn_client, administration, smtp_server
):
    settings.AKN_EMAIL = "akn@helsingborg.se"
    response = communicator_client.post(
        reverse("accounts:request-create"), _application(administration, editor)
    )
    assert response.status_code == 302
    request = AccountRequest.objects.get()
    assert request.applicant == communicator and request.status == AccountRequest.Status.PENDING

    to_akn = _deliver(smtp_server, f"account-request-new:{request.pk}")
    assert to_akn.rcpt_tos == ("akn@helsingborg.se",)
    assert "Ungdomsrådet" in str(to_akn.message["Subject"])
    assert reverse("accounts:request-detail", args=[request.pk]) in to_akn.message.get_body().get_content()

    response = akn_client.post(
        reverse("accounts:request-decide", args=[request.pk]), {"decision": "approve", "reason": "Bra!"}
    )
    account = SocialAccount.objects.get(name="Ungdomsrådet")
    assert response.status_code == 302 and response["Location"] == reverse(
        "accounts:account-detail", args=[account.pk]
    )
    assert account.administration == administration and account.platform == "instagram"
    assert (
        account.purpose == "Att nå unga med information om rådet." and account.target_group == "Unga 13–19 år"
    )
    assert list(AccountEditor.objects.filter(account=account).values_list("user", flat=True)) == [editor.pk]
    assert editor.role_assignments.filter(role=Role.EDITOR, administration=administration).exists()
    request.refresh_from_db()
    assert request.status == AccountRequest.Status.APPROVED and request.account == account

    message = OutboxMessage.objects.get(key=f"account-request-decided:{request.pk}")
    assert outbox_deliver(message_id=message.pk) is True
    mails = smtp_server.wait_for(2)
    to_applicant = mails[-1]
    assert to_applicant.rcpt_tos == (communicator.email,)
    # A long subject is folded on the wire; read back it is one line after the fold's space.
    assert (
        str(to_applicant.message["Subject"]).strip() == "Helsocial: din ansökan om Ungdomsrådet är beviljad"
    )
    body = to_applicant.message.get_body().get_content()
    assert "AKN har beviljat din ansökan om kontot Ungdomsrådet på Instagram." in body
    assert "Motivering: Bra!" in body


def test_a_rejection_needs_a_reason_and_tells_the_applicant_why(
    communicator, akn_client, administration, editor
):
    request = AccountRequest.objects.create(
        applicant=communicator, administration=administration, name="Sommarlovet 2027", platform="facebook",
        purpose="Sommarlov", goal="Aktiviteter", target_group="Barn", answering="Jag", posts_per_week=1,
    )  # fmt: skip
    url = reverse("accounts:request-decide", args=[request.pk])
    response = akn_client.post(url, {"decision": "reject", "reason": " "})
    assert response.status_code == 400
    assert "Ange varför ansökan avslås." in response.content.decode()
    assert not OutboxMessage.objects.filter(key__startswith="account-request-decided").exists()

    reason = "Använd stadens gemensamma konto i stället."
    assert akn_client.post(url, {"decision": "reject", "reason": reason}).status_code == 302
    request.refresh_from_db()
    assert request.status == AccountRequest.Status.REJECTED and request.account is None
    mail = OutboxMessage.objects.get(key=f"account-request-decided:{request.pk}")
    assert mail.to == [communicator.email] and "avslagen" in mail.subject and reason in mail.body
    assert not SocialAccount.objects.filter(name="Sommarlovet 2027").exists()
    # Decided once: a second decision is refused, nothing changes.
    response = akn_client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 400 and "Ansökan är redan beslutad." in response.content.decode()


def test_the_form_warns_of_a_time_limited_request_and_offers_the_existing_accounts(
    communicator_client, administration, citywide_account, account, other_account
):
    on_instagram = SocialAccountFactory(
        administration=citywide_account.administration,
        is_citywide=True,
        platform="instagram",
        name="Stadens Insta",
    )
    closed = SocialAccountFactory(
        administration=administration,
        platform="facebook",
        name="Nedlagt",
        closed_on="2026-01-01",
        closed_reason="x",
    )
    response = communicator_client.get(
        reverse("accounts:request-advice"),
        {"administration": administration.pk, "platform": "facebook", "end_date": "2027-06-30"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<section id="request-advice"')
    assert "Projekt eller verksamheter som är tidsbegränsade bör därför inte starta nya konton" in body
    # The city-wide and the förvaltning's own accounts on the platform; no closed one, no other
    # förvaltning's, none on another platform.
    assert citywide_account.name in body and account.name in body
    assert other_account.name not in body and closed.name not in body and on_instagram.name not in body


def test_a_draft_promising_one_post_a_week_is_flagged_against_active(communicator_client, administration):
    response = communicator_client.get(
        reverse("accounts:request-advice"), {"platform": "instagram", "posts_per_week": "1"}
    )
    body = response.content.decode()
    assert "1 inlägg i veckan är för lite för ett aktivt konto." in body
    assert "tidsbegränsade" not in body


def test_the_applicant_lists_only_their_own_requests_and_akn_sees_the_waiting_ones_first(
    communicator, communicator_client, akn_client, administration, other_administration
):
    someone = UserFactory(roles=[(Role.COMMUNICATOR, other_administration)])
    common = {
        "platform": "facebook",
        "purpose": "p",
        "goal": "g",
        "target_group": "t",
        "answering": "a",
        "posts_per_week": 3,
    }
    mine = AccountRequest.objects.create(
        applicant=communicator, administration=administration, name="Mitt", **common
    )
    theirs = AccountRequest.objects.create(
        applicant=someone, administration=other_administration, name="Deras", **common
    )
    decided = AccountRequest.objects.create(
        applicant=someone, administration=other_administration, name="Beslutad", status="rejected",
        decision_reason="Nej", decided_at="2026-11-01T10:00Z", **common,
    )  # fmt: skip
    body = communicator_client.get(reverse("accounts:request-list")).content.decode()
    assert "Mitt" in body and "Deras" not in body
    body = akn_client.get(reverse("accounts:request-list")).content.decode()
    assert body.index("Deras") < body.index("Beslutad") and body.index("Mitt") < body.index("Beslutad")
    assert communicator_client.get(reverse("accounts:request-detail", args=[theirs.pk])).status_code == 404
    assert communicator_client.get(reverse("accounts:request-detail", args=[mine.pk])).status_code == 200
    assert decided.pk


def test_the_editors_must_be_people_of_the_administration(akn_client, administration, other_administration):
    # AKN applies for any förvaltning and so is offered everybody: the form checks the choice.
    outsider = UserFactory(roles=[(Role.EDITOR, other_administration)])
    insider = UserFactory(roles=[(Role.EDITOR, administration)])
    response = akn_client.post(
        reverse("accounts:request-create"), _application(administration, insider, outsider)
    )
    assert response.status_code == 400
    assert "Redaktörerna måste vara personer i förvaltningen." in response.content.decode()
    assert not AccountRequest.objects.exists()
