"""Delete and block, block alone after a failed block, and a private message to the author — through the
real Facebook client against the fake Graph API."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from helsocial.outbox.models import OutboxMessage
from moderation.actions import (
    ActionFailed,
    BlockFailed,
    action_offers,
    comment_block_author,
    comment_hide,
    comment_message_author,
)
from moderation.evidence import comment_delete_and_block
from moderation.models import Comment, Evidence, ModerationLogEntry

from .platform import fb_comment

pytestmark = pytest.mark.django_db

Action = ModerationLogEntry.Action


@pytest.fixture(autouse=True)
def pillow(settings):
    settings.EVIDENCE_RENDERER = "pillow"
    settings.REGISTRY_EMAIL = "diariet@example.se"


def attack(facebook, account, platform_id="a1"):
    comment = fb_comment(facebook, account, platform_id, "Du är en idiot", author=("66", "Arg Person"))
    # Written an hour ago: inside Meta's 7 days for a private reply, whatever day the suite runs.
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=1))
    comment.refresh_from_db()
    return comment


def log(comment):
    return list(
        ModerationLogEntry.objects.filter(comment_id=comment.pk).values_list("action", "rule", "outcome")
    )


def registry_mails():
    return OutboxMessage.objects.filter(key__startswith="registry:").count()


# --- delete and block -------------------------------------------------------------------------------


def test_delete_and_block_deletes_with_evidence_and_mail_then_blocks(facebook, editor, account):
    comment = attack(facebook, account)
    entry = comment_delete_and_block(comment=comment, by=editor, rule="personal_attack")
    comment.refresh_from_db()
    assert facebook.objects["a1"]["deleted"] is True and facebook.blocked == {account.platform_id: ["66"]}
    assert comment.status == Comment.Status.REMOVED
    assert Evidence.objects.get(comment=comment).completed_at is not None
    assert registry_mails() == 1
    assert log(comment) == [
        ("delete", "personal_attack", "done"),
        ("block", "personal_attack", "done"),
    ]
    assert (entry.action, entry.actor) == ("block", editor)
    # The deletion came first: the block call is the last one.
    writes = [s.path for s in facebook.seen if s.method in {"POST", "DELETE"}]
    assert writes[-2:] == ["/v25.0/a1", f"/v25.0/{account.platform_id}/blocked"]


def test_a_block_that_fails_after_the_deletion_keeps_the_deletion_and_is_retried_alone(
    facebook, editor, account
):
    comment = attack(facebook, account)
    facebook.fault("expired", path="/blocked$")
    with pytest.raises(BlockFailed):
        comment_delete_and_block(comment=comment, by=editor, rule="personal_attack")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED and facebook.objects["a1"]["deleted"] is True
    assert facebook.blocked == {} and registry_mails() == 1
    assert log(comment) == [
        ("delete", "personal_attack", "done"),
        ("block", "personal_attack", "failed"),
    ]
    deletes = len(facebook.calls("DELETE"))

    comment_delete_and_block(comment=comment, by=editor, rule="personal_attack")  # the retry
    assert facebook.blocked == {account.platform_id: ["66"]}
    assert len(facebook.calls("DELETE")) == deletes  # not deleted again
    assert registry_mails() == 1  # not mailed again
    assert log(comment)[-1] == ("block", "personal_attack", "done")
    with pytest.raises(ValidationError):  # and now there is nothing left to do
        comment_delete_and_block(comment=comment, by=editor, rule="personal_attack")


def test_a_failed_deletion_blocks_no_one(facebook, editor, account):
    comment = attack(facebook, account)
    facebook.fault("503", times=5, path="/a1$")
    with pytest.raises(ActionFailed) as caught:
        comment_delete_and_block(comment=comment, by=editor, rule="personal_attack")
    assert not isinstance(caught.value, BlockFailed)
    assert not facebook.calls("POST", "/blocked$") and registry_mails() == 0
    assert log(comment) == [("delete", "personal_attack", "failed")]


def test_blocking_alone_needs_the_comment_removed_first(facebook, editor, account):
    comment = attack(facebook, account)
    with pytest.raises(ValidationError):
        comment_block_author(comment=comment, by=editor, rule="personal_attack")
    assert not facebook.calls("POST", "/blocked$")


def test_another_forvaltning_cannot_delete_and_block_and_a_communicator_may_not(
    facebook, editor, other_editor_client, communicator_client, account
):
    comment = attack(facebook, account)
    url = reverse("moderation:comment-act", args=[comment.pk])
    data = {"action": "block", "rule": "personal_attack"}
    assert other_editor_client.post(url, data).status_code == 404
    assert communicator_client.post(url, data).status_code == 403
    assert not Evidence.objects.exists() and not facebook.calls("DELETE")
    assert not ModerationLogEntry.objects.exists()


# --- a message to the author ------------------------------------------------------------------------


def test_the_author_gets_a_signed_private_message_and_the_comment_stays_as_it_was(facebook, editor, account):
    comment = attack(facebook, account)
    Comment.objects.filter(pk=comment.pk).update(
        claimed_by=editor, claimed_until=timezone.now() + timedelta(minutes=10)
    )
    entry = comment_message_author(
        comment=comment, by=editor, text="Vi har dolt din kommentar.", rule="personal_attack"
    )
    [sent] = facebook.private_replies
    assert sent["comment_id"] == "a1" and sent["page"] == account.platform_id
    assert sent["text"] == "Vi har dolt din kommentar.\n\nVänliga hälsningar, Erik, redaktör"
    assert (entry.action, entry.rule, entry.outcome, entry.detail) == (
        "message",
        "personal_attack",
        "done",
        sent["message_id"],
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.OPEN and comment.claimed_by == editor


def test_a_message_with_personal_data_is_stopped_before_the_platform(facebook, editor, account):
    comment = attack(facebook, account)
    with pytest.raises(ValidationError):
        comment_message_author(comment=comment, by=editor, text="Ditt personnummer är 19811218-9876.")
    assert not facebook.calls("POST", "/messages$") and facebook.private_replies == []
    assert not ModerationLogEntry.objects.exists()


def test_the_platform_takes_one_message_per_comment(facebook, editor, account):
    comment = attack(facebook, account)
    comment_message_author(comment=comment, by=editor, text="Hej!")
    with pytest.raises(ValidationError):
        comment_message_author(comment=comment, by=editor, text="Hej igen!")
    assert len(facebook.private_replies) == 1


def test_no_message_after_metas_seven_days(facebook, editor, account):
    comment = attack(facebook, account)
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(days=8))
    comment.refresh_from_db()
    with pytest.raises(ValidationError):
        comment_message_author(comment=comment, by=editor, text="Hej!")
    assert facebook.private_replies == []


def test_a_failed_message_is_logged_and_can_be_sent_later(facebook, editor, account):
    comment = attack(facebook, account)
    facebook.fault("expired", path="/messages$")
    with pytest.raises(ActionFailed):
        comment_message_author(comment=comment, by=editor, text="Hej!")
    assert log(comment) == [("message", "", "failed")]
    comment_message_author(comment=comment, by=editor, text="Hej!")
    assert len(facebook.private_replies) == 1 and log(comment)[-1] == ("message", "", "done")


def test_a_message_goes_with_a_hide(facebook, editor, account):
    comment = attack(facebook, account)
    comment_hide(comment=comment, by=editor, rule="personal_attack")
    comment_message_author(comment=comment, by=editor, text="Vi har dolt din kommentar.")
    assert [a for a, _rule, _outcome in log(comment)] == ["hide", "message"]


def test_a_direct_message_is_not_messaged_privately_again(facebook, editor, account):
    comment = attack(facebook, account)
    Comment.objects.filter(pk=comment.pk).update(kind="message")
    comment.refresh_from_db()
    offer = next(o for o in action_offers(comment) if o.action == Action.MESSAGE)
    assert not offer.available and offer.reason


def test_another_forvaltning_cannot_message_and_a_communicator_may_not(
    facebook, editor, other_editor_client, communicator_client, account
):
    comment = attack(facebook, account)
    url = reverse("moderation:comment-act", args=[comment.pk])
    data = {"action": "message", "message_text": "Hej"}
    assert other_editor_client.post(url, data).status_code == 404
    assert communicator_client.post(url, data).status_code == 403
    assert facebook.private_replies == []


def test_the_demo_platform_deletes_blocks_and_messages_as_make_run_shows(editor, account):
    from moderation.ingest import comments_ingest

    from .helpers import remote

    account.platform = "demo"
    account.save(update_fields=["platform"])
    comments_ingest(account=account, items=[remote("demo-a1", "Du är en idiot", author_id="demo-user-3")])
    Comment.objects.filter(platform_id="demo-a1").update(created_at=timezone.now() - timedelta(hours=1))
    comment = Comment.objects.get(platform_id="demo-a1")
    comment_message_author(comment=comment, by=editor, text="Vi tar bort personangrepp.")
    comment_delete_and_block(comment=comment, by=editor, rule="personal_attack")
    assert [a for a, _rule, outcome in log(comment) if outcome == "done"] == ["message", "delete", "block"]
    assert registry_mails() == 1
