"""Requests for new accounts: the applicant's form and list, AKN's decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services_requests
from .access import (
    access_account_request,
    access_account_request_form,
    access_account_requests,
    can_decide_account_requests,
)
from .forms_requests import AccountRequestDecisionForm, AccountRequestForm

REQUEST_LIST_SIZE = 200


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    requests = access_account_requests(request.user)
    rows = requests.select_related("administration", "applicant").pending_first()[:REQUEST_LIST_SIZE]
    return render(
        request,
        "accounts/requests/request_list.html",
        {"requests": rows, "can_decide": can_decide_account_requests(request.user)},
    )


def _cleaned(form: AccountRequestForm, name: str):
    """One field of a draft, cleaned on its own: None where it is empty or not valid (yet)."""
    field = form.fields[name]
    value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
    try:
        return field.clean(value)
    except ValidationError:
        return None


def _advice(form: AccountRequestForm, administrations):
    """The criteria applied to what has been typed so far, valid or not."""
    if not form.is_bound:
        return services_requests.request_advice(administration=None, platform="")
    editors = _cleaned(form, "editors")
    return services_requests.request_advice(
        administration=_cleaned(form, "administration"),
        platform=_cleaned(form, "platform") or "",
        purpose=_cleaned(form, "purpose") or "",
        goal=_cleaned(form, "goal") or "",
        target_group=_cleaned(form, "target_group") or "",
        answering=_cleaned(form, "answering") or "",
        posts_per_week=_cleaned(form, "posts_per_week"),
        end_date=_cleaned(form, "end_date"),
        editor_count=len(editors) if editors is not None else 0,
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    administrations = access_account_request_form(request.user)
    form = AccountRequestForm(request.POST or None, administrations=administrations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = services_requests.account_request_create(
            by=request.user,
            administration=data["administration"],
            name=data["name"],
            platform=data["platform"],
            purpose=data["purpose"],
            goal=data["goal"],
            target_group=data["target_group"],
            answering=data["answering"],
            posts_per_week=data["posts_per_week"],
            end_date=data["end_date"],
            editors=data["editors"],
        )
        messages.success(request, _("Your request was sent to AKN."))
        return redirect("accounts:request-detail", pk=created.pk)
    return render(
        request,
        "accounts/requests/request_form.html",
        {"form": form, "advice": _advice(form, administrations)},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_GET
def request_advice(request: HttpRequest) -> HttpResponse:
    """The criteria panel, swapped by htmx as the person writes (the form's fields as the query)."""
    administrations = access_account_request_form(request.user)
    form = AccountRequestForm(request.GET, administrations=administrations)
    return render(request, "accounts/requests/_advice.html", {"advice": _advice(form, administrations)})


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account_request = access_account_request(request.user, pk)
    return render(request, "accounts/requests/request_detail.html", _detail_context(request, account_request))


def _detail_context(request, account_request, form=None) -> dict:
    can_decide = can_decide_account_requests(request.user) and account_request.status == "pending"
    if can_decide and form is None:
        form = AccountRequestDecisionForm()
    return {
        "account_request": account_request,
        "editors": list(account_request.editors.all()),
        "can_decide": can_decide,
        "form": form,
    }


@login_required
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        account_request = access_account_request(request.user, pk, decide=True, for_update=True)
        form = AccountRequestDecisionForm(request.POST)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            try:
                if form.cleaned_data["decision"] == "approve":
                    account = services_requests.account_request_approve(
                        request=account_request, by=request.user, reason=reason
                    )
                else:
                    services_requests.account_request_reject(
                        request=account_request, by=request.user, reason=reason
                    )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if form.cleaned_data["decision"] == "approve":
                    messages.success(request, _("The request was approved and the account created."))
                    return redirect("accounts:account-detail", pk=account.pk)
                messages.success(request, _("The request was rejected; the applicant is told by mail."))
                return redirect("accounts:request-list")
    return render(
        request,
        "accounts/requests/request_detail.html",
        _detail_context(request, account_request, form),
        status=400,
    )
