"""The secret addresses of the iCalendar feeds: create, renew, remove."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import Administration, SocialAccount, User

from ..models import CalendarFeedToken, new_feed_secret


def feed_token_create(
    *,
    owner: User,
    kind: str,
    administration: Administration | None = None,
    account: SocialAccount | None = None,
) -> CalendarFeedToken:
    """A new feed of the owner's; `administration` or `account` as the kind asks, chosen among
    what the owner sees (the feed follows the owner's roles when it is read)."""
    return CalendarFeedToken.objects.create(
        owner=owner, kind=kind, administration=administration, account=account
    )


def feed_token_renew(*, token: CalendarFeedToken) -> None:
    """A new secret: the old address stops working at once."""
    token.secret = new_feed_secret()
    token.renewed_at = timezone.now()
    token.save(update_fields=["secret", "renewed_at"])


def feed_token_delete(*, token: CalendarFeedToken) -> None:
    token.delete()
