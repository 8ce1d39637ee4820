"""One journey per role in a real browser: log in through the form, see the right menu, use the
pages the role uses, and pass axe-core's WCAG 2.1 AA checks on every page on the way."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import SocialAccountFactory
from tests.fixtures_browser import axe_check, focus_is_visible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = reverse("home")
ACCOUNTS = reverse("accounts:account-list")
MINE = reverse("accounts:account-mine")
ADMINISTRATIONS = reverse("accounts:administration-list")
PEOPLE = reverse("accounts:person-list")


ACCOUNT_MENU = {START, ACCOUNTS, MINE, ADMINISTRATIONS, PEOPLE}


def sv(msgid: str, **values) -> str:
    """The Swedish text a person sees for `msgid`, as the pages render it."""
    with translation.override("sv"):
        text = translation.gettext(msgid)
    return text % values if values else text


def assert_menu(page, expected: set[str]) -> None:
    """The accounts part of the main menu is exactly `expected` (other apps check their own items)."""
    links = page.locator("#main-nav .me-auto a").evaluate_all("links => links.map((a) => a.href)")
    shown = {urlparse(href).path for href in links} & ACCOUNT_MENU
    assert shown == expected, f"menu shows {sorted(shown)}, expected {sorted(expected)}"


def visit(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response and response.status}"
    axe_check(page)


def test_akn_sees_the_whole_inventory_and_manages_people(
    page, akn_user, account, other_account, communicator
):
    login(page, akn_user)
    axe_check(page)
    assert_menu(page, {START, ACCOUNTS, ADMINISTRATIONS, PEOPLE})
    visit(page, ACCOUNTS)
    rows = page.locator("#account-rows").inner_text()
    assert account.name in rows and other_account.name in rows
    # Filtering swaps the rows in place and keeps the address; going back restores the whole page.
    page.select_option("#id_administration", str(other_account.administration_id))
    page.wait_for_function("() => !document.querySelector('#account-rows').innerText.includes('Skolor')")
    assert other_account.name in page.locator("#account-rows").inner_text()
    assert f"administration={other_account.administration_id}" in page.url
    axe_check(page)
    page.select_option("#id_visibility", "closed")
    page.wait_for_function("() => document.location.search.includes('visibility=closed')")
    page.go_back()
    page.wait_for_function("() => !document.location.search.includes('visibility=closed')")
    page.locator("#account-rows").get_by_text(other_account.name).wait_for()
    assert page.locator("main h1").count() == 1 and page.locator("main form #id_administration").count() == 1
    axe_check(page)
    visit(page, reverse("accounts:account-detail", args=[other_account.pk]))
    visit(page, reverse("accounts:account-edit", args=[other_account.pk]))
    visit(page, reverse("accounts:account-create"))
    visit(page, ADMINISTRATIONS)
    visit(page, reverse("accounts:administration-edit", args=[account.administration_id]))
    visit(page, PEOPLE)
    visit(page, reverse("accounts:person-edit", args=[communicator.pk]))
    visit(page, reverse("accounts:profile"))


def test_lead_appoints_and_removes_editors_without_a_page_reload(page, lead, account, editor, communicator):
    login(page, lead)
    axe_check(page)
    assert_menu(page, {START, ACCOUNTS})
    visit(page, ACCOUNTS)
    page.get_by_role("link", name=account.name).click()
    page.wait_for_url(f"**{reverse('accounts:account-detail', args=[account.pk])}")
    axe_check(page)
    detail_url = page.url
    navigations = []
    page.on(
        "framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None
    )
    page.evaluate("() => { window.journeyMark = 'still the same page'; }")

    # Choose the person, then Tab to the button and press Enter: the keyboard alone appoints.
    page.select_option("#id_editor_user", str(communicator.pk))
    page.focus("#id_editor_user")
    page.keyboard.press("Tab")
    button = page.locator("#editors form[hx-post$='/editors/add/'] button[type=submit]")
    assert button.evaluate("b => b === document.activeElement"), "Tab did not reach the appoint button"
    assert focus_is_visible(page), "the focused button shows no focus indicator"
    page.keyboard.press("Enter")
    editors = page.locator("#editors .list-group")
    page.get_by_role("button", name=sv("Remove %(name)s", name=communicator)).wait_for()
    assert page.url == detail_url and navigations == []
    assert page.evaluate("() => window.journeyMark") == "still the same page"
    in_editors = "() => !!document.activeElement.closest('#editors')"
    assert page.evaluate(in_editors), "focus left the editors section"
    axe_check(page)

    page.get_by_role("button", name=sv("Remove %(name)s", name=editor)).click()
    page.wait_for_function(
        f"() => !document.querySelector('#editors .list-group').innerText.includes('{editor}')"
    )
    assert str(communicator) in editors.inner_text()
    assert page.url == detail_url and navigations == []
    assert page.evaluate("() => window.journeyMark") == "still the same page"
    assert page.evaluate(in_editors)
    axe_check(page)
    visit(page, reverse("accounts:account-edit", args=[account.pk]))


def test_editor_sees_their_accounts_and_cannot_appoint(page, page_problems, editor, account):
    login(page, editor)
    axe_check(page)
    assert_menu(page, {START, MINE, ACCOUNTS})
    visit(page, MINE)
    page.get_by_role("link", name=str(account)).click()
    page.wait_for_url(f"**{reverse('accounts:account-detail', args=[account.pk])}")
    axe_check(page)
    assert page.locator("#editors form").count() == 0
    visit(page, reverse("accounts:profile"))
    # A page of another role answers 403 with a page that is itself accessible.
    page_problems.allow(r"status of 403")
    response = page.goto(ADMINISTRATIONS)
    assert response.status == 403
    axe_check(page)


def test_communicator_logs_in_with_the_keyboard_and_sees_the_citywide_accounts(
    page, communicator, citywide_account
):
    page.goto("/login/")
    axe_check(page)
    page.locator("main input[name=username]").focus()
    page.keyboard.type(communicator.username)
    page.keyboard.press("Tab")
    assert focus_is_visible(page)
    page.keyboard.type("korrekt-häst-batteri")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlparse(page.url).path == START
    axe_check(page)
    assert_menu(page, {START, ACCOUNTS})
    visit(page, f"{ACCOUNTS}?scope=citywide")
    assert citywide_account.name in page.locator("#account-rows").inner_text()
    visit(page, reverse("accounts:profile"))


def test_contact_centre_skips_to_the_content_and_sees_only_the_citywide_accounts(
    page, kc_user, citywide_account, account
):
    login(page, kc_user)
    assert_menu(page, {START, ACCOUNTS})
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("a => a === document.activeElement") and focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    visit(page, ACCOUNTS)
    rows = page.locator("#account-rows").inner_text()
    assert citywide_account.name in rows and account.name not in rows


def test_the_account_list_shows_more_rows_in_place(page, akn_user, administration):
    SocialAccountFactory.create_batch(55, administration=administration)
    login(page, akn_user)
    visit(page, ACCOUNTS)
    assert page.locator("#account-rows tr").count() == 51  # 50 accounts and the "show more" row
    page.locator("#account-more a").click()
    page.wait_for_function("() => document.querySelectorAll('#account-rows tr').length === 55")
    axe_check(page)


def test_the_login_errors_and_the_lock_out_page_are_accessible(page, page_problems, lead, settings):
    page_problems.allow(r"status of 429")
    page.goto("/login/")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        page.locator("main input[name=username]").fill(lead.username)
        page.locator("main input[name=password]").fill("fel-lösenord")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        if attempt == 0:
            assert page.locator("main .alert-danger").count() == 1
            axe_check(page)
    assert page.locator("main [role=alert]").count() == 1
    axe_check(page)
