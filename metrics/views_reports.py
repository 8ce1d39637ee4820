"""The monthly report's pages and downloads, and KC's answer times (issue #15).

Thin views: `metrics.reports.access` decides whose report a user reads (another förvaltning's is a
404), `metrics.reports.data` builds it, `metrics.reports.export` writes the downloads.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .reports.access import ReportScope, access_answer_times, access_report
from .reports.data import cached_answer_times, cached_report
from .reports.data import figure_label as _label
from .reports.export import report_csv, report_filename, report_xlsx

FIRST_YEAR = 2000


def _month(year: int, month: int) -> date:
    if not (FIRST_YEAR <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    return date(year, month, 1)


def _administration_param(request: HttpRequest, administration_id: int | None) -> int | None:
    if administration_id is not None:
        return administration_id
    raw = request.GET.get("administration", "").strip()
    if not raw:
        return None
    if not raw.isdecimal() or len(raw) > 12:
        raise Http404
    return int(raw)


def _this_month() -> date:
    return timezone.localdate().replace(day=1)


def _navigation(url_name: str, first: date, previous: date, following: date, scope: ReportScope) -> dict:
    # The förvaltning goes in the address only when the user picked it (AKN, or a lead of several).
    picked = scope.administration_id and (scope.can_see_city or scope.choices)
    query = f"?{urlencode({'administration': scope.administration_id})}" if picked else ""

    def link(month: date) -> str:
        return reverse(url_name, kwargs={"year": month.year, "month": month.month}) + query

    return {
        "previous_url": link(previous) if previous.year >= FIRST_YEAR else "",
        "next_url": link(following) if following <= _this_month() else "",
        "query": query,
        "options": _options(scope),
    }


def _options(scope: ReportScope) -> str:
    """The förvaltning picker's options written in one pass: AKN's lists all 300 förvaltningar."""
    chosen = scope.administration_id
    return mark_safe(  # noqa: S308 - every name is escaped
        "".join(
            f'<option value="{pk}"{" selected" if pk == chosen else ""}>{escape(name)}</option>'
            for pk, name in scope.choices
        )
    )


@login_required
@require_GET
def reports_home(request: HttpRequest) -> HttpResponse:
    """The menu's link: last month's report, the one the monthly mail is about."""
    access_report(request.user, None)
    last = _this_month() - timedelta(days=1)
    return redirect("metrics:report", year=last.year, month=last.month)


@login_required
@require_GET
def answer_times_home(request: HttpRequest) -> HttpResponse:
    """KC's menu link: last month's answer times."""
    access_answer_times(request.user, None)
    last = _this_month() - timedelta(days=1)
    return redirect("metrics:answer-times", year=last.year, month=last.month)


CHART_BARS = 25  # the city's chart shows the largest förvaltningar; the table has them all


def _rows(report) -> tuple:
    """The table's rows: the accounts, or for the city one row per förvaltning."""
    return report.administrations if report.is_city else report.accounts


def _chart(report) -> dict:
    rows = [r for r in _rows(report) if r.has_figures]
    if len(rows) > CHART_BARS:
        rows = sorted(rows, key=lambda r: r.reach.value or 0, reverse=True)[:CHART_BARS]
    return {
        "accounts": {
            "labels": [f"{r.name} ({r.platform})" if r.platform else r.name for r in rows],
            "series": [
                {"label": label, "data": [getattr(r, name).value for r in rows]}
                for name, label in (
                    ("reach", str(_label("reach"))),
                    ("interactions", str(_label("interactions"))),
                )
            ],
        },
        "objectives": {
            "labels": [g.label for g in report.by_objective],
            "series": [
                {"label": str(_label("posts_published")), "data": [g.posts for g in report.by_objective]}
            ],
        },
        "categories": {
            "labels": [g.label for g in report.by_category],
            "series": [
                {"label": str(_label("posts_published")), "data": [g.posts for g in report.by_category]},
            ],
        },
    }


@login_required
@require_GET
def report(request: HttpRequest, year: int, month: int, administration_id: int | None = None) -> HttpResponse:
    first = _month(year, month)
    scope = access_report(request.user, _administration_param(request, administration_id))
    data = cached_report(
        administration=scope.administration,
        year=first.year,
        month=first.month,
        account_ids=scope.account_ids,
        for_page=True,
    )
    return render(
        request,
        "reports/report.html",
        {
            "report": data,
            "rows": _rows(data),
            "report_cache_seconds": settings.REPORT_CACHE_SECONDS,
            "scope": scope,
            "chart": _chart(data),
            "nav": _navigation("metrics:report", first, data.previous_month, data.next_month, scope),
            "is_future": first > _this_month(),
        },
    )


@login_required
@require_GET
def report_download(request: HttpRequest, year: int, month: int, fmt: str) -> HttpResponse:
    first = _month(year, month)
    scope = access_report(request.user, _administration_param(request, None))
    data = cached_report(
        administration=scope.administration, year=first.year, month=first.month, account_ids=scope.account_ids
    )
    if fmt == "xlsx":
        response = HttpResponse(
            report_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(report_csv(data).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(data, fmt)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def answer_times(request: HttpRequest, year: int, month: int) -> HttpResponse:
    first = _month(year, month)
    scope = access_answer_times(request.user, _administration_param(request, None))
    data = cached_answer_times(
        administration=scope.administration,
        year=first.year,
        month=first.month,
        kc_queue_only=scope.kc_queue_only,
    )
    return render(
        request,
        "reports/answer_times.html",
        {
            "times": data,
            "tables": [
                (_("All comments and messages"), _("All"), [data.total]),
                (_("Per queue"), _("Queue"), data.by_queue),
                *([] if scope.kc_queue_only else [(_("Per account"), _("Account"), data.by_account)]),
                (_("Per label"), _("Label"), data.by_label),
            ],
            "scope": scope,
            "nav": _navigation("metrics:answer-times", first, data.previous_month, data.next_month, scope),
        },
    )


__all__ = ["answer_times", "answer_times_home", "report", "report_download", "reports_home"]
