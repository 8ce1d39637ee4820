"""AKN's automatic hiding per account (issue 17): the accounts with their rules, and one account's
rule, tried on the last 30 days before it is saved. The service is `moderation/auto_hide.py`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import SocialAccount

from .access import access_auto_hide
from .auto_hide import TRY_DAYS, auto_hide_rule_save, auto_hide_try, choosable_labels
from .models import AutoHideRule, Label


@login_required
@require_GET
def auto_hide_accounts(request: HttpRequest) -> HttpResponse:
    access_auto_hide(request.user)
    rules = {rule.account_id: rule for rule in AutoHideRule.objects.all()}
    names = dict(choosable_labels())
    accounts = [
        (
            account,
            [names.get(label, label) for label in rules[account.pk].labels] if account.pk in rules else [],
            account.pk in rules and rules[account.pk].is_enabled,
        )
        for account in SocialAccount.objects.select_related("administration").order_by("name", "platform")
    ]
    return render(request, "moderation/auto_hide_accounts.html", {"accounts": accounts})


@login_required
@require_http_methods(["GET", "POST"])
def auto_hide_account(request: HttpRequest, account_id: int) -> HttpResponse:
    account = access_auto_hide(request.user, account_id)
    rule = AutoHideRule.objects.filter(account=account).first()
    choices = choosable_labels()
    names = dict(Label.choices)
    allowed = {value for value, _name in choices}
    if request.method == "POST":
        labels = sorted({label for label in request.POST.getlist("labels") if label in allowed})
        tried = sorted({label for label in request.POST.getlist("tried") if label in allowed})
        enabled = request.POST.get("is_enabled") == "on"
    else:
        labels = sorted(rule.labels) if rule else []
        tried = labels if rule else []
        enabled = rule.is_enabled if rule else True
    trial = None
    status = 200
    if request.method == "POST" and request.POST.get("do") == "save":
        try:
            auto_hide_rule_save(
                account=account, by=request.user, labels=labels, tried=tried, is_enabled=enabled
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            status = 400
        else:
            messages.success(request, _("The rule was saved; it applies to comments from now on."))
            return redirect("moderation:auto-hide-account", account_id=account.pk)
    elif request.method == "POST":
        if not labels:
            messages.error(request, _("Choose at least one label to try."))
            status = 400
        else:
            trial = auto_hide_try(account=account, labels=labels)
            tried = labels
    return render(
        request,
        "moderation/auto_hide_account.html",
        {
            "account": account,
            "rule": rule,
            "choices": choices,
            "labels": labels,
            "tried": tried,
            "enabled": enabled,
            "trial": trial,
            "try_days": TRY_DAYS,
            "trial_rows": [
                (c, [names.get(label, label) for label in c.labels]) for c in (trial.rows if trial else [])
            ],
        },
        status=status,
    )
