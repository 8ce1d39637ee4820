"""AKN's settings of the calendar: the channel rules per account and the KC agreements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors
from ..access import access_calendar_settings, access_channel_rule_account, access_kc_agreement
from ..forms import ChannelRuleForm, KcAgreementForm
from ..models import ChannelRule
from ..services.channel_rules import channel_rule_save
from ..services.kc import kc_agreement_end, kc_agreement_save

AGREEMENT_FIELDS = ("valid_from", "valid_until", "note")


@login_required
@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    access_calendar_settings(request.user)
    return render(request, "calendar_booking/rule_list.html", {"rows": selectors.channel_rule_rows()})


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, account_pk: int) -> HttpResponse:
    with transaction.atomic():
        account = access_channel_rule_account(request.user, account_pk, for_update=request.method == "POST")
        form = ChannelRuleForm(request.POST or None, instance=ChannelRule.for_account(account))
        if request.method == "POST" and form.is_valid():
            values = {name: form.cleaned_data[name] for name in ChannelRuleForm.Meta.fields}
            channel_rule_save(by=request.user, account=account, values=values)
            messages.success(request, _("The rules for %(account)s were saved.") % {"account": account})
            return redirect("calendar_booking:rule-list")
    return render(request, "calendar_booking/rule_form.html", {"form": form, "account": account})


@login_required
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    access_calendar_settings(request.user)
    return render(request, "calendar_booking/agreement_list.html", {"agreements": selectors.kc_agreements()})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    access_calendar_settings(request.user)
    form = KcAgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in AGREEMENT_FIELDS}
        kc_agreement_save(by=request.user, administration=form.cleaned_data["administration"], values=values)
        messages.success(request, _("The agreement was saved."))
        return redirect("calendar_booking:agreement-list")
    return render(request, "calendar_booking/agreement_form.html", {"form": form, "agreement": None})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        agreement = access_kc_agreement(request.user, pk, for_update=request.method == "POST")
        form = KcAgreementForm(request.POST or None, instance=agreement)
        if request.method == "POST" and form.is_valid():
            values = {name: form.cleaned_data[name] for name in AGREEMENT_FIELDS}
            kc_agreement_save(by=request.user, administration=agreement.administration, values=values)
            messages.success(request, _("The agreement was saved."))
            return redirect("calendar_booking:agreement-list")
    return render(request, "calendar_booking/agreement_form.html", {"form": form, "agreement": agreement})


@login_required
@require_POST
def agreement_end(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        agreement = access_kc_agreement(request.user, pk, for_update=True)
        kc_agreement_end(agreement=agreement)
    messages.success(request, _("The agreement was ended: the administration handles its comments again."))
    return redirect("calendar_booking:agreement-list")
