"""A fake Facebook for the moderation actions: the real client against a local server."""

from __future__ import annotations

import pytest

from moderation.ingest import comments_ingest
from moderation.models import Comment
from tests.fakes import served
from tests.fakes.facebook import FakeFacebook

from .helpers import remote

EPOCH = 1_795_000_000


@pytest.fixture
def facebook(settings):
    with served(settings, FakeFacebook(), "FACEBOOK_GRAPH_URL") as fake:
        yield fake


def fb_comment(fake, account, comment_id, text, *, author=("9", "Anna Andersson")) -> Comment:
    """The comment on the fake platform, and ingested as the pull would."""
    if not account.access_token:
        account.access_token = "good-token"
        account.save(update_fields=["access_token"])
    fake.has_page(account.platform_id)
    if "post-1" not in fake.objects:
        fake.has_post(account.platform_id, "post-1", epoch=EPOCH, message="Skolstart i augusti")
    fake.has_comment("post-1", comment_id, message=text, epoch=EPOCH + 60, author=author)
    comments_ingest(
        account=account, items=[remote(comment_id, text, author_id=author[0], author_name=author[1])]
    )
    return Comment.objects.get(account=account, platform_id=comment_id)
