"""LinkedIn mentions for the moderation tests: the fake Community Management API and a mention."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from moderation.ingest import comments_ingest
from moderation.models import Comment
from tests.fakes import served
from tests.fakes.linkedin import FakeLinkedIn

from .helpers import remote

ORG = "urn:li:organization:123"
POST = "urn:li:share:5001"
COMMENT = f"urn:li:comment:({POST},2)"


@pytest.fixture
def linkedin(settings):
    with served(settings, FakeLinkedIn(), "LINKEDIN_API_URL") as fake:
        yield fake


@pytest.fixture
def li_account(account):
    """The editor's account, on LinkedIn and connected."""
    account.platform = "linkedin"
    account.platform_id = "123"
    account.access_token = "good-token"
    account.save()
    return account


def ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def mentioned(linkedin, *, text="Tack @Helsingborgs stad för en fin dag!", minutes_ago=60) -> int:
    """A member's post tagging the city, a comment on it, and a comment on it tagging the city too."""
    at = ms(timezone.now() - timedelta(minutes=minutes_ago))
    linkedin.has_share_mention(ORG, POST, text=text, ms=at, author="urn:li:person:B")
    linkedin.has_comment(POST, "1", text="Håller med", ms=at + 1000)
    linkedin.has_comment(POST, "2", text="Staden gör ett bra jobb", ms=at + 2000, tags=(ORG,))
    return at


def a_mention(account, id=POST, text="Tack @Helsingborgs stad!", **kwargs) -> Comment:
    """A mention as the pull hands it to moderation."""
    comments_ingest(
        account=account,
        items=[remote(id, text, kind="mention", post_id=POST, author_id="urn:li:person:B", **kwargs)],
    )
    return Comment.objects.get(account=account, platform_id=id)
