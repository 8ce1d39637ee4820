"""AKN's triage patterns and word groups: the list, adding, switching off, removing, trying first."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import patterns as services
from .access import access_triage_lists, access_triage_pattern
from .misses import phrase_pattern
from .models import Label, TriagePattern, TriageWordGroup
from .pattern_forms import PatternTryForm, TriagePatternForm, TriageWordGroupForm


def _context(**extra) -> dict:
    context = {
        "patterns": list(TriagePattern.objects.all()),
        "groups": list(TriageWordGroup.objects.all()),
        "pattern_form": TriagePatternForm(),
        "group_form": TriageWordGroupForm(),
    }
    context.update(extra)
    return context


@login_required
@require_GET
def triage_patterns(request: HttpRequest) -> HttpResponse:
    access_triage_lists(request.user)
    # "Make a rule of this phrase" on the misses page opens this page with the form filled in.
    phrase = request.GET.get("phrase", "")[:500]
    if phrase:
        label = request.GET.get("label", "")
        initial = {"pattern": phrase_pattern(phrase), "name": phrase[:120]}
        if label in Label.values:
            initial["label"] = label
        return render(
            request,
            "moderation/triage_patterns.html",
            _context(pattern_form=TriagePatternForm(initial=initial)),
        )
    return render(request, "moderation/triage_patterns.html", _context())


@login_required
@require_POST
def triage_pattern_add(request: HttpRequest) -> HttpResponse:
    access_triage_lists(request.user)
    form = TriagePatternForm(request.POST)
    if form.is_valid():
        try:
            services.pattern_add(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("pattern" if exc.code == "pattern" else "name", exc)
        else:
            messages.success(request, _("The pattern was added; it applies to comments from now on."))
            return redirect("moderation:triage-patterns")
    return render(request, "moderation/triage_patterns.html", _context(pattern_form=form), status=400)


@login_required
@require_POST
def triage_pattern_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        pattern = access_triage_pattern(request.user, pk, for_update=True)
        try:
            services.pattern_toggle(by=request.user, pattern=pattern)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                _("The pattern is in use.") if pattern.is_enabled else _("The pattern is switched off."),
            )
    return redirect("moderation:triage-patterns")


@login_required
@require_POST
def triage_pattern_remove(request: HttpRequest, pk: int) -> HttpResponse:
    services.pattern_remove(pattern=access_triage_pattern(request.user, pk))
    messages.success(request, _("The pattern was removed."))
    return redirect("moderation:triage-patterns")


@login_required
@require_POST
def triage_group_save(request: HttpRequest) -> HttpResponse:
    access_triage_lists(request.user)
    form = TriageWordGroupForm(request.POST)
    if form.is_valid():
        try:
            services.group_save(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("words", exc)
        else:
            messages.success(request, _("The word group was saved; it applies to comments from now on."))
            return redirect("moderation:triage-patterns")
    return render(request, "moderation/triage_patterns.html", _context(group_form=form), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def triage_pattern_try(request: HttpRequest) -> HttpResponse:
    """Run one pattern over the latest comments and show which it would label. Saves nothing."""
    access_triage_lists(request.user)
    form = PatternTryForm(request.POST or None)
    trial = None
    if request.method == "POST" and form.is_valid():
        try:
            trial = services.pattern_trial(**form.cleaned_data)
        except ValidationError as exc:
            form.add_error("pattern", exc)
    status = 400 if request.method == "POST" and trial is None else 200
    return render(
        request, "moderation/triage_pattern_try.html", {"form": form, "trial": trial}, status=status
    )
