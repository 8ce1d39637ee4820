"""Each account's connection to its platform, and the posts as mirrored from the platforms.

A connection is what the portal knows of an account's token: whether it works, until when, and the
platform's last complaint. An expired token marks the account "needs a new token" and no call is
made for it until someone reconnects it (`platform_calls` is the one guard every pull goes through).
Posts are upserted by the platform's id, so mirroring them twice changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import SocialAccount, User

from . import client_class, oauth
from .base import PlatformClient, PlatformError, PlatformUnavailable, RemotePost, TokenExpired
from .models import AccountConnection, PlatformPost

logger = logging.getLogger(__name__)

# A token this close to its end is refreshed before a pull uses it.
REFRESH_MARGIN = timedelta(minutes=10)


# --- connection -----------------------------------------------------------------------------------


def connection_for(account: SocialAccount) -> AccountConnection:
    """The account's connection row; an account with a token (or on the demo platform) starts connected."""
    connected = bool(account.access_token) or account.platform == SocialAccount.Platform.DEMO
    connection, _created = AccountConnection.objects.get_or_create(
        account=account,
        defaults={
            "status": AccountConnection.Status.OK if connected else AccountConnection.Status.NOT_CONNECTED,
            "expires_at": account.token_expires_at,
        },
    )
    return connection


@transaction.atomic
def account_connect(
    *,
    account: SocialAccount,
    token: str,
    by: User | None,
    expires_at: datetime | None,
    refresh_token: str = "",
    platform_id: str = "",
) -> AccountConnection:
    """Store a new token for the account and let pulls run for it again."""
    account.access_token = token
    account.token_expires_at = expires_at
    fields = ["access_token", "token_expires_at", "updated_at"]
    if platform_id and not account.platform_id:
        account.platform_id = platform_id
        fields.append("platform_id")
    account.save(update_fields=fields)
    connection = connection_for(account)
    connection.status = AccountConnection.Status.OK
    connection.expires_at = expires_at
    connection.refresh_token = refresh_token
    connection.connected_at = timezone.now()
    connection.connected_by = by
    connection.last_error = ""
    connection.save()
    return connection


def connection_mark_needs_token(*, account: SocialAccount, reason: str) -> None:
    """The platform refused the token: stop pulling the account until it is reconnected."""
    with transaction.atomic():
        connection = AccountConnection.objects.select_for_update().get(pk=connection_for(account).pk)
        connection.status = AccountConnection.Status.NEEDS_NEW_TOKEN
        connection.last_error = reason[:500]
        connection.last_error_at = timezone.now()
        connection.save(update_fields=["status", "last_error", "last_error_at"])
    logger.warning("account %s needs a new token: %s", account.pk, reason)


def connection_record_error(*, account: SocialAccount, reason: str) -> None:
    AccountConnection.objects.filter(account=account).update(
        last_error=reason[:500], last_error_at=timezone.now()
    )


def connection_refresh_if_due(*, account: SocialAccount, now: datetime | None = None) -> bool:
    """Refresh the account's token when it has a refresh token and is about to run out; True if it did.

    A refused refresh is an expired connection (someone must reconnect); a platform that is down
    raises PlatformUnavailable like any call.
    """
    now = now or timezone.now()
    connection = connection_for(account)
    if (
        connection.status != AccountConnection.Status.OK
        or not connection.refresh_token
        or connection.expires_at is None
        or connection.expires_at > now + REFRESH_MARGIN
        or not oauth.is_configured(account.platform)
    ):
        return False
    try:
        grant = oauth.refresh(platform=account.platform, refresh_token=connection.refresh_token)
    except PlatformUnavailable:
        raise
    except PlatformError as exc:
        connection_mark_needs_token(account=account, reason=str(exc))
        return False
    account_connect(
        account=account,
        token=grant.access_token,
        by=connection.connected_by,
        expires_at=grant.expires_at,
        refresh_token=grant.refresh_token,
    )
    account.refresh_from_db(fields=["access_token", "token_expires_at"])
    return True


def connection_ready(*, account: SocialAccount, now: datetime, refresh: bool) -> AccountConnection:
    """The account's connection, its token refreshed first when due (not for an injected client):
    a pull goes ahead only if its status is then OK."""
    connection = connection_for(account)
    if refresh and connection.status == AccountConnection.Status.OK:
        connection_refresh_if_due(account=account, now=now)
        connection.refresh_from_db()
    return connection


@dataclass
class PlatformCalls:
    """What `platform_calls` learnt: whether the token was refused, and how many calls were made."""

    client: PlatformClient
    token_expired: bool = False
    calls: int = 0


@contextmanager
def platform_calls(*, account: SocialAccount, client: PlatformClient) -> Iterator[PlatformCalls]:
    """The one guard around a run of calls for an account.

    An expired token marks the connection "needs a new token" and is not raised (`token_expired`
    tells the caller to stop); any other platform error is recorded on the connection and raised
    for the caller (a task retries PlatformUnavailable later). `calls` counts the HTTP calls made.
    """
    guard = PlatformCalls(client=client)
    try:
        yield guard
    except TokenExpired as exc:
        connection_mark_needs_token(account=account, reason=str(exc))
        guard.token_expired = True
    except PlatformError as exc:
        connection_record_error(account=account, reason=str(exc))
        raise
    finally:
        guard.calls = getattr(getattr(client, "http", client), "calls", 0)


# --- signing in -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInStart:
    """Where to send the person to sign in, and what the callback needs back.

    No `url`: the platform has nothing to sign in to and the account is connected already.
    """

    url: str = ""
    state: str = ""
    verifier: str = ""


def connection_start(*, account: SocialAccount, by: User, redirect_uri: str) -> SignInStart:
    """Begin connecting the account: the platform's sign-in page, or (demo) the connection at once.

    Raises oauth.NotConfigured when signing in with the platform is not set up.
    """
    sign_in = client_class(account.platform).sign_in
    if not sign_in.oauth:
        account_connect(account=account, token="", by=by, expires_at=None)
        return SignInStart()
    if not oauth.is_configured(account.platform):
        raise oauth.NotConfigured(f"{account.platform}: signing in is not set up")
    state = oauth.new_state()
    verifier = oauth.new_verifier() if sign_in.pkce else ""
    url = oauth.authorize_url(
        platform=account.platform, state=state, redirect_uri=redirect_uri, verifier=verifier
    )
    return SignInStart(url=url, state=state, verifier=verifier)


def connection_finish(
    *, account: SocialAccount, platform: str, code: str, redirect_uri: str, verifier: str, by: User
) -> AccountConnection:
    """Finish connecting the account with the code the platform sent back; raises PlatformError.

    The platform's client says what its grant needs: Meta's person token is traded for the Page's.
    """
    grant = oauth.exchange_code(platform=platform, code=code, redirect_uri=redirect_uri, verifier=verifier)
    if client_class(platform).sign_in.page_token:
        grant = oauth.meta_page_grant(platform=platform, grant=grant, object_id=account.platform_id)
    return account_connect(
        account=account,
        token=grant.access_token,
        refresh_token=grant.refresh_token,
        by=by,
        expires_at=grant.expires_at,
    )


# --- posts ----------------------------------------------------------------------------------------


def posts_upsert(*, account: SocialAccount, posts: Sequence[RemotePost]) -> int:
    rows = {
        p.id: PlatformPost(
            account=account,
            platform_id=p.id,
            created_at=p.created_at,
            text=p.text,
            permalink=p.permalink[:500],
            link=p.link[:1000],
            media_type=p.media_type[:16],
        )
        for p in posts
    }
    if rows:
        PlatformPost.objects.bulk_create(
            list(rows.values()),
            update_conflicts=True,
            unique_fields=["account", "platform_id"],
            update_fields=["created_at", "text", "permalink", "link", "media_type"],
        )
    return len(rows)
