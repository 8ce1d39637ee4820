"""Quality bar 6 for the webhook: whatever a signed body holds, no 500 and no crash in the task;
and the parser never loses a good comment, whatever junk the delivery holds beside it (issue 12)."""

import hashlib
import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderation.meta_webhook import decode, parse, sign
from moderation.models import Comment, WebhookDelivery
from moderation.services import webhook_delivery_process, webhook_delivery_store
from tests.factories import SocialAccountFactory

pytestmark = pytest.mark.django_db
SECRET = "fuzz-secret"

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
field_value = scalars | st.dictionaries(st.sampled_from(["id", "name", "username"]), scalars, max_size=3)
feed_value = st.fixed_dictionaries(
    {},
    optional={
        "item": st.sampled_from(["comment", "reply", "post", 3]),
        "verb": st.sampled_from(["add", "edited", "remove", "hide", "unhide", "delete", None]),
        "comment_id": field_value,
        "post_id": field_value,
        "parent_id": field_value,
        "from": field_value,
        "message": field_value,
        "created_time": st.integers(min_value=-(10**15), max_value=10**15) | st.text(max_size=30) | st.none(),
        "photo": field_value,
    },
)
payloads = (
    st.fixed_dictionaries(
        {
            "object": st.sampled_from(["page", "instagram", "user", 7]),
            "entry": st.lists(
                st.fixed_dictionaries(
                    {"id": st.sampled_from(["PAGEF", "IGF", 5, None])},
                    optional={
                        "time": scalars,
                        "changes": st.lists(
                            st.fixed_dictionaries(
                                {"field": st.sampled_from(["feed", "comments", "live_comments", "mention"])},
                                optional={"value": feed_value | json_values},
                            )
                            | json_values,
                            max_size=3,
                        ),
                        "messaging": st.lists(json_values, max_size=2),
                    },
                ),
                max_size=3,
            ),
        }
    )
    | json_values
)


@pytest.fixture
def meta_secret(settings):
    settings.META_APP_SECRET = SECRET


@pytest.fixture
def pages(db):
    SocialAccountFactory(platform="facebook", platform_id="PAGEF")
    SocialAccountFactory(platform="instagram", platform_id="IGF")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=payloads)
def test_any_signed_payload_is_answered_200_and_processed_without_a_crash(
    client, pages, meta_secret, payload
):
    body = json.dumps(payload).encode()
    response = client.post(
        "/webhooks/meta/",
        data=body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": sign(body, SECRET)},
    )
    assert response.status_code == 200
    delivery = WebhookDelivery.objects.get(body_sha256=hashlib.sha256(body).hexdigest())
    webhook_delivery_process(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status != WebhookDelivery.Status.PENDING


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=200))
def test_any_bytes_are_stored_and_processed_without_a_crash(pages, body):
    delivery, _created = webhook_delivery_store(body=body)
    webhook_delivery_process(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status != WebhookDelivery.Status.PENDING


# --- good comments among junk ----------------------------------------------------------------------
# A delivery is built from good comments (a usable id, a comment verb) and junk of every kind around
# and inside them: items of the wrong type, fields of the wrong type, and JSON that json.dumps cannot
# write, spliced in as text where a placeholder stands: NaN and its kin, lone surrogates, invalid
# UTF-8, NUL, and nesting a few hundred levels deep (deeper than that a delivery is unreadable as a
# whole: see test_webhook_robustness.py).

SPLICES = {
    "@nan@": b"NaN",
    "@inf@": b"-Infinity",
    "@huge@": b"1e400",
    "@cut@": b'"Hej \\ud83d"',
    "@low@": b'"\\udc00"',
    "@utf8@": b'"\xff\xfe"',
    "@nul@": b'"a\\u0000b"',
    "@deep@": b"[" * 300 + b"]" * 300,
}
splice = st.sampled_from(sorted(SPLICES))
junk = (
    json_values
    | splice
    | st.lists(splice, max_size=3)
    | st.dictionaries(st.text(max_size=5), splice, max_size=2)
)
# Times a comment really has, or none at all: a time far in the future (year 9999) is an item that
# fails in storage, which test_webhook_robustness.py covers.
good_time = (
    st.integers(min_value=0, max_value=4 * 10**9)
    | st.none()
    | splice
    | st.dictionaries(st.text(max_size=3), scalars, max_size=1)
)


@st.composite
def deliveries(draw, page="PAGEF"):
    """(body, the good comments' ids, their message where it is plain text)."""
    count = draw(st.integers(min_value=0, max_value=6))
    numbers = draw(
        st.lists(st.integers(min_value=0, max_value=10**6), min_size=count, max_size=count, unique=True)
    )
    good, messages = [], {}
    for n in numbers:
        comment_id = f"{page}_G{n}"
        value = {
            "item": draw(st.sampled_from(["comment", "reply"])),
            "verb": draw(st.sampled_from(["add", "edited"])),
        }
        value["comment_id"] = comment_id
        value.update(
            draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "message": st.text(max_size=40) | junk,
                        "from": field_value | junk,
                        "created_time": good_time,
                        "post_id": field_value,
                        "parent_id": field_value,
                        "photo": field_value,
                        "extra": junk,
                    },
                )
            )
        )
        if isinstance(value.get("message"), str) and value["message"] not in SPLICES:
            messages[comment_id] = value["message"].replace("\x00", "")
        good.append({"field": "feed", "value": value})
    entries = []
    for change in good:
        if not entries or draw(st.booleans()):
            entries.append({"id": page, "time": draw(good_time), "changes": []})
        entries[-1]["changes"].append(change)
    for entry in entries:  # junk between the good changes, and whole junk entries between the entries
        for _ in range(draw(st.integers(min_value=0, max_value=3))):
            at = draw(st.integers(min_value=0, max_value=len(entry["changes"])))
            entry["changes"].insert(at, draw(junk | feed_value.map(lambda v: {"field": "feed", "value": v})))
        if draw(st.booleans()):
            entry["messaging"] = draw(junk)
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        entries.insert(
            draw(st.integers(min_value=0, max_value=len(entries))),
            draw(
                junk | st.fixed_dictionaries({"id": field_value | splice, "changes": junk, "messaging": junk})
            ),
        )
    body = json.dumps({"object": "page", "entry": entries}).encode()
    for placeholder, raw in SPLICES.items():
        body = body.replace(f'"{placeholder}"'.encode(), raw)
    return body, [c["value"]["comment_id"] for c in good], messages


@settings(max_examples=400, deadline=None)
@given(delivery=deliveries())
def test_the_parser_never_raises_and_never_loses_a_good_comment(delivery):
    body, good_ids, messages = delivery
    changes = parse(decode(body))
    read = {item.id: item for item in changes.upserts.get(("facebook", "PAGEF"), [])}
    assert set(good_ids) <= set(read)
    for comment_id, message in messages.items():
        assert read[comment_id].text == message
    assert all(isinstance(line, str) for line in changes.errors)


_example = itertools.count()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(delivery=deliveries())
def test_every_good_comment_among_junk_is_stored_and_the_delivery_settled(pages, delivery):
    body, good_ids, _messages = delivery
    # The examples share one database: each delivery's ids are its own.
    prefix = f"E{next(_example)}x"
    body = body.replace(b'"PAGEF_G', f'"PAGEF_{prefix}G'.encode())
    good_ids = [i.replace("PAGEF_G", f"PAGEF_{prefix}G") for i in good_ids]
    delivery, _created = webhook_delivery_store(body=body)
    webhook_delivery_process(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status != WebhookDelivery.Status.PENDING
    stored = set(Comment.objects.filter(platform_id__in=good_ids).values_list("platform_id", flat=True))
    assert stored == set(good_ids)
