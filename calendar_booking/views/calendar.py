"""The calendar: week, month and list, their filters and the CSV export."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from helsocial import workdays
from helsocial.csv_export import csv_response
from helsocial.dates import day_param

from .. import cells, links, selectors
from ..access import CalendarAccess, access_calendar
from ..forms import CalendarFilterForm, ListFilterForm
from ..rules import zone

LIST_PAGE_SIZE = 50
MONTH_CELL_LIMIT = 4


def _filter_form(request: HttpRequest, access: CalendarAccess, form_class=CalendarFilterForm):
    # Everyone sees every booking's förvaltning in the calendar; the filter offers AKN every
    # förvaltning and others their own, which is what they filter on.
    # Only what the options show: no access token, which is decrypted per row loaded.
    accounts = selectors.with_bookings(access.accounts()).only("pk", "name", "platform", "is_citywide")
    return form_class(request.GET or None, accounts=accounts, administrations=access.filter_administrations())


def _query(request: HttpRequest, *drop: str) -> str:
    query = request.GET.copy()
    for name in drop:
        query.pop(name, None)
    return query.urlencode()


def base_context(access: CalendarAccess) -> dict:
    """What every calendar page's navigation offers."""
    today = timezone.localdate()
    return {
        "can_book": access.can_book,
        "can_manage": access.can_manage,
        "can_approve": access.can_approve,
        "today": today,
        "nav": {**links.urls(), "this_month": links.month(today.year, today.month)},
    }


@login_required
@require_GET
def calendar_index(request: HttpRequest) -> HttpResponse:
    access_calendar(request.user)
    year, week, _weekday = timezone.localdate().isocalendar()
    url = links.week(year, week)
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


def _period_context(
    request: HttpRequest, access: CalendarAccess, *, first: date, last: date, with_free: bool
) -> dict:
    """The week's grid (with_free) or, for the month, what its cells print (`month`)."""
    filters = _filter_form(request, access)
    values = filters.values()
    shown = selectors.calendar_accounts(
        access.accounts(), own=access.own_administration_ids(), account=values["account"], search=values["q"]
    )
    accounts = shown.accounts
    start, end = selectors.period_bounds(first, last)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    booking_filters = {
        "administration": values["administration"],
        "category": values["category"],
        "objective": values["objective"],
    }
    rows, month = [], None
    if with_free:
        live = selectors.period_slots(accounts=accounts, start=start, end=end, openable=access.openable_ids())
        rows = selectors.grid(
            accounts=accounts,
            days=days,
            slots=live,
            shown=selectors.filter_slots(live, **booking_filters),
            rules=selectors.rules_for(accounts),
            now=timezone.now(),
            with_free=True,
            create_url=links.urls()["create"],
        )
    else:
        month = selectors.month_days(
            accounts=accounts,
            start=start,
            end=end,
            limit=MONTH_CELL_LIMIT,
            openable=access.openable_ids(),
            **booking_filters,
        )
    holidays = {d: workdays.holiday_name(d) or "" for d in days}
    words = {"free_word": _("Free"), "taken_word": _("Taken"), "full_word": _("Day full")}
    # The week's day names (the month writes its own): each formatted once.
    labels = {d: date_format(d, "D j b") for d in days} if with_free else {}
    headings = {d: f"{labels[d]} {holidays[d]}".strip() for d in labels}
    for _account, _rule, cells_of_row in rows:
        for cell in cells_of_row:
            cell.holiday, cell.heading = holidays[cell.day], headings[cell.day]
            cell.html = cells.week_cell(cell, can_book=access.can_book, **words)
    # Each row with its cells' <td>s written in one pass (no template loop per cell).
    rows = [(account, rule, row, cells.week_cells(row)) for account, rule, row in rows]
    # The rows' heads too: a template loop with a blocktranslate per account was a tenth of the week.
    rows_html = cells.week_rows(rows) if with_free else ""
    export_query = _query(request)
    base = base_context(access)
    day_heads = [{"day": d, "label": labels[d], "holiday": holidays[d]} for d in labels]
    return {
        **base,
        "free_word": _("Free"),
        "taken_word": _("Taken"),
        "holidays": holidays,
        "day_heads": day_heads,
        # The week's day headings written with its cells (no template loop).
        "heads_html": cells.week_heads(day_heads, today=base["today"]) if with_free else "",
        "filters": filters,
        "rows": rows,
        "rows_html": rows_html,
        "shown_accounts": accounts,
        "more_accounts": shown.more,
        "all_accounts_url": f"{request.path}?{_query(request, 'account', 'q')}",
        "month": month,
        "days": days,
        "first": first,
        "last": last,
        "query": _query(request),
        "export_url": f"{links.urls()['export']}?from={first}&to={last}"
        + (f"&{export_query}" if export_query else ""),
    }


@login_required
@require_GET
@vary_on_headers("HX-Request")
def calendar_week(request: HttpRequest, year: int, week: int) -> HttpResponse:
    access = access_calendar(request.user)
    try:
        first = date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise Http404 from exc
    last = first + timedelta(days=6)
    context = _period_context(request, access, first=first, last=last, with_free=True)
    prev_year, prev_week, _d = (first - timedelta(days=7)).isocalendar()
    next_year, next_week, _d = (first + timedelta(days=7)).isocalendar()
    context.update(
        {
            "view": "week",
            "year": year,
            "week": week,
            "prev_url": links.week(prev_year, prev_week),
            "next_url": links.week(next_year, next_week),
            "month_url": links.month(first.year, first.month),
        }
    )
    template = "calendar_booking/_week.html" if request.htmx else "calendar_booking/week.html"
    return render(request, template, context)


@login_required
@require_GET
@vary_on_headers("HX-Request")
def calendar_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    access = access_calendar(request.user)
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first_of_month = date(year, month, 1)
    next_month = (first_of_month + timedelta(days=32)).replace(day=1)
    # Whole weeks, Monday first, as a Swedish wall calendar.
    first = first_of_month - timedelta(days=first_of_month.weekday())
    last = next_month - timedelta(days=1)
    last += timedelta(days=6 - last.weekday())
    context = _period_context(request, access, first=first, last=last, with_free=False)
    weeks = []
    # Month cells: the day's shown bookings (first few) and how many slots are taken, all accounts.
    per_day = context["month"]
    days = context["days"]
    taken = _("Taken")
    view = selectors.SlotViews()
    names = cells.MonthDayNames()
    today = context["today"]
    for i in range(0, len(days), 7):
        week_days = []
        # One address per week row, not one per day.
        iso = days[i].isocalendar()
        week_url = links.week(iso[0], iso[1])
        for d in days[i : i + 7]:
            cell = {
                "day": d,
                "slot_views": (shown := [view(s) for s in per_day.first.get(d, [])]),
                "slots": cells.slot_items(shown, taken_word=taken),
                "more": max(0, per_day.shown.get(d, 0) - MONTH_CELL_LIMIT),
                "taken": per_day.taken.get(d, 0),
                "holiday": context["holidays"][d],
                "weekday": names.weekday(d),
                "in_month": d.month == month,
                "week_url": week_url,
            }
            cell["html"] = cells.month_cell(cell, today=today, month_name=names.month(d))
            week_days.append(cell)
        weeks.append(week_days)
    prev_month = (first_of_month - timedelta(days=1)).replace(day=1)
    context.update(
        {
            "view": "month",
            "weeks": weeks,
            # The table's head and rows in one pass, as the cells (no template loop per day).
            "heads_html": cells.month_heads(weeks[0], names),
            "weeks_html": cells.month_weeks(weeks),
            "month_start": first_of_month,
            "prev_url": links.month(prev_month.year, prev_month.month),
            "next_url": links.month(next_month.year, next_month.month),
        }
    )
    template = "calendar_booking/_month.html" if request.htmx else "calendar_booking/month.html"
    return render(request, template, context)


def _listed_slots(access: CalendarAccess, values: dict, **extra):
    account = values.get("account")
    accounts = access.accounts()
    return selectors.slot_list(
        accounts_q=accounts.filter(pk=account.pk) if account else accounts,
        administration=values.get("administration"),
        category=values.get("category", ""),
        objective=values.get("objective", ""),
        status=values.get("status", ""),
        **extra,
    )


@login_required
@require_GET
@vary_on_headers("HX-Request")
def booking_list(request: HttpRequest) -> HttpResponse:
    access = access_calendar(request.user)
    filters = _filter_form(request, access, ListFilterForm)
    values = filters.values()
    slots = _listed_slots(access, values)
    if values.get("mine"):
        slots = slots.filter(booking__author=request.user)
    # Only what the rows print (cells.ListRows), not every column of four tables.
    slots = slots.only(*selectors.LIST_ROW_FIELDS)
    page = selectors.slot_list_page(
        slots,
        after=request.GET.get("after"),
        size=LIST_PAGE_SIZE,
        openable=access.openable(),
        # Coming bookings, and the missed ones whenever they were.
        since=timezone.now() - timedelta(days=1),
        status=values.get("status", ""),
    )
    rows = cells.ListRows(detail_prefix=links.urls()["detail"], zone=zone())
    context = {
        **base_context(access),
        "view": "list",
        "filters": filters,
        "page": page,
        "rows_html": rows(page.rows),
        "query": _query(request, "after"),
        "export_url": f"{links.urls()['export']}?{_query(request, 'after')}",
    }
    if request.htmx:
        template = (
            "calendar_booking/_list_items.html"
            if "after" in request.GET
            else "calendar_booking/_list_rows.html"
        )
    else:
        template = "calendar_booking/list.html"
    return render(request, template, context)


def _date_param(request: HttpRequest, name: str) -> date | None:
    # Absent: None; malformed, impossible (2026-02-30) or out of range (9999-12-31): a 400 that says so.
    return day_param(request.GET, name)


@login_required
@require_GET
def booking_export(request: HttpRequest) -> StreamingHttpResponse:
    """CSV of the filtered view: ?from=YYYY-MM-DD&to=YYYY-MM-DD plus the calendar filters.

    Titles, times, accounts and förvaltningar only: the draft text never leaves its förvaltning.
    """
    access = access_calendar(request.user)
    filters = _filter_form(request, access, ListFilterForm)
    values = filters.values()
    first = _date_param(request, "from") or timezone.localdate()
    last = _date_param(request, "to") or first + timedelta(days=365)
    try:
        start, end = selectors.period_bounds(first, last)
    except OverflowError:  # 9999-12-31 has no next day
        start, end = selectors.period_bounds(first, first)
    slots = _listed_slots(access, values).filter(starts_at__gte=start, starts_at__lt=end)
    z = zone()
    header = [
        _("Starts"),
        _("Ends"),
        _("Account"),
        _("Platform"),
        _("Administration"),
        _("Title"),
        _("Objective"),
        _("Content category"),
        _("Status"),
        _("Charged content"),
        _("Advertising"),
    ]

    def rows():
        for slot in slots.order_by("starts_at", "pk").iterator(chunk_size=500):
            b = slot.booking
            yield (
                slot.starts_at.astimezone(z).strftime("%Y-%m-%d %H:%M"),
                slot.ends_at.astimezone(z).strftime("%Y-%m-%d %H:%M"),
                slot.account.name,
                slot.account.get_platform_display(),
                b.administration.name,
                b.title,
                b.get_objective_display(),
                b.get_category_display(),
                slot.get_status_display(),
                _("Yes") if b.is_charged else _("No"),
                _("Yes") if b.is_advertising else _("No"),
            )

    return csv_response(filename=f"publiceringskalender-{first}-{last}.csv", header=header, rows=rows())
