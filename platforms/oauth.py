"""The OAuth 2.0 authorization-code flow for connecting an account (PKCE where the platform uses it).

The authorization server's two addresses, the app's id and its secret are settings per platform
(`settings.OAUTH`), so the tests point them at local fake servers. Secrets and codes travel in POST
bodies, never in a URL we log.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode, urlsplit

import requests
from django.conf import settings
from django.utils import timezone

from . import client_class
from .base import PlatformError, PlatformUnavailable
from .http import strip_secrets


class NotConfigured(PlatformError):
    """Signing in with this platform is not set up (no app id or addresses in settings.OAUTH)."""


@dataclass
class Grant:
    access_token: str
    expires_at: datetime | None
    refresh_token: str = ""


def is_configured(platform: str) -> bool:
    config = settings.OAUTH.get(platform) or {}
    return bool(config.get("client_id") and config.get("authorize_url") and config.get("token_url"))


def new_state() -> str:
    return secrets.token_urlsafe(32)


def new_verifier() -> str:
    return secrets.token_urlsafe(64)[:96]


def challenge_for(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorize_url(*, platform: str, state: str, redirect_uri: str, verifier: str = "") -> str:
    config = settings.OAUTH[platform]
    params = {
        "response_type": "code",
        "client_id": config["client_id"],
        "redirect_uri": redirect_uri,
        "state": state,
        "scope": config["scope"],
    }
    if verifier:
        params.update(code_challenge=challenge_for(verifier), code_challenge_method="S256")
    separator = "&" if "?" in config["authorize_url"] else "?"
    return f"{config['authorize_url']}{separator}{urlencode(params)}"


def exchange_code(*, platform: str, code: str, redirect_uri: str, verifier: str = "") -> Grant:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    if verifier:
        data["code_verifier"] = verifier
    return _token_request(platform, data)


def refresh(*, platform: str, refresh_token: str) -> Grant:
    """A new access token from a refresh token (LinkedIn, X); Meta has none: reconnect on expiry."""
    grant = _token_request(platform, {"grant_type": "refresh_token", "refresh_token": refresh_token})
    # LinkedIn keeps the refresh token (its life is not reset); X rotates it.
    grant.refresh_token = grant.refresh_token or refresh_token
    return grant


def _token_request(platform: str, data: dict) -> Grant:
    config = settings.OAUTH[platform]
    data = {**data, "client_id": config["client_id"]}
    auth = None
    if client_class(platform).sign_in.basic_auth and config.get("client_secret"):
        auth = (config["client_id"], config["client_secret"])  # a confidential client: Basic auth
    elif config.get("client_secret"):
        data["client_secret"] = config["client_secret"]
    try:
        response = requests.post(
            config["token_url"],
            data=data,
            auth=auth,
            timeout=settings.PLATFORM_HTTP_TIMEOUT,
            headers={"Accept": "application/json"},
        )
    except requests.RequestException as exc:
        raise PlatformUnavailable(f"{platform} token endpoint: {type(exc).__name__}") from exc
    try:
        body = response.json()
    except ValueError as exc:
        raise PlatformUnavailable(
            f"{platform} token endpoint: HTTP {response.status_code}, not JSON"
        ) from exc
    if response.status_code >= 400 or "access_token" not in body:
        error = body.get("error")
        if isinstance(error, dict):  # Meta's shape
            error = error.get("message")
        raise PlatformError(f"{platform} refused the grant: {str(error or response.status_code)[:200]}")
    expires_in = body.get("expires_in")
    expires_at = timezone.now() + timedelta(seconds=int(expires_in)) if expires_in else None
    return Grant(
        access_token=body["access_token"], expires_at=expires_at, refresh_token=body.get("refresh_token", "")
    )


def meta_page_grant(*, platform: str, grant: Grant, object_id: str) -> Grant:
    """Turn the short-lived user token of Meta's login into the Page's own token, which does not expire.

    The user token (about an hour) is exchanged for a long-lived one (`fb_exchange_token`, about 60
    days), then /me/accounts lists the Pages the person manages with a token each: the one whose id
    (or, for Instagram, whose linked Instagram account) is the account's is kept.
    """
    long_lived = _token_request(
        platform, {"grant_type": "fb_exchange_token", "fb_exchange_token": grant.access_token}
    )
    base = settings.INSTAGRAM_GRAPH_URL if platform == "instagram" else settings.FACEBOOK_GRAPH_URL
    url = f"{base.rstrip('/')}/{settings.FACEBOOK_GRAPH_VERSION}/me/accounts"
    params = {"fields": "id,name,access_token,instagram_business_account", "limit": 100}
    headers = {"Authorization": f"Bearer {long_lived.access_token}", "Accept": "application/json"}
    while url:
        try:
            response = requests.get(
                url, params=params, headers=headers, timeout=settings.PLATFORM_HTTP_TIMEOUT
            )
            body = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise PlatformUnavailable(f"{platform} /me/accounts: {type(exc).__name__}") from exc
        if response.status_code >= 400:
            raise PlatformError(f"{platform} /me/accounts: HTTP {response.status_code}")
        for page in body.get("data", []):
            linked = (page.get("instagram_business_account") or {}).get("id")
            if object_id and object_id in {str(page.get("id")), str(linked)} and page.get("access_token"):
                return Grant(access_token=page["access_token"], expires_at=None)
        next_url = (body.get("paging") or {}).get("next")
        # Follow Meta's paging on our own base URL only, without any token it may echo back.
        url = f"{url.split('?', 1)[0]}?{urlsplit(strip_secrets(next_url)).query}" if next_url else ""
        params = None
    raise PlatformError(f"{platform}: the person who signed in does not manage this account")
