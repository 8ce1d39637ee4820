"""The review's facts measured in SQL on a small known data set, the stored states, and the pages."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from accounts.models import Role, SocialAccount
from calendar_booking.models import Booking, BookingSlot
from metrics.models import MonthlyRollup
from metrics.review import services
from metrics.review.facts import review_facts
from metrics.review.models import ReviewDecision, ReviewState
from moderation.models import Comment
from platforms.models import PlatformPost
from tests.factories import AccountEditorFactory, SocialAccountFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 11, 0, tzinfo=UTC)  # a Wednesday, 12:00 in Helsingborg


def ago(**delta) -> datetime:
    return NOW - timedelta(**delta)


def comment(account, n, *, received, labels=("question",), kind="comment", status="answered", answered=None):
    return Comment.objects.create(
        account=account,
        platform_id=f"c{account.pk}-{n}",
        kind=kind,
        created_at=received,
        received_at=received,
        labels=list(labels),
        status=status,
        answered_at=answered,
        due_at=received + timedelta(days=1),
        sort_at=received + timedelta(days=1),
        queue_administration=account.administration,
    )


def rollup(account, month: date, *, rate=None, followers=None):
    MonthlyRollup.objects.create(
        account=account, subject="", month=month, engagement_rate=rate, followers=followers, computed_at=NOW
    )


@pytest.fixture
def known(administration, lead):
    a = SocialAccountFactory(
        administration=administration,
        name="Simhallsbygget",
        purpose="Information om bygget.",
        goal="Färre frågor till kundtjänst.",
        target_group="",
        end_date=date(2027, 6, 30),
        end_plan="Stängs när hallen öppnar.",
    )
    SocialAccount.objects.filter(pk=a.pk).update(created_at=NOW - timedelta(days=400))
    AccountEditorFactory(
        account=a, user=UserFactory(roles=[(Role.EDITOR, administration)], last_login=ago(days=3))
    )
    city = SocialAccountFactory(administration=administration, name="Helsingborgs stad", is_citywide=True)
    other = SocialAccountFactory(administration=administration, name="Tredje kontot")
    insta = SocialAccountFactory(administration=administration, name="Bilder", platform="instagram")

    booking = Booking.objects.create(
        administration=administration, author=lead, title="Bygget", objective="inform", category="tips",
        target_group="Grannar",
    )  # fmt: skip
    for n, days in enumerate([1, 10, 20, 30, 40, 100]):
        post = PlatformPost.objects.create(account=a, platform_id=f"p{n}", created_at=ago(days=days))
        if days in (10, 100):  # one booked post inside the 90 days, one outside
            BookingSlot.objects.create(
                booking=booking, account=a, starts_at=post.created_at,
                ends_at=post.created_at + timedelta(minutes=30),
                blocked_until=post.created_at + timedelta(minutes=30),
                status="published", post_platform_id=post.platform_id,
            )  # fmt: skip
    comment(a, 1, received=ago(days=5), answered=ago(days=5) + timedelta(hours=2))  # in time, 2 h
    comment(a, 2, received=ago(days=6), kind="message", labels=(), answered=ago(days=6) + timedelta(hours=30))
    comment(a, 3, received=ago(days=3), status="open")  # past due now
    comment(a, 4, received=ago(hours=1), labels=("opinion",), status="open")  # open, not due, no question
    comment(a, 5, received=ago(days=120), answered=ago(days=120) + timedelta(hours=1))  # outside the window
    comment(a, 6, received=ago(days=2), labels=(), status="own")  # the city's own reply

    # Months: October 2026 is the last full month; Aug–Oct the recent three; Nov 2025–Jul 2026 the trend.
    rollup(a, date(2025, 10, 1), rate=0.05, followers=1000)
    rollup(a, date(2026, 1, 1), rate=0.04)
    rollup(a, date(2026, 8, 1), rate=0.02)
    rollup(a, date(2026, 9, 1), rate=0.03)
    rollup(a, date(2026, 10, 1), rate=0.04, followers=1100)
    rollup(city, date(2026, 10, 1), rate=0.01, followers=50000)
    rollup(other, date(2026, 9, 1), rate=0.05)
    return {"a": a, "city": city, "other": other, "insta": insta}


def test_a_post_tagged_afterwards_counts_as_known(known, lead):
    from metrics.models import PostTag

    post = PlatformPost.objects.get(account=known["a"], platform_id="p0")  # published a day ago, unbooked
    PostTag.objects.create(post=post, objective="activate", category="tips", tagged_by=lead)
    facts = review_facts(account_ids=[known["a"].pk], now=NOW)[known["a"].pk]
    assert (facts.posts_90d, facts.booked_posts_90d) == (5, 2)


def facts_queries() -> int:
    """Accounts, posts, comments, figures; elsewhere than PostgreSQL the median is a query of its own."""
    from django.db import connection

    return 4 if connection.vendor == "postgresql" else 5


def test_the_facts_of_a_known_account(known, django_assert_num_queries):
    with django_assert_num_queries(facts_queries()):
        facts = review_facts(account_ids=[known["a"].pk], now=NOW)[known["a"].pk]
    assert facts.day == date(2026, 11, 18)
    assert (facts.posts_90d, facts.days_since_post, facts.booked_posts_90d) == (5, 1, 1)
    assert (facts.questions_90d, facts.answered_in_time_90d) == (3, 1)
    assert facts.median_answer_hours == 16.0  # of 2 h and 30 h
    assert (facts.open_now, facts.overdue_now) == (2, 1)
    assert facts.has_active_editor
    assert (facts.has_purpose, facts.has_goal, facts.has_target_group) == (True, True, False)
    assert facts.engagement_rate == pytest.approx(0.03)
    assert facts.engagement_trend == pytest.approx(0.04)
    assert facts.city_median_engagement == pytest.approx(0.03)  # of 0.03, 0.01 and 0.05
    assert (facts.followers_now, facts.followers_year_ago, facts.citywide_followers) == (1100, 1000, 50000)
    assert (facts.end_date, facts.has_end_plan, facts.age_days) == (date(2027, 6, 30), True, 400)
    assert not facts.is_citywide


def test_an_account_with_nothing_measured_has_empty_facts(known):
    facts = review_facts(account_ids=[known["insta"].pk], now=NOW)[known["insta"].pk]
    assert (facts.posts_90d, facts.days_since_post, facts.questions_90d, facts.overdue_now) == (0, None, 0, 0)
    assert facts.engagement_rate is None and facts.city_median_engagement is None
    assert facts.citywide_followers is None and not facts.has_active_editor


def test_the_facts_take_the_same_queries_for_many_accounts(known, administration, django_assert_num_queries):
    SocialAccountFactory.create_batch(20, administration=administration)
    with django_assert_num_queries(facts_queries()):
        facts = review_facts(account_ids=None, now=NOW)
    assert len(facts) == 24


def test_storing_a_day_twice_keeps_one_row_per_account(known):
    assert services.review_store(now=NOW) == 4
    assert services.review_store(now=NOW) == 4
    assert ReviewState.objects.filter(day=date(2026, 11, 18)).count() == 4
    state = ReviewState.objects.get(account=known["a"])
    # Aktivt: 5 posts in 90 days is far below 3 a week; Långsiktigt: time-limited with a plan.
    assert (state.active, state.effective, state.longterm) == ("red", "amber", "amber")
    assert state.facts["posts_90d"] == 5


def test_the_annual_decisions_are_append_only(known, akn_user):
    decision = services.decision_record(
        account=known["a"], by=akn_user, decision="keep", note="", next_review_on=date(2027, 11, 1)
    )
    with pytest.raises(TypeError):
        decision.save()
    with pytest.raises(TypeError):
        ReviewDecision.objects.filter(pk=decision.pk).update(note="ändrat")
    with pytest.raises(TypeError):
        ReviewDecision.objects.all().delete()


def _page(client, query=""):
    return client.get(reverse("metrics:review") + query)


def test_the_review_page_queries_stay_flat(akn_client, known, administration, django_assert_max_num_queries):
    services.review_store()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert _page(akn_client).status_code == 200
    SocialAccountFactory.create_batch(30, administration=administration)
    services.review_store()
    with CaptureQueriesContext(connection) as many:
        response = _page(akn_client)
    assert response.status_code == 200
    assert len(few) == len(many) <= 12


def test_the_page_shows_each_state_as_icon_word_and_reason(akn_client, known):
    services.review_store()
    html = _page(akn_client, "?sort=name").content.decode()
    assert "Simhallsbygget" in html
    assert '<span aria-hidden="true">✕</span> Rött' in html
    assert "Riktlinjerna: ”Projekt eller verksamheter som är tidsbegränsade" in html


def test_the_filters_narrow_the_rows(akn_client, known):
    services.review_store()
    html = _page(akn_client, "?longterm=amber").content.decode()
    assert "Simhallsbygget" in html and "Tredje kontot" not in html
    html = _page(
        akn_client, f"?platform=instagram&administration={known['a'].administration_id}"
    ).content.decode()
    assert "Bilder" in html and "Simhallsbygget" not in html


def test_the_page_is_paged_by_keyset(akn_client, known, administration, settings):
    settings.REVIEW_PAGE_SIZE = 2
    services.review_store()
    first = _page(akn_client, "?sort=name")
    assert first.context["page"].has_next
    names = [r.state.account.name for r in first.context["rows"]]
    cursor = first.context["page"].next_cursor
    second = _page(akn_client, f"?sort=name&after={cursor}")
    names += [r.state.account.name for r in second.context["rows"]]
    assert names == ["Bilder", "Helsingborgs stad", "Simhallsbygget", "Tredje kontot"]
    assert _page(akn_client, "?after=trasig").status_code == 400


def test_due_for_review_lists_accounts_never_reviewed_or_past_their_date(akn_client, known, akn_user):
    services.review_store()
    services.decision_record(
        account=known["a"], by=akn_user, decision="keep", note="", next_review_on=date(2099, 1, 1)
    )
    html = _page(akn_client, "?due=on").content.decode()
    assert "Simhallsbygget" not in html and "Tredje kontot" in html


def test_a_lead_sees_only_their_administrations_accounts(lead_client, known, other_account):
    services.review_store()
    html = _page(lead_client).content.decode()
    assert "Simhallsbygget" in html and other_account.name not in html


def test_the_csv_export_escapes_formulas(akn_client, known):
    SocialAccount.objects.filter(pk=known["a"].pk).update(name="=HYPERLINK(1)")
    services.review_store()
    response = akn_client.get(reverse("metrics:review-export-csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert text.splitlines()[0].startswith("Konto,Plattform,Förvaltning,Aktivt,Skäl")


def test_the_xlsx_export_is_a_workbook_of_plain_text(akn_client, known):
    SocialAccount.objects.filter(pk=known["other"].pk).update(name="=HYPERLINK(1)")
    services.review_store()
    response = akn_client.get(reverse("metrics:review-export-xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = zipfile.ZipFile(io.BytesIO(response.content))
    strings = book.read("xl/worksheets/sheet1.xml").decode()  # constant_memory: strings inline
    assert "Simhallsbygget" in strings and "Långsiktigt" in strings
    assert "<f>" not in strings and "=HYPERLINK(1)" in strings  # text, not a formula


def test_akn_records_a_decision_and_the_history_keeps_both(akn_client, known):
    url = reverse("metrics:review-decision", args=[known["a"].pk])
    for decision in ("keep_with_actions", "close"):
        response = akn_client.post(
            url, {"decision": decision, "note": "Se över", "next_review_on": "2099-01-01"}
        )
        assert response.status_code == 302
    assert list(ReviewDecision.objects.filter(account=known["a"]).values_list("decision", flat=True)) == [
        "close",
        "keep_with_actions",
    ]


def test_a_decision_with_a_past_review_date_is_refused_in_swedish(akn_client, known):
    url = reverse("metrics:review-decision", args=[known["a"].pk])
    response = akn_client.post(url, {"decision": "keep", "next_review_on": "2020-01-01"})
    assert response.status_code == 400
    assert "Nästa granskning måste vara en dag efter i dag." in response.content.decode()
    assert not ReviewDecision.objects.exists()


def test_the_accounts_review_shows_thirteen_months_of_states(lead_client, known):
    from django.utils import timezone

    for back in range(14, -1, -1):  # one a month for 15 months: the page shows the last 13
        services.review_store(now=timezone.now() - timedelta(days=30 * back))
    response = lead_client.get(
        reverse("metrics:review-account", args=[known["a"].pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert len(response.context["history"]) == 13
    assert 'id="account-review"' in response.content.decode()


THRESHOLDS = {
    "platform": "facebook", "posts_per_week_green": "0.2", "posts_per_week_amber": "0.1",
    "days_since_post_green": 7, "days_since_post_amber": 21, "answered_share_green": 90,
    "answered_share_amber": 75, "overdue_amber_max": 5, "booked_share_green": 50,
    "booked_share_amber": 20,
    "engagement_vs_median_green": 75, "engagement_vs_median_amber": 40, "engagement_drop_amber": 30,
    "follower_loss_red": 10, "followers_vs_citywide_green": 5, "followers_vs_citywide_amber": 1,
}  # fmt: skip


def test_saved_thresholds_change_the_judgement(akn_client, known, django_capture_on_commit_callbacks):
    services.review_store(now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        response = akn_client.post(reverse("metrics:review-thresholds"), THRESHOLDS)
    assert response.status_code == 302
    facts = services.accounts_judge(account_ids=[known["a"].pk])[known["a"].pk]
    posting = facts.verdicts[0].checks[0]
    assert posting.name == "posting" and posting.state != "red"


def test_amber_thresholds_stricter_than_green_are_refused(akn_client):
    data = {**THRESHOLDS, "posts_per_week_green": "1", "posts_per_week_amber": "3"}
    response = akn_client.post(reverse("metrics:review-thresholds"), data)
    assert response.status_code == 200
    assert "Varje gräns för gult måste vara mindre sträng än den för grönt." in response.content.decode()


def test_a_closed_account_leaves_the_review(akn_client, known, akn_user):
    from django.utils import timezone as tz

    SocialAccount.objects.filter(pk=known["other"].pk).update(
        closed_on=tz.localdate(), closed_reason="Sammanslaget med stadens konto.", closed_by=akn_user
    )
    services.review_store()
    html = _page(akn_client, "?sort=name").content.decode()
    assert "Simhallsbygget" in html
    assert "Tredje kontot" not in html


def test_the_kept_sql_measures_each_moment_afresh(known):
    """The facts' queries are compiled once per shape and run with the values of the moment: a later
    `now` gives what a fresh build gives, never the first run's windows."""
    from metrics.review import compiled

    pk = known["a"].pk
    compiled._kept.clear()
    first = review_facts(account_ids=[pk], now=NOW, city_from_store=True)[pk]
    kept = dict(compiled._kept)
    later = NOW + timedelta(days=65)
    measured = review_facts(account_ids=[pk], now=later, city_from_store=True)[pk]
    assert dict(compiled._kept) == kept  # nothing built again
    compiled._kept.clear()
    assert measured == review_facts(account_ids=[pk], now=later, city_from_store=True)[pk]
    assert (first.posts_90d, first.days_since_post, first.overdue_now) == (5, 1, 1)
    assert (measured.posts_90d, measured.days_since_post, measured.overdue_now) == (3, 66, 2)
    # Another account through the same kept SQL: its own facts.
    other = review_facts(account_ids=[known["insta"].pk], now=later, city_from_store=True)
    assert other[known["insta"].pk].posts_90d == 0 and set(other) == {known["insta"].pk}


def test_a_query_with_a_time_of_its_own_is_built_every_time(known):
    """A time the caller did not pass would be frozen into the kept SQL: such a query is run as a
    queryset, with the real values, every time."""
    from django.utils import timezone

    from metrics.review import compiled

    pk = known["a"].pk
    built = []

    def build(v):
        built.append(v["ids"])
        # The time of the build, not a value passed in: it must not be kept.
        return PlatformPost.objects.filter(account_id__in=v["ids"], created_at__lte=timezone.now()).values(
            "platform_id"
        )

    for _ in range(2):
        assert len(compiled.values(("test-own-time",), build, {"ids": [pk]})) == 6
    assert built.count([pk]) == 2


@pytest.mark.postgres
def test_a_query_of_the_values_alone_is_built_once(known):
    from metrics.review import compiled

    pk = known["a"].pk
    built = []

    def build(v):
        built.append(v)
        return PlatformPost.objects.filter(account_id__in=v["ids"], created_at__gte=v["since"]).values(
            "platform_id"
        )

    assert len(compiled.values(("test-kept",), build, {"ids": [pk], "since": ago(days=15)})) == 2
    assert len(compiled.values(("test-kept",), build, {"ids": [pk], "since": ago(days=35)})) == 4
    assert len(built) == 1 and built[0]["ids"] != [pk]  # built once, with stand-ins


def test_one_accounts_review_takes_the_same_queries_with_more_data(
    lead_client, known, administration, django_assert_num_queries
):
    """The page's queries are pinned (quality.md bar 1: the same at any size, at most 12 on
    PostgreSQL): the session, the user, roles and menu, the account, the facts, the history and the
    decisions (the thresholds are kept)."""
    url = reverse("metrics:review-account", args=[known["a"].pk])
    services.review_store(now=NOW)
    lead_client.get(url)  # the session and the footer's guideline kept
    with django_assert_num_queries(7 + facts_queries()):
        assert lead_client.get(url).status_code == 200
    for n in range(10):
        comment(known["a"], 100 + n, received=ago(days=n))
        PlatformPost.objects.create(account=known["a"], platform_id=f"more{n}", created_at=ago(days=n))
    services.review_store()
    with django_assert_num_queries(7 + facts_queries()):
        assert lead_client.get(url).status_code == 200


def test_the_history_reads_each_months_last_day(known, django_assert_num_queries):
    """Nightly rows: the history shows one a month, the month's last stored day, newest first, and
    reads only those rows."""
    stored = [NOW - timedelta(days=back) for back in (0, 1, 2, 18, 30, 50, 400)]  # 400: too old
    for now in stored:
        services.review_store(now=now)
    today = NOW.date()
    with django_assert_num_queries(1):
        history = services.state_history(account=known["a"], today=today)
    days = [timezone_day(now) for now in stored[:-1]]
    last_of_month = {}
    for day in sorted(days):
        last_of_month[day.replace(day=1)] = day
    assert [row.day for row in history] == sorted(last_of_month.values(), reverse=True)
    assert [row.day for row in history] == [date(2026, 11, 18), date(2026, 10, 31), date(2026, 9, 29)]
    assert all(row.account_id == known["a"].pk for row in history)


def timezone_day(moment: datetime) -> date:
    from django.utils import timezone

    return timezone.localdate(moment)
