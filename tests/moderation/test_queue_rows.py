"""The queue's rows written out in Python (moderation/queue_rows.py) read exactly as the template they
replace (queue_row_reference.html, the rows' template before): every flag, word, escape and link."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.template import Context, Template
from django.template.backends.utils import csrf_input
from django.test import RequestFactory
from django.utils import timezone, translation

from moderation import queue_rows, selectors
from moderation.ingest import comments_ingest
from moderation.models import Comment
from tests.factories import UserFactory

from .helpers import remote

pytestmark = pytest.mark.django_db

REFERENCE = Path(__file__).with_name("queue_row_reference.html")
HOSTILE = "<script>alert(\"x\")</script> \u202eevil & 'quoted'"


def _normal(html: str) -> str:
    """The markup with the template's indentation and line breaks taken out."""
    return re.sub(r"\s+", " ", re.sub(r"\s*([<>])\s*", r"\1", html)).strip()


def _reference(rows: list[Comment], *, user, now, csrf) -> str:
    context = {
        "items": selectors.queue_items(rows, user=user, now=now),
        "words": queue_rows.row_words(),
        "csrf_input": csrf,
        "page": None,
    }
    return Template(REFERENCE.read_text()).render(Context(context))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_rows_read_as_the_template_did(language, citywide_account, kc_user):
    now = timezone.now().replace(microsecond=0)
    comments_ingest(
        account=citywide_account,
        items=[
            remote("threat", "Jag vet var du bor", created_at=now),
            remote("overdue", "Var är bussen?", created_at=now - timedelta(days=9)),
            remote("hostile", HOSTILE * 30, author_name=HOSTILE, created_at=now),
            remote("open-window", "Hej, en fråga", kind="message", post_id="t1", author_id="p1",
                   created_at=now - timedelta(hours=2, minutes=30)),
            remote("closed-window", "Hej igen", kind="message", post_id="t2", author_id="p2",
                   created_at=now - timedelta(hours=30)),
            remote("other", "Fråga om avgift?", author_name="", created_at=now),
            remote("mine", "Tack!", created_at=now),
            remote("expired", "Fråga om parkering?", created_at=now),
            remote("hidden", "Dold kommentar", created_at=now),
        ],
    )  # fmt: skip
    other = UserFactory(first_name="<b>Eva</b>", last_name="Ek")
    later, earlier = now + timedelta(minutes=20), now - timedelta(minutes=1)
    Comment.objects.filter(platform_id="other").update(claimed_by=other, claimed_until=later)
    Comment.objects.filter(platform_id="mine").update(claimed_by=kc_user, claimed_until=later)
    Comment.objects.filter(platform_id="expired").update(claimed_by=other, claimed_until=earlier)
    Comment.objects.filter(platform_id="hidden").update(hidden_on_platform_at=now, status="open")
    Comment.objects.filter(platform_id="hostile").update(
        labels=["threat", "<unknown>"], suggested_action="x<y"
    )
    Comment.objects.update(in_kc_queue=True)

    csrf = csrf_input(RequestFactory().get("/"))
    order = ("priority", "sort_at", "id")
    with translation.override(language):
        models = list(Comment.objects.select_related("account", "claimed_by").order_by(*order))
        values = list(Comment.objects.order_by(*order).values(*queue_rows.ROW_FIELDS))
        expected = _reference(models, user=kc_user, now=now, csrf=csrf)
        written = queue_rows.rows_html(values, user_id=kc_user.pk, now=now, csrf_input=csrf)

    assert len(values) == 9
    assert _normal(written) == _normal(expected)
    # What the comparison rests on: each case is in the rows.
    for mark in ("⚠", "⏰", "🙈", "⌛", "👤", "&lt;b&gt;Eva&lt;/b&gt; Ek", "⟦U+202E⟧", "&lt;script&gt;"):
        assert mark in written
    assert "<script>" not in written and "<b>Eva" not in written and "\u202e" not in written


def test_no_rows_write_nothing(kc_user):
    assert queue_rows.rows_html([], user_id=kc_user.pk, now=timezone.now(), csrf_input="") == ""
