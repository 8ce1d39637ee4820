"""Quality bar 6 for the webhook: whatever a signed body holds, no 500 and no crash in the task."""

import hashlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderation.meta_webhook import sign
from moderation.models import WebhookDelivery
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


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=200))
def test_any_bytes_are_stored_and_processed_without_a_crash(pages, body):
    delivery, _created = webhook_delivery_store(body=body)
    webhook_delivery_process(delivery_id=delivery.pk)
