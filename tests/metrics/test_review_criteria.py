"""Each criterion's state from known facts, at the edge of every threshold (metrics/review/criteria.py).

The default thresholds (criteria.Thresholds()) are used unless a test says otherwise: Facebook-like
3 posts a week for green and 1 for amber, 7 and 21 days since the last post, 90 % and 75 % answered
in time, at most 5 past due for amber, 50 % and 20 % booked, 75 % and 40 % of the city median,
a 30 % fall against the own trend, a 10 % loss of followers, 5 % and 1 % of the city-wide account.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from metrics.review import criteria
from metrics.review.criteria import AMBER, GREEN, RED, Facts, Thresholds

DAY = date(2026, 12, 4)
T = Thresholds()
# An account that passes everything: each test changes one fact.
GOOD = Facts(
    day=DAY,
    posts_90d=60,
    days_since_post=1,
    questions_90d=10,
    answered_in_time_90d=10,
    has_active_editor=True,
    has_purpose=True,
    has_goal=True,
    has_target_group=True,
    booked_posts_90d=40,
    engagement_rate=0.02,
    engagement_trend=0.02,
    city_median_engagement=0.02,
    followers_now=1000,
    followers_year_ago=900,
    citywide_followers=10000,
)


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def state(check, **facts):
    return check(replace(GOOD, **facts), T).state


def test_the_good_account_is_green_on_every_criterion():
    assert [v.state for v in criteria.judge(GOOD, T)] == [GREEN, GREEN, GREEN]


# --- Aktivt ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("posts", "expected"),
    # 3 a week over 90 days is 38.57 posts: 39 reach it, 38 do not; 1 a week is 12.86: 13 and 12.
    [(39, GREEN), (38, AMBER), (13, AMBER), (12, RED), (0, RED)],
)
def test_posts_a_week_at_the_thresholds(posts, expected):
    assert state(criteria.check_posting, posts_90d=posts) == expected


def test_a_post_count_exactly_on_the_threshold_is_green():
    # 2 a week over 90 days is exactly 180/7: with a threshold of 7/3.5 the edge falls on whole posts.
    t = replace(T, posts_per_week_green=Decimal("3.5"), posts_per_week_amber=Decimal("0.7"))
    assert criteria.check_posting(replace(GOOD, posts_90d=45), t).state == GREEN  # 45 × 7 = 3.5 × 90
    assert criteria.check_posting(replace(GOOD, posts_90d=44), t).state == AMBER
    assert criteria.check_posting(replace(GOOD, posts_90d=9), t).state == AMBER  # 9 × 7 = 0.7 × 90
    assert criteria.check_posting(replace(GOOD, posts_90d=8), t).state == RED


@pytest.mark.parametrize(("days", "expected"), [(0, GREEN), (7, GREEN), (8, AMBER), (21, AMBER), (22, RED)])
def test_days_since_the_last_post_at_the_thresholds(days, expected):
    assert state(criteria.check_last_post, days_since_post=days) == expected


def test_an_account_never_seen_to_post_is_red_and_says_so():
    check = criteria.check_last_post(replace(GOOD, days_since_post=None), T)
    assert check.state == RED
    assert check.reason == "Portalen har inte sett ett enda inlägg från kontot."


@pytest.mark.parametrize(
    ("asked", "in_time", "expected"),
    [(10, 9, GREEN), (100, 89, AMBER), (100, 75, AMBER), (100, 74, RED), (4, 3, AMBER), (3, 2, RED)],
)
def test_share_answered_in_time_at_the_thresholds(asked, in_time, expected):
    assert state(criteria.check_answers, questions_90d=asked, answered_in_time_90d=in_time) == expected


def test_no_questions_is_not_judged():
    check = criteria.check_answers(replace(GOOD, questions_90d=0, answered_in_time_90d=0), T)
    assert check.state is None
    assert check.fact == "Inga frågor eller meddelanden på 90 dagar"


def test_the_answer_fact_names_the_share_and_the_median_time():
    check = criteria.check_answers(
        replace(GOOD, questions_90d=8, answered_in_time_90d=6, median_answer_hours=3.5), T
    )
    assert check.fact == "75 % av 8 (6 i tid), mediansvarstid 3,5 tim"
    assert "Vi svarar inom 24 timmar under arbetstid" in check.reason


@pytest.mark.parametrize(("overdue", "expected"), [(0, GREEN), (1, AMBER), (5, AMBER), (6, RED)])
def test_comments_waiting_past_their_due_time_at_the_thresholds(overdue, expected):
    assert state(criteria.check_overdue, overdue_now=overdue, open_now=overdue) == expected


def test_an_account_without_an_active_editor_is_red():
    assert state(criteria.check_editor, has_active_editor=False) == RED
    assert criteria.active(replace(GOOD, has_active_editor=False), T).state == RED


# --- Effektivt -------------------------------------------------------------------------------------


def test_a_missing_goal_is_amber_and_a_missing_purpose_red():
    assert state(criteria.check_stated, has_goal=False) == AMBER
    assert state(criteria.check_stated, has_target_group=False) == AMBER
    check = criteria.check_stated(replace(GOOD, has_purpose=False, has_goal=False), T)
    assert check.state == RED
    assert check.fact == "Saknas: syfte, mål"


@pytest.mark.parametrize(
    ("booked", "expected"), [(100, GREEN), (50, GREEN), (49, AMBER), (20, AMBER), (19, RED), (0, RED)]
)
def test_share_of_posts_with_a_booking_at_the_thresholds(booked, expected):
    assert state(criteria.check_booked, posts_90d=100, booked_posts_90d=booked) == expected


def test_no_posts_leaves_the_bookings_unjudged():
    assert state(criteria.check_booked, posts_90d=0, booked_posts_90d=0) is None


@pytest.mark.parametrize(
    ("rate", "expected"), [(0.015, GREEN), (0.0149, AMBER), (0.008, AMBER), (0.0079, RED)]
)
def test_engagement_against_the_city_median_at_the_thresholds(rate, expected):
    assert state(criteria.check_engagement, engagement_rate=rate, city_median_engagement=0.02) == expected


def test_an_account_without_figures_is_amber_and_asked_to_connect():
    check = criteria.check_engagement(replace(GOOD, engagement_rate=None), T)
    assert check.state == AMBER
    assert "anslut det" in check.reason


def test_without_a_city_median_the_engagement_is_not_judged():
    assert state(criteria.check_engagement, city_median_engagement=None) is None


@pytest.mark.parametrize(("recent", "expected"), [(0.7, AMBER), (0.71, GREEN), (1.2, GREEN), (0.1, AMBER)])
def test_a_fall_against_the_own_trend_is_amber_from_thirty_percent(recent, expected):
    assert state(criteria.check_trend, engagement_rate=recent, engagement_trend=1.0) == expected


@pytest.mark.parametrize(
    ("now", "expected"), [(1200, GREEN), (1000, GREEN), (999, AMBER), (900, AMBER), (899, RED)]
)
def test_followers_over_twelve_months_at_the_thresholds(now, expected):
    assert state(criteria.check_followers, followers_now=now, followers_year_ago=1000) == expected


def test_no_follower_count_a_year_back_is_not_judged():
    assert state(criteria.check_followers, followers_year_ago=None) is None


# --- Långsiktigt -----------------------------------------------------------------------------------


def test_no_end_date_is_green():
    assert state(criteria.check_end, end_date=None) == GREEN


def test_an_end_date_with_a_plan_is_amber_with_the_guidelines_advice():
    check = criteria.check_end(replace(GOOD, end_date=DAY + timedelta(days=90), has_end_plan=True), T)
    assert check.state == AMBER
    assert criteria.GUIDELINE_TIME_LIMITED in check.reason


def test_an_end_date_without_a_plan_is_red_with_the_guidelines_advice():
    check = criteria.check_end(replace(GOOD, end_date=DAY, has_end_plan=False), T)
    assert check.state == RED  # the end date is today: not passed, but nobody said what happens
    advice = "Projekt eller verksamheter som är tidsbegränsade bör därför inte starta nya konton"
    assert advice in check.reason


def test_a_passed_end_date_is_red_even_with_a_plan():
    check = criteria.check_end(replace(GOOD, end_date=DAY - timedelta(days=1), has_end_plan=True), T)
    assert check.state == RED
    assert check.reason.startswith("Slutdatumet har passerats")


@pytest.mark.parametrize(("own", "expected"), [(500, GREEN), (499, AMBER), (100, AMBER), (99, RED)])
def test_followers_against_the_citywide_account_at_the_thresholds(own, expected):
    assert state(criteria.check_versus_citywide, followers_now=own, citywide_followers=10000) == expected


def test_the_citywide_account_is_not_compared_with_itself():
    assert state(criteria.check_versus_citywide, is_citywide=True, followers_now=1) is None


def test_the_age_is_a_fact_and_never_a_state():
    check = criteria.check_age(replace(GOOD, age_days=800), T)
    assert check.state is None and check.fact == "2 år"


def test_the_reason_names_the_citywide_accounts_followers_in_swedish():
    check = criteria.check_versus_citywide(replace(GOOD, followers_now=480, citywide_followers=62000), T)
    assert check.reason.startswith("Stadens gemensamma konto på Facebook har 62\xa0000 följare")


# --- the verdict and the facts' round trip ---------------------------------------------------------


def test_a_verdict_is_its_worst_check_and_gives_the_reasons_that_set_it():
    verdict = criteria.active(replace(GOOD, days_since_post=10, overdue_now=9, open_now=9), T)
    assert verdict.state == RED
    assert verdict.reasons == ["9 kommentarer och meddelanden väntar efter sin svarstid."]


def test_a_verdict_of_unjudged_checks_is_green():
    assert criteria.Verdict("x", "x", [criteria.Check("a", "a", None, "", "")]).state == GREEN


@given(
    posts=st.integers(0, 500),
    more=st.integers(0, 500),
    green=st.decimals(0, 20, places=1),
    amber=st.decimals(0, 20, places=1),
)
def test_more_posts_never_make_the_state_worse(posts, more, green, amber):
    t = replace(T, posts_per_week_green=max(green, amber), posts_per_week_amber=min(green, amber))
    fewer = criteria.check_posting(replace(GOOD, posts_90d=posts), t).state
    most = criteria.check_posting(replace(GOOD, posts_90d=posts + more), t).state
    assert criteria.RANK[most] <= criteria.RANK[fewer]


@given(asked=st.integers(1, 1000), data=st.data())
def test_the_answer_state_follows_the_exact_share(asked, data):
    in_time = data.draw(st.integers(0, asked))
    got = criteria.check_answers(replace(GOOD, questions_90d=asked, answered_in_time_90d=in_time), T).state
    share = Decimal(in_time) / asked
    assert got == (GREEN if share >= Decimal("0.9") else AMBER if share >= Decimal("0.75") else RED)


@given(
    posts=st.integers(0, 10_000),
    days=st.one_of(st.none(), st.integers(0, 5000)),
    rate=st.one_of(st.none(), st.floats(0, 1, allow_nan=False)),
    end=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2100, 1, 1))),
)
def test_the_facts_survive_their_json_round_trip(posts, days, rate, end):
    facts = replace(GOOD, posts_90d=posts, days_since_post=days, engagement_rate=rate, end_date=end)
    assert Facts.from_json(facts.to_json()) == facts
