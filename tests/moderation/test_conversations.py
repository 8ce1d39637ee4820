"""A direct message pushed by Meta's webhook and pulled from the Graph API is one row in one conversation."""

from __future__ import annotations

import json
import time

import pytest
from django.urls import reverse

from moderation.meta_webhook import sign
from moderation.models import Comment
from moderation.pull import account_pull_comments
from tests.factories import SocialAccountFactory

SECRET = "app-secret-for-tests"
PAGE = "PAGE1"
PERSON = ("7", "Per Persson")


@pytest.fixture(autouse=True)
def _meta_settings(settings, celery_eager):
    settings.META_APP_SECRET = SECRET


@pytest.fixture
def page_account(city_administration, facebook):
    facebook.has_page(PAGE)
    return SocialAccountFactory(
        administration=city_administration,
        platform="facebook",
        platform_id=PAGE,
        is_citywide=True,
        access_token="good-token",
    )


@pytest.fixture
def push(client, django_capture_on_commit_callbacks):
    """Deliver one messaging event as Meta would: signed, stored, the task run on commit."""

    def send(mid: str, text: str, epoch: int, *, sender: str = PERSON[0], recipient: str = PAGE, echo=False):
        message = {"mid": mid, "text": text, **({"is_echo": True} if echo else {})}
        event = {"sender": {"id": sender}, "recipient": {"id": recipient}, "timestamp": epoch * 1000}
        body = json.dumps(
            {
                "object": "page",
                "entry": [{"id": PAGE, "time": epoch, "messaging": [{**event, "message": message}]}],
            }
        ).encode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/webhooks/meta/",
                data=body,
                content_type="application/json",
                headers={"X-Hub-Signature-256": sign(body, SECRET)},
            )
        assert response.status_code == 200

    return send


def _on_the_platform(facebook, mid: str, text: str, epoch: int) -> None:
    # Meta's conversation id ("t_…") is not what the webhook carries: only the person's id is.
    facebook.has_message(PAGE, "t_10161117434308444", mid, text=text, epoch=epoch, author=PERSON)


def _rows():
    return list(Comment.objects.order_by("created_at").values_list("platform_id", "post_platform_id", "kind"))


@pytest.mark.parametrize("webhook_first", [True, False])
def test_one_message_from_webhook_and_pull_is_one_row(page_account, facebook, push, webhook_first):
    epoch = int(time.time()) - 3600
    mid = "m_JH6o-yS83JoxWmQaLrmgSaHwGtfTgQ"
    _on_the_platform(facebook, mid, "Hej! När öppnar badet?", epoch)
    if webhook_first:
        push(mid, "Hej! När öppnar badet?", epoch)
    account_pull_comments(account=page_account)
    if not webhook_first:
        push(mid, "Hej! När öppnar badet?", epoch)
    account_pull_comments(account=page_account)
    assert _rows() == [(mid, "conversation:7", "message")]


def test_messages_of_one_person_by_either_path_are_one_conversation(page_account, facebook, push):
    epoch = int(time.time()) - 3600
    push("m_first", "Hej!", epoch)
    _on_the_platform(facebook, "m_second", "Hallå, någon där?", epoch + 60)
    account_pull_comments(account=page_account)
    push("m_third", "Jag väntar fortfarande", epoch + 120)
    assert {key for _id, key, _kind in _rows()} == {"conversation:7"}
    assert len(_rows()) == 3
    assert Comment.objects.filter(in_kc_queue=True, status=Comment.Status.OPEN).count() == 3


def test_the_citys_answer_by_webhook_answers_a_message_that_was_pulled(page_account, facebook, push):
    epoch = int(time.time()) - 3600
    _on_the_platform(facebook, "m_question", "Var hämtar jag mitt parkeringstillstånd?", epoch)
    account_pull_comments(account=page_account)
    push(
        "m_answer",
        "Hej Per! Det hämtar du i kundtjänst.",
        epoch + 600,
        sender=PAGE,
        recipient=PERSON[0],
        echo=True,
    )
    question = Comment.objects.get(platform_id="m_question")
    assert question.status == Comment.Status.ANSWERED
    assert Comment.objects.get(platform_id="m_answer").status == Comment.Status.OWN


def test_a_message_from_another_person_is_another_conversation(page_account, facebook, push):
    epoch = int(time.time()) - 3600
    push("m_per", "Hej!", epoch)
    facebook.has_message(PAGE, "t_2", "m_lisa", text="Hej hej", epoch=epoch + 5, author=("8", "Lisa"))
    account_pull_comments(account=page_account)
    assert dict((i, k) for i, k, _ in _rows()) == {"m_per": "conversation:7", "m_lisa": "conversation:8"}


def test_the_detail_shows_one_conversation_whatever_the_source(page_account, facebook, push, kc_client):
    epoch = int(time.time()) - 3600
    push("m_first", "Hej! <script>alert(1)</script>", epoch)
    _on_the_platform(facebook, "m_second", "Hallå, någon där?", epoch + 60)
    account_pull_comments(account=page_account)
    push(
        "m_answer", "Hej Per! Vad kan vi hjälpa dig med?", epoch + 120, sender=PAGE, recipient="7", echo=True
    )
    pulled = Comment.objects.get(platform_id="m_second")
    html = kc_client.get(reverse("moderation:comment-detail", args=[pulled.pk])).content.decode()
    section = html[
        html.index('id="conversation"') : html.index("</section>", html.index('id="conversation"'))
    ]
    assert (
        section.index("Hej! &lt;script&gt;") < section.index("Hallå, någon där?") < section.index("Hej Per!")
    )
    assert "<script>alert(1)</script>" not in html
    assert section.count('aria-current="true"') == 1


def test_a_comment_or_a_lone_message_shows_no_conversation(page_account, push, kc_client):
    push("m_alone", "Hej!", int(time.time()) - 3600)
    alone = Comment.objects.get(platform_id="m_alone")
    html = kc_client.get(reverse("moderation:comment-detail", args=[alone.pk])).content.decode()
    assert 'id="conversation"' not in html


def test_another_forvaltnings_editor_cannot_open_the_conversation(page_account, push, editor_client):
    push("m_first", "Hej!", int(time.time()) - 3600)
    message = Comment.objects.get(platform_id="m_first")
    assert editor_client.get(reverse("moderation:comment-detail", args=[message.pk])).status_code == 404


def test_the_citys_answer_in_meta_business_suite_answers_at_the_next_pull(page_account, facebook):
    epoch = int(time.time()) - 3600
    _on_the_platform(facebook, "m_q", "Hej! Har ni öppet i morgon?", epoch)
    facebook.has_message(
        PAGE, "t_10161117434308444", "m_a", text="Ja, 8–17.", epoch=epoch + 600, author=(PAGE, "Staden")
    )
    account_pull_comments(account=page_account)
    question, answer = Comment.objects.order_by("created_at")
    assert (question.status, answer.status) == (Comment.Status.ANSWERED, Comment.Status.OWN)
    assert question.answered_at == answer.created_at
    assert question.post_platform_id == answer.post_platform_id == f"conversation:{PERSON[0]}"
    assert not Comment.objects.open().exists()


def test_the_pull_names_the_author_of_a_message_the_webhook_stored_first(page_account, facebook, push):
    epoch = int(time.time()) - 3600
    _on_the_platform(facebook, "m_n", "Hej! Vem svarar här?", epoch)
    push("m_n", "Hej! Vem svarar här?", epoch)
    assert Comment.objects.get(platform_id="m_n").author_name == ""  # Meta's webhook sends only ids
    result = account_pull_comments(account=page_account)
    message = Comment.objects.get(platform_id="m_n")
    assert message.author_name == PERSON[1]
    assert result.comments == 1 and Comment.objects.count() == 1
