"""Whose queue a comment goes to: the contact centre's, or a förvaltning's.

"I våra stadsgemensamma kanaler ansvarar kontaktcenter (KC) för hantering av inkommande
direktmeddelanden. Där det finns en gemensam överenskommelse med förvaltningen, ansvarar KC även för
hantering av kommentarsflödet vid publicering av inlägg." Everything else is handled by the
förvaltning that published the post.

On a förvaltning's own account that is the account's förvaltning. On a city-wide account it is the
förvaltning that booked the slot the post was published in (the slot records the post:
`calendar_booking.services.matching`); a post not
matched (yet) stays with the account's förvaltning, and its open comments move once it is matched
(`comments_place_again`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, Value

from accounts.models import Role, RoleAssignment, SocialAccount
from calendar_booking.models import BookingSlot

from .models import Comment, CommentNote
from .urgent_mail import urgent_comments_mail

# Stay well under the bind-parameter limits of both databases.
_CHUNK = 5000


@dataclass(frozen=True)
class PostPlacement:
    """What a batch's comments need to find their queue, read once per batch (`posts_placement`)."""

    # KC handles the comment flow of the account's own förvaltning (an agreement in force).
    account_kc: bool
    # City-wide accounts only: post platform id -> (the booking's förvaltning, KC handles its flow).
    booked: Mapping[str, tuple[int, bool]] = field(default_factory=dict)


def _agreements():
    try:
        return apps.get_model("calendar_booking", "KcAgreement")
    except LookupError:  # the calendar app has no agreements yet: nothing is handed to KC
        return None


def agreement_model():
    """The calendar's KcAgreement model, or None while that app has none."""
    return _agreements()


def _kc_agreement_in_force(administration_id: int) -> bool:
    agreement = _agreements()
    if agreement is None:
        return False
    return agreement.objects.in_force().filter(administration_id=administration_id).exists()


def kc_administration_ids() -> list[int]:
    """The förvaltningar whose comment flow KC handles now."""
    agreement = _agreements()
    if agreement is None:
        return []
    return list(agreement.objects.in_force().values_list("administration_id", flat=True))


def kc_accounts():
    """The accounts whose comments or messages can be in KC's queue (for its account filter).

    The agreements in force are a subquery: the queue page reads its filter in one query."""
    agreement = _agreements()
    if agreement is None:
        return SocialAccount.objects.filter(is_citywide=True)
    in_force = agreement.objects.in_force().order_by().values("administration_id")
    return SocialAccount.objects.filter(Q(is_citywide=True) | Q(administration_id__in=in_force))


def kc_handles_posts(account: SocialAccount) -> bool:
    """Whether KC handles the comment flow on this account's posts (one query, once per batch)."""
    return _kc_agreement_in_force(account.administration_id)


def posts_booked_by(account: SocialAccount, post_ids: Iterable[str | None]) -> dict[str, tuple[int, bool]]:
    """{post platform id: (the booking's förvaltning, KC handles its comments)} for the matched posts.

    One query for a batch's posts (per 5,000 of them): the slot recorded as published as the post,
    its booking's förvaltning, and whether that förvaltning has a KC agreement in force, joined in
    the database.
    """
    ids = sorted({p for p in post_ids if p})
    if not ids:
        return {}
    agreement = _agreements()
    booked: dict[str, tuple[int, bool]] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = BookingSlot.objects.published_as(account.pk, ids[start : start + _CHUNK]).order_by("pk")
        if agreement is not None:
            in_force = agreement.objects.in_force().filter(
                administration_id=OuterRef("booking__administration_id")
            )
            rows = rows.annotate(kc=Exists(in_force))
        else:
            rows = rows.annotate(kc=Value(False))
        values = rows.values_list("post_platform_id", "booking__administration_id", "kc")
        for platform_id, administration_id, kc in values:
            booked[platform_id] = (administration_id, bool(kc))
    return booked


def posts_placement(account: SocialAccount, post_ids: Iterable[str | None] = ()) -> PostPlacement:
    """Everything `queue_for` needs for a batch on this account: one query, two on a city-wide one."""
    booked = posts_booked_by(account, post_ids) if account.is_citywide else {}
    return PostPlacement(account_kc=kc_handles_posts(account), booked=booked)


def queue_for(
    *, account: SocialAccount, kind: str, kc_posts: bool | PostPlacement, post_id: str | None = None
) -> tuple[bool, int]:
    """(in KC's queue, the förvaltning whose queue otherwise) for one comment.

    `kc_posts` is the batch's `posts_placement` (or, for the account's own posts only, whether KC
    handles the account's förvaltning's comment flow); `post_id` the post the comment is on.
    """
    if kind == Comment.Kind.MESSAGE and account.is_citywide:
        return True, account.administration_id
    if kind not in (Comment.Kind.COMMENT, Comment.Kind.REPLY):
        return False, account.administration_id
    if isinstance(kc_posts, PostPlacement):
        owner = kc_posts.booked.get(post_id or "") if account.is_citywide else None
        if owner is not None:
            return owner[1], owner[0]
        kc_posts = kc_posts.account_kc
    return bool(kc_posts), account.administration_id


def comments_place_again(*, account: SocialAccount, post_ids: Iterable[str]) -> int:
    """Move the open comments on these posts to the queue they belong in now; returns how many.

    Called when posts of a city-wide account are matched to their bookings: comments that arrived
    before (a webhook is faster than the next pull) sit in the account's förvaltning's queue and go
    to the booking's förvaltning, or to KC under its agreement. A comment someone forwarded or sent
    back stays where that person put it; handled ones stay where they were handled.
    """
    if not account.is_citywide:
        return 0
    ids = sorted({p for p in post_ids if p})
    placed = posts_placement(account, ids)
    targets: dict[tuple[bool, int], list[str]] = defaultdict(list)
    for post_id in ids:
        target = queue_for(account=account, kind=Comment.Kind.COMMENT, kc_posts=placed, post_id=post_id)
        targets[target].append(post_id)
    moved = 0
    for (in_kc, administration_id), posts in targets.items():
        rows = (
            Comment.objects.filter(
                account=account,
                post_platform_id__in=posts,
                kind__in=[Comment.Kind.COMMENT, Comment.Kind.REPLY],
                status=Comment.Status.OPEN,
            )
            .exclude(in_kc_queue=in_kc, queue_administration_id=administration_id)
            .exclude(
                Exists(
                    CommentNote.objects.filter(
                        comment=OuterRef("pk"),
                        kind__in=[CommentNote.Kind.FORWARD, CommentNote.Kind.RETURN],
                    )
                )
            )
        )
        urgent = list(rows.filter(priority=0).values_list("pk", flat=True))
        moved += rows.update(in_kc_queue=in_kc, queue_administration_id=administration_id)
        if urgent:
            _tell_new_queue(account=account, administration_id=administration_id, comment_ids=urgent)
    return moved


def _tell_new_queue(*, account: SocialAccount, administration_id: int, comment_ids: list[int]) -> None:
    """The leads of the förvaltning an urgent comment moved to are told, as on its arrival.

    AKN and the account's förvaltning heard of it when it arrived; the comments' text stays in the
    portal. One mail per move and queue.
    """
    leads = sorted(
        RoleAssignment.objects.filter(
            role=Role.LEAD, administration_id=administration_id, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
    if not leads:
        return
    rows = list(
        Comment.objects.filter(pk__in=comment_ids)
        .order_by("sort_at", "id")
        .values(
            "id", "labels", "in_kc_queue", "due_at", "queue_administration_id", "queue_administration__name"
        )
    )
    urgent_comments_mail(
        key=f"moderation-urgent-placed:{rows[0]['id']}:{len(rows)}:{administration_id}",
        to=leads,
        account=account,
        rows=rows,
        moved=True,
    )
