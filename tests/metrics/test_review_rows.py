"""The review page's rows, written in one pass (metrics.review.rows): escaped, with each state as
icon, word and colour, and the stored name, platform and förvaltning each order and filter reads."""

from __future__ import annotations

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
