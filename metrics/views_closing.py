"""Closing an account (AKN): the archive copy first, then the decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import access_account_to_close

from . import closing
from .access import access_account_archive
from .forms_closing import AccountCloseForm
from .models import AccountArchive


def _context(account, form=None) -> dict:
    archives = list(
        AccountArchive.objects.filter(account=account).defer("bundle").select_related("created_by")
    )
    if form is None:
        form = AccountCloseForm(initial={"closed_on": timezone.localdate()})
    return {
        "account": account,
        "archives": archives,
        "has_archive": bool(archives),
        "can_close": bool(archives) and not account.is_closed,
        "form": form,
    }


@login_required
@require_GET
def account_close_page(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_account_to_close(request.user, pk)
    return render(request, "metrics/closing/account_close.html", _context(account))


@login_required
@require_POST
def account_archive_make(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        account = access_account_to_close(request.user, pk, for_update=True)
        archive = closing.account_archive_make(account=account, by=request.user)
    messages.success(request, _("The archive copy was made. SHA-256: %(sha)s") % {"sha": archive.sha256})
    return redirect("metrics:account-close", pk=account.pk)


@login_required
@require_http_methods(["POST"])
def account_close(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        account = access_account_to_close(request.user, pk, for_update=True)
        form = AccountCloseForm(request.POST)
        if form.is_valid():
            try:
                closing.account_close(
                    account=account,
                    by=request.user,
                    closed_on=form.cleaned_data["closed_on"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The account is closed. Its history stays in the portal."))
                return redirect("accounts:account-detail", pk=account.pk)
    return render(request, "metrics/closing/account_close.html", _context(account, form), status=400)


@login_required
@require_GET
def archive_download(request: HttpRequest, pk: int) -> HttpResponse:
    archive = access_account_archive(request.user, pk)
    response = HttpResponse(bytes(archive.bundle), content_type="application/zip")
    filename = f"konto-{archive.account_id}-arkiv-{archive.created_at:%Y%m%d-%H%M%S}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Checksum-SHA256"] = archive.sha256
    response["Cache-Control"] = "private, no-store"
    return response
