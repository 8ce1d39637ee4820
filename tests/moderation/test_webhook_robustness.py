"""Issue 12, the webhook: nothing lost, nothing crashes.

Each finding of the issue as a delivery sent the way Meta sends it: signed, POSTed to the webhook,
processed by the task queued on commit (eager here; `test_webhook_sweep.py` has the real worker).
Malformed JSON that `json.dumps` cannot write (NaN, a lone surrogate, deep nesting) is spliced into
the body as text where a placeholder string stands.
"""

import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from moderation.meta_webhook import MAX_BODY_BYTES, sign
from moderation.models import Comment, WebhookDelivery
from moderation.services import webhook_delivery_process, webhook_delivery_retry, webhook_delivery_store
from tests.factories import SocialAccountFactory

pytestmark = pytest.mark.django_db
SECRET = "app-secret-robustness"
URL = "/webhooks/meta/"
ENTRY_TIME = 1795000000


@pytest.fixture(autouse=True)
def _meta_settings(settings, celery_eager):
    settings.META_APP_SECRET = SECRET


@pytest.fixture
def page(administration):
    return SocialAccountFactory(administration=administration, platform="facebook", platform_id="PAGE1")


@pytest.fixture
def instagram(administration):
    return SocialAccountFactory(administration=administration, platform="instagram", platform_id="IG1")


@pytest.fixture
def deliver(client, django_capture_on_commit_callbacks):
    """POST a body as Meta would; return the response and the stored delivery (after its task)."""

    def send(body: bytes | str | dict, *, status: int = 200):
        if isinstance(body, dict):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                URL,
                data=body,
                content_type="application/json",
                headers={"X-Hub-Signature-256": sign(body, SECRET)},
            )
        assert response.status_code == status
        return WebhookDelivery.objects.filter(
            body_sha256=__import__("hashlib").sha256(body).hexdigest()
        ).first()

    return send


def comment(comment_id, message="Hur söker jag sommarjobb?", **fields):
    value = {
        "item": "comment",
        "verb": "add",
        "comment_id": comment_id,
        "post_id": "PAGE1_P1",
        "parent_id": "PAGE1_P1",
        "from": {"id": "9", "name": "Anna"},
        "message": message,
        "created_time": ENTRY_TIME,
    }
    value.update(fields)
    return {"field": "feed", "value": value}


def feed(*changes, page_id="PAGE1"):
    return {"object": "page", "entry": [{"id": page_id, "time": ENTRY_TIME, "changes": list(changes)}]}


def spliced(payload, **raw: str) -> str:
    """The payload's JSON with each string "@name@" replaced by the raw JSON text raw[name]."""
    text = json.dumps(payload)
    for name, value in raw.items():
        assert f'"@{name}@"' in text
        text = text.replace(f'"@{name}@"', value)
    return text


def stored() -> dict[str, Comment]:
    return {c.platform_id: c for c in Comment.objects.all()}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# --- 1. changes or messaging that are not a list ---------------------------------------------------


def test_the_issues_delivery_with_changes_5_is_failed_with_its_error(page, deliver):
    delivery = deliver('{"object":"page","entry":[{"id":"555","changes":5}]}')
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.processed_at is not None
    assert delivery.error == "entry 0 ('555'): changes is a number, not a list"


@pytest.mark.parametrize("bad", [5, "x", {"field": "feed"}, None, True], ids=repr)
def test_changes_that_are_not_a_list_cost_only_their_entry(page, deliver, bad):
    payload = feed(comment("PAGE1_C1"))
    payload["entry"].insert(0, {"id": "PAGE1", "time": ENTRY_TIME, "changes": bad})
    delivery = deliver(payload)
    assert list(stored()) == ["PAGE1_C1"]
    if bad is None:  # no changes at all: nothing wrong
        assert delivery.status == WebhookDelivery.Status.PROCESSED
    else:
        assert delivery.status == WebhookDelivery.Status.PARTLY_FAILED
        assert "entry 0 ('PAGE1'): changes is " in delivery.error


def test_messaging_that_is_not_a_list_costs_only_its_entry(instagram, deliver):
    message = {"sender": {"id": "5"}, "recipient": {"id": "IG1"}, "timestamp": 1795000000123}
    payload = {
        "object": "instagram",
        "entry": [
            {"id": "IG1", "time": ENTRY_TIME, "messaging": 5},
            {
                "id": "IG1",
                "time": ENTRY_TIME,
                "messaging": [{**message, "message": {"mid": "m_1", "text": "Hej?"}}],
            },
        ],
    }
    delivery = deliver(payload)
    assert delivery.status == WebhookDelivery.Status.PARTLY_FAILED
    assert "entry 0 ('IG1'): messaging is a number, not a list" in delivery.error
    assert stored()["m_1"].text == "Hej?"


# --- 2. deep nesting --------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 1000])
def test_deep_nesting_in_one_comment_keeps_that_comment_and_its_neighbours(page, deliver, depth):
    body = spliced(
        feed(comment("PAGE1_C1"), comment("PAGE1_C2", "@deep@", extra="@deep@"), comment("PAGE1_C3")),
        deep=nested(depth),
    )
    delivery = deliver(body)
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    comments = stored()
    assert sorted(comments) == ["PAGE1_C1", "PAGE1_C2", "PAGE1_C3"]
    assert comments["PAGE1_C2"].text == ""  # the message was no text; the comment is kept without it
    assert comments["PAGE1_C2"].raw["comment_id"] == "PAGE1_C2"


@pytest.mark.parametrize("depth", [1025, 5000, 200_000])
def test_a_body_nested_beyond_any_reader_is_failed_with_its_error(page, deliver, depth):
    delivery = deliver(spliced(feed(comment("PAGE1_C1", "@deep@")), deep=nested(depth)))
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.error == "not JSON we can read: nested too deeply"
    assert not Comment.objects.exists()


def test_a_whole_body_nested_1000_levels_deep_is_failed_not_left_waiting(page, deliver):
    delivery = deliver(nested(1000))
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.error == "the delivery is a list, not an object"


# --- 3. lone surrogates and NUL ------------------------------------------------------------------


def test_lone_surrogates_are_replaced_and_the_comments_stored(page, deliver):
    body = spliced(
        feed(
            comment("PAGE1_C1", "@cut@"),
            comment("PAGE1_C2", "@pair@", **{"from": {"id": "8", "name": "@name@"}, "@key@": "x"}),
            comment("PAGE1_C3"),
        ),
        cut='"Hej \\ud83d"',
        pair='"Bra \\ud83d\\ude00 men \\ude00\\ud83d"',
        name='"\\udc00Bo"',
        key='"k\\ud800"',
    )
    delivery = deliver(body)
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    comments = stored()
    assert comments["PAGE1_C1"].text == "Hej \ufffd"
    assert comments["PAGE1_C2"].text == "Bra 😀 men \ufffd\ufffd"  # a whole pair stays the emoji it is
    assert comments["PAGE1_C2"].author_name == "\ufffdBo"
    assert "k\ufffd" in comments["PAGE1_C2"].raw
    assert "PAGE1_C3" in comments


def test_nul_characters_are_removed_and_the_comments_stored(page, deliver):
    body = feed(
        comment(
            "PAGE1_C\u00001",
            "a\u0000b",
            **{"from": {"id": "9\u0000", "name": "An\u0000na"}, "k\u0000": "\u0000"},
        ),
        comment("PAGE1_C2"),
    )
    delivery = deliver(body)
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    first = stored()["PAGE1_C1"]
    assert (first.text, first.author_id, first.author_name) == ("ab", "9", "Anna")
    assert first.raw["k"] == ""
    assert "PAGE1_C2" in stored()


def test_invalid_utf8_is_replaced_and_the_comments_stored(page, deliver):
    body = json.dumps(feed(comment("PAGE1_C1", "@x@"), comment("PAGE1_C2"))).encode()
    delivery = deliver(body.replace(b'"@x@"', b'"Hej \xff\xfe"'))
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    assert stored()["PAGE1_C1"].text == "Hej \ufffd\ufffd"


# --- 4. NaN, and fields of the wrong type -----------------------------------------------------------


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e400", "1" * 5000])
def test_nan_and_other_numbers_json_has_not_store_the_comment_without_them(page, deliver, constant):
    body = spliced(
        feed(comment("PAGE1_C1", created_time="@c@", score="@c@"), comment("PAGE1_C2", "@c@")), c=constant
    )
    delivery = deliver(body)
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    comments = stored()
    assert comments["PAGE1_C1"].created_at == datetime.fromtimestamp(ENTRY_TIME, UTC)  # the entry's time
    assert comments["PAGE1_C1"].raw["score"] is None
    assert comments["PAGE1_C2"].text == ""


def test_nan_in_an_edit_updates_the_comment(page, deliver):
    deliver(feed(comment("PAGE1_C1")))
    delivery = deliver(
        spliced(feed(comment("PAGE1_C1", "Ändrad text", verb="edited", score="@nan@")), nan="NaN")
    )
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    edited = Comment.objects.get()
    assert edited.text == "Ändrad text"
    assert edited.raw["score"] is None


def test_a_surrogate_in_an_edit_updates_the_comment(page, deliver):
    deliver(feed(comment("PAGE1_C1")))
    delivery = deliver(spliced(feed(comment("PAGE1_C1", "@cut@", verb="edited")), cut='"Ny \\ud83d"'))
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    assert Comment.objects.get().text == "Ny \ufffd"


@pytest.mark.parametrize("sender", ["bob", 5, ["9", "Anna"], None, True])
def test_a_from_that_is_not_an_object_stores_the_comment_without_an_author(page, deliver, sender):
    delivery = deliver(feed(comment("PAGE1_C1", **{"from": sender}), comment("PAGE1_C2")))
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    first = stored()["PAGE1_C1"]
    assert (first.author_id, first.author_name, first.text) == ("", "", "Hur söker jag sommarjobb?")
    assert first.raw["from"] == sender


def test_instagram_fields_of_the_wrong_type_store_the_comment_without_them(instagram, deliver):
    payload = {
        "object": "instagram",
        "entry": [
            {
                "id": "IG1",
                "time": ENTRY_TIME,
                "changes": [
                    {
                        "field": "comments",
                        "value": {"id": "17865", "text": "Snyggt!", "from": "anna", "media": 7},
                    }
                ],
                "messaging": [
                    {
                        "sender": "5",
                        "recipient": None,
                        "timestamp": "igår",
                        "message": {"mid": "m_1", "text": "Hej?", "attachments": "bild"},
                    }
                ],
            }
        ],
    }
    delivery = deliver(payload)
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    comments = stored()
    assert comments["17865"].text == "Snyggt!" and comments["17865"].author_name == ""
    assert comments["m_1"].text == "Hej?"


# --- 5. a bad item among good ones -----------------------------------------------------------------


def test_items_that_fail_among_good_ones_are_recorded_and_the_good_ones_stored(page, deliver):
    year_9999 = 253402300799000  # a time the working-hours clock cannot count from: fails in storage
    delivery = deliver(
        feed(
            comment("PAGE1_C1"),
            5,
            comment("PAGE1_C2", "Tack!"),
            {"field": "feed", "value": "x"},
            comment("", "utan id"),
            comment("PAGE1_" + "9" * 200),
            comment("PAGE1_C3", "Jag vet var du bor", created_time=year_9999),
            comment("PAGE1_C4", "Du är en idiot"),
        )
    )
    assert delivery.status == WebhookDelivery.Status.PARTLY_FAILED
    comments = stored()
    assert sorted(comments) == ["PAGE1_C1", "PAGE1_C2", "PAGE1_C4"]
    assert comments["PAGE1_C4"].labels == ["personal_attack"]  # triaged as ever
    errors = delivery.error.splitlines()
    assert errors[:4] == [
        "entry 0 ('PAGE1'), changes 1: a number, not an object",
        "entry 0 ('PAGE1'), changes 3: its value is a string, not an object",
        "entry 0 ('PAGE1'), changes 4: comment without an id",
        "entry 0 ('PAGE1'), changes 5: comment id longer than 128 characters: 'PAGE1_" + "9" * 200 + "'",
    ]
    assert errors[4] == "facebook account 'PAGE1', comment 'PAGE1_C3': OverflowError: date value out of range"
    assert len(errors) == 5


def test_a_failing_item_on_one_account_leaves_the_other_accounts_comments(page, instagram, deliver):
    payload = feed(comment("PAGE1_C1", created_time=253402300799000), comment("PAGE1_C2"))
    delivery = deliver(payload)
    assert delivery.status == WebhookDelivery.Status.PARTLY_FAILED
    assert list(stored()) == ["PAGE1_C2"]


def test_a_redelivered_partly_failed_delivery_is_not_processed_again(page, deliver):
    payload = feed(comment("PAGE1_C1"), 5)
    delivery = deliver(payload)
    assert delivery.status == WebhookDelivery.Status.PARTLY_FAILED
    assert webhook_delivery_process(delivery_id=delivery.pk) is False
    assert deliver(payload).pk == delivery.pk
    delivery.refresh_from_db()
    assert delivery.attempts == 1


# --- 6. the error text --------------------------------------------------------------------------


def test_the_error_is_bounded(page, deliver):
    delivery = deliver(
        feed(*[{"field": "feed", "value": "x" * 1000} for _ in range(30)], comment("PAGE1_C1"))
    )
    lines = delivery.error.splitlines()
    assert len(lines) == 21 and lines[-1] == "… and 10 more"
    assert len(delivery.error) <= 4000
    assert "PAGE1_C1" in stored()


def test_the_error_holds_no_secret(page, deliver, settings):
    settings.EMAIL_HOST_PASSWORD = "mail-password-42"
    for leaked in (
        SECRET,
        settings.SECRET_KEY,
        "mail-password-42",
        "postgres://admin:hunter2@db/x",
        "?access_token=EAAB1",
    ):
        delivery = deliver({"object": "page", "entry": [{"id": f"id {leaked}", "changes": 5}]})
        assert delivery.status == WebhookDelivery.Status.FAILED
        for secret in (SECRET, settings.SECRET_KEY, "mail-password-42", "hunter2", "EAAB1"):
            assert secret not in delivery.error
        assert "***" in delivery.error
    # Cut to length only after the secret is out: no part of it is left at the cut.
    delivery = deliver({"object": "page", "entry": [{"id": "x" * 270 + settings.SECRET_KEY, "changes": 5}]})
    assert len(delivery.error) == 300
    assert settings.SECRET_KEY[:6] not in delivery.error


# --- 7. bodies Meta sends, and bodies it does not ---------------------------------------------


def test_a_delivery_that_is_not_json_is_failed_and_not_tried_again(page, deliver):
    delivery = deliver(b"not json")
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.error.startswith("not JSON")
    assert webhook_delivery_process(delivery_id=delivery.pk) is False


def test_a_batch_over_the_sites_upload_limit_is_accepted_and_stored(page, deliver, settings):
    # 1,000 changes of about 3 kB each, as the largest batch Meta sends: over Django's 2.5 MB.
    changes = [
        comment(f"PAGE1_C{i}", f"Fråga nummer {i}: " + "lång text om vägarbetet " * 120) for i in range(1000)
    ]
    body = json.dumps(feed(*changes))
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < len(body) < MAX_BODY_BYTES
    delivery = deliver(body)
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    assert Comment.objects.count() == 1000


def test_a_body_over_10_mb_is_refused_and_not_stored(page, client):
    body = json.dumps(feed(comment("PAGE1_C1", "x" * MAX_BODY_BYTES))).encode()
    response = client.post(
        URL, data=body, content_type="application/json", headers={"X-Hub-Signature-256": sign(body, SECRET)}
    )
    assert response.status_code == 413
    assert not WebhookDelivery.objects.exists()


def test_a_post_over_the_upload_limit_elsewhere_is_still_refused(client, settings):
    body = "username=akn&password=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440  # Django's default: the site keeps it
    response = client.post(reverse("login"), data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


# --- 8. trying again ---------------------------------------------------------------------------


def test_a_delivery_failed_before_a_fix_is_stored_when_tried_again(page):
    # As the old parser left it: it raised on a delivery it now reads.
    body = json.dumps(feed(comment("PAGE1_C1"), comment("PAGE1_C2"))).encode()
    delivery, _created = webhook_delivery_store(body=body)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.FAILED,
        processed_at=datetime(2026, 11, 23, tzinfo=UTC),
        error="TypeError: 'int' object is not iterable",
        attempts=1,
    )
    delivery = webhook_delivery_retry(delivery=delivery)
    assert (delivery.status, delivery.error, delivery.attempts) == (WebhookDelivery.Status.PROCESSED, "", 2)
    assert sorted(stored()) == ["PAGE1_C1", "PAGE1_C2"]


def test_trying_again_stores_nothing_twice_and_keeps_the_error_that_remains(page, deliver):
    delivery = deliver(feed(comment("PAGE1_C1"), comment("PAGE1_C2", created_time=253402300799000)))
    before = list(Comment.objects.values())
    delivery = webhook_delivery_retry(delivery=delivery)
    assert delivery.status == WebhookDelivery.Status.PARTLY_FAILED
    assert "PAGE1_C2" in delivery.error
    assert list(Comment.objects.values()) == before


def test_a_processed_delivery_is_not_tried_again(page, deliver):
    delivery = deliver(feed(comment("PAGE1_C1")))
    delivery = webhook_delivery_retry(delivery=delivery)
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.PROCESSED, 1)
