"""Reads about connections that the pulls of every domain app share."""

from __future__ import annotations

from accounts.models import SocialAccount

from .models import AccountConnection


def pullable_account_ids() -> list[int]:
    """Open accounts with a token (or on the demo platform) whose connection is not known to be broken.

    A closed account is pulled no more: its posts, figures and comments stay as they were archived."""
    broken = AccountConnection.objects.exclude(status=AccountConnection.Status.OK).values("account_id")
    with_token = SocialAccount.objects.exclude(access_token="") | SocialAccount.objects.filter(
        platform=SocialAccount.Platform.DEMO
    )
    return list(
        with_token.exclude(pk__in=broken)
        .filter(closed_on__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
