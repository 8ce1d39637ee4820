"""Bidi and invisible characters in platform text are shown, never obeyed (issue #12).

U+202E in a comment or an author name turned the text around in the queue, on the comment's page,
on the bulk page, in selects and on the evidence screenshot. Everywhere platform text is shown it is
now written out (⟦U+202E⟧) and isolated in <bdi>; the raw payload keeps the original."""

import pytest
from django.urls import reverse
from django.utils import timezone

from helsocial.mail import mail_render
from helsocial.shown_text import visible
from moderation.evidence import evidence_context, evidence_html, raw_payload
from moderation.ingest import comments_ingest
from moderation.models import Comment, Evidence
from moderation.registry import registry_mail_context

from .helpers import remote

pytestmark = pytest.mark.django_db

RLO, PDF, LRI, ZWSP = "\u202e", "\u202c", "\u2066", "\u200b"
AUTHOR = f"{RLO}nna Andersso{PDF}"
# A question, so that triage leaves it open in the queue.
TEXT = f"Hej! {RLO}tsol{PDF} och in{ZWSP}visible {LRI}isolat – när öppnar simhallen?"
CONTROLS = (RLO, PDF, LRI, ZWSP)


@pytest.fixture
def comment(account, editor):
    item = remote("bidi-1", TEXT, author_name=AUTHOR)
    comments_ingest(account=account, items=[item])
    return Comment.objects.get(platform_id="bidi-1")


def assert_shown_not_obeyed(body: str):
    for control in CONTROLS:
        assert control not in body, f"raw U+{ord(control):04X} in the page"
    assert "⟦U+202E⟧tsol⟦U+202C⟧" in body and "in⟦U+200B⟧visible" in body


def test_visible_writes_out_every_direction_and_invisible_character():
    assert visible(f"a{RLO}b\u200fc\x00d\ufeff") == "a⟦U+202E⟧b⟦U+200F⟧c⟦U+0000⟧d⟦U+FEFF⟧"
    # Line breaks, tabs, joiners in emoji and right-to-left letters stay as they are.
    for kept in ("rad 1\nrad 2\ttab", "👨\u200d👩\u200d👧", "مرحبا", "שלום"):
        assert visible(kept) == kept


def test_the_queue_shows_the_characters_and_isolates_the_text(lead_client, comment):
    url = reverse("moderation:queue-administration", args=[comment.account.administration_id])
    for headers in ({}, {"HX-Request": "true"}):
        body = lead_client.get(url, headers=headers).content.decode()
        assert_shown_not_obeyed(body)
        assert "<bdi>Hej! ⟦U+202E⟧tsol" in body
        assert "⟦U+202E⟧nna Andersso⟦U+202C⟧</bdi>" in body


def test_the_comment_page_shows_the_characters_and_isolates_the_text(lead_client, comment):
    body = lead_client.get(reverse("moderation:comment-detail", args=[comment.pk])).content.decode()
    assert_shown_not_obeyed(body)
    assert "<bdi>⟦U+202E⟧nna Andersso⟦U+202C⟧</bdi></h1>" in body
    assert '<p class="comment-text"><bdi>Hej! ⟦U+202E⟧tsol' in body


def test_the_bulk_page_shows_the_characters_and_isolates_the_text(lead_client, comment):
    for query in ({}, {"like": comment.pk}):
        body = lead_client.get(reverse("moderation:comments-bulk"), query).content.decode()
        assert_shown_not_obeyed(body)
        assert "<bdi>⟦U+202E⟧nna Andersso⟦U+202C⟧</bdi>" in body


def test_an_account_name_in_a_select_shows_the_characters(lead_client, comment):
    comment.account.name = f"Skolor {RLO}gnirobsleH"
    comment.account.save()
    url = reverse("moderation:queue-administration", args=[comment.account.administration_id])
    body = lead_client.get(url).content.decode()
    assert RLO not in body
    assert f'<option value="{comment.account.pk}">Skolor ⟦U+202E⟧gnirobsleH (Facebook)</option>' in body


def test_the_evidence_screenshot_and_registry_mail_show_the_characters_the_payload_keeps_them(comment, lead):
    context = evidence_context(comment, moderator=lead, rule="spam", captured_at=timezone.now())
    html = evidence_html(context)
    assert_shown_not_obeyed(html)
    assert '<div class="author"><bdi>⟦U+202E⟧nna Andersso⟦U+202C⟧</bdi></div>' in html
    evidence = Evidence.objects.create(
        comment=comment,
        png=b"png",
        png_sha256="0" * 64,
        payload=raw_payload(comment),
        payload_sha256="1" * 64,
    )
    subject, body, _html = mail_render(name="registry", context=registry_mail_context(evidence))
    assert not any(control in subject for control in CONTROLS)
    assert_shown_not_obeyed(body)
    assert TEXT in raw_payload(comment).decode()
    assert Comment.objects.get(pk=comment.pk).text == TEXT  # stored as it came
