"""The browser fixtures catch what they promise to catch: axe violations, console errors, CSP
violations and requests to other hosts. A fixture that never fails would prove nothing."""

import pytest

from tests.fixtures_browser import axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_check_fails_on_an_image_without_alternative_text(page):
    page.goto("/login/")
    axe_check(page)
    page.route("**/x.png", lambda route: route.fulfill(status=200, content_type="image/png", body=b""))
    page.evaluate(
        "() => document.querySelector('main').appendChild(document.createElement('img')).src = '/x.png'"
    )
    with pytest.raises(pytest.fail.Exception, match=r"image-alt"):
        axe_check(page)


def test_an_inline_script_is_refused_by_the_csp_and_reported(page, page_problems):
    page.goto("/login/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.append(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.x") is None
    assert any("Content Security Policy" in entry for entry in page_problems.entries), page_problems.entries
    page_problems.entries.clear()


def test_a_request_to_another_host_is_blocked_and_reported(page, page_problems):
    page.goto("/login/")
    page.evaluate("() => { const i = new Image(); i.src = 'http://example.org/pixel.gif'; }")
    page.wait_for_timeout(300)
    assert any("example.org" in entry for entry in page_problems.entries), page_problems.entries
    page_problems.entries.clear()


def test_a_console_error_is_reported(page, page_problems):
    page.goto("/login/")
    page.evaluate("() => console.error('broken')")
    page.wait_for_timeout(100)
    assert any("broken" in entry for entry in page_problems.entries)
    page_problems.entries.clear()
