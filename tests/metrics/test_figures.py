"""Honest figures (#14): each item of "What is wrong today" against the platforms' fakes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from metrics import services
from metrics.figures import month_reach
from metrics.models import MetricSnapshot
from platforms.facebook import FacebookClient
from platforms.instagram import InstagramClient
from platforms.linkedin import LinkedInClient
from platforms.x import XClient
from tests.factories import SocialAccountFactory

# 10:00 UTC is 02:00 in Pacific time: Meta's "today" is 24 Nov, its last settled day 22 Nov.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
T0 = int((NOW - timedelta(days=2)).timestamp())
ORG = "urn:li:organization:123"


def day(n: int) -> date:
    return date(2026, 11, n)


def account_for(administration, platform: str, platform_id: str):
    account = SocialAccountFactory(administration=administration, platform=platform, platform_id=platform_id)
    account.access_token = "good-token"
    account.save()
    return account


def account_days(account) -> dict[date, MetricSnapshot]:
    rows = MetricSnapshot.objects.filter(account=account, metric_set="account_day")
    return {row.day: row for row in rows}


# --- 1. settled days are re-read -------------------------------------------------------------------


@pytest.fixture
def fb_page(fake_facebook):
    fake_facebook.has_page("111", followers=4000)
    fake_facebook.set_insights(
        "111",
        page_total_media_view_unique={day(n): 100 * n for n in range(15, 30)},
        page_post_engagements={day(n): n for n in range(15, 30)},
    )
    return fake_facebook


def test_a_pull_reads_the_last_settled_days_and_every_day_since(fb_page, administration):
    account = account_for(administration, "facebook", "111")
    services.account_pull(account=account, now=NOW)
    rows = account_days(account)
    # METRICS_SETTLED_DAYS=3 settled days (20-22 Nov), then 23 and 24 Nov, not settled yet.
    assert {d: (r.reach, r.settled) for d, r in rows.items()} == {
        day(20): (2000, True),
        day(21): (2100, True),
        day(22): (2200, True),
        day(23): (2300, False),
        day(24): (2400, False),
    }
    # The follower count is a count of now: today's row has it, the earlier days have none.
    assert rows[day(24)].followers == 4000 and rows[day(20)].followers is None


def test_a_day_read_again_after_it_settles_changes_the_stored_figure(fb_page, administration, settings):
    settings.METRICS_SETTLED_DAYS = 2
    account = account_for(administration, "facebook", "111")
    services.account_pull(account=account, now=NOW)
    assert account_days(account)[day(23)].reach == 2300
    assert not account_days(account)[day(23)].settled
    # Meta finishes counting 23 Nov; a pull a day later reads it again, now settled.
    fb_page.set_insights("111", page_total_media_view_unique={**_series(fb_page), day(23): 2345})
    services.account_pull(account=account, now=NOW + timedelta(days=1))
    row = account_days(account)[day(23)]
    assert (row.reach, row.settled) == (2345, True)
    # Three days on it has left the window: a later change is no longer read.
    fb_page.set_insights("111", page_total_media_view_unique={**_series(fb_page), day(23): 9999})
    services.account_pull(account=account, now=NOW + timedelta(days=4))
    assert account_days(account)[day(23)].reach == 2345


def _series(fake) -> dict:
    return dict(fake.insight_values["111"]["page_total_media_view_unique"])


def test_re_reading_the_window_twice_changes_nothing(fb_page, administration):
    account = account_for(administration, "facebook", "111")
    services.account_pull(account=account, now=NOW)
    before = list(MetricSnapshot.objects.order_by("pk").values())
    services.account_pull(account=account, now=NOW + timedelta(minutes=30))
    after = list(MetricSnapshot.objects.order_by("pk").values())
    assert before == after


# --- 2. Meta's day is a Pacific-time day -----------------------------------------------------------


def test_meta_daily_values_are_picked_by_their_pacific_end_time(fb_page):
    client = FacebookClient(page_id="111", token="good-token")
    figures = client.account_metrics(day(22))
    # The series holds 22 and 23 Nov; the last value (23 Nov, 2300) is not the day asked for.
    assert figures.reach == 2200 and figures.interactions == 22
    call = fb_page.calls("GET", r"/111/insights$")[-1]
    # 22 Nov starts at 08:00 UTC in Pacific standard time.
    assert f"since={int(datetime(2026, 11, 22, 8, tzinfo=UTC).timestamp())}" in call.query


def test_a_summer_day_ends_at_seven_utc(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.set_insights(
        "111", page_total_media_view_unique={date(2026, 7, 1): 70, date(2026, 7, 2): 80}
    )
    client = FacebookClient(page_id="111", token="good-token")
    assert client.account_metrics(date(2026, 7, 1)).reach == 70
    reply = client.http.call(
        "GET",
        "111/insights",
        params={
            "metric": "page_total_media_view_unique",
            "period": "day",
            "since": int(datetime(2026, 7, 1, 7, tzinfo=UTC).timestamp()),
            "until": int(datetime(2026, 7, 3, 7, tzinfo=UTC).timestamp()),
        },
    )
    ends = [v["end_time"] for v in reply.data["data"][0]["values"]]
    assert ends == ["2026-07-02T07:00:00+0000", "2026-07-03T07:00:00+0000"]


def test_a_day_meta_has_no_value_for_is_null_with_the_reason(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.set_insights("111", page_total_media_view_unique={day(23): 5})
    figures = FacebookClient(page_id="111", token="good-token").account_metrics(day(22))
    assert figures.reach is None and figures.missing["reach"] == "not_for_day"
    assert figures.interactions is None and figures.missing["interactions"] == "empty"


def test_each_platform_records_its_day_boundary(fb_page, fake_linkedin, administration):
    facebook = account_for(administration, "facebook", "111")
    linkedin = account_for(administration, "linkedin", "123")
    fake_linkedin.followers[ORG] = 10
    services.account_pull(account=facebook, now=NOW)
    services.account_pull(account=linkedin, now=NOW)
    assert {r.day_zone for r in account_days(facebook).values()} == {"America/Los_Angeles"}
    assert {r.day_zone for r in account_days(linkedin).values()} == {"UTC"}
    assert FacebookClient.figure_facts.day_zone == InstagramClient.figure_facts.day_zone
    assert LinkedInClient.figure_facts.day_zone == XClient.figure_facts.day_zone == "UTC"


# --- 3. clicks and link clicks ---------------------------------------------------------------------


def test_facebook_link_clicks_are_the_link_bucket_and_clicks_are_every_click(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.set_insights(
        "111_1",
        post_clicks=40,
        post_clicks_by_type={"link clicks": 12, "photo view": 20, "other clicks": 8},
    )
    figures = FacebookClient(page_id="111", token="good-token").post_metrics(["111_1"])["111_1"]
    assert (figures.clicks, figures.link_clicks) == (40, 12)


def test_without_a_link_bucket_facebook_link_clicks_are_null_not_all_clicks(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.set_insights(
        "111_1", post_clicks=40, post_clicks_by_type={"photo view": 30, "other clicks": 10}
    )
    figures = FacebookClient(page_id="111", token="good-token").post_metrics(["111_1"])["111_1"]
    assert (figures.clicks, figures.link_clicks) == (40, None)
    assert figures.missing["link_clicks"] == "not_given"


def test_linkedin_click_count_is_clicks_and_says_it_gives_no_link_clicks(fake_linkedin):
    fake_linkedin.stats["urn:li:share:1"] = {
        "impressionCount": 900,
        "uniqueImpressionsCount": 500,
        "clickCount": 30,
    }
    figures = LinkedInClient(organization_id="123", token="good-token").post_metrics(["urn:li:share:1"])
    one = figures["urn:li:share:1"]
    assert (one.clicks, one.link_clicks, one.missing["link_clicks"]) == (30, None, "not_given")
    assert LinkedInClient.figure_facts.clicks and not LinkedInClient.figure_facts.link_clicks
    assert FacebookClient.figure_facts.clicks and FacebookClient.figure_facts.link_clicks


# --- 4. and 5. views -------------------------------------------------------------------------------


def test_an_instagram_image_has_views_not_video_views(fake_instagram):
    fake_instagram.has_user("178")
    fake_instagram.has_media("178", "m1", epoch=T0, kind="IMAGE")
    fake_instagram.set_insights("m1", views=800, reach=300)
    figures = InstagramClient(user_id="178", token="good-token").post_metrics(["m1"])["m1"]
    assert (figures.views, figures.video_views, figures.missing["video_views"]) == (800, None, "not_given")


def test_every_platform_feeds_views(fake_facebook, fake_instagram, fake_linkedin, fake_x):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.set_insights("111_1", post_media_view=1500)
    fake_instagram.has_user("178")
    fake_instagram.has_media("178", "m1", epoch=T0)
    fake_instagram.set_insights("m1", views=800)
    fake_linkedin.stats["urn:li:share:1"] = {"impressionCount": 900}
    fake_x.has_post(
        "100",
        text="Hej",
        created_at="2026-11-22T10:00:00.000Z",
        metrics={
            "impression_count": 4200,
            "like_count": 5,
            "reply_count": 1,
            "retweet_count": 0,
            "quote_count": 0,
        },
    )
    assert FacebookClient(page_id="111", token="good-token").post_metrics(["111_1"])["111_1"].views == 1500
    assert InstagramClient(user_id="178", token="good-token").post_metrics(["m1"])["m1"].views == 800
    linkedin = LinkedInClient(organization_id="123", token="good-token").post_metrics(["urn:li:share:1"])
    assert linkedin["urn:li:share:1"].views == 900
    x = XClient(user_id="42", token="good-token").post_metrics(["100"])["100"]
    assert (x.views, x.reach, x.missing["reach"]) == (4200, None, "not_given")


# --- 6. Facebook Reels ---------------------------------------------------------------------------


def test_a_reel_is_read_from_video_insights_beside_an_ordinary_post(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.set_insights("111_1", post_total_media_view_unique=100)
    fake_facebook.has_reel("111", "111_2", "777", epoch=T0 + 60)
    fake_facebook.set_insights("777", blue_reels_play_count=5000, post_impressions_unique=3000)
    figures = FacebookClient(page_id="111", token="good-token").post_metrics(["111_1", "111_2"])
    assert figures["111_1"].reach == 100
    reel = figures["111_2"]
    assert (reel.views, reel.video_views, reel.reach) == (5000, 5000, 3000)
    assert not fake_facebook.calls("GET", r"/111_2/insights$")
    assert fake_facebook.calls("GET", r"/777/video_insights$")


def test_metas_error_for_a_reel_never_ends_the_pull(fake_facebook, administration):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.set_insights("111_1", post_total_media_view_unique=100)
    fake_facebook.has_reel("111", "111_2", "777", epoch=T0 + 60)
    fake_facebook.reels.discard("777")  # its video answers as Meta does when there is no such edge
    account = account_for(administration, "facebook", "111")
    result = services.account_pull(account=account, now=NOW)
    assert result.posts == 2 and not result.skipped
    ordinary = MetricSnapshot.objects.get(subject="111_1")
    reel = MetricSnapshot.objects.get(subject="111_2")
    assert ordinary.reach == 100
    assert reel.reach is None and reel.missing["reach"].startswith("failed")


def test_a_post_without_an_insights_edge_fails_alone(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.set_insights("111_1", post_total_media_view_unique=100)
    fake_facebook.has_post("111", "111_3", epoch=T0)
    fake_facebook.reels.add("111_3")  # a Reel whose attachment did not say so
    figures = FacebookClient(page_id="111", token="good-token").post_metrics(["111_1", "111_3"])
    assert figures["111_1"].reach == 100
    assert figures["111_3"].reach is None and figures["111_3"].missing["reach"].startswith("failed")


# --- 7. new followers ------------------------------------------------------------------------------


def test_facebook_new_followers_are_daily_follows_and_gross(fb_page, administration):
    fb_page.set_insights("111", page_daily_follows={day(n): n - 10 for n in range(15, 30)})
    account = account_for(administration, "facebook", "111")
    services.account_pull(account=account, now=NOW)
    row = account_days(account)[day(22)]
    assert (row.new_followers, row.new_followers_kind) == (12, "gross")


def test_instagram_new_followers_are_the_follower_bucket_of_follows_and_unfollows(fake_instagram):
    fake_instagram.has_user("178", followers=812)
    fake_instagram.set_insights("178", reach=10, follows_and_unfollows={"FOLLOWER": 12, "NON_FOLLOWER": 3})
    figures = InstagramClient(user_id="178", token="good-token").account_metrics(day(22))
    assert (figures.followers, figures.new_followers) == (812, 12)
    call = fake_instagram.calls("GET", r"/178/insights$")[-1]
    assert "breakdown=follow_type" in call.query


def test_linkedin_new_followers_are_organic_and_paid_gains_of_the_utc_day(fake_linkedin, administration):
    fake_linkedin.followers[ORG] = 4420
    fake_linkedin.follower_gains[ORG] = {day(23): (7, 2), day(24): (1, 0)}
    account = account_for(administration, "linkedin", "123")
    services.account_pull(account=account, now=NOW)
    rows = account_days(account)
    assert (rows[day(23)].new_followers, rows[day(23)].new_followers_kind) == (9, "gross")
    assert rows[day(22)].new_followers is None and rows[day(22)].missing["new_followers"] == "empty"
    call = fake_linkedin.calls("GET", "FollowerStatistics")[0]
    assert "timeGranularityType:DAY" in call.query


def test_x_new_followers_are_the_net_change_of_the_follower_count(fake_x, administration):
    account = account_for(administration, "x", "42")
    fake_x.followers_count = 5120
    services.account_pull(account=account, now=NOW)
    first = account_days(account)[day(24)]
    assert first.new_followers is None and first.missing["new_followers"] == "not_given"
    fake_x.followers_count = 5110
    services.account_pull(account=account, now=NOW + timedelta(days=1))
    row = account_days(account)[day(25)]
    assert (row.followers, row.new_followers, row.new_followers_kind) == (5110, -10, "net")


# --- 8. a month's reach ----------------------------------------------------------------------------


def test_instagram_month_reach_is_the_period_value_not_the_sum_of_days(fake_instagram, administration):
    fake_instagram.has_user("178")
    fake_instagram.set_insights("178", reach={day(n): 100 for n in range(1, 31)})
    fake_instagram.set_period("178", "reach", day(1), day(24), 850)
    account = account_for(administration, "instagram", "178")
    services.account_pull(account=account, now=NOW)
    reach = month_reach(account=account, month=day(1))
    assert (reach.value, reach.period, reach.label) == (850, True, "Räckvidd")
    month = MetricSnapshot.objects.get(account=account, metric_set="account_month")
    assert (month.day, month.settled) == (day(1), False)


def test_without_a_period_value_the_month_is_named_the_sum_of_daily_reach(fb_page, administration):
    account = account_for(administration, "facebook", "111")
    services.account_pull(account=account, now=NOW)
    reach = month_reach(account=account, month=day(1))
    assert (reach.value, reach.period) == (2000 + 2100 + 2200 + 2300 + 2400, False)
    assert reach.label == "Summa av daglig räckvidd"
    assert month_reach(account=account, month=date(2026, 10, 1)).value is None  # no days: not 0


# --- 9. organic only -------------------------------------------------------------------------------


def test_instagram_and_linkedin_post_figures_say_they_are_organic_only(
    fake_instagram, fake_linkedin, fb_page, administration
):
    fake_instagram.has_user("178")
    fake_instagram.has_media("178", "m1", epoch=T0)
    fake_instagram.set_insights("m1", views=5)
    fake_linkedin.has_post(ORG, "urn:li:share:1", ms=T0 * 1000)
    fake_linkedin.stats["urn:li:share:1"] = {"impressionCount": 9}
    fb_page.has_post("111", "111_1", epoch=T0)
    organic = {}
    for platform, platform_id in (("instagram", "178"), ("linkedin", "123"), ("facebook", "111")):
        account = account_for(administration, platform, platform_id)
        services.account_pull(account=account, now=NOW)
        post = MetricSnapshot.objects.get(account=account, metric_set="post_lifetime")
        organic[platform] = post.organic_only
    assert organic == {"instagram": True, "linkedin": True, "facebook": False}


# --- the fakes speak Meta's errors -----------------------------------------------------------------


def test_a_retired_metric_is_null_with_its_reason_and_the_others_stay(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.retired_metrics.add("post_media_view")
    fake_facebook.set_insights("111_1", post_total_media_view_unique=900, post_media_view=1)
    figures = FacebookClient(page_id="111", token="good-token").post_metrics(["111_1"])["111_1"]
    assert (figures.reach, figures.views, figures.missing["views"]) == (900, None, "retired")
    codes = [c for c in fake_facebook.seen if "post_media_view" in c.query]
    assert codes  # asked for, refused with code 100, then asked alone


# --- what failed on the last pull ------------------------------------------------------------------


def test_the_account_page_says_which_figures_failed_on_the_last_pull(
    fb_page, administration, client, akn_user
):
    from django.urls import reverse

    fb_page.retired_metrics.add("page_media_view")  # Meta retires it: code 100
    account = account_for(administration, "facebook", "111")
    services.account_pull(account=account, now=NOW)
    client.force_login(akn_user)
    body = client.get(reverse("accounts:account-detail", args=[account.pk])).content.decode()
    assert "Senaste slutliga dag" in body and "2026-11-22" in body
    assert "Visningar: Plattformen har slutat med det här måttet." in body
    assert "Nya följare: Plattformen har inte gett några data för den (ännu)." in body


def test_linkedin_account_days_come_from_the_days_share_statistics(fake_linkedin):
    fake_linkedin.followers[ORG] = 4420
    fake_linkedin.org_stats[ORG] = {
        day(22): {
            "impressionCount": 900,
            "uniqueImpressionsCount": 500,
            "likeCount": 7,
            "commentCount": 2,
            "shareCount": 1,
            "clickCount": 30,
        },
        day(23): {"impressionCount": 100, "uniqueImpressionsCount": 80, "likeCount": 1},
    }
    client = LinkedInClient(organization_id="123", token="good-token")
    figures = client.account_metrics(day(22))
    assert (figures.views, figures.reach, figures.interactions) == (900, 500, 10)
    assert client.account_metrics(day(21)).missing["views"] == "empty"
    call = fake_linkedin.calls("GET", "organizationalEntityShareStatistics")[0]
    assert "timeGranularityType:DAY" in call.query and "shares=" not in call.query
    # The fake answers MONTH granularity too, one element for the month.
    start = int(datetime(2026, 11, 1, tzinfo=UTC).timestamp() * 1000)
    end = int(datetime(2026, 12, 1, tzinfo=UTC).timestamp() * 1000)
    reply = client.http.call(
        "GET",
        "organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=urn%3Ali%3Aorganization%3A123"
        f"&timeIntervals=(timeRange:(start:{start},end:{end}),timeGranularityType:MONTH)",
    )
    (month,) = reply.data["elements"]
    assert month["timeRange"] == {"start": start, "end": end}
    assert month["totalShareStatistics"]["impressionCount"] == 1000
