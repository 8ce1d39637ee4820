"""The browser fixtures catch what they promise to catch: axe violations, console errors, CSP
violations and requests to other hosts. A fixture that never fails would prove nothing."""

import pytest

from tests.fixtures_browser import axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def reported(page, page_problems, text: str) -> bool:
    """Wait (up to 5 s, the machine may be busy) for a problem mentioning `text`."""
    for _attempt in range(100):
        if any(text in entry for entry in page_problems.entries):
            return True
        page.wait_for_timeout(50)
    return False


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
    assert reported(page, page_problems, "Content Security Policy"), page_problems.entries
    assert page.evaluate("() => window.x") is None
    page_problems.entries.clear()


def test_a_request_to_another_host_is_blocked_and_reported(page, page_problems):
    page.goto("/login/")
    page.evaluate("() => { const i = new Image(); i.src = 'http://example.org/pixel.gif'; }")
    assert reported(page, page_problems, "example.org"), page_problems.entries
    page_problems.entries.clear()


def test_a_console_error_is_reported(page, page_problems):
    page.goto("/login/")
    page.evaluate("() => console.error('broken')")
    assert reported(page, page_problems, "broken"), page_problems.entries
    page_problems.entries.clear()
