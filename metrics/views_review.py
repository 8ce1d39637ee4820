"""The account review (`/accounts/review/`): every account against the guideline's three criteria.

The list reads the states stored for the latest day (the nightly task, or AKN's "review now"), so it
stays flat at any number of accounts; the reasons are the pure criteria over the stored facts. An
account's own review measures its facts now, with the 13-month history of its stored states.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.access import administrations_for
from accounts.models import Role, SocialAccount
from helsocial.csv_export import csv_response
from helsocial.outbox.services import BROKER_ERRORS
from helsocial.pagination import keyset_page

from .review import criteria, services
from .review.access import access_review, access_review_account, access_thresholds, can_decide
from .review.forms import DecisionForm, ReviewFilterForm, ThresholdsForm
from .review.models import ReviewDecision, ReviewState, ReviewThresholds
from .review.rows import rows_html, shown
from .review.tasks import review_store_task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Row:
    state: ReviewState
    verdicts: list  # of review.rows.Shown


# A stored row's reasons, kept per language and thresholds: they change only when the row is stored
# again (its computed_at) or a threshold changes (the key's fingerprint).
VERDICTS_KEPT_SECONDS = 26 * 3600


def _rows(states, thresholds) -> list[Row]:
    """The page's rows with their verdicts: the reasons of a stored row are judged once and kept in
    the cache (one round trip for the page), not judged again for every reader."""
    states = list(states)
    prefix = f"review:verdicts:v2:{get_language()}:{services.thresholds_fingerprint(thresholds)}"
    keys = [f"{prefix}:{s.pk}:{s.computed_at.timestamp():.6f}" for s in states]
    kept = cache.get_many(keys) if keys else {}
    judged = {}
    rows = []
    for key, state in zip(keys, states, strict=True):
        verdicts = kept.get(key)
        if verdicts is None:
            judgement = services.judge(criteria.Facts.from_json(state.facts), thresholds)
            verdicts = [shown(v) for v in judgement.verdicts]
            judged[key] = verdicts
        rows.append(Row(state=state, verdicts=verdicts))
    if judged:
        cache.set_many(judged, VERDICTS_KEPT_SECONDS)
    return rows


def _filtered(request: HttpRequest):
    accounts = access_review(request.user)
    filters = ReviewFilterForm(
        request.GET or None, administrations=administrations_for(request.user, Role.LEAD)
    )
    day = services.latest_day()
    today = timezone.localdate()
    rows = services.review_rows(accounts=accounts, day=day)  # no day stored yet: no rows
    return filters, filters.filter(rows, today=today), day


@login_required
@require_GET
@vary_on_headers("HX-Request")
def review_list(request: HttpRequest) -> HttpResponse:
    filters, rows, day = _filtered(request)
    page = keyset_page(
        rows, order=filters.order(), after=request.GET.get("after"), size=settings.REVIEW_PAGE_SIZE
    )
    thresholds = services.thresholds_by_platform()
    query = request.GET.copy()
    query.pop("after", None)
    rows = _rows(page.rows, thresholds)
    context = {
        "filters": filters,
        "page": page,
        "rows": rows,
        "rows_html": rows_html(rows, today=timezone.localdate()),
        "day": day,
        "query": query.urlencode(),
        "can_decide": can_decide(request.user),
    }
    if request.htmx and not request.htmx.history_restore_request:
        template = (
            "metrics/review/_rows_items.html" if "after" in request.GET else "metrics/review/_rows.html"
        )
    else:
        template = "metrics/review/review_list.html"
    return render(request, template, context)


def _export_rows(request: HttpRequest):
    filters, rows, _day = _filtered(request)
    thresholds = services.thresholds_by_platform()
    header = [
        _("Account"),
        _("Platform"),
        _("Administration"),
        pgettext("criterion", "Active"),
        _("Reasons"),
        pgettext("criterion", "Effective"),
        _("Reasons"),
        pgettext("criterion", "Long-term"),
        _("Reasons"),
        _("Facts"),
        _("Next review"),
    ]
    labels = dict(ReviewState._meta.get_field("active").choices)

    def lines():
        for state in rows.order_by(*filters.order()).iterator(chunk_size=500):
            verdicts = services.judge(criteria.Facts.from_json(state.facts), thresholds).verdicts
            line = [
                state.account.name,
                state.account.get_platform_display(),
                state.account.administration.name,
            ]
            for verdict in verdicts:
                line += [str(labels[verdict.state]), " ".join(verdict.reasons)]
            facts = "; ".join(v.facts_line for v in verdicts)
            line += [facts, state.next_review_on.isoformat() if state.next_review_on else ""]
            yield line

    return header, lines()


@login_required
@require_GET
def review_export_csv(request: HttpRequest) -> HttpResponse:
    header, lines = _export_rows(request)
    return csv_response(filename="kontogranskning.csv", header=header, rows=lines)


@login_required
@require_GET
def review_export_xlsx(request: HttpRequest) -> HttpResponse:
    import xlsxwriter

    header, lines = _export_rows(request)
    out = io.BytesIO()
    # constant_memory writes each row as it comes; every cell is written as a string, so a name that
    # starts with "=" stays text and is never a formula.
    book = xlsxwriter.Workbook(
        out, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet(_("Account review")[:31])
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, [str(h) for h in header], bold)
    for n, line in enumerate(lines, start=1):
        for column, value in enumerate(line):
            sheet.write_string(n, column, "" if value is None else str(value))
    book.close()
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="kontogranskning.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def review_refresh(request: HttpRequest) -> HttpResponse:
    """AKN judges every account now instead of waiting for the night."""
    access_thresholds(request.user)
    # Every account at once takes a minute at 3,000 accounts: the worker does it (eagerly on a laptop).
    _rejudge_later()
    messages.success(request, _("The accounts are being reviewed; reload the page in a moment."))
    return redirect("metrics:review")


@login_required
@require_http_methods(["GET", "POST"])
def review_thresholds(request: HttpRequest) -> HttpResponse:
    """AKN's thresholds, one platform at a time (`?platform=facebook`)."""
    access_thresholds(request.user)
    platform = request.POST.get("platform") or request.GET.get("platform") or SocialAccount.Platform.FACEBOOK
    if platform not in SocialAccount.Platform.values:
        platform = SocialAccount.Platform.FACEBOOK
    row = ReviewThresholds.objects.filter(platform=platform).first() or ReviewThresholds.defaults_for(
        platform
    )
    form = ThresholdsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        services.thresholds_save(row=form.instance, by=request.user)
        # Every account's states under the new thresholds, in the worker (eagerly on a laptop); with
        # the broker down the night's run does it, and the page's reasons already use the new values.
        transaction.on_commit(_rejudge_later, robust=True)
        messages.success(request, _("The thresholds were saved and the accounts reviewed again."))
        return redirect(f"{request.path}?platform={platform}")
    return render(
        request,
        "metrics/review/thresholds.html",
        {"form": form, "platform": platform, "platforms": SocialAccount.Platform.choices},
    )


def _rejudge_later() -> None:
    try:
        review_store_task.delay()
    except BROKER_ERRORS as exc:
        logger.warning("review: broker unavailable, states re-judged tonight: %s", exc)


def _account_context(request: HttpRequest, account: SocialAccount, form: DecisionForm | None = None) -> dict:
    thresholds = services.thresholds_by_platform()
    # The platform's city figures from the latest stored review, not from every account's rollup.
    judged = services.accounts_judge(
        account_ids=[account.pk], thresholds=thresholds, city_from_store=True
    ).get(account.pk)
    history = _rows(services.state_history(account=account, today=timezone.localdate()), thresholds)
    decide = can_decide(request.user)
    return {
        "account": account,
        "verdicts": judged.verdicts if judged else [],
        "history": history,
        "decisions": list(ReviewDecision.objects.filter(account=account).select_related("decided_by")),
        "can_decide": decide,
        "form": (form or DecisionForm()) if decide else None,
        "today": timezone.localdate(),
    }


@login_required
@require_GET
@vary_on_headers("HX-Request")
def review_account(request: HttpRequest, pk: int) -> HttpResponse:
    """One account's review: the page, or the section the account's page loads with htmx."""
    account = access_review_account(request.user, pk)
    template = "metrics/review/_account.html" if request.htmx else "metrics/review/account.html"
    return render(request, template, _account_context(request, account))


@login_required
@require_POST
def review_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """AKN records the annual review's decision; earlier decisions stay as they were."""
    account = access_review_account(request.user, pk, decide=True)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return render(
            request, "metrics/review/account.html", _account_context(request, account, form), status=400
        )
    services.decision_record(
        account=account,
        by=request.user,
        decision=form.cleaned_data["decision"],
        note=form.cleaned_data["note"],
        next_review_on=form.cleaned_data["next_review_on"],
    )
    messages.success(request, _("The decision was recorded."))
    return redirect("metrics:review-account", pk=account.pk)
