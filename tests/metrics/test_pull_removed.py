"""A comment gone from the platform at the next complete pull is recorded as removed, copy kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from helsocial.outbox.models import OutboxMessage
from metrics import services
from moderation import pull
from moderation.evidence import evidence_sweep_removed_outside
from moderation.ingest import comments_ingest
from moderation.models import Comment, Evidence
from platforms.base import PlatformUnavailable
from tests.factories import SocialAccountFactory
from tests.moderation.helpers import remote

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
T0 = int((NOW - timedelta(days=2)).timestamp())


def _account(administration, platform: str, platform_id: str):
    account = SocialAccountFactory(
        administration=administration, platform=platform, platform_id=platform_id, name="Fritid"
    )
    account.access_token = "good-token"
    account.save()
    return account


@pytest.fixture
def fb_account(administration):
    return _account(administration, "facebook", "111")


@pytest.fixture
def page(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_0", epoch=T0, message="Sommarlov")
    fake_facebook.has_post("111", "111_1", epoch=T0 + 3600, message="Simskola")
    fake_facebook.has_comment("111_0", "111_0_1", message="När öppnar anmälan?", epoch=T0 + 60)
    fake_facebook.has_comment(
        "111_0", "111_0_2", message="Du är en idiot", epoch=T0 + 120, author=("8", "Per")
    )
    fake_facebook.has_comment("111_1", "111_1_1", message="Tack!", epoch=T0 + 3700)
    return fake_facebook


def _pull_twice_with(page, fb_account, change) -> pull.CommentsPullResult:
    services.account_pull(account=fb_account, now=NOW)
    pull.account_pull_comments(account=fb_account, now=NOW)
    change(page)
    return pull.account_pull_comments(account=fb_account, now=NOW + timedelta(minutes=5))


def _gone(page, comment_id: str) -> None:
    page.objects[comment_id]["deleted"] = True


def test_a_comment_gone_at_the_next_pull_is_recorded_removed_with_its_copy(page, fb_account):
    result = _pull_twice_with(page, fb_account, lambda p: _gone(p, "111_0_2"))
    assert result.removed == 1
    gone = Comment.objects.get(platform_id="111_0_2")
    assert gone.status == Comment.Status.REMOVED
    assert gone.removal_source == Comment.RemovalSource.PULL
    assert gone.removed_on_platform_at == NOW + timedelta(minutes=5)
    assert gone.text == "Du är en idiot" and gone.author_name == "Per"  # the stored copy stays
    assert set(
        Comment.objects.filter(removed_on_platform_at__isnull=True).values_list("platform_id", flat=True)
    ) == {
        "111_0_1",
        "111_1_1",
    }


def test_the_evidence_sweep_then_registers_it_once(page, fb_account, settings):
    settings.EVIDENCE_RENDERER = "pillow"
    _pull_twice_with(page, fb_account, lambda p: _gone(p, "111_0_2"))
    assert evidence_sweep_removed_outside() == 1
    assert evidence_sweep_removed_outside() == 0
    evidence = Evidence.objects.get()
    assert evidence.comment.platform_id == "111_0_2" and evidence.removed_outside_portal
    assert OutboxMessage.objects.filter(key__startswith="registry:").count() == 1
    # A third pull finds it still gone: nothing changes, nothing is mailed again.
    assert pull.account_pull_comments(account=fb_account, now=NOW + timedelta(minutes=10)).removed == 0
    assert evidence_sweep_removed_outside() == 0


def test_pulling_again_with_nothing_gone_removes_nothing(page, fb_account):
    assert _pull_twice_with(page, fb_account, lambda p: None).removed == 0
    assert not Comment.objects.filter(removed_on_platform_at__isnull=False).exists()


def test_a_pull_that_fails_half_way_records_no_removal(page, fb_account):
    def break_it(p):
        _gone(p, "111_0_2")
        _gone(p, "111_1_1")
        p.fault("500", times=20, path=r"/111_1/comments")

    with pytest.raises(PlatformUnavailable):
        _pull_twice_with(page, fb_account, break_it)
    assert not Comment.objects.filter(removed_on_platform_at__isnull=False).exists()


def test_comments_on_posts_outside_the_pull_window_are_not_judged(page, fb_account, settings):
    settings.PULL_COMMENTS_POST_DAYS = 14
    services.account_pull(account=fb_account, now=NOW)
    pull.account_pull_comments(account=fb_account, now=NOW)
    for comment_id in ("111_0_1", "111_0_2", "111_1_1"):
        _gone(page, comment_id)
    # Three weeks later no post is in the window: the comments are not pulled, so not judged either.
    later = NOW + timedelta(days=21)
    assert pull.account_pull_comments(account=fb_account, now=later).removed == 0
    assert not Comment.objects.filter(removed_on_platform_at__isnull=False).exists()


def test_direct_messages_are_never_recorded_removed_by_a_pull(page, fb_account):
    page.has_message("111", "t_1", "m_1", text="Hej kommunen", epoch=T0 + 100)

    def clear_messages(p):
        p.objects["t_1"]["messages"]["data"].clear()

    _pull_twice_with(page, fb_account, clear_messages)
    message = Comment.objects.get(platform_id="m_1")
    assert message.kind == Comment.Kind.MESSAGE and message.removed_on_platform_at is None


def test_a_comment_stored_while_the_lists_were_fetched_is_not_judged(fb_account):
    fetch_started = timezone.now()
    comments_ingest(account=fb_account, items=[remote("c9", "Kom precis", post_id="111_0")])
    removed = pull.comments_missing_record(
        account=fb_account, listed={"111_0": set()}, fetch_started=fetch_started, now=NOW
    )
    assert removed == 0
    assert Comment.objects.get(platform_id="c9").removed_on_platform_at is None
    later = pull.comments_missing_record(
        account=fb_account, listed={"111_0": set()}, fetch_started=timezone.now(), now=NOW
    )
    assert later == 1


def test_on_x_a_reply_older_than_the_search_reaches_is_not_judged(administration):
    account = _account(administration, "x", "42")
    old = remote("x-old", "Gammal", post_id="1", created_at=NOW - timedelta(days=9))
    recent = remote("x-new", "Ny", post_id="1", created_at=NOW - timedelta(days=2))
    comments_ingest(account=account, items=[old, recent])
    removed = pull.comments_missing_record(
        account=account, listed={"1": set()}, fetch_started=timezone.now(), now=NOW
    )
    assert removed == 1
    assert Comment.objects.get(platform_id="x-old").removed_on_platform_at is None
    assert Comment.objects.get(platform_id="x-new").removal_source == Comment.RemovalSource.PULL


def test_an_instagram_post_whose_replies_were_cut_by_paging_is_not_judged(fake_instagram, administration):
    account = _account(administration, "instagram", "IG1")
    fake_instagram.has_user("IG1")
    fake_instagram.has_media("IG1", "M1", epoch=T0, caption="Simskola")
    fake_instagram.has_comment("M1", "c1", text="Hur anmäler man?", epoch=T0 + 60)
    fake_instagram.has_comment("M1", "c2", text="Samma fråga", epoch=T0 + 90, username="bo")
    fake_instagram.has_comment("M1", "r1", text="På webben", epoch=T0 + 120, parent="c1")
    services.account_pull(account=account, now=NOW)
    pull.account_pull_comments(account=account, now=NOW)
    assert Comment.objects.filter(account=account).count() == 3
    # Now c2 is gone, but c1's replies come with a further page: the list is not the whole thread.
    _gone(fake_instagram, "c2")
    fake_instagram.objects["c1"]["replies"]["paging"] = {
        "next": "https://graph.facebook.com/v25.0/c1/replies?after=QQ"
    }
    assert pull.account_pull_comments(account=account, now=NOW + timedelta(minutes=5)).removed == 0
    del fake_instagram.objects["c1"]["replies"]["paging"]
    assert pull.account_pull_comments(account=account, now=NOW + timedelta(minutes=10)).removed == 1
    assert Comment.objects.get(platform_id="c2").status == Comment.Status.REMOVED


@pytest.mark.postgres
def test_on_postgresql_a_comment_gone_at_the_next_pull_is_recorded_removed(page, fb_account):
    assert _pull_twice_with(page, fb_account, lambda p: _gone(p, "111_0_1")).removed == 1
    assert Comment.objects.get(platform_id="111_0_1").removal_source == Comment.RemovalSource.PULL
