"""Connecting an account to its platform: the OAuth flow, or a pasted token as the fallback.

Only AKN and the communications lead of the account's förvaltning may connect or renew an account
(Action.ACCOUNT_EDIT): another förvaltning's account is a 404, a wrong role a 403.
"""

from __future__ import annotations

import logging
from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import Action, get_account_for_user
from accounts.models import SocialAccount
from platforms import capabilities_of, client_class, oauth
from platforms import services as connections
from platforms.access import access_post
from platforms.base import Capability, PlatformError

from . import account_rows, figures
from .access import can_tag_post
from .classification import post_classification
from .forms import PostTagForm, TokenPasteForm

logger = logging.getLogger(__name__)
SESSION_KEY = "metrics_oauth"

CAPABILITY_LABELS = {
    Capability.READ_POSTS: gettext_lazy("Read posts"),
    Capability.READ_COMMENTS: gettext_lazy("Read comments"),
    Capability.READ_MESSAGES: gettext_lazy("Read private messages"),
    Capability.READ_MENTIONS: gettext_lazy("Read mentions of the account"),
    Capability.READ_METRICS: gettext_lazy("Read figures"),
    Capability.REPLY: gettext_lazy("Reply"),
    Capability.HIDE: gettext_lazy("Hide comments"),
    Capability.UNHIDE: gettext_lazy("Unhide comments"),
    Capability.DELETE: gettext_lazy("Delete comments"),
    Capability.LIKE: gettext_lazy("Like"),
    Capability.BLOCK: gettext_lazy("Block people"),
    Capability.MESSAGE_AUTHOR: gettext_lazy("Message the author privately"),
    Capability.PUBLISH: gettext_lazy("Publish posts"),
}


def _redirect_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("metrics:connect-callback"))


def _page_context(request: HttpRequest, account: SocialAccount, form: TokenPasteForm | None = None) -> dict:
    connection = connections.connection_for(account)
    able, missing = capabilities_of(account.platform)
    capabilities = [
        {"label": CAPABILITY_LABELS[c], "able": c in able, "reason": missing.get(c, "")}
        for c in Capability
        if c in able or c in missing
    ]
    return {
        "account": account,
        "connection": connection,
        "can_edit": True,
        "oauth_ready": oauth.is_configured(account.platform),
        "uses_oauth": client_class(account.platform).sign_in.oauth,
        "form": form or TokenPasteForm(),
        "capabilities": capabilities,
    }


@login_required
@require_GET
def account_connect(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_account_for_user(request.user, pk, Action.ACCOUNT_EDIT)
    return render(request, "metrics/account_connect.html", _page_context(request, account))


@login_required
@require_POST
def account_connect_start(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_account_for_user(request.user, pk, Action.ACCOUNT_EDIT)
    back = reverse("metrics:account-connect", args=[account.pk])
    try:
        start = connections.connection_start(
            account=account, by=request.user, redirect_uri=_redirect_uri(request)
        )
    except oauth.NotConfigured:
        messages.error(request, _("Signing in with this platform is not set up; paste a token instead."))
        return redirect(back)
    if not start.url:  # nothing to sign in to: connected already
        messages.success(request, _("The account is connected."))
        return redirect(back)
    pending = request.session.get(SESSION_KEY, {})
    # Several tabs may be mid-flow; keep only the last few.
    pending = dict(list(pending.items())[-4:])
    pending[start.state] = {"account": account.pk, "platform": account.platform, "verifier": start.verifier}
    request.session[SESSION_KEY] = pending
    return redirect(start.url)


@login_required
@require_GET
def connect_callback(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    pending = request.session.get(SESSION_KEY, {})
    flow = pending.pop(state, None) if state else None
    request.session[SESSION_KEY] = pending
    if flow is None:
        return HttpResponseBadRequest(
            _("This sign-in link has expired or was not started here. Start again.")
        )
    # The person may have lost the right since the flow started: check again.
    account = get_account_for_user(request.user, flow["account"], Action.ACCOUNT_EDIT)
    back = reverse("metrics:account-connect", args=[account.pk])
    if request.GET.get("error") or not request.GET.get("code"):
        messages.error(request, _("The platform did not grant access. Nothing was changed."))
        return redirect(back)
    try:
        connections.connection_finish(
            account=account,
            platform=flow["platform"],
            code=request.GET["code"],
            redirect_uri=_redirect_uri(request),
            verifier=flow["verifier"],
            by=request.user,
        )
    except PlatformError as exc:
        logger.warning("account %s: OAuth exchange failed: %s", account.pk, exc)
        messages.error(request, _("The platform refused the sign-in. Try again or paste a token."))
        return redirect(back)
    messages.success(request, _("The account is connected."))
    return redirect(back)


@login_required
@require_http_methods(["POST"])
def account_connect_token(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_account_for_user(request.user, pk, Action.ACCOUNT_EDIT)
    form = TokenPasteForm(request.POST)
    if not form.is_valid():
        return render(
            request, "metrics/account_connect.html", _page_context(request, account, form), status=200
        )
    expires_on = form.cleaned_data["expires_on"]
    expires_at = (
        timezone.make_aware(datetime.combine(expires_on, time(23, 59))) if expires_on is not None else None
    )
    connections.account_connect(
        account=account, token=form.cleaned_data["token"], by=request.user, expires_at=expires_at
    )
    messages.success(request, _("The token is saved and the account is connected."))
    return redirect("metrics:account-connect", pk=account.pk)


@login_required
@require_GET
def account_figures(request: HttpRequest, pk: int) -> HttpResponse:
    """The account's last 13 months: a table and a chart, read from the monthly rollup."""
    account = get_account_for_user(request.user, pk, Action.ACCOUNT_VIEW)
    months = figures.account_months(account=account, today=timezone.localdate())
    chart = {
        # Swedish style, "dec 2025", as everywhere else in the portal.
        "labels": [formats.date_format(row.month, "b Y") for row in reversed(months.rows)],
        "series": [
            {"label": str(label), "data": [row.cells[name].value for row in reversed(months.rows)]}
            for name, label in (
                ("reach", months_reach_label(months)),
                ("views", gettext_lazy("Views")),
                ("interactions", gettext_lazy("Interactions")),
            )
        ],
    }
    month_rows, median_row = account_rows.months_html(months)
    posts = figures.account_posts(account=account, since=months.rows[-1].month).values(
        *account_rows.POST_FIELDS
    )
    return render(
        request,
        "metrics/account_figures.html",
        {
            "account": account,
            "months": months,
            "chart": chart,
            "reach_label": months_reach_label(months),
            "month_rows": month_rows,
            "median_row": median_row,
            "post_rows": account_rows.posts_html(posts),
        },
    )


def months_reach_label(months: figures.AccountMonths) -> str:
    return str(figures.REACH if months.reach_is_period else figures.SUM_OF_DAILY_REACH)


@login_required
@require_GET
def post_figures(request: HttpRequest, pk: int) -> HttpResponse:
    """A post's figures: the latest read, whether settled, and why each missing one is missing."""
    post = access_post(request.user, pk)
    return render(request, "metrics/post_figures.html", post_page_context(request.user, post))


def post_page_context(user, post, form: PostTagForm | None = None) -> dict:
    """The post page's context: its figures, what it was for and, for those who may, the tag form."""
    classification = post_classification(post)
    can_tag = classification.booking is None and can_tag_post(user, post)
    if can_tag and form is None:
        tag = classification.tag
        form = PostTagForm(initial={"objective": tag.objective, "category": tag.category} if tag else None)
    return {
        "account": post.account,
        "post": post,
        "figures": figures.post_figures(post=post),
        "classification": classification,
        "tag_form": form if can_tag else None,
    }
