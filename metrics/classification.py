"""What each post was for: its objective (informera, aktivera, engagera) and the guideline's
content category, so that every post counts in the reports.

A post published in a booked slot takes its booking's objective and category. A post published
without a booking takes the tag an editor gave it afterwards (`PostTag`). A post with neither is
unclassified (None). The booking always wins: a tag on a post later matched to a slot is ignored.

`posts_classified(queryset)` annotates a queryset of posts with `objective`, `category` and
`classified_by` ("booking", "tag" or None) in the same query (two correlated subqueries on the
slot's (account, post_platform_id) index and a join), for the reports; `post_classification(post)`
is one post's, for its page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, CharField, F, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from calendar_booking.models import Booking, BookingSlot, Category, Objective
from platforms.models import PlatformPost

from .models import PostTag

BOOKING = "booking"
TAG = "tag"


def _slots_of_posts():
    return BookingSlot.objects.filter(
        account_id=OuterRef("account_id"), post_platform_id=OuterRef("platform_id")
    ).order_by("id")


def posts_classified(posts: QuerySet[PlatformPost]) -> QuerySet[PlatformPost]:
    """The posts with `objective`, `category` and `classified_by` annotated (booking's, else tag's)."""
    slots = _slots_of_posts()
    return posts.annotate(
        booked_objective=Subquery(slots.values("booking__objective")[:1]),
        booked_category=Subquery(slots.values("booking__category")[:1]),
    ).annotate(
        objective=Coalesce(F("booked_objective"), F("tag__objective"), output_field=CharField()),
        category=Coalesce(F("booked_category"), F("tag__category"), output_field=CharField()),
        classified_by=Case(
            When(booked_objective__isnull=False, then=Value(BOOKING)),
            When(tag__isnull=False, then=Value(TAG)),
            default=None,
            output_field=CharField(),
        ),
    )


@dataclass(frozen=True)
class Classification:
    objective: str | None
    category: str | None
    classified_by: str | None  # BOOKING, TAG or None
    booking: Booking | None
    tag: PostTag | None

    @property
    def objective_label(self) -> str:
        return str(Objective(self.objective).label) if self.objective else ""

    @property
    def category_label(self) -> str:
        return str(Category(self.category).label) if self.category else ""

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS.get(self.classified_by, SOURCE_LABELS[None]))


SOURCE_LABELS = {
    BOOKING: _("from the booking"),
    TAG: _("given afterwards"),
    None: _("not given yet"),
}


def post_booking(post: PlatformPost) -> Booking | None:
    """The booking whose slot the post was published in, if it was matched to one (one query)."""
    slot = (
        BookingSlot.objects.filter(account_id=post.account_id, post_platform_id=post.platform_id)
        .select_related("booking")
        .order_by("id")
        .first()
    )
    return slot.booking if slot else None


def post_classification(post: PlatformPost) -> Classification:
    """The post's objective and category: its booking's, else its tag's (two queries)."""
    booking = post_booking(post)
    tag = PostTag.objects.filter(post=post).first()
    if booking is not None:
        return Classification(booking.objective, booking.category, BOOKING, booking, tag)
    if tag is not None:
        return Classification(tag.objective, tag.category, TAG, None, tag)
    return Classification(None, None, None, None, None)


class PostHasBooking(Exception):
    """The post was published in a booked slot: its objective and category are the booking's."""


def post_tag_save(*, post: PlatformPost, objective: str, category: str, by) -> PostTag:
    """Give a post published without a booking its objective and category (or change them).

    Idempotent; refused with PostHasBooking for a post matched to a slot, whose booking decides.
    """
    if post_booking(post) is not None:
        raise PostHasBooking
    tag, _created = PostTag.objects.update_or_create(
        post=post, defaults={"objective": objective, "category": category, "tagged_by": by}
    )
    return tag
