"""Every post counts in the reports (#14): an objective and a category given afterwards to a post
published without a booking, and a booking's figures on its page."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from calendar_booking.services.slots import booking_slot_publish
from metrics.classification import BOOKING, TAG, post_classification, posts_classified
from metrics.models import MetricSnapshot, PostTag
from platforms.models import PlatformPost
from tests.calendar_booking.helpers import book

AT = datetime(2026, 11, 20, 9, tzinfo=UTC)


def a_post(account, platform_id="p1", **fields) -> PlatformPost:
    return PlatformPost.objects.create(
        account=account, platform_id=platform_id, created_at=AT, text="Höstlov!", **fields
    )


def published(booking, post) -> None:
    booking_slot_publish(slot=booking.slots.get(), post_platform_id=post.platform_id, published_at=AT)


def snapshot(post, day=date(2026, 11, 21), **figures) -> MetricSnapshot:
    return MetricSnapshot.objects.create(
        account=post.account,
        post=post,
        subject=post.platform_id,
        day=day,
        metric_set=MetricSnapshot.MetricSet.POST_LIFETIME,
        **figures,
    )


@pytest.fixture
def post(account):
    return a_post(account)


# --- giving a post without a booking its objective and category -----------------------------------


def test_an_editor_tags_a_post_without_a_booking_and_the_reports_count_it(editor_client, post, editor):
    url = reverse("metrics:post-figures", args=[post.pk])
    page = editor_client.get(url).content.decode()
    assert "har ingen målsättning eller innehållskategori" in page  # unclassified, and the form is offered
    assert f'action="{reverse("metrics:post-tag", args=[post.pk])}"' in page

    response = editor_client.post(
        reverse("metrics:post-tag", args=[post.pk]), {"objective": "engage", "category": "people"}
    )
    assert response.status_code == 302 and response["Location"] == url
    tag = PostTag.objects.get(post=post)
    assert (tag.objective, tag.category, tag.tagged_by) == ("engage", "people", editor)
    row = posts_classified(PlatformPost.objects.filter(pk=post.pk)).get()
    assert (row.objective, row.category, row.classified_by) == ("engage", "people", TAG)
    page = editor_client.get(url).content.decode()
    assert "Engagera" in page and "Vardagsnära berättelser" in page and "angivet i efterhand" in page

    # Changing it again replaces the tag; nothing is added.
    editor_client.post(
        reverse("metrics:post-tag", args=[post.pk]), {"objective": "inform", "category": "tips"}
    )
    assert PostTag.objects.filter(post=post).count() == 1
    assert PostTag.objects.get(post=post).objective == "inform"


def test_a_bad_choice_is_a_swedish_error_and_nothing_is_stored(editor_client, post):
    response = editor_client.post(reverse("metrics:post-tag", args=[post.pk]), {"objective": "sälja"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in body and "Välj inläggets innehållskategori." in body
    assert 'aria-invalid="true"' in body
    assert not PostTag.objects.exists()


def test_a_communicator_may_not_tag_and_sees_no_form(communicator_client, post):
    page = communicator_client.get(reverse("metrics:post-figures", args=[post.pk])).content.decode()
    assert reverse("metrics:post-tag", args=[post.pk]) not in page
    response = communicator_client.post(
        reverse("metrics:post-tag", args=[post.pk]), {"objective": "inform", "category": "tips"}
    )
    assert response.status_code == 403 and not PostTag.objects.exists()


def test_a_booked_post_takes_the_bookings_objective_and_a_tag_never_overrides_it(
    editor_client, post, communicator, administration, account, editor
):
    booking = book(communicator, administration, (account, "2026-11-20 10:00"))  # activate / tips
    PostTag.objects.create(post=post, objective="engage", category="people", tagged_by=editor)
    published(booking, post)
    unbooked = a_post(account, "p2")
    PostTag.objects.create(post=unbooked, objective="inform", category="civic_crisis")
    bare = a_post(account, "p3")

    rows = {p.platform_id: p for p in posts_classified(PlatformPost.objects.filter(account=account))}
    assert (rows["p1"].objective, rows["p1"].category, rows["p1"].classified_by) == (
        "activate",
        "tips",
        BOOKING,
    )
    assert (rows["p2"].objective, rows["p2"].category, rows["p2"].classified_by) == (
        "inform",
        "civic_crisis",
        TAG,
    )
    assert (rows["p3"].objective, rows["p3"].category, rows["p3"].classified_by) == (None, None, None)
    assert post_classification(bare).classified_by is None

    page = editor_client.get(reverse("metrics:post-figures", args=[post.pk])).content.decode()
    assert "från bokningen" in page and "Aktivera" in page
    assert reverse("metrics:post-tag", args=[post.pk]) not in page  # the booking decides
    response = editor_client.post(
        reverse("metrics:post-tag", args=[post.pk]), {"objective": "inform", "category": "tips"}, follow=True
    )
    assert "publicerades från en bokning" in response.content.decode()
    assert PostTag.objects.get(post=post).objective == "engage"  # untouched


def test_the_post_page_asks_as_many_queries_with_a_tag_as_without(editor_client, post, account):
    url = reverse("metrics:post-figures", args=[post.pk])
    snapshot(post, reach=100, reactions=5)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(url).status_code == 200
        return len(captured.captured_queries)

    without = count()
    assert without <= 12  # quality.md bar 1
    PostTag.objects.create(post=post, objective="inform", category="tips")
    for n in range(1, 40):
        snapshot(post, day=date(2026, 11, 21) + timedelta(days=n), reach=n)
    assert count() == without


# --- a booking's figures on its page ---------------------------------------------------------------


def test_the_booking_page_fetches_its_figures_from_metrics(
    communicator_client, communicator, administration, account
):
    booking = book(communicator, administration, (account, "2026-11-20 10:00"))
    page = communicator_client.get(
        reverse("calendar_booking:booking-detail", args=[booking.pk])
    ).content.decode()
    assert f'hx-get="{reverse("metrics:booking-figures", args=[booking.pk])}"' in page
    fragment = communicator_client.get(
        reverse("metrics:booking-figures", args=[booking.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in fragment and "har matchats mot ett publicerat" in fragment


def test_an_advertised_booking_says_its_figures_are_organic_only(
    communicator_client, communicator, administration
):
    from tests.factories import SocialAccountFactory

    instagram = SocialAccountFactory(administration=administration, platform="instagram")
    facebook = SocialAccountFactory(administration=administration, platform="facebook")
    booking = book(
        communicator,
        administration,
        (instagram, "2026-11-20 10:00"),
        (facebook, "2026-11-20 10:00"),
        is_advertising=True,
        ad_budget="1500.00",
        ad_starts_on=date(2026, 11, 20),
        ad_ends_on=date(2026, 11, 27),
    )
    ig_post, fb_post = a_post(instagram, "ig1"), a_post(facebook, "fb1")
    for slot, post in zip(booking.slots.order_by("account_id"), (ig_post, fb_post), strict=True):
        booking_slot_publish(slot=slot, post_platform_id=post.platform_id, published_at=AT)
    snapshot(ig_post, reach=900, views=1200, reactions=40, organic_only=True, settled=True)
    snapshot(fb_post, reach=500, missing={"saves": "not_given"})
    url = reverse("metrics:booking-figures", args=[booking.pk])
    body = communicator_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "bara organiska" in body  # Instagram: the paid distribution is not in them
    assert "räknar in den betalda spridningen" in body  # Facebook's views include paid
    assert "900" in body and "Siffrorna är slutliga." in body

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert communicator_client.get(url, headers={"HX-Request": "true"}).status_code == 200
        return len(captured.captured_queries)

    few = count()
    assert few <= 12  # quality.md bar 1
    for n in range(22, 30):
        snapshot(ig_post, day=date(2026, 11, n), reach=n, organic_only=True)
        snapshot(fb_post, day=date(2026, 11, n), reach=n)
    assert count() == few
