"""The OAuth connect flow in a real browser: the lead connects an account through a fake sign-in page."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from accounts.models import SocialAccount
from platforms.models import AccountConnection
from tests.fakes.oauth import FakeAuthServer
from tests.fixtures_browser import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PAGE_TOKEN = "EAAPageToken" + "j" * 30


@pytest.fixture
def auth_server(settings, fake_facebook, account):
    fake = FakeAuthServer().start()
    fake.on_issue = fake_facebook.tokens.add
    fake_facebook.page_tokens = [
        {"id": account.platform_id, "name": account.name, "access_token": PAGE_TOKEN}
    ]
    oauth = copy.deepcopy(settings.OAUTH)
    oauth["facebook"].update(
        client_id="app-id",
        client_secret="app-secret",
        authorize_url=f"{fake.url}/authorize",
        token_url=f"{fake.url}/token",
    )
    settings.OAUTH = oauth
    # What OAUTH_FORM_ACTION_ORIGINS does at start-up for configured platforms.
    csp = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    csp["DIRECTIVES"]["form-action"] = [*csp["DIRECTIVES"]["form-action"], fake.url]
    settings.CONTENT_SECURITY_POLICY = csp
    yield fake
    fake.stop()


def test_a_lead_connects_an_account_through_the_platforms_sign_in(page, lead, account, auth_server):
    # The sign-in page is the one other host this journey may visit.
    page.context.route(f"{auth_server.url}/**", lambda route: route.continue_())
    login(page, lead)
    connect = reverse("metrics:account-connect", args=[account.pk])
    page.goto(connect)
    assert page.locator("#account-connection .flag-warning").count() == 1  # not connected yet
    axe_check(page)
    page.locator(
        f"form[action='{reverse('metrics:account-connect-start', args=[account.pk])}'] button"
    ).click()
    page.wait_for_url(f"**{connect}")
    page.locator("#account-connection .flag-ok").wait_for()
    axe_check(page)
    account = SocialAccount.objects.get(pk=account.pk)
    assert account.access_token == PAGE_TOKEN
    connection = AccountConnection.objects.get(account=account)
    assert connection.status == AccountConnection.Status.OK and connection.connected_by == lead
    assert PAGE_TOKEN not in page.content() and auth_server.issued[0] not in page.content()


def test_a_lead_reads_an_accounts_months_and_a_posts_figures(page, lead, account):
    from datetime import timedelta

    from django.utils import timezone

    from metrics.models import MetricSnapshot, MonthlyRollup
    from platforms.models import PlatformPost

    month = timezone.localdate().replace(day=1)
    post = PlatformPost.objects.create(
        account=account, platform_id="p1", created_at=timezone.now() - timedelta(hours=3), text="Sommarlov!"
    )
    MetricSnapshot.objects.create(
        account=account,
        post=post,
        subject="p1",
        day=timezone.localdate(),
        metric_set="post_lifetime",
        reach=400,
        reactions=5,
        missing={"saves": "not_given"},
    )
    for n, first in enumerate([month, (month - timedelta(days=1)).replace(day=1)]):
        MonthlyRollup.objects.create(
            account=account,
            subject="",
            month=first,
            reach=600 - n * 100,
            views=900,
            interactions=60,
            followers=1000,
            engagement_rate=0.06,
            computed_at=timezone.now(),
        )
    MonthlyRollup.objects.create(
        account=account,
        post=post,
        subject="p1",
        month=month,
        reach=400,
        interactions=5,
        computed_at=timezone.now(),
    )
    login(page, lead)
    page.goto(reverse("metrics:account-figures", args=[account.pk]))
    # Chart.js drew the months on the canvas.
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('account-figures-chart'))"
    )
    assert page.locator("table caption").first.inner_text() == "Siffror per månad"
    axe_check(page)
    page.get_by_role("link", name="Sommarlov!").click()
    page.wait_for_url(f"**{reverse('metrics:post-figures', args=[post.pk])}")
    assert "Plattformen ger inte den här siffran." in page.content()
    axe_check(page)
