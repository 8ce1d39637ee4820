"""Whose queue: on a city-wide account, the förvaltning that booked the post, or KC under its agreement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from calendar_booking.models import Booking, BookingSlot, KcAgreement
from metrics.services import posts_match_slots
from moderation.ingest import comments_ingest
from moderation.models import Comment, CommentNote
from platforms.models import PlatformPost
from tests.factories import UserFactory

from .helpers import at, remote

POSTED = at("2026-11-23 09:00")


def _booked_post(account, administration, post_id: str, *, match: bool = True, posted=POSTED) -> PlatformPost:
    """A post on the account, booked by `administration`, and (unless `match` is false) matched: the
    slot records the post it was published as."""
    booking = Booking.objects.create(
        administration=administration,
        author=UserFactory(username=f"booker-{post_id}"),
        title="Lovaktiviteter",
        objective="inform",
        category="news",
        target_group="Unga",
    )
    BookingSlot.objects.create(
        booking=booking,
        account=account,
        starts_at=posted,
        ends_at=posted + timedelta(minutes=30),
        blocked_until=posted + timedelta(minutes=30),
        post_platform_id=post_id if match else "",
    )
    return PlatformPost.objects.create(account=account, platform_id=post_id, created_at=posted)


def _comment(platform_id: str) -> Comment:
    return Comment.objects.get(platform_id=platform_id)


def test_a_comment_on_a_post_booked_by_a_forvaltning_goes_to_its_queue(citywide_account, administration):
    _booked_post(citywide_account, administration, "p1")
    comments_ingest(account=citywide_account, items=[remote("c1", "När börjar lovet?", post_id="p1")])
    comment = _comment("c1")
    assert (comment.in_kc_queue, comment.queue_administration_id) == (False, administration.pk)


def test_a_reply_follows_its_post_too(citywide_account, administration):
    _booked_post(citywide_account, administration, "p1")
    comments_ingest(
        account=citywide_account,
        items=[remote("r1", "Samma fråga", kind="reply", post_id="p1", parent_id="c0")],
    )
    assert _comment("r1").queue_administration_id == administration.pk


def test_the_booking_forvaltnings_kc_agreement_puts_it_in_kcs_queue(
    citywide_account, administration, city_administration
):
    KcAgreement.objects.create(administration=administration)
    _booked_post(citywide_account, administration, "p1")
    comments_ingest(account=citywide_account, items=[remote("c1", "Var parkerar jag?", post_id="p1")])
    comment = _comment("c1")
    assert comment.in_kc_queue
    assert comment.queue_administration_id == administration.pk


def test_an_agreement_of_another_forvaltning_does_not_count(
    citywide_account, administration, other_administration
):
    KcAgreement.objects.create(administration=other_administration)
    _booked_post(citywide_account, administration, "p1")
    comments_ingest(account=citywide_account, items=[remote("c1", "Var parkerar jag?", post_id="p1")])
    assert not _comment("c1").in_kc_queue


def test_an_agreement_that_has_ended_does_not_count(citywide_account, administration):
    KcAgreement.objects.create(
        administration=administration,
        valid_from=POSTED.date() - timedelta(days=400),
        valid_until=POSTED.date() - timedelta(days=300),
    )
    _booked_post(citywide_account, administration, "p1")
    comments_ingest(account=citywide_account, items=[remote("c1", "Var parkerar jag?", post_id="p1")])
    assert not _comment("c1").in_kc_queue


def test_an_unmatched_post_stays_with_the_accounts_forvaltning(
    citywide_account, administration, city_administration
):
    _booked_post(citywide_account, administration, "p1", match=False)
    comments_ingest(account=citywide_account, items=[remote("c1", "Hej!", post_id="p2")])
    comments_ingest(account=citywide_account, items=[remote("c2", "Hej!", post_id="p1")])
    for platform_id in ("c1", "c2"):
        comment = _comment(platform_id)
        assert (comment.in_kc_queue, comment.queue_administration_id) == (False, city_administration.pk)


def test_direct_messages_on_a_citywide_account_stay_with_kc(citywide_account, administration):
    _booked_post(citywide_account, administration, "p1")
    comments_ingest(account=citywide_account, items=[remote("m1", "Hej", kind="message", post_id="p1")])
    assert _comment("m1").in_kc_queue


def test_a_forvaltnings_own_account_ignores_bookings_by_others(account, other_administration):
    _booked_post(account, other_administration, "p1")
    comments_ingest(account=account, items=[remote("c1", "Hej!", post_id="p1")])
    assert _comment("c1").queue_administration_id == account.administration_id


def test_one_batch_reads_its_posts_bookings_in_one_query(citywide_account, administration):
    for n in range(30):
        _booked_post(citywide_account, administration, f"p{n}", posted=POSTED + timedelta(hours=n))

    def statements(prefix: str, posts: int) -> int:
        items = [remote(f"{prefix}{n}", "Hej!", post_id=f"p{n % posts}") for n in range(60)]
        with CaptureQueriesContext(connection) as captured:
            comments_ingest(account=citywide_account, items=items)
        return sum("calendar_booking_bookingslot" in q["sql"] for q in captured.captured_queries), len(
            captured.captured_queries
        )

    one_post, thirty_posts = statements("a", 1), statements("b", 30)
    assert one_post[0] == thirty_posts[0] == 1
    assert thirty_posts[1] == one_post[1]
    assert Comment.objects.filter(queue_administration=administration).count() == 120


def test_the_booking_forvaltnings_lead_sees_it_and_another_forvaltnings_editor_gets_404(
    citywide_account, administration, lead_client, other_editor, client
):
    _booked_post(citywide_account, administration, "p1")
    comments_ingest(account=citywide_account, items=[remote("c1", "När börjar lovet?", post_id="p1")])
    url = reverse("moderation:comment-detail", args=[_comment("c1").pk])
    assert lead_client.get(url).status_code == 200
    client.force_login(other_editor)
    assert client.get(url).status_code == 404
    queue = reverse("moderation:queue-administration", args=[administration.pk])
    assert "När börjar lovet?" in lead_client.get(queue).content.decode()
    assert client.get(queue).status_code == 404


def test_a_match_after_the_comments_arrived_moves_the_open_ones(
    citywide_account, administration, city_administration, kc_user
):
    post = _booked_post(citywide_account, administration, "p1", match=False)
    comments_ingest(
        account=citywide_account,
        items=[
            remote("c1", "När börjar lovet?", post_id="p1"),
            remote("c2", "Tack!", post_id="p1"),
            remote("c3", "Var?", post_id="p1"),
            remote("m1", "Hej", kind="message", post_id="p1"),
        ],
    )
    assert _comment("c1").queue_administration_id == city_administration.pk
    Comment.objects.filter(platform_id="c2").update(status=Comment.Status.HANDLED)
    forwarded = _comment("c3")
    CommentNote.objects.create(
        comment=forwarded,
        kind=CommentNote.Kind.FORWARD,
        author=kc_user,
        text="Er fråga",
        to_administration=city_administration,
    )

    assert posts_match_slots(account=citywide_account, since=post.created_at - timedelta(hours=1)) == 1
    assert BookingSlot.objects.published_as(citywide_account.pk, [post.platform_id]).exists()
    assert _comment("c1").queue_administration_id == administration.pk
    assert _comment("c2").queue_administration_id == city_administration.pk  # already handled
    assert _comment("c3").queue_administration_id == city_administration.pk  # a person put it there
    assert _comment("m1").in_kc_queue


def test_a_match_under_a_kc_agreement_moves_the_open_ones_to_kc(citywide_account, administration):
    KcAgreement.objects.create(administration=administration)
    post = _booked_post(citywide_account, administration, "p1", match=False)
    comments_ingest(account=citywide_account, items=[remote("c1", "När börjar lovet?", post_id="p1")])
    assert not _comment("c1").in_kc_queue
    posts_match_slots(account=citywide_account, since=post.created_at - timedelta(hours=1))
    assert _comment("c1").in_kc_queue


@pytest.mark.postgres
def test_on_postgresql_the_booking_decides_the_queue_as_well(citywide_account, administration):
    KcAgreement.objects.create(administration=administration)
    _booked_post(citywide_account, administration, "p1")
    comments_ingest(
        account=citywide_account,
        items=[remote("c1", "När?", post_id="p1"), remote("c2", "Hej!", post_id="p9")],
    )
    assert _comment("c1").in_kc_queue and _comment("c1").queue_administration_id == administration.pk
    assert not _comment("c2").in_kc_queue


def test_the_forvaltnings_lead_is_told_once_of_an_urgent_comment_moved_to_its_queue(
    citywide_account, administration, lead, settings
):
    from helsocial.outbox.models import OutboxMessage

    settings.AKN_EMAIL = "akn@helsingborg.se"
    post = _booked_post(citywide_account, administration, "p1", match=False)
    comments_ingest(
        account=citywide_account,
        items=[remote("c1", "Jag vet var du bor", post_id="p1"), remote("c2", "Tack!", post_id="p1")],
    )
    arrival = OutboxMessage.objects.get()
    assert lead.email not in arrival.to  # the post was not known to be theirs yet
    posts_match_slots(account=citywide_account, since=post.created_at - timedelta(hours=1))
    moved = OutboxMessage.objects.exclude(pk=arrival.pk).get()
    threat = _comment("c1")
    assert moved.to == [lead.email]
    assert f"/moderation/comments/{threat.pk}/" in moved.body
    assert f"/moderation/comments/{_comment('c2').pk}/" not in moved.body  # not urgent
    assert "Jag vet var du bor" not in moved.body
    assert administration.name in moved.body
    posts_match_slots(account=citywide_account, since=post.created_at - timedelta(hours=1))
    assert OutboxMessage.objects.count() == 2
