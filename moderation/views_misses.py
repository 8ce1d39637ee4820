"""AKN's page of triage misses: decisions of moderators that triage did not foresee."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .access import access_triage_lists
from .misses import misses_recent
from .models import TriageMiss


@login_required
@require_GET
def triage_misses(request: HttpRequest) -> HttpResponse:
    access_triage_lists(request.user)
    kind = request.GET.get("kind", "")
    if kind not in TriageMiss.Kind.values:
        kind = ""
    return render(
        request,
        "moderation/triage_misses.html",
        {"rows": misses_recent(kind=kind), "kind": kind, "kinds": TriageMiss.Kind.choices},
    )
