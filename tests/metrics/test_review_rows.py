"""The review page's rows, written in one pass (metrics.review.rows): escaped, with each state as
icon, word and colour, and the stored name, platform and förvaltning each order and filter reads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from metrics.review import services
from metrics.review.models import ReviewState
from tests.factories import AdministrationFactory, SocialAccountFactory

pytestmark = pytest.mark.django_db

URL = reverse("metrics:review")


def test_a_row_escapes_the_names_and_says_never_reviewed(akn_client, administration):
    account = SocialAccountFactory(administration=administration, name='<b>Konto</b> "x"')
    services.review_store()
    html = akn_client.get(URL).content.decode()
    assert "<b>Konto</b>" not in html
    assert "&lt;b&gt;Konto&lt;/b&gt; &quot;x&quot;" in html
    assert reverse("metrics:review-account", args=[account.pk]) in html
    assert '<span aria-hidden="true">!</span> Aldrig granskat' in html


def test_the_stored_row_carries_the_account_for_the_indexes(administration):
    other = AdministrationFactory(name="Annan förvaltning")
    a = SocialAccountFactory(administration=administration, name="Bravo", platform="instagram")
    b = SocialAccountFactory(administration=other, name="Alfa", platform="facebook")
    services.review_store()
    rows = {r.account_id: r for r in ReviewState.objects.all()}
    assert (rows[a.pk].account_name, rows[a.pk].platform, rows[a.pk].administration_id) == (
        "Bravo",
        "instagram",
        administration.pk,
    )
    assert rows[b.pk].account_name == "Alfa" and rows[b.pk].administration_id == other.pk


def test_sorting_by_name_and_filtering_by_forvaltning_read_the_stored_columns(akn_client, administration):
    other = AdministrationFactory(name="Annan förvaltning")
    SocialAccountFactory(administration=administration, name="Bravo")
    SocialAccountFactory(administration=other, name="Alfa")
    services.review_store()
    html = akn_client.get(URL, {"sort": "name"}).content.decode()
    assert html.index("Alfa") < html.index("Bravo")
    only = akn_client.get(URL, {"administration": other.pk}).content.decode()
    rows = only.split('id="review-rows"')[1]
    assert "Alfa" in rows and "Bravo" not in rows
    # Every förvaltning is an option of the filter, the chosen one selected, names escaped.
    assert f'<option value="{other.pk}" selected>Annan förvaltning</option>' in only


def test_one_accounts_page_reads_the_city_figures_of_the_latest_stored_review(administration):
    """The account's own facts are measured now; the platform's city median and the city-wide
    account's followers come from the latest stored review (the same as in the list), and are
    measured from every account's figures when no review is stored yet."""
    from django.utils import timezone

    from metrics.review.facts import review_facts
    from tests.metrics.report_data import month_row

    a = SocialAccountFactory(administration=administration, name="Alfa", platform="facebook")
    city = SocialAccountFactory(administration=administration, platform="facebook", is_citywide=True)
    last_full = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    month_row(city, last_full, followers=50000, engagement_rate=0.02)
    measured = review_facts(account_ids=[a.pk], city_from_store=True)[a.pk]
    assert (measured.city_median_engagement, measured.citywide_followers) == (pytest.approx(0.02), 50000)

    services.review_store()
    ReviewState.objects.filter(platform="facebook").update(
        facts={"city_median_engagement": 0.042, "citywide_followers": 12345}
    )
    stored = review_facts(account_ids=[a.pk], city_from_store=True)[a.pk]
    assert (stored.city_median_engagement, stored.citywide_followers) == (0.042, 12345)
    assert review_facts(account_ids=[a.pk])[a.pk].citywide_followers == 50000


def test_the_kept_reasons_follow_a_changed_threshold(akn_client, administration):
    """A row's reasons are kept between readers; a changed threshold is a new key, even before the
    accounts are judged again."""
    from decimal import Decimal

    from metrics.review.models import ReviewThresholds

    SocialAccountFactory(administration=administration, name="Tyst konto", platform="facebook")
    services.review_store()
    assert "gränsen på 3,0 inlägg" in akn_client.get(URL).content.decode()
    row = ReviewThresholds.defaults_for("facebook")
    row.posts_per_week_green = Decimal("7")
    row.save()
    html = akn_client.get(URL).content.decode()
    assert "gränsen på 7,0 inlägg" in html and "gränsen på 3,0 inlägg" not in html


def test_a_state_is_an_icon_a_word_and_a_colour():
    from django.utils import translation

    from metrics.templatetags.review_states import review_state

    with translation.override("sv"):
        assert review_state("red") == (
            '<span class="flag flag-danger review-state"><span aria-hidden="true">✕</span> Rött</span>'
        )
        assert review_state(None).endswith("</span> Inte bedömt</span>")


def test_the_kept_thresholds_are_forgotten_when_a_row_changes(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Every review page reads the thresholds from the cache; a saved or deleted row is read anew,
    also when a page kept the old rows between the save and its commit."""
    from decimal import Decimal

    from django.core.cache import cache

    from metrics.review.models import ReviewThresholds

    assert services.thresholds_by_platform()["facebook"].posts_per_week_green == Decimal("3")
    with django_assert_num_queries(0):
        services.thresholds_by_platform()
    row = ReviewThresholds.defaults_for("facebook")
    row.posts_per_week_green = Decimal("7")
    with django_capture_on_commit_callbacks(execute=True):
        row.save()
        assert services.thresholds_by_platform()["facebook"].posts_per_week_green == Decimal("7")
        # A page that read the rows before the commit keeps what it read ...
        stale = services.thresholds_by_platform()
        stale["facebook"] = ReviewThresholds.defaults_for("facebook").as_thresholds()
        cache.set(services.THRESHOLDS_KEY, stale)
    # ... until the commit forgets it.
    assert services.thresholds_by_platform()["facebook"].posts_per_week_green == Decimal("7")
    row.delete()
    assert services.thresholds_by_platform()["facebook"].posts_per_week_green == Decimal("3")
