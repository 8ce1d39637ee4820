"""The actions on a comment through the real Facebook client against the fake: state, log, access."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from moderation.access import access_comment, access_comments
from moderation.actions import (
    ActionFailed,
    ActionUnavailable,
    action_offers,
    comment_hide,
    comment_like,
    comment_no_action,
    comment_reply,
    comments_bulk,
    rule_preset,
)
from moderation.models import Comment, ModerationLogEntry

from .platform import fb_comment

pytestmark = pytest.mark.django_db

Action = ModerationLogEntry.Action


def test_a_reply_is_signed_published_and_marks_the_comment_answered(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", "När börjar skolan?")
    entry = comment_reply(comment=comment, by=editor, text="Skolan börjar den 18 augusti.", rule="question")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.ANSWERED and comment.answered_at is not None
    replies = [o for o in facebook.objects.values() if o.get("parent", {}).get("id") == "c1"]
    assert len(replies) == 1
    assert replies[0]["message"] == "Skolan börjar den 18 augusti.\n\nVänliga hälsningar, Erik, redaktör"
    assert (entry.action, entry.rule, entry.actor, entry.detail) == (
        "reply",
        "question",
        editor,
        replies[0]["id"],
    )


def test_a_reply_with_personal_data_is_stopped_before_the_platform(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", "Vad har jag för ärende?")
    with pytest.raises(ValidationError):
        comment_reply(comment=comment, by=editor, text="Ditt personnummer 19811218-9876 finns hos oss.")
    assert not [s for s in facebook.seen if s.method == "POST"]
    comment.refresh_from_db()
    assert comment.status == Comment.Status.OPEN
    assert not ModerationLogEntry.objects.exists()


def test_hide_and_show_again_on_the_platform(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", "Köp billiga klockor på spam.example")
    comment_hide(comment=comment, by=editor, rule="spam")
    comment.refresh_from_db()
    assert facebook.objects["c1"]["is_hidden"] is True
    assert comment.status == Comment.Status.HANDLED and comment.hidden_on_platform_at is not None
    comment_hide(comment=comment, by=editor, rule="spam", hidden=False)
    comment.refresh_from_db()
    assert facebook.objects["c1"]["is_hidden"] is False and comment.hidden_on_platform_at is None
    assert list(ModerationLogEntry.objects.values_list("action", "rule", "outcome")) == [
        ("hide", "spam", "done"),
        ("unhide", "spam", "done"),
    ]


def test_like_and_no_action(facebook, editor, account):
    praise = fb_comment(facebook, account, "c1", "Tack, vad bra!")
    opinion = fb_comment(facebook, account, "c2", "Jag tycker att skolan borde börja senare.")
    comment_like(comment=praise, by=editor, rule="praise")
    comment_no_action(comment=opinion, by=editor, rule="opinion")
    assert facebook.objects["c1"]["liked"] is True
    assert "liked" not in facebook.objects["c2"]
    assert Comment.objects.get(pk=opinion.pk).status == Comment.Status.NO_ACTION
    assert ModerationLogEntry.objects.count() == 2


def test_a_platform_failure_leaves_the_comment_open_and_logs_the_failure(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", "Spam spam?")
    before = comment.status
    facebook.fault("expired", times=5)
    with pytest.raises(ActionFailed):
        comment_hide(comment=comment, by=editor, rule="spam")
    comment.refresh_from_db()
    assert comment.status == before and comment.hidden_on_platform_at is None
    entry = ModerationLogEntry.objects.get()
    assert (entry.action, entry.outcome) == ("hide", "failed")


def test_facebook_offers_blocking_and_messaging_instagram_says_why_not(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    offers = {offer.action: offer for offer in action_offers(comment)}
    assert all(offers[a].available for a in (Action.HIDE, Action.DELETE, Action.BLOCK, Action.MESSAGE))
    account.platform = "instagram"
    account.save(update_fields=["platform"])
    comment = Comment.objects.select_related("account").get(pk=comment.pk)
    offers = {offer.action: offer for offer in action_offers(comment)}
    assert offers[Action.DELETE].available
    assert not offers[Action.BLOCK].available and "Instagram" in offers[Action.BLOCK].reason
    assert not offers[Action.MESSAGE].available and "Facebook" in offers[Action.MESSAGE].reason
    from moderation.actions import require_offered

    with pytest.raises(ActionUnavailable):
        require_offered(comment, Action.BLOCK)


def test_another_administration_cannot_act_and_a_communicator_may_not(
    facebook, editor, other_editor_client, communicator_client, account
):
    comment = fb_comment(facebook, account, "c1", "Spam spam")
    url = reverse("moderation:comment-act", args=[comment.pk])
    assert other_editor_client.post(url, {"action": "hide", "rule": "spam"}).status_code == 404
    assert communicator_client.post(url, {"action": "hide", "rule": "spam"}).status_code == 403
    assert facebook.objects["c1"]["is_hidden"] is False
    assert not ModerationLogEntry.objects.exists()


def test_the_kc_agent_acts_on_its_queue_only(facebook, kc_user, citywide_account, account):
    theirs = fb_comment(facebook, citywide_account, "kc1", "Hur söker jag bygglov?")
    Comment.objects.filter(pk=theirs.pk).update(in_kc_queue=True)
    not_theirs = fb_comment(facebook, account, "adm1", "Hur söker jag förskola?")
    Comment.objects.filter(pk=not_theirs.pk).update(in_kc_queue=False)
    comment_no_action(comment=access_comment(kc_user, theirs.pk), by=kc_user)
    with pytest.raises(Http404):
        access_comment(kc_user, not_theirs.pk)


def test_an_unknown_rule_is_refused(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", "Spam")
    with pytest.raises(ValidationError):
        comment_hide(comment=comment, by=editor, rule="made-up")


def test_the_rule_is_preset_from_the_triage(facebook, editor, account, starting_lists):
    comment = fb_comment(facebook, account, "c1", "Du är en jävla idiot")
    assert "personal_attack" in comment.labels, comment.labels
    assert rule_preset(comment, Action.DELETE) == "personal_attack"


def test_bulk_hides_each_comment_and_logs_each(facebook, editor, account, other_account):
    mine = [fb_comment(facebook, account, f"s{n}", f"Billiga klockor {n}") for n in range(3)]
    other_account.access_token = "good-token"
    other_account.save()
    theirs = fb_comment(facebook, other_account, "t1", "Billiga klockor")
    result = comments_bulk(
        selection=access_comments(editor, [c.pk for c in mine] + [theirs.pk]),
        by=editor,
        action=Action.HIDE,
        rule="spam",
    )
    assert sorted(result.done) == sorted(c.pk for c in mine)
    assert list(result.failed) == [theirs.pk]
    assert ModerationLogEntry.objects.filter(action="hide").count() == 3
    assert all(facebook.objects[f"s{n}"]["is_hidden"] for n in range(3))
    assert facebook.objects["t1"]["is_hidden"] is False
