"""The iCalendar feeds: the person's secret addresses, and the feed Outlook reads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors
from ..access import CalendarAccess, access_calendar, access_feed, access_feed_token
from ..forms import FeedCreateForm
from ..ics import feed_calendar
from ..services.feeds import feed_token_create, feed_token_delete, feed_token_renew


def _feed_form(access: CalendarAccess, data=None) -> FeedCreateForm:
    """A feed follows what the person sees: their förvaltningar, the accounts they see."""
    return FeedCreateForm(
        data,
        administrations=access.filter_administrations(),
        accounts=selectors.with_bookings(access.accounts()),
    )


@login_required
@require_GET
def feed_list(request: HttpRequest) -> HttpResponse:
    access = access_calendar(request.user)
    return render(
        request,
        "calendar_booking/feed_list.html",
        {"tokens": selectors.feed_tokens(request.user), "form": _feed_form(access)},
    )


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    access = access_calendar(request.user)
    form = _feed_form(access, request.POST)
    if not form.is_valid():
        return render(
            request,
            "calendar_booking/feed_list.html",
            {"tokens": selectors.feed_tokens(request.user), "form": form},
            status=400,
        )
    feed_token_create(
        owner=request.user,
        kind=form.cleaned_data["kind"],
        administration=form.cleaned_data["administration"],
        account=form.cleaned_data["account"],
    )
    messages.success(request, _("The feed was created. Copy its address into Outlook."))
    return redirect("calendar_booking:feed-list")


@login_required
@require_POST
def feed_renew(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        token = access_feed_token(request.user, pk, for_update=True)
        feed_token_renew(token=token)
    messages.success(request, _("The feed has a new address; the old one no longer works."))
    return redirect("calendar_booking:feed-list")


@login_required
@require_POST
def feed_delete(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        token = access_feed_token(request.user, pk, for_update=True)
        feed_token_delete(token=token)
    messages.success(request, _("The feed was removed."))
    return redirect("calendar_booking:feed-list")


@require_GET
def feed_ics(request: HttpRequest, secret: str) -> HttpResponse:
    """No login (Outlook cannot log in): the secret is the key, and the feed shows what its owner may see."""
    feed = access_feed(secret)
    response = HttpResponse(
        feed_calendar(feed.token, draft_administration_ids=feed.draft_administration_ids),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="helsocial.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
