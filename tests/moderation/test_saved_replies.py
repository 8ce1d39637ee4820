"""Saved replies: AKN writes city-wide ones, a lead their förvaltning's; a comment is offered the
city-wide ones and its förvaltning's, and the booking's FAQ when its post matched a booking."""

from datetime import timedelta

import pytest
from django.urls import reverse

from calendar_booking.models import Booking, BookingSlot
from moderation.models import SavedReply
from platforms.models import PlatformPost
from tests.calendar_booking.helpers import fields

from .platform import fb_comment

pytestmark = pytest.mark.django_db


def test_a_lead_adds_one_for_their_forvaltning_only(lead_client, administration, other_administration):
    url = reverse("moderation:saved-replies")
    ok = lead_client.post(
        url, {"administration": administration.pk, "title": "Skolstart", "text": "18 augusti."}
    )
    assert ok.status_code == 302
    assert SavedReply.objects.get().administration == administration
    refused = lead_client.post(url, {"administration": other_administration.pk, "title": "x", "text": "y"})
    assert refused.status_code == 400
    city = lead_client.post(url, {"administration": "", "title": "x", "text": "y"})
    assert city.status_code == 400
    assert SavedReply.objects.count() == 1


def test_akn_adds_a_city_wide_one(akn_client):
    response = akn_client.post(
        reverse("moderation:saved-replies"),
        {"administration": "", "title": "Tack", "text": "Tack för ditt inlägg!"},
    )
    assert response.status_code == 302
    assert SavedReply.objects.get().administration is None


def test_the_comment_is_offered_its_own_and_the_city_wide_saved_replies(
    facebook, editor_client, account, administration, other_administration
):
    SavedReply.objects.create(administration=None, title="Stadens tack", text="Tack för ditt inlägg!")
    SavedReply.objects.create(
        administration=administration, title="Skolstart", text="Skolan börjar 18 augusti."
    )
    SavedReply.objects.create(administration=other_administration, title="Annans mall", text="Hemligt")
    comment = fb_comment(facebook, account, "c1", "När börjar skolan?")
    body = editor_client.get(reverse("moderation:comment-detail", args=[comment.pk])).content.decode()
    assert "Stadens tack" in body and "Skolan börjar 18 augusti." in body
    assert "Annans mall" not in body and "Hemligt" not in body
    assert 'data-fill-reply="saved-reply-' in body and "js/moderation-actions" in body


def test_the_bookings_faq_is_at_hand_when_the_post_matched_a_booking(
    facebook, editor_client, communicator, account, administration
):
    comment = fb_comment(facebook, account, "c1", "Hur anmäler jag mig?")
    booking = Booking.objects.create(
        administration=administration,
        author=communicator,
        **fields(faq_text="Anmälan görs på helsingborg.se/lov senast fredag."),
    )
    BookingSlot.objects.create(
        booking=booking,
        account=account,
        starts_at=comment.created_at - timedelta(hours=2),
        ends_at=comment.created_at - timedelta(hours=1),
        blocked_until=comment.created_at - timedelta(hours=1),
        post_platform_id=comment.post_platform_id,  # the slot records the post it was published as
    )
    PlatformPost.objects.create(
        account=account,
        platform_id=comment.post_platform_id,
        created_at=comment.created_at,
    )
    body = editor_client.get(reverse("moderation:comment-detail", args=[comment.pk])).content.decode()
    assert "Anmälan görs på helsingborg.se/lov senast fredag." in body
    assert 'data-fill-reply="faq-text"' in body
