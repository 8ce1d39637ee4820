"""AKN's account review in a real browser, checked by axe-core on every page it passes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from metrics.review import services
from metrics.review.models import ReviewDecision
from platforms.models import PlatformPost
from tests.factories import AccountEditorFactory, SocialAccountFactory, UserFactory
from tests.fixtures_browser import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reviewed(administration, other_administration):
    now = timezone.now()
    lively = SocialAccountFactory(
        administration=administration, name="Fritidsgårdarna", purpose="Fritid.", goal="Fler besök.",
        target_group="Unga",
    )  # fmt: skip
    AccountEditorFactory(account=lively, user=UserFactory(roles=[(Role.EDITOR, administration)]))
    for n in range(40):
        PlatformPost.objects.create(
            account=lively, platform_id=f"p{n}", created_at=now - timedelta(days=2 * n + 1)
        )
    project = SocialAccountFactory(
        administration=other_administration,
        name="Simhallsbygget",
        end_date=timezone.localdate() + timedelta(days=60),
    )
    services.review_store()
    return {"lively": lively, "project": project}


def test_akn_reviews_the_accounts_filters_them_and_records_a_decision(page, akn_user, reviewed):
    login(page, akn_user)
    page.get_by_role("button", name="Uppföljning").click()  # the follow-up menu
    page.get_by_role("link", name="Kontogranskning").click()
    page.wait_for_url("**" + reverse("metrics:review"))
    rows = page.locator("#review-rows")
    assert rows.get_by_text("Simhallsbygget").count() == 1
    # The project has no purpose, no editor and an end date without a plan: red, and it says why.
    project_row = rows.locator("tr", has_text="Simhallsbygget")
    assert project_row.locator(".review-state", has_text="Rött").count() >= 1
    assert "Projekt eller verksamheter som är tidsbegränsade" in project_row.inner_text()
    axe_check(page)

    # Filter with htmx: only the long-term reds remain, and the address keeps the filter.
    page.get_by_label("Långsiktigt").select_option("red")
    page.wait_for_url("**longterm=red**")
    rows.locator("tr", has_text="Fritidsgårdarna").wait_for(state="detached")
    assert rows.get_by_text("Simhallsbygget").count() == 1
    axe_check(page)

    # The facts behind each state are in the row.
    assert "Inlägg per vecka: 0,0 inlägg i veckan" in project_row.inner_text()

    page.get_by_role("link", name="Simhallsbygget").click()
    page.wait_for_url("**" + reverse("metrics:review-account", args=[reviewed["project"].pk]))
    assert page.get_by_text("Aldrig granskat").count() == 1
    axe_check(page)
    page.locator("#id_decision").select_option("close")
    page.locator("#id_note").fill("Projektet slutar i vår; innehållet flyttas till stadens konto.")
    page.locator("#id_next_review_on").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Registrera beslutet").click()
    page.get_by_text("Beslutet har registrerats.").wait_for()
    assert page.get_by_text("Projektet slutar i vår").count() == 1
    axe_check(page)
    decision = ReviewDecision.objects.get(account=reviewed["project"])
    assert decision.decision == "close" and decision.decided_by == akn_user


def test_the_lead_sees_the_review_on_the_accounts_page(page, lead, reviewed):
    login(page, lead)
    page.goto(reverse("accounts:account-detail", args=[reviewed["lively"].pk]))
    section = page.locator("#account-review")
    section.get_by_role("link", name="Visa kontots granskning").click()  # loaded in place by htmx
    section.get_by_text("Lägena under 13 månader").wait_for()  # loaded by htmx from the metrics floor
    assert section.get_by_role("heading", name="Aktivt").count() == 1
    assert section.get_by_text("Registrera ett beslut").count() == 0  # AKN's alone
    axe_check(page)
