"""At 390 px wide (a phone) the queue is a list of cards and nothing is wider than the screen: the
"Hantera" button is on screen without scrolling sideways (issue 17). The log and the patterns page
fit too. axe-core at that width."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from playwright.sync_api import expect

from moderation.ingest import comments_ingest
from moderation.models import Comment, ModerationLogEntry
from tests.fixtures_browser import axe_check, login

from .helpers import remote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LONG = "Varför_har_ingen_svarat_på_min_fråga_om_bygglovet_på_Drottninggatan_fyrtiotvå_ännu"


def _fits(page) -> None:
    widths = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"


def test_the_kc_queue_is_cards_on_a_phone(page, starting_lists, kc_user, citywide_account):
    comments_ingest(
        account=citywide_account,
        items=[
            remote("q1", f"{LONG}? Jag har väntat i tre veckor nu.", author_name="Anna Andersson"),
            remote("q2", "Du är en idiot som inte svarar", author_name="Bo Berg"),
        ],
    )
    Comment.objects.update(in_kc_queue=True)
    page.set_viewport_size(PHONE)
    login(page, kc_user)
    page.goto(reverse("moderation:queue-kc"))
    expect(page.locator("#queue-rows tr")).to_have_count(2)
    _fits(page)
    handle = page.get_by_role("button", name="Hantera").first
    handle.scroll_into_view_if_needed()  # down the page is fine; sideways is not
    expect(handle).to_be_in_viewport()
    assert page.evaluate("() => window.scrollX") == 0
    box = handle.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    axe_check(page)


def test_the_log_and_the_patterns_page_fit_a_phone(page, starting_lists, akn_user, citywide_account):
    # The starting patterns and word groups, as a migrated database has them.
    importlib.import_module("moderation.migrations.0011_triage_pattern_starting_lists").seed(apps, None)
    comments_ingest(account=citywide_account, items=[remote("q1", "Hej?")])
    ModerationLogEntry.objects.create(
        comment_id=Comment.objects.get().pk, actor=akn_user, action="hide", rule="personal_data"
    )
    page.set_viewport_size(PHONE)
    login(page, akn_user)
    for url in (reverse("moderation:moderation-log"), reverse("moderation:triage-patterns")):
        page.goto(url)
        _fits(page)
        axe_check(page)
