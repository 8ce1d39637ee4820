"""The monthly report's figures equal a hand computation on a small known data set."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.figures import reason_text
from metrics.reports.data import build_report
from tests.metrics.report_data import NOW, known_report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(administration, other_administration):
    return known_report_data(administration, other_administration)


def test_the_account_rows_equal_the_hand_computation(known, administration):
    report = build_report(administration=administration, year=2026, month=11, now=NOW)
    assert [r.name for r in report.accounts] == ["Alfa", "Beta"]
    alfa, beta = report.accounts
    assert alfa.followers.value == 1000
    assert alfa.followers.previous == 900
    assert alfa.followers.change == pytest.approx(100 / 900)
    # The median of the 12 months before November: Nov 2025, Aug, Sep and Oct 2026.
    assert alfa.followers.median == pytest.approx((700 + 800) / 2)
    assert alfa.reach.median == pytest.approx((2000 + 3000) / 2)
    assert alfa.interactions.median == 100
    assert alfa.engagement_rate.value == pytest.approx(0.2)
    assert alfa.engagement_rate.change == pytest.approx((0.2 - 100 / 900) / (100 / 900))
    assert alfa.posts_published.value == 4
    assert alfa.new_followers.change == pytest.approx(0.5)
    assert not alfa.settled
    assert beta.reach.value is None
    assert beta.reach.reason == reason_text("threshold")
    assert beta.reach.median is None
    assert beta.followers.change is None  # no month before
    assert report.totals.followers.value == 1400
    assert report.totals.interactions.value == 240
    assert report.totals.reach.value == 5000
    assert report.totals.engagement_rate.value == pytest.approx(240 / 1400)
    assert report.totals.posts_published.value == 5
    assert report.read_on == date(2026, 11, 23)  # the rows were computed a day before
    assert not report.settled


def test_the_posts_are_judged_by_their_own_objective(known, administration):
    report = build_report(administration=administration, year=2026, month=11, now=NOW)
    tops = {t.objective: t for t in report.top_posts}
    assert [(p.post_id and p.judged_value) for p in tops["inform"].posts] == [500]
    assert [p.judged_value for p in tops["activate"].posts] == [60, 40]
    assert [p.judged_by for p in tops["activate"].posts] == ["link_clicks", "link_clicks"]
    assert [p.judged_value for p in tops["engage"].posts] == [90]
    objectives = {g.key: g for g in report.by_objective}
    assert (objectives["inform"].posts, objectives["inform"].judged_total) == (1, 500)
    assert (objectives["activate"].posts, objectives["activate"].judged_total) == (2, 100)
    assert (objectives["activate"].reach, objectives["activate"].link_clicks) == (400, 100)
    assert (objectives["engage"].posts, objectives["engage"].judged_total) == (1, 90)
    assert (objectives[""].posts, objectives[""].interactions) == (1, 7)
    categories = {g.key: g for g in report.by_category}
    assert (categories["tips"].posts, categories["tips"].reach) == (2, 800)
    assert categories["civic_crisis"].posts == 1
    assert categories["people"].posts == 1
    assert categories["development"].posts == 0
    assert categories["development"].reach is None
    assert categories[""].posts == 1


def test_a_post_tagged_afterwards_is_judged_by_its_tag(known, administration):
    from metrics.models import PostTag
    from platforms.models import PlatformPost

    # a4 was published without a booking; its editor gives it an objective on its figures page.
    PostTag.objects.create(
        post=PlatformPost.objects.get(platform_id="a4"), objective="engage", category="tips"
    )
    report = build_report(administration=administration, year=2026, month=11, now=NOW)
    objectives = {g.key: g for g in report.by_objective}
    assert (objectives["engage"].posts, objectives["engage"].judged_total) == (2, 97)
    assert objectives[""].posts == 0
    assert {g.key: g.posts for g in report.by_category}["tips"] == 3
    assert report.calendar.published_without_booking == 1  # the tag gives no booking


def test_the_calendar_side(known, administration):
    report = build_report(administration=administration, year=2026, month=11, now=NOW)
    cal = report.calendar
    assert (cal.booked, cal.published, cal.missed, cal.planned) == (6, 4, 1, 1)
    assert cal.published_without_booking == 1


def test_the_comment_side(known, administration):
    report = build_report(administration=administration, year=2026, month=11, now=NOW)
    answers = report.comments.answers
    assert (answers.received, answers.comments, answers.messages) == (5, 4, 1)
    assert (answers.answered, answers.answered_in_time, answers.overdue) == (3, 2, 1)
    assert answers.share_in_time == pytest.approx(2 / 4)
    assert answers.median_hours == pytest.approx(3.0)
    # percentile_cont(0.9) of 2, 3 and 10.5: 3 + 0.8 × 7.5.
    assert answers.p90_hours == pytest.approx(9.0)
    assert (report.comments.hidden, report.comments.deleted, report.comments.registered) == (1, 2, 1)


def test_the_city_and_an_editors_accounts(known, administration):
    _a, b, _c = known
    city = build_report(administration=None, year=2026, month=11, now=NOW)
    assert {r.name for r in city.accounts} == {"Alfa", "Beta", "Gamma"}
    assert city.calendar.published_without_booking == 2
    per_administration = {row.name: row for row in city.administrations}
    assert per_administration[administration.name].followers.value == 1400
    assert per_administration[administration.name].interactions.value == 240
    assert len(city.administrations) == 2
    assert build_report(administration=administration, year=2026, month=11, now=NOW).administrations == ()
    assert city.comments.answers.received == 6
    mine = build_report(administration=administration, year=2026, month=11, account_ids=[b.pk], now=NOW)
    assert [r.name for r in mine.accounts] == ["Beta"]
    assert mine.comments.answers.received == 1
    assert mine.calendar.booked == 3


def test_the_report_is_a_fixed_number_of_queries(known, administration):
    with CaptureQueriesContext(connection) as queries:
        build_report(administration=administration, year=2026, month=11, now=NOW)
    assert len(queries) == 6


def test_answer_times_per_queue_account_and_label(known, administration):
    from metrics.reports.data import build_answer_times

    a, b, _c = known
    times = build_answer_times(administration=administration, year=2026, month=11, now=NOW)
    assert times.total.received == 5
    assert times.total.median_hours == pytest.approx(3.0)
    accounts = {row.key: row for row in times.by_account}
    assert accounts[str(a.pk)].received == 4
    assert accounts[str(a.pk)].median_hours == pytest.approx(2.5)
    assert accounts[str(b.pk)].median_hours == pytest.approx(10.5)
    assert [row.key for row in times.by_queue] == [str(administration.pk)]
    assert [(row.key, row.received) for row in times.by_label] == [("question", 5)]


def test_only_a_web_address_becomes_a_link(known, administration):
    from platforms.models import PlatformPost

    PlatformPost.objects.filter(platform_id="a1").update(permalink="javascript:alert(1)")
    PlatformPost.objects.filter(platform_id="a3").update(permalink="https://www.facebook.com/a3")
    report = build_report(administration=administration, year=2026, month=11, now=NOW)
    links = {p.post_id: p.permalink for top in report.top_posts for p in top.posts}
    assert sorted(links.values()) == ["", "", "", "https://www.facebook.com/a3"]
