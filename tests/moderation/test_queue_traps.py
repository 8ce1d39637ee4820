"""The queue's traps (issue 17), each removed: a re-asked question is no spam, a direct message offers
only what the platforms do to one and says when its reply window closes, the city's answers show in
the thread with who sent them, the overdue mark stops when the comment is handled, the bulk page
needs a choice and a confirmation, and a charged LinkedIn mention is liked or left."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.actions import Action, ActionUnavailable, action_offers, comment_reply
from moderation.ingest import comments_ingest
from moderation.models import Comment, ModerationLogEntry
from tests.factories import SocialAccountFactory

from .helpers import remote
from .platform import fb_comment

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
QUESTION = "När öppnar simhallen efter renoveringen?"


@pytest.fixture
def demo_account(city_administration):
    return SocialAccountFactory(
        administration=city_administration, name="Helsingborgs stad", platform="demo", is_citywide=True
    )


def _message(account, mid: str, text: str, *, at, person=("7", "Per Persson")) -> Comment:
    item = remote(
        mid,
        text,
        kind="message",
        post_id=f"conversation:{person[0]}",
        author_id=person[0],
        author_name=person[1],
    )
    comments_ingest(account=account, items=[item.__class__(**{**item.__dict__, "created_at": at})])
    return Comment.objects.get(account=account, platform_id=mid)


def _available(comment) -> set[str]:
    return {offer.action for offer in action_offers(comment) if offer.available}


# --- a question asked again ------------------------------------------------------------------------


def test_a_direct_message_asked_again_is_a_question_not_spam(demo_account):
    now = timezone.now()
    first = _message(demo_account, "m1", QUESTION, at=now - timedelta(hours=5))
    again = _message(demo_account, "m2", QUESTION, at=now - timedelta(hours=1))
    assert "spam" not in again.labels and "question" in again.labels
    assert again.suggested_action == "answer"
    # Raised in the queue: due as from the first time it was asked, so it sorts with the first.
    assert again.due_at == first.due_at
    assert any(r["code"] == "repeated_question" for r in again.reasons)


def test_a_direct_message_said_again_is_never_spam(demo_account):
    now = timezone.now()
    _message(demo_account, "m1", "Ni har fel om parkeringen vid Knutpunkten.", at=now - timedelta(hours=3))
    again = _message(
        demo_account, "m2", "Ni har fel om parkeringen vid Knutpunkten.", at=now - timedelta(hours=2)
    )
    assert "spam" not in again.labels


def test_a_comment_question_asked_again_outranks_spam_but_a_repeated_statement_is_spam(account):
    now = timezone.now()
    items = [
        remote("c1", QUESTION, author_id="5", created_at=now - timedelta(hours=4)),
        remote("c2", QUESTION, author_id="5", created_at=now - timedelta(hours=2)),
        remote("c3", "Köp billiga klockor hos oss idag", author_id="6", created_at=now - timedelta(hours=4)),
        remote("c4", "Köp billiga klockor hos oss idag", author_id="6", created_at=now - timedelta(hours=2)),
    ]
    comments_ingest(account=account, items=items)
    asked_again = Comment.objects.get(platform_id="c2")
    assert asked_again.labels == ["question"] and asked_again.suggested_action == "answer"
    assert asked_again.due_at == Comment.objects.get(platform_id="c1").due_at
    assert "spam" in Comment.objects.get(platform_id="c4").labels  # the rule still works on the flow


# --- direct messages: only what the platform does, and its reply window --------------------------


def test_a_direct_message_offers_only_an_answer_or_no_action(demo_account, kc_client):
    message = _message(demo_account, "m1", QUESTION, at=timezone.now() - timedelta(hours=1))
    assert _available(message) == {Action.REPLY, Action.NO_ACTION}
    comment = Comment.objects.get(pk=message.pk)
    comment.kind = Comment.Kind.COMMENT  # the same account's comments keep every action
    assert {Action.HIDE, Action.DELETE, Action.LIKE} <= _available(comment)
    body = kc_client.get(reverse("moderation:comment-detail", args=[message.pk])).content.decode()
    assert 'value="hide"' not in body and 'value="delete"' not in body and 'value="like"' not in body
    assert "Plattformarna kan inte dölja, ta bort, gilla eller blockera" in body
    assert 'id="reply-window"' in body


def test_the_reply_window_is_said_before_and_refused_after(demo_account, kc_user, kc_client):
    now = timezone.now()
    late = _message(demo_account, "m1", QUESTION, at=now - timedelta(hours=30))
    body = kc_client.get(reverse("moderation:comment-detail", args=[late.pk])).content.decode()
    assert 'id="id_reply_text"' not in body  # no box for an answer the platform would refuse
    assert "svarsfönster stängde" in body
    with pytest.raises(ActionUnavailable):
        comment_reply(comment=late, by=kc_user, text="Hej! Den 1 mars.")
    assert not ModerationLogEntry.objects.filter(comment_id=late.pk).exists()
    # A later message in the same conversation opens the window again, for the earlier one too.
    _message(demo_account, "m2", "Hallå? Någon där?", at=now - timedelta(hours=2))
    comment_reply(comment=Comment.objects.get(pk=late.pk), by=kc_user, text="Hej! Den 1 mars.")


# --- the city's answers in the thread, the overdue mark, the answered comment ---------------------


def test_an_answer_shows_in_the_thread_with_who_sent_it_and_the_overdue_mark_goes(
    facebook, editor, editor_client, account
):
    comment = fb_comment(facebook, account, "c1", QUESTION)
    Comment.objects.filter(pk=comment.pk).update(sort_at=timezone.now() - timedelta(hours=2))
    page = editor_client.get(reverse("moderation:comment-detail", args=[comment.pk])).content.decode()
    assert "⏰" in page.split('id="comment-due"')[1].split("</dd>")[0]
    response = editor_client.post(
        reverse("moderation:comment-act", args=[comment.pk]),
        {"action": "reply", "reply_text": "Den 1 mars.", "rule": "question"},
        headers=HTMX,
    )
    body = response.content.decode()
    due = body.split('id="comment-due"')[1].split("</dd>")[0]
    assert "⏰" not in due  # the clock stopped when the comment was answered
    thread = body.split('id="thread"')[1]
    assert "Den 1 mars." in thread and "Erik" in thread
    # The answered comment's page: the answer in the thread, no box for a second one.
    page = editor_client.get(reverse("moderation:comment-detail", args=[comment.pk])).content.decode()
    assert 'id="id_reply_text"' not in page and "Den 1 mars." in page
    assert "⏰" not in page.split('id="comment-due"')[1].split("</dd>")[0]


def test_a_second_answer_is_refused_without_a_reply_box(facebook, editor_client, account):
    comment = fb_comment(facebook, account, "c1", QUESTION)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.ANSWERED, answered_at=timezone.now())
    response = editor_client.post(
        reverse("moderation:comment-act", args=[comment.pk]),
        {"action": "reply", "reply_text": "Den 1 mars."},
        headers=HTMX,
    )
    body = response.content.decode()
    assert "redan besvarad" in body and 'id="id_reply_text"' not in body


@pytest.mark.parametrize("status", ["handled", "removed", "no_action"])
def test_the_overdue_mark_stops_when_the_comment_is_handled(facebook, editor_client, account, status):
    comment = fb_comment(facebook, account, "c1", QUESTION)
    Comment.objects.filter(pk=comment.pk).update(sort_at=timezone.now() - timedelta(hours=2), status=status)
    page = editor_client.get(reverse("moderation:comment-detail", args=[comment.pk])).content.decode()
    assert "⏰" not in page.split('id="comment-due"')[1].split("</dd>")[0]


# --- the bulk page ---------------------------------------------------------------------------------


def test_the_bulk_page_ticks_nothing_and_asks_before_acting(facebook, editor_client, account):
    comments = [fb_comment(facebook, account, f"s{n}", f"Klockor {n}") for n in range(3)]
    page = editor_client.get(reverse("moderation:comments-bulk")).content.decode()
    assert " checked" not in page
    assert '<option value="" selected>' in page.split('id="bulk-action"')[1]
    post = {"comment": [c.pk for c in comments[:2]], "action": "hide", "rule": "spam", "next": "/moderation/"}
    asked = editor_client.post(reverse("moderation:comments-bulk"), post)
    assert asked.status_code == 200
    assert "Dölj: 2 kommentarer" in asked.content.decode()
    assert not ModerationLogEntry.objects.exists()
    assert facebook.objects["s0"].get("is_hidden") is not True
    no_action = editor_client.post(
        reverse("moderation:comments-bulk"), post | {"action": "", "confirmed": "yes"}
    )
    assert no_action.status_code == 302 and not ModerationLogEntry.objects.exists()
    done = editor_client.post(reverse("moderation:comments-bulk"), post | {"confirmed": "yes"})
    assert done.status_code == 302
    assert ModerationLogEntry.objects.filter(action="hide").count() == 2


# --- a charged LinkedIn mention --------------------------------------------------------------------


@pytest.mark.parametrize("labels", [["opinion"], ["personal_attack"], ["question", "racism"]])
def test_a_charged_linkedin_mention_is_liked_or_left(administration, editor, editor_client, labels):
    li = SocialAccountFactory(administration=administration, platform="linkedin", access_token="t")
    editor.editor_links.create(account=li)
    comments_ingest(
        account=li,
        items=[remote("urn:li:share:1", "Bygglovet tar för lång tid", kind="mention", post_id=None)],
    )
    mention = Comment.objects.get(account=li)
    Comment.objects.filter(pk=mention.pk).update(labels=labels)
    mention.refresh_from_db()
    assert _available(mention) == {Action.LIKE, Action.NO_ACTION}
    body = editor_client.get(reverse("moderation:comment-detail", args=[mention.pk])).content.decode()
    assert "Vi går som regel inte in i andras flöden" in body and 'id="id_reply_text"' not in body


def test_a_friendly_linkedin_mention_may_still_be_answered(administration):
    li = SocialAccountFactory(administration=administration, platform="linkedin", access_token="t")
    comments_ingest(account=li, items=[remote("urn:li:share:2", "Tack för ett fint möte!", kind="mention")])
    mention = Comment.objects.get(account=li)
    Comment.objects.filter(pk=mention.pk).update(labels=["praise"])
    mention.refresh_from_db()
    assert Action.REPLY in _available(mention)


# --- forwarding a conversation ---------------------------------------------------------------------


def test_forwarding_moves_the_conversation_and_kc_keeps_reading_it(
    demo_account, kc_client, lead, lead_client, administration, django_capture_on_commit_callbacks
):
    from helsocial.outbox.models import OutboxMessage

    now = timezone.now()
    first = _message(demo_account, "m1", "Min son behöver skolskjuts.", at=now - timedelta(hours=3))
    second = _message(demo_account, "m2", "Vem ska jag prata med om skolskjuts?", at=now - timedelta(hours=2))
    other = _message(
        demo_account, "m3", "När öppnar badet?", at=now - timedelta(hours=2), person=("8", "Ada")
    )
    Comment.objects.update(in_kc_queue=True)
    response = kc_client.post(
        reverse("moderation:comment-forward", args=[second.pk]),
        {"administration": administration.pk, "note": "Skolskjuts: SOF svarar."},
    )
    assert response.status_code == 302
    moved = dict(Comment.objects.values_list("pk", "in_kc_queue"))
    assert moved == {first.pk: False, second.pk: False, other.pk: True}  # the conversation, whole
    assert set(Comment.objects.filter(in_kc_queue=False).values_list("queue_administration", flat=True)) == {
        administration.pk
    }
    # The receiving förvaltning's queue owners get a mail, without the text.
    [mail] = OutboxMessage.objects.all()
    assert mail.to == [lead.email] or lead.email in mail.to
    assert "skolskjuts" not in mail.body.casefold() and f"/moderation/comments/{second.pk}/" in mail.body
    # KC still reads what it forwarded, with where it went, and cannot act on it.
    page = kc_client.get(reverse("moderation:comment-detail", args=[second.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Skickad vidare till Skol- och fritidsförvaltningen" in body
    assert "Min son behöver skolskjuts." in body  # the conversation too
    assert 'id="comment-actions-form"' not in body and "note-add" not in body
    act = kc_client.post(reverse("moderation:comment-act", args=[second.pk]), {"action": "no_action"})
    assert act.status_code == 404
    # The lead handles the whole conversation.
    assert lead_client.get(reverse("moderation:comment-detail", args=[first.pk])).status_code == 200
