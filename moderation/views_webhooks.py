"""AKN's list of Meta webhook deliveries that failed, wholly or in part, and trying one again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.functions import Length
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from helsocial.pagination import keyset_page

from . import services
from .access import access_webhook_deliveries, access_webhook_delivery
from .models import WebhookDelivery

PAGE_SIZE = 50
# The list shows what AKN needs to find the cause; never the body, which may be megabytes.
LIST_FIELDS = ("id", "received_at", "processed_at", "status", "error", "attempts")
MESSAGE_ERROR_CHARS = 300


@login_required
@require_GET
def webhook_deliveries(request: HttpRequest) -> HttpResponse:
    deliveries = access_webhook_deliveries(request.user)
    page = keyset_page(
        deliveries.with_errors().only(*LIST_FIELDS).annotate(size=Length("body")),
        order=("-received_at", "-id"),
        after=request.GET.get("after"),
        size=PAGE_SIZE,
    )
    return render(request, "moderation/webhook_deliveries.html", {"page": page})


@login_required
@require_POST
def webhook_delivery_retry(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = access_webhook_delivery(request.user, pk)
    if delivery.status not in WebhookDelivery.ERROR_STATUSES:
        messages.info(request, _("Delivery %(id)s has no error to try again.") % {"id": delivery.pk})
        return redirect("moderation:webhook-deliveries")
    try:
        delivery = services.webhook_delivery_retry(delivery=delivery)
    except services.TRANSIENT_ERRORS:
        messages.error(
            request,
            _("The database could not be reached. Delivery %(id)s will be tried again automatically.")
            % {"id": delivery.pk},
        )
        return redirect("moderation:webhook-deliveries")
    error = Truncator(delivery.error).chars(MESSAGE_ERROR_CHARS)
    Status = WebhookDelivery.Status
    if delivery.status == Status.PROCESSED:
        messages.success(
            request, _("Delivery %(id)s was processed: all of it is stored.") % {"id": delivery.pk}
        )
    elif delivery.status == Status.PARTLY_FAILED:
        messages.warning(
            request,
            _("Delivery %(id)s was processed, but some of it still could not be stored: %(error)s")
            % {"id": delivery.pk, "error": error},
        )
    elif delivery.status == Status.FAILED:
        messages.error(
            request, _("Delivery %(id)s failed again: %(error)s") % {"id": delivery.pk, "error": error}
        )
    else:
        messages.info(request, _("Delivery %(id)s will be processed automatically.") % {"id": delivery.pk})
    return redirect("moderation:webhook-deliveries")
