"""In a real browser: a person types in the Språkgranskning page and the panel follows, without a
page reload; the page passes axe-core's WCAG 2.1 AA checks with the feedback shown."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.fixtures_browser import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_panel_follows_the_typing_without_a_reload(page, communicator):
    login(page, communicator)
    page.goto(reverse("tone:check"))
    axe_check(page)
    navigations = []
    page.on(
        "framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None
    )

    textarea = page.locator("#id_text")
    textarea.click()
    textarea.press_sequentially(
        "Vi på miljöförvaltningen vill t.ex. bjuda in er till en ny lekplats.", delay=5
    )
    page.locator("#tone-panel [data-tone-lix]").wait_for()
    page.locator('#tone-panel li[data-rule="klarsprak.abbreviation"]').wait_for()
    assert page.locator("#tone-panel [data-tone-lix]").inner_text() == "28,4"
    assert page.locator("#tone-panel mark", has_text="t.ex.").count() == 1
    axe_check(page)

    # A reply with a phone number: the blocking finding appears when the context changes.
    page.select_option("#id_kind", "reply")
    textarea.press_sequentially(" Ring 070-123 45 67.", delay=5)
    page.locator("#tone-panel [data-tone-blocking]").wait_for()
    assert page.locator('#tone-panel li[data-rule="reply.personal_data"]').count() == 1
    axe_check(page)
    assert navigations == [], f"the page navigated: {navigations}"


def test_akn_adds_a_word_and_the_next_check_flags_it(page, akn_user):
    login(page, akn_user)
    page.goto(reverse("tone:lists"))
    axe_check(page)
    section = page.locator("#tone-list-slang")
    section.locator("input[name=slang-text]").fill("kanonbra")
    section.locator("input[name=slang-note]").fill("mycket bra")
    section.get_by_role("button", name=_sv("Add")).click()
    page.locator("#tone-list-slang").get_by_role(
        "cell", name="kanonbra", exact=True
    ).wait_for()  # swapped in, no reload
    axe_check(page)

    page.goto(reverse("tone:check"))
    page.locator("#id_text").fill("Utställningen är kanonbra.")
    page.locator('#tone-panel li[data-rule="klarsprak.slang"]').wait_for()
    assert "mycket bra" in page.locator("#tone-panel").inner_text()

    page.goto(reverse("tone:lists"))
    row = page.locator("#tone-list-slang tr", has_text="kanonbra")
    row.get_by_role("button").click()
    page.locator("#tone-list-slang").get_by_role("cell", name="kanonbra", exact=True).wait_for(
        state="detached"
    )


def _sv(msgid: str) -> str:
    with translation.override("sv"):
        return translation.gettext(msgid)
