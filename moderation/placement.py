"""Whose queue a comment goes to: the contact centre's, or a förvaltning's.

"I våra stadsgemensamma kanaler ansvarar kontaktcenter (KC) för hantering av inkommande
direktmeddelanden. Där det finns en gemensam överenskommelse med förvaltningen, ansvarar KC även för
hantering av kommentarsflödet vid publicering av inlägg." Everything else is handled by the
förvaltning that published the post.

The post's förvaltning is taken to be the account's; once posts are matched to bookings (metrics),
the booking's förvaltning should decide on city-wide accounts.
"""

from __future__ import annotations

from django.apps import apps

from accounts.models import SocialAccount

from .models import Comment


def _kc_agreement_in_force(administration_id: int) -> bool:
    try:
        agreement = apps.get_model("calendar_booking", "KcAgreement")
    except LookupError:  # the calendar app has no agreements yet: nothing is handed to KC
        return False
    return agreement.objects.in_force().filter(administration_id=administration_id).exists()


def kc_administration_ids() -> list[int]:
    """The förvaltningar whose comment flow KC handles now."""
    try:
        agreement = apps.get_model("calendar_booking", "KcAgreement")
    except LookupError:
        return []
    return list(agreement.objects.in_force().values_list("administration_id", flat=True))


def kc_accounts():
    """The accounts whose comments or messages can be in KC's queue (for its account filter)."""
    from django.db.models import Q

    return SocialAccount.objects.filter(
        Q(is_citywide=True) | Q(administration_id__in=kc_administration_ids())
    )


def kc_handles_posts(account: SocialAccount) -> bool:
    """Whether KC handles the comment flow on this account's posts (one query, once per batch)."""
    return _kc_agreement_in_force(account.administration_id)


def kc_handles(account: SocialAccount, post_id: str | None = None) -> bool:
    """Whether KC handles comments on this post."""
    return kc_handles_posts(account)


def queue_for(*, account: SocialAccount, kind: str, kc_posts: bool) -> tuple[bool, int]:
    """(in KC's queue, the förvaltning whose queue otherwise) for one comment."""
    if kind == Comment.Kind.MESSAGE and account.is_citywide:
        return True, account.administration_id
    if kind in (Comment.Kind.COMMENT, Comment.Kind.REPLY) and kc_posts:
        return True, account.administration_id
    return False, account.administration_id
