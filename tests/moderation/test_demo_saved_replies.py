"""seed_demo's saved replies: city-wide and per förvaltning, once, publishable, offered in the reply form."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from helsocial.tone.services import reply_require_publishable
from moderation.demo import SAVED_REPLIES, saved_replies_seed
from moderation.ingest import comments_ingest
from moderation.models import Comment, SavedReply

from .helpers import remote

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_citywide_and_forvaltning_saved_replies_once():
    call_command("seed_demo", stdout=StringIO())
    count = SavedReply.objects.count()
    assert count == len(SAVED_REPLIES)
    assert SavedReply.objects.filter(administration__isnull=True).count() >= 3
    assert {"SOF", "MF"} <= set(
        SavedReply.objects.filter(administration__isnull=False).values_list(
            "administration__short_name", flat=True
        )
    )
    call_command("seed_demo", stdout=StringIO())
    assert SavedReply.objects.count() == count


def test_a_saved_reply_someone_edited_is_left_as_it_is(administration):
    saved_replies_seed()
    reply = SavedReply.objects.get(title="Tack för frågan – vi återkommer")
    reply.text = "Hej! Vi återkommer i morgon."
    reply.save()
    assert saved_replies_seed() == 0
    assert SavedReply.objects.get(pk=reply.pk).text == "Hej! Vi återkommer i morgon."


@pytest.mark.parametrize(
    ("short_name", "title", "text"), SAVED_REPLIES, ids=[t for _s, t, _x in SAVED_REPLIES]
)
def test_each_saved_reply_signed_can_be_published(short_name, title, text):
    # The personal-data stop and the tone checker's blocking rules must not stop the city's own text.
    reply_require_publishable(text=f"{text}\n\nVänliga hälsningar, Karim, kundtjänsthandläggare")


def test_the_reply_form_offers_the_citywide_and_the_own_forvaltnings_ones(
    administration, other_administration, account, lead_client
):
    saved_replies_seed()
    # Only a connected account offers the reply form (an unconnected one says who can connect it).
    account.access_token = "good-token"
    account.save(update_fields=["access_token"])
    comments_ingest(account=account, items=[remote("c1", "När börjar sommarlovet?")])
    page = lead_client.get(reverse("moderation:comment-detail", args=[Comment.objects.get().pk]))
    html = page.content.decode()
    assert "Tack för frågan – vi återkommer" in html
    assert "Lovaktiviteter för barn och unga" in html
    assert "Störning från buller eller lukt" not in html  # Miljöförvaltningen's own
