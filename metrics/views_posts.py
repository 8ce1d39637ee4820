"""A post's objective and category given afterwards, and a booking's figures as a fragment.

The booking page lives on a lower floor (calendar_booking) and may not import metrics: its template
asks for `booking_figures` with htmx and shows what comes back.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from calendar_booking.access import access_booking

from . import figures
from .access import access_post_to_tag
from .classification import PostHasBooking, post_tag_save
from .forms import PostTagForm
from .views import post_page_context

BOOKED = gettext_lazy("This post was published from a booking: its objective and category are the booking's.")


@login_required
@require_POST
def post_tag(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the objective and category of a post published without a booking."""
    with transaction.atomic():
        post = access_post_to_tag(request.user, pk)
        form = PostTagForm(request.POST)
        if form.is_valid():
            try:
                post_tag_save(
                    post=post,
                    objective=form.cleaned_data["objective"],
                    category=form.cleaned_data["category"],
                    by=request.user,
                )
            except PostHasBooking:
                messages.error(request, BOOKED)
                return redirect("metrics:post-figures", pk=post.pk)
            messages.success(request, _("The post's objective and category were saved."))
            return redirect("metrics:post-figures", pk=post.pk)
    return render(request, "metrics/post_figures.html", post_page_context(request.user, post, form))


@login_required
@require_GET
def booking_figures(request: HttpRequest, pk: int) -> HttpResponse:
    """The figures of the posts a booking was published as (an htmx fragment for the booking page)."""
    booking = access_booking(request.user, pk)
    return render(
        request,
        # htmx asks for the fragment; a browser without script follows the link to a page of its own.
        "metrics/_booking_figures.html"
        if request.headers.get("HX-Request")
        else "metrics/booking_figures.html",
        {"booking": booking, "posts": figures.booking_posts(booking=booking)},
    )
