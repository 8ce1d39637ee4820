"""POST /webhooks/meta/: signed, stored, answered at once; the task ingests; replays change nothing."""

import json

import pytest
from django.urls import reverse

from moderation.meta_webhook import parse, sign
from moderation.models import Comment, WebhookDelivery
from moderation.services import webhook_delivery_process
from tests.factories import SocialAccountFactory

pytestmark = pytest.mark.django_db
SECRET = "app-secret-for-tests"
URL = "/webhooks/meta/"


@pytest.fixture(autouse=True)
def _meta_settings(settings, celery_eager):
    settings.META_APP_SECRET = SECRET
    settings.META_VERIFY_TOKEN = "verify-me"


@pytest.fixture
def page(administration):
    return SocialAccountFactory(administration=administration, platform="facebook", platform_id="PAGE1")


def feed(*changes, page_id="PAGE1"):
    return {"object": "page", "entry": [{"id": page_id, "time": 1795000000, "changes": list(changes)}]}


def comment_change(
    comment_id="PAGE1_C1", *, verb="add", message="Hur söker jag sommarjobb?", author="9", parent=None
):
    return {
        "field": "feed",
        "value": {
            "item": "comment",
            "verb": verb,
            "comment_id": comment_id,
            "post_id": "PAGE1_P1",
            "parent_id": parent or "PAGE1_P1",
            "from": {"id": author, "name": "Anna <b>Andersson</b>"},
            "message": message,
            "created_time": 1795000000,
        },
    }


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST a delivery as Meta would, running the task queued on commit (eager on the embedded setup)."""

    def send(_client, payload, *, secret=SECRET, body=None, signature=None):
        raw = body if body is not None else json.dumps(payload).encode()
        headers = {}
        if signature is not False:
            headers["X-Hub-Signature-256"] = signature or sign(raw, secret)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, data=raw, content_type="application/json", headers=headers)

    return send


def test_the_verification_handshake_echoes_the_challenge(client):
    response = client.get(
        URL, {"hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": "verify-me"}
    )
    assert response.status_code == 200
    assert response.content == b"1158201444"


def test_a_wrong_verify_token_is_refused(client):
    response = client.get(URL, {"hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": "nope"})
    assert response.status_code == 403


def test_a_signed_delivery_is_stored_answered_and_ingested(client, page, post):
    response = post(client, feed(comment_change()))
    assert response.status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert delivery.processed_at is not None  # eager tasks on the embedded setup
    comment = Comment.objects.get()
    assert comment.platform_id == "PAGE1_C1"
    assert comment.labels == ["question"]
    assert comment.author_name == "Anna <b>Andersson</b>"


@pytest.mark.parametrize(
    "signature",
    [False, "sha256=" + "0" * 64, "sha1=abc", sign(b"something else", SECRET), sign(b"{}", "wrong-secret")],
    ids=["missing", "zeros", "wrong scheme", "other body", "other secret"],
)
def test_a_bad_or_missing_signature_is_403_and_stores_nothing(client, page, signature, post):
    assert post(client, feed(comment_change()), signature=signature).status_code == 403
    assert not WebhookDelivery.objects.exists()
    assert not Comment.objects.exists()


def test_a_body_changed_by_one_byte_is_refused(client, page, post):
    raw = json.dumps(feed(comment_change())).encode()
    signature = sign(raw, SECRET)
    tampered = raw.replace(b"sommarjobb", b"sommarjobc")
    assert post(client, None, body=tampered, signature=signature).status_code == 403


def test_without_an_app_secret_every_delivery_is_refused(client, page, settings, post):
    settings.META_APP_SECRET = ""
    assert post(client, feed(comment_change()), secret="").status_code == 403


def test_a_replayed_delivery_changes_nothing(client, page, post):
    payload = feed(comment_change())
    post(client, payload)
    before = list(Comment.objects.values())
    assert post(client, payload).status_code == 200
    assert WebhookDelivery.objects.count() == 1
    assert list(Comment.objects.values()) == before


def test_the_same_comment_in_a_differently_batched_delivery_is_stored_once(client, page, post):
    post(client, feed(comment_change()))
    post(client, feed(comment_change(), comment_change("PAGE1_C2", message="Tack!")))
    assert WebhookDelivery.objects.count() == 2
    assert sorted(Comment.objects.values_list("platform_id", flat=True)) == ["PAGE1_C1", "PAGE1_C2"]


def test_an_edit_updates_the_text(client, page, post):
    post(client, feed(comment_change()))
    post(client, feed(comment_change(verb="edited", message="Du är en idiot")))
    comment = Comment.objects.get()
    assert comment.text == "Du är en idiot"
    assert comment.labels == ["personal_attack"]


def test_remove_and_hide_are_recorded_and_the_copy_kept(client, page, post):
    post(client, feed(comment_change(), comment_change("PAGE1_C2", message="Ring 070-123 45 67")))
    post(client, feed(comment_change(verb="remove"), comment_change("PAGE1_C2", verb="hide")))
    removed = Comment.objects.get(platform_id="PAGE1_C1")
    hidden = Comment.objects.get(platform_id="PAGE1_C2")
    assert removed.status == "removed" and removed.removal_source == "webhook"
    assert removed.text == "Hur söker jag sommarjobb?"
    assert hidden.hidden_on_platform_at is not None and hidden.status == "handled"


def test_the_pages_own_reply_answers_the_question(client, page, post):
    post(client, feed(comment_change()))
    post(
        client,
        feed(comment_change("PAGE1_R1", message="Läs på helsingborg.se", author="PAGE1", parent="PAGE1_C1")),
    )
    assert Comment.objects.get(platform_id="PAGE1_C1").status == "answered"
    assert Comment.objects.get(platform_id="PAGE1_R1").status == "own"


def test_instagram_comments_and_messages_are_read(administration):
    payload = {
        "object": "instagram",
        "entry": [
            {
                "id": "IG1",
                "time": 1795000000,
                "changes": [
                    {
                        "field": "comments",
                        "value": {
                            "id": "17865",
                            "text": "Snyggt!",
                            "from": {"id": "5", "username": "anna"},
                            "media": {"id": "M1"},
                        },
                    }
                ],
                "messaging": [
                    {
                        "sender": {"id": "5"},
                        "recipient": {"id": "IG1"},
                        "timestamp": 1795000000123,
                        "message": {"mid": "m_1", "text": "Hej?"},
                    }
                ],
            }
        ],
    }
    changes = parse(payload)
    comments = changes.upserts[("instagram", "IG1")]
    assert [(c.id, c.kind, c.post_id, c.author_name) for c in comments] == [
        ("17865", "comment", "M1", "anna"),
        ("m_1", "message", "conversation:5", ""),
    ]


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {"object": "page"},
        {"object": "page", "entry": "x"},
        {"object": "page", "entry": [{"id": "PAGE1", "changes": [None, {"field": "feed", "value": 3}]}]},
    ],
)
def test_malformed_json_is_skipped_not_a_crash(payload):
    assert parse(payload).accounts() <= {("facebook", "PAGE1")}


def test_a_delivery_that_is_not_json_is_marked_with_its_error(client, page, post):
    assert post(client, None, body=b"not json").status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert delivery.processed_at is not None
    assert delivery.error.startswith("not JSON")


def test_processing_a_delivery_twice_does_nothing_the_second_time(page):
    from moderation.services import webhook_delivery_store

    # Inside the test's transaction the on-commit task never runs: process by hand, twice.
    delivery, created = webhook_delivery_store(body=json.dumps(feed(comment_change())).encode())
    assert created
    assert webhook_delivery_process(delivery_id=delivery.pk) is True
    assert webhook_delivery_process(delivery_id=delivery.pk) is False
    assert Comment.objects.count() == 1


def test_a_closed_accounts_new_comments_are_not_queued_but_its_removals_are_recorded(page):
    from datetime import date

    from moderation.services import webhook_delivery_store

    first, _ = webhook_delivery_store(body=json.dumps(feed(comment_change())).encode())
    webhook_delivery_process(delivery_id=first.pk)
    page.closed_on, page.closed_reason = date(2026, 11, 30), "Sammanslaget med stadens konto."
    page.save()
    later, _ = webhook_delivery_store(
        body=json.dumps(feed(comment_change("PAGE1_C2"), comment_change(verb="remove"))).encode()
    )

    assert webhook_delivery_process(delivery_id=later.pk) is True

    assert list(Comment.objects.values_list("platform_id", flat=True)) == ["PAGE1_C1"]
    assert Comment.objects.get().removed_on_platform_at is not None
    later.refresh_from_db()
    assert later.processed_at is not None and bytes(later.body)  # the delivery itself is kept


def test_the_webhook_url_name_is_routed():
    assert reverse("moderation:webhook-meta") == URL
