"""The review's demo data: every criterion in every state, for the reasons the demo means, twice."""

from __future__ import annotations

import pytest

from accounts import demo as accounts_demo
from metrics.review import demo
from metrics.review.models import ReviewState
from moderation.models import Comment
from platforms.models import PlatformPost

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_criterion_in_every_state_and_reruns_cleanly():
    accounts_demo.seed()
    demo.seed()
    counts = (PlatformPost.objects.count(), Comment.objects.count(), ReviewState.objects.count())
    demo.seed()
    assert (PlatformPost.objects.count(), Comment.objects.count(), ReviewState.objects.count()) == counts

    today = ReviewState.objects.order_by("-day").values_list("day", flat=True).first()
    states = {
        (row.account.name, row.account.platform): (row.active, row.effective, row.longterm)
        for row in ReviewState.objects.filter(day=today).select_related("account")
    }
    for n, criterion in enumerate(("active", "effective", "longterm")):
        assert {s[n] for s in states.values()} == {"green", "amber", "red"}, criterion
    assert states[("Helsingborgs stadsbibliotek", "facebook")] == ("green", "green", "green")
    assert states[("Fritidsgårdarna i Helsingborg", "instagram")] == ("amber", "amber", "green")
    assert states[("Simhallsbygget 2026", "facebook")] == ("red", "red", "red")
    assert states[("Stadsbyggnad Helsingborg", "linkedin")] == ("green", "green", "amber")
    assert states[("Äldreomsorgen Helsingborg", "facebook")] == ("green", "green", "amber")
    assert states[("Sommarlov i Helsingborg 2025", "instagram")] == ("red", "amber", "red")
    # A history of stored states, one a month, for the accounts' pages.
    assert ReviewState.objects.values("day").distinct().count() == 13
