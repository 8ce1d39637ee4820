"""AKN's page of failed webhook deliveries, and "Försök igen" (issue 12)."""

import hashlib
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from moderation.models import Comment, WebhookDelivery
from tests.factories import SocialAccountFactory

pytestmark = pytest.mark.django_db
URL = reverse("moderation:webhook-deliveries")


def sv(text: str, **values) -> str:
    with translation.override("sv"):
        return gettext(text) % values if values else gettext(text)


def delivery(payload, *, status=WebhookDelivery.Status.FAILED, error="not JSON: nonsense", minutes_ago=0):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    settled = status != WebhookDelivery.Status.PENDING
    return WebhookDelivery.objects.create(
        body=body,
        body_sha256=hashlib.sha256(body).hexdigest(),
        received_at=timezone.now() - timedelta(minutes=minutes_ago),
        status=status,
        processed_at=timezone.now() if settled else None,
        error=error if settled else "",
        attempts=1 if settled else 0,
    )


def feed(*comment_ids):
    changes = [
        {
            "field": "feed",
            "value": {
                "item": "comment",
                "verb": "add",
                "comment_id": c,
                "post_id": "PAGE1_P1",
                "message": "Hej",
            },
        }
        for c in comment_ids
    ]
    return {"object": "page", "entry": [{"id": "PAGE1", "time": 1795000000, "changes": changes}]}


@pytest.fixture
def page(administration):
    return SocialAccountFactory(administration=administration, platform="facebook", platform_id="PAGE1")


def test_akn_sees_the_deliveries_with_errors_and_only_those(akn_client):
    failed = delivery(b"x", error="not JSON: expected value")
    partly = delivery(feed("PAGE1_C1"), status=WebhookDelivery.Status.PARTLY_FAILED, error="entry 0: 5")
    processed = delivery(feed("PAGE1_C2"), status=WebhookDelivery.Status.PROCESSED)
    pending = delivery(feed("PAGE1_C3"), status=WebhookDelivery.Status.PENDING)
    response = akn_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert sv("Failed webhook deliveries") in html
    assert f"#{failed.pk}<" in html and f"#{partly.pk}<" in html
    assert f"#{processed.pk}<" not in html and f"#{pending.pk}<" not in html
    assert "not JSON: expected value" in html
    assert sv("Partly failed") in html and sv("Try again") == "Försök igen" and "Försök igen" in html


def test_the_error_is_shown_escaped(akn_client):
    delivery(b"x", error="entry 0 ('<script>alert(1)</script>'): changes is a number, not a list")
    html = akn_client.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_list_pages_by_keyset_with_flat_queries(akn_client, django_assert_max_num_queries):
    for n in range(3):
        delivery(f"body {n}".encode(), minutes_ago=n)
    with django_assert_max_num_queries(8) as few:
        akn_client.get(URL)
    for n in range(3, 57):
        delivery(f"body {n}".encode(), minutes_ago=n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        first = akn_client.get(URL)
    assert first.context["page"].has_next and len(first.context["page"].rows) == 50
    second = akn_client.get(URL, {"after": first.context["page"].next_cursor})
    rows = first.context["page"].rows + second.context["page"].rows
    assert len(second.context["page"].rows) == 7 and not second.context["page"].has_next
    assert [r.received_at for r in rows] == sorted((r.received_at for r in rows), reverse=True)
    assert len({r.pk for r in rows}) == 57


def test_the_list_never_reads_a_body(akn_client, django_assert_max_num_queries):
    delivery(b"x" * 100_000)
    with django_assert_max_num_queries(8) as queries:
        response = akn_client.get(URL)
    listing = [q["sql"] for q in queries.captured_queries if "moderation_webhookdelivery" in q["sql"]]
    assert listing and all('"moderation_webhookdelivery"."body",' not in sql for sql in listing)
    assert "97,7" in response.content.decode() or "97.7" in response.content.decode()  # its size, in kB


def test_trying_again_after_a_fix_stores_the_comments_and_says_so(akn_client, page):
    # Failed under the old parser; the parser of today reads it.
    failed = delivery(feed("PAGE1_C1", "PAGE1_C2"), error="TypeError: 'int' object is not iterable")
    response = akn_client.post(reverse("moderation:webhook-delivery-retry", args=[failed.pk]), follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert (
        sv("Delivery %(id)s was processed: all of it is stored.", id=failed.pk) in response.content.decode()
    )
    failed.refresh_from_db()
    assert failed.status == WebhookDelivery.Status.PROCESSED and failed.attempts == 2
    assert sorted(Comment.objects.values_list("platform_id", flat=True)) == ["PAGE1_C1", "PAGE1_C2"]
    assert f"#{failed.pk}<" not in response.content.decode()  # off the list


def test_trying_again_reports_the_error_that_remains_escaped(akn_client, page):
    body = b'{"object":"page","entry":[{"id":"<b>555</b>","changes":5}]}'
    failed = delivery(body, error="old error")
    response = akn_client.post(reverse("moderation:webhook-delivery-retry", args=[failed.pk]), follow=True)
    html = response.content.decode()
    expected = sv("Delivery %(id)s failed again: %(error)s", id=failed.pk, error="")
    assert expected.replace("'", "&#x27;") in html
    assert "&#x27;&lt;b&gt;555&lt;/b&gt;&#x27;): changes is a number, not a list" in html
    assert "<b>555</b>" not in html
    failed.refresh_from_db()
    assert failed.status == WebhookDelivery.Status.FAILED and "old error" not in failed.error


def test_trying_again_a_partly_failed_delivery_says_what_still_fails(akn_client, page):
    payload = feed("PAGE1_C1")
    payload["entry"][0]["changes"].append(5)
    partly = delivery(payload, status=WebhookDelivery.Status.PARTLY_FAILED, error="x")
    response = akn_client.post(reverse("moderation:webhook-delivery-retry", args=[partly.pk]), follow=True)
    assert "changes 1: a number, not an object" in response.content.decode()
    assert Comment.objects.filter(platform_id="PAGE1_C1").count() == 1


def test_a_delivery_without_an_error_is_not_tried_again(akn_client, page):
    processed = delivery(feed("PAGE1_C1"), status=WebhookDelivery.Status.PROCESSED)
    response = akn_client.post(reverse("moderation:webhook-delivery-retry", args=[processed.pk]), follow=True)
    assert sv("Delivery %(id)s has no error to try again.", id=processed.pk) in response.content.decode()
    processed.refresh_from_db()
    assert processed.attempts == 1 and not Comment.objects.exists()


def test_an_unknown_delivery_is_404_for_akn(akn_client):
    assert akn_client.post(reverse("moderation:webhook-delivery-retry", args=[987654])).status_code == 404


def test_akn_finds_the_page_in_the_menu_and_kc_does_not(akn_client, kc_client):
    assert f'href="{URL}"' in akn_client.get(reverse("home")).content.decode()
    assert f'href="{URL}"' not in kc_client.get(reverse("home")).content.decode()
