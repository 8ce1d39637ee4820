"""Two people answering one comment at once, each request on its own database connection (PostgreSQL).

The first answer holds the comment's row lock while the platform publishes it; the test waits until
the second request is seen waiting for that lock in pg_stat_activity, then lets the platform answer.
The second then reads the comment as the first left it and is refused in Swedish: one answer on the
platform, one in the log.
"""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import User
from moderation.models import Comment, ModerationLogEntry
from tests.fakes import served
from tests.fakes.facebook import FakeFacebook

from .platform import fb_comment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

HTMX = {"HX-Request": "true"}
TIMEOUT = 30


class HeldFacebook(FakeFacebook):
    """Facebook whose answers to a published reply wait until the test lets them go."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.replying = threading.Event()
        self.go = threading.Event()

    def route(self, request, parts, token):
        if request.method == "POST" and len(parts) == 2 and parts[1] == "comments":
            self.replying.set()
            assert self.go.wait(TIMEOUT), "the test never let the reply through"
        return super().route(request, parts, token)


@pytest.fixture
def held_facebook(settings):
    with served(settings, HeldFacebook(), "FACEBOOK_GRAPH_URL") as fake:
        settings.PLATFORM_HTTP_TIMEOUT = TIMEOUT  # the held answer must not time out and be retried
        yield fake


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_two_answers_to_one_comment_at_once_give_one_answer_and_one_refusal(
    held_facebook, editor, lead, account
):
    comment = fb_comment(held_facebook, account, "c1", "När börjar skolan?")
    url = reverse("moderation:comment-act", args=[comment.pk])
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}
    crashes: list[BaseException] = []

    def answer(user_pk: int, text: str) -> None:
        try:
            client = Client()
            client.force_login(User.objects.get(pk=user_pk))
            barrier.wait(timeout=TIMEOUT)
            data = {"action": "reply", "reply_text": text, "rule": "question"}
            response = client.post(url, data, headers=HTMX)
            assert response.status_code == 200
            results[text] = response.content.decode()
        except BaseException as exc:  # reported below: a thread's failure is the test's
            crashes.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=answer, args=(editor.pk, "Skolan börjar den 18 augusti.")),
        threading.Thread(target=answer, args=(lead.pk, "Den 18 augusti börjar skolan.")),
    ]
    for thread in threads:
        thread.start()
    try:
        wait_until(held_facebook.replying.is_set, "the first answer to reach the platform")
        wait_until(waiting_for_a_lock, "the second answer to wait for the comment's lock")
    finally:
        held_facebook.go.set()
        for thread in threads:
            thread.join(timeout=TIMEOUT)
    assert not crashes, crashes

    published = [o for o in held_facebook.objects.values() if o.get("parent", {}).get("id") == "c1"]
    assert len(published) == 1
    entries = ModerationLogEntry.objects.filter(comment_id=comment.pk, action="reply")
    assert [e.outcome for e in entries] == ["done"]
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.ANSWERED
    with translation.override("sv"):
        refusal = gettext("This comment has already been answered. Reload the page to see the answer.")
    assert refusal != "This comment has already been answered. Reload the page to see the answer."
    refused = [text for text, body in results.items() if refusal in body]
    assert len(refused) == 1 and len(results) == 2
    assert refused[0] not in published[0]["message"]
