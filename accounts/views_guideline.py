"""The guideline in force: its versions, the editors' confirmations, AKN's recording of a version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services_guideline
from .access import (
    access_guideline_page,
    access_guideline_version,
    access_guideline_versions,
    can_manage_guideline,
)
from .forms_requests import GuidelineVersionForm
from .models import GuidelineVersion


@login_required
@require_GET
def guideline(request: HttpRequest) -> HttpResponse:
    access_guideline_page(request.user)
    current = GuidelineVersion.objects.in_force()
    can_manage = can_manage_guideline(request.user)
    rows = services_guideline.guideline_confirmation_rows(current) if current and can_manage else []
    confirmed = current.confirmations.filter(user=request.user).first() if current is not None else None
    return render(
        request,
        "accounts/guideline/guideline.html",
        {
            "current": current,
            "versions": GuidelineVersion.objects.all()[:20],
            "revision_due": services_guideline.revision_due(current) if current else None,
            "can_manage": can_manage,
            "rows": rows,
            "unconfirmed": sum(1 for row in rows if row.confirmed_at is None),
            "confirmed": confirmed,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def guideline_create(request: HttpRequest) -> HttpResponse:
    access_guideline_versions(request.user)
    form = GuidelineVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services_guideline.guideline_version_record(
            by=request.user,
            title=data["title"],
            in_force_from=data["in_force_from"],
            url=data["url"],
            changes=data["changes"],
        )
        messages.success(request, _("The guideline version was recorded."))
        return redirect("accounts:guideline")
    return render(
        request,
        "accounts/guideline/guideline_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def guideline_ask(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        version = access_guideline_version(request.user, pk, manage=True, for_update=True)
        sent = services_guideline.guideline_confirmations_request(version=version, by=request.user)
    messages.success(request, _("%(count)s editors were asked to confirm.") % {"count": sent})
    return redirect("accounts:guideline")


@login_required
@require_POST
def guideline_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    version = access_guideline_version(request.user, pk)
    services_guideline.guideline_confirm(version=version, user=request.user)
    messages.success(request, _("Thank you: you have confirmed that you have read the guideline."))
    return redirect("accounts:guideline")
