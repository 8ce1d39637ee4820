"""Platform clients behind one interface; `client_for(account)` picks the account's platform."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Capability, NotSupported, PlatformClient, TokenExpired

if TYPE_CHECKING:
    from accounts.models import SocialAccount


def client_class(platform: str) -> type:
    """The client class of a platform: what it can do, and how its accounts are connected."""
    from .demo_platform import DemoClient
    from .facebook import FacebookClient
    from .instagram import InstagramClient
    from .linkedin import LinkedInClient
    from .x import XClient

    classes = {
        "facebook": FacebookClient,
        "instagram": InstagramClient,
        "linkedin": LinkedInClient,
        "x": XClient,
        "demo": DemoClient,
    }
    if platform not in classes:
        raise NotSupported(f"no client for platform {platform!r}")
    return classes[platform]


def client_for(account: SocialAccount) -> PlatformClient:
    """A client speaking for `account`, with its own HTTP session and the account's token."""
    from accounts.demo import DEMO_PLATFORM_TOKEN

    from .demo_platform import DemoClient
    from .facebook import FacebookClient
    from .instagram import InstagramClient
    from .linkedin import LinkedInClient
    from .x import XClient

    token = account.access_token or ""
    if token == DEMO_PLATFORM_TOKEN:
        # An account the demo created: it talks to the demo platform, with its platform's abilities.
        return DemoClient(account_key=f"{account.platform}:{account.handle or account.pk}")
    match account.platform:
        case "facebook":
            return FacebookClient(page_id=account.platform_id, token=token)
        case "instagram":
            return InstagramClient(user_id=account.platform_id, token=token)
        case "linkedin":
            return LinkedInClient(organization_id=account.platform_id, token=token)
        case "x":
            return XClient(user_id=account.platform_id, token=token)
        case "demo":
            return DemoClient(account_key=str(account.platform_id or account.pk))
    raise NotSupported(f"no client for platform {account.platform!r}")


def capabilities_of(platform: str) -> tuple[frozenset[Capability], dict[Capability, str]]:
    """What a platform can do and, for what it cannot, the reason to show a person."""
    cls = client_class(platform)
    return cls.capabilities, dict(cls.missing)


__all__ = ["Capability", "PlatformClient", "TokenExpired", "capabilities_of", "client_class", "client_for"]
