"""AKN's journey through issue #16's pages in a real browser, axe-core on every page: a request
written with the criteria beside it, decided; an account archived and closed; the public register;
the guideline recorded and the editors asked."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import AccountRequest, GuidelineVersion, SocialAccount
from metrics.models import AccountArchive
from tests.fixtures_browser import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sv(msgid: str) -> str:
    with translation.override("sv"):
        return translation.gettext(msgid)


def visit(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response and response.status}"
    axe_check(page)


def test_akn_decides_a_request_closes_an_account_and_keeps_the_register_and_guideline(
    page, akn_user, administration, account, editor, citywide_account
):
    GuidelineVersion.objects.create(
        in_force_from=date(2026, 6, 1), url="https://helsingborg.se/riktlinjer.pdf"
    )
    login(page, akn_user)

    # The request form: the criteria panel follows what is typed (htmx), the end date warns.
    visit(page, reverse("accounts:request-create"))
    page.select_option("#id_administration", str(administration.pk))
    page.select_option("#id_platform", "facebook")
    page.fill("#id_name", "Sommarlovsaktiviteter")
    page.fill("#id_purpose", "Visa sommarlovets aktiviteter.")
    page.fill("#id_goal", "Fler barn deltar.")
    page.fill("#id_target_group", "Barn 6–15 år och deras föräldrar")
    page.check(f"input[name=editors][value='{editor.pk}']")
    page.fill("#id_answering", "Redaktörerna vardagar 8–17")
    page.fill("#id_posts_per_week", "3")
    page.fill("#id_end_date", "2027-08-31")
    warning = (
        "Projekt eller verksamheter som är tidsbegränsade bör därför inte starta nya konton i sociala medier."
    )
    page.locator("#request-advice").get_by_text(warning).wait_for()
    assert citywide_account.name in page.locator("#request-advice").inner_text()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name=sv("Send the request")).click()
    axe_check(page)
    request = AccountRequest.objects.get(name="Sommarlovsaktiviteter")

    visit(page, reverse("accounts:request-list"))
    visit(page, reverse("accounts:request-detail", args=[request.pk]))
    page.check("input[name=decision][value=approve]")
    page.fill("#id_reason", "Tidsbegränsat men motiverat.")
    with page.expect_navigation():
        page.get_by_role("button", name=sv("Save the decision")).click()
    axe_check(page)
    created = SocialAccount.objects.get(name="Sommarlovsaktiviteter")
    assert page.url.endswith(reverse("accounts:account-detail", args=[created.pk]))

    # Closing: the archive copy first, its hash on the page, then the decision.
    visit(page, reverse("metrics:account-close", args=[account.pk]))
    with page.expect_navigation():
        page.get_by_role("button", name=sv("Make the archive copy")).click()
    archive = AccountArchive.objects.get(account=account)
    assert archive.sha256 in page.locator("main").inner_text()
    axe_check(page)
    page.fill("#id_reason", "Verksamheten använder stadens gemensamma konto.")
    with page.expect_navigation():
        page.get_by_role("button", name=sv("Close the account")).click()
    axe_check(page)
    account.refresh_from_db()
    assert account.is_closed

    # The register: the new account is in it, the closed one is not.
    visit(page, reverse("accounts:register"))
    register = page.locator("main").inner_text()
    assert created.name in register and account.name not in register

    # The guideline: record a new version, ask the editors, see who has not confirmed.
    visit(page, reverse("accounts:guideline-create"))
    page.fill("#id_in_force_from", "2026-12-01")
    page.fill("#id_url", "https://helsingborg.se/riktlinjer-2026-12.pdf")
    page.fill("#id_changes", "Nytt avsnitt om AI-genererade bilder.")
    with page.expect_navigation():
        page.get_by_role("button", name=sv("Save")).click()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name=sv("Ask the editors by mail to confirm")).click()
    axe_check(page)
    assert str(editor) in page.locator("main").inner_text()
    assert "2026-12-01" in page.locator("footer").inner_text()
