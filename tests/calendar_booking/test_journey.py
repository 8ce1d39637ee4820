"""In a real browser: find a free time, book it for two accounts, see it in the week; another
förvaltning's communicator cannot open its draft. axe-core checks every page on the way."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from calendar_booking.models import Booking
from tests.fixtures_browser import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = "Nu öppnar simhallen igen – boka din tid på helsingborg.se!"


def test_a_communicator_books_two_accounts_from_a_free_time(
    page, page_problems, communicator, administration, citywide_account, instagram, other_communicator
):
    day = timezone.localdate() + timedelta(days=14)
    while day.weekday() != 2:  # a Wednesday, far from any holiday eve
        day += timedelta(days=1)
    year, week, _d = day.isocalendar()
    week_url = reverse("calendar_booking:calendar-week", args=[year, week])

    # The tone panel re-checks as the person types and drops a check that a newer one replaces
    # (hx-sync="this:replace"); htmx reports each dropped request on the console.
    page_problems.allow(r"htmx:(sendAbort|afterRequest)")
    login(page, communicator)
    page.get_by_role("link", name="Publiceringskalender").or_(
        page.get_by_role("link", name="Publishing calendar")
    ).first.click()
    page.wait_for_url("**/calendar/week/**")
    page.goto(week_url)
    axe_check(page)
    # Navigating to the next week and back swaps the period in place and keeps the address.
    page.locator("#calendar-period a[hx-get]").last.click()
    page.wait_for_function(f"() => !document.location.pathname.endsWith('/{week}/')")
    page.go_back()
    page.wait_for_function(f"() => document.location.pathname.endsWith('/{week}/')")

    free = page.locator(
        f"a.cal-free[href*='account={citywide_account.pk}'][href*='{day.isoformat()}T09']"
    ).first
    free.click()
    page.wait_for_url("**/calendar/bookings/new/**")
    assert page.locator("#id_slot0-starts_at").input_value() == f"{day.isoformat()}T09:00"
    assert page.locator("#id_slot0-account").input_value() == str(citywide_account.pk)
    assert page.locator("#tone-panel").count() == 1
    axe_check(page)

    page.locator("#id_slot1-account").select_option(str(instagram.pk))
    page.locator("#id_slot1-starts_at").fill(f"{day.isoformat()}T13:00")
    page.locator("#id_title").fill("Simhallen öppnar")
    page.locator("#id_draft_text").fill(DRAFT)
    # The tone panel reacts to the draft: LIX for this very text.
    page.locator("#tone-panel [data-tone-lix]").wait_for()
    page.locator("input[name=objective][value=activate]").check()
    page.locator("#id_category").select_option("tips")
    page.locator("#id_target_group").fill("Motionärer och barnfamiljer i Helsingborg")
    page.locator("#id_link").fill("https://helsingborg.se/simhall")
    page.locator("#id_image_alt_text").fill("Barn som hoppar från trampolinen i simhallen.")
    page.locator("#id_rights_confirmed").check()
    page.locator("#id_consent_confirmed").check()
    with page.expect_navigation():
        page.locator("#booking-form button[type=submit]").click()
    assert "/calendar/bookings/" in page.url, page.locator(".alert-danger").all_inner_texts()
    booking = Booking.objects.get()
    assert booking.slots.count() == 2
    assert DRAFT in page.locator("main").inner_text()
    axe_check(page)

    page.goto(week_url)
    table = page.locator("#calendar-period table").inner_text()
    assert table.count("Simhallen öppnar") == 2
    for url in (
        reverse("calendar_booking:calendar-month", args=[day.year, day.month]),
        reverse("calendar_booking:booking-list"),
        reverse("calendar_booking:feed-list"),
    ):
        page.goto(url)
        assert "Simhallen öppnar" in page.locator("main").inner_text() or "feeds" in url
        axe_check(page)

    # Another förvaltning sees the title in the calendar, but cannot open the draft.
    page.context.clear_cookies()
    login(page, other_communicator)
    page.goto(week_url)
    assert "Simhallen öppnar" in page.locator("#calendar-period").inner_text()
    assert DRAFT not in page.content()
    page_problems.allow("404")
    response = page.goto(reverse("calendar_booking:booking-detail", args=[booking.pk]))
    assert response.status == 404
    assert DRAFT not in page.content()


def test_akn_sets_channel_rules_and_a_kc_agreement(page, akn_user, citywide_account, administration):
    from calendar_booking.models import ChannelRule, KcAgreement

    login(page, akn_user)
    page.goto(reverse("calendar_booking:rule-list"))
    axe_check(page)
    page.goto(reverse("calendar_booking:rule-edit", args=[citywide_account.pk]))
    axe_check(page)
    page.locator("#id_max_posts_per_day").fill("2")
    page.locator("#id_block_late_charged").check()
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    rule = ChannelRule.objects.get(account=citywide_account)
    assert rule.max_posts_per_day == 2 and rule.block_late_charged and rule.updated_by == akn_user
    page.goto(reverse("calendar_booking:agreement-create"))
    axe_check(page)
    page.locator("#id_administration").select_option(str(administration.pk))
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert KcAgreement.objects.filter(administration=administration).exists()
    axe_check(page)
