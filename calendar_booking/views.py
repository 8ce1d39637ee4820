"""The publishing calendar's pages. Thin: permissions from .permissions, reads from .selectors,
writes through .services; htmx requests get the fragment, others the page."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.access import accounts_visible_to, administrations_for, require_akn, roles_of
from accounts.models import Administration, SocialAccount
from helsocial.pagination import keyset_page

from . import selectors, services
from .forms import (
    BookingForm,
    CalendarFilterForm,
    CancelForm,
    ChannelRuleForm,
    FeedCreateForm,
    KcAgreementForm,
    ListFilterForm,
    MoveForm,
    slot_forms,
)
from .ics import feed_calendar
from .models import CalendarFeedToken, ChannelRule, KcAgreement, Status
from .permissions import (
    can_book,
    can_change_booking,
    can_see_draft,
    feed_scope_allowed,
    get_booking_for_user,
    get_feed_token_for_user,
    get_slot_for_user,
    require_calendar_user,
)

LIST_PAGE_SIZE = 50
MONTH_CELL_LIMIT = 4


def _filter_form(request: HttpRequest, form_class=CalendarFilterForm):
    rs = roles_of(request.user)
    # Everyone sees every booking's förvaltning in the calendar; the filter offers AKN every
    # förvaltning and others their own, which is what they filter on.
    administrations = Administration.objects.all() if rs.is_akn else administrations_for(request.user)
    # Only what the options show: no access token, which is decrypted per row loaded.
    accounts = (
        accounts_visible_to(request.user)
        .exclude(platform=SocialAccount.Platform.X)
        .only("pk", "name", "platform")
    )
    return form_class(request.GET or None, accounts=accounts, administrations=administrations)


def _query(request: HttpRequest, *drop: str) -> str:
    query = request.GET.copy()
    for name in drop:
        query.pop(name, None)
    return query.urlencode()


def _openable_ids(request: HttpRequest) -> frozenset[int] | None:
    """The förvaltningar whose bookings the user may open; None means all (AKN)."""
    rs = roles_of(request.user)
    return None if rs.is_akn else rs.administration_ids()


def _base_context(request: HttpRequest) -> dict:
    return {
        "can_book": can_book(request.user),
        "is_akn": roles_of(request.user).is_akn,
        "own_ids": _openable_ids(request),
        "today": timezone.localdate(),
    }


@login_required
@require_GET
def calendar_index(request: HttpRequest) -> HttpResponse:
    require_calendar_user(request.user)
    year, week, _weekday = timezone.localdate().isocalendar()
    url = reverse("calendar_booking:calendar-week", args=[year, week])
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


def _period_context(request: HttpRequest, *, first: date, last: date, with_free: bool) -> dict:
    """The week's grid (with_free) or, for the month, what its cells print (`month`)."""
    filters = _filter_form(request)
    values = filters.values()
    accounts = list(selectors.calendar_accounts(request.user, values["account"]))
    start, end = selectors.day_bounds(first, last)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    booking_filters = {
        "administration": values["administration"],
        "category": values["category"],
        "objective": values["objective"],
    }
    rows, month = [], None
    if with_free:
        live = selectors.period_slots(accounts=accounts, start=start, end=end)
        rows = selectors.grid(
            accounts=accounts,
            days=days,
            slots=live,
            shown=selectors.filter_slots(live, **booking_filters),
            rules=selectors.rules_for(accounts),
            now=timezone.now(),
            with_free=True,
            create_url=reverse("calendar_booking:booking-create"),
        )
    else:
        month = selectors.month_days(
            accounts=accounts, start=start, end=end, limit=MONTH_CELL_LIMIT, **booking_filters
        )
    export_query = _query(request)
    return {
        **_base_context(request),
        "free_word": _("Free"),
        "filters": filters,
        "rows": rows,
        "month": month,
        "days": days,
        "first": first,
        "last": last,
        "query": _query(request),
        "export_url": f"{reverse('calendar_booking:booking-export')}?from={first}&to={last}"
        + (f"&{export_query}" if export_query else ""),
        "today": timezone.localdate(),
    }


@login_required
@require_GET
@vary_on_headers("HX-Request")
def calendar_week(request: HttpRequest, year: int, week: int) -> HttpResponse:
    require_calendar_user(request.user)
    try:
        first = date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise Http404 from exc
    last = first + timedelta(days=6)
    context = _period_context(request, first=first, last=last, with_free=True)
    prev_year, prev_week, _d = (first - timedelta(days=7)).isocalendar()
    next_year, next_week, _d = (first + timedelta(days=7)).isocalendar()
    context.update(
        {
            "view": "week",
            "year": year,
            "week": week,
            "prev_url": reverse("calendar_booking:calendar-week", args=[prev_year, prev_week]),
            "next_url": reverse("calendar_booking:calendar-week", args=[next_year, next_week]),
            "month_url": reverse("calendar_booking:calendar-month", args=[first.year, first.month]),
        }
    )
    template = "calendar_booking/_week.html" if request.htmx else "calendar_booking/week.html"
    return render(request, template, context)


@login_required
@require_GET
@vary_on_headers("HX-Request")
def calendar_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    require_calendar_user(request.user)
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first_of_month = date(year, month, 1)
    next_month = (first_of_month + timedelta(days=32)).replace(day=1)
    # Whole weeks, Monday first, as a Swedish wall calendar.
    first = first_of_month - timedelta(days=first_of_month.weekday())
    last = next_month - timedelta(days=1)
    last += timedelta(days=6 - last.weekday())
    context = _period_context(request, first=first, last=last, with_free=False)
    weeks = []
    # Month cells: the day's shown bookings (first few) and how many slots are taken, all accounts.
    cells = context["month"]
    days = context["days"]
    for i in range(0, len(days), 7):
        week_days = []
        for d in days[i : i + 7]:
            iso = d.isocalendar()
            week_days.append(
                {
                    "day": d,
                    "slots": cells.first.get(d, []),
                    "more": max(0, cells.shown.get(d, 0) - MONTH_CELL_LIMIT),
                    "taken": cells.taken.get(d, 0),
                    "in_month": d.month == month,
                    "week_url": reverse("calendar_booking:calendar-week", args=[iso[0], iso[1]]),
                }
            )
        weeks.append(week_days)
    prev_month = (first_of_month - timedelta(days=1)).replace(day=1)
    context.update(
        {
            "view": "month",
            "weeks": weeks,
            "month_start": first_of_month,
            "prev_url": reverse("calendar_booking:calendar-month", args=[prev_month.year, prev_month.month]),
            "next_url": reverse("calendar_booking:calendar-month", args=[next_month.year, next_month.month]),
        }
    )
    template = "calendar_booking/_month.html" if request.htmx else "calendar_booking/month.html"
    return render(request, template, context)


@login_required
@require_GET
@vary_on_headers("HX-Request")
def booking_list(request: HttpRequest) -> HttpResponse:
    require_calendar_user(request.user)
    filters = _filter_form(request, ListFilterForm)
    values = filters.values() if filters.is_valid() else {}
    account = values.get("account")
    accounts_q = (
        accounts_visible_to(request.user).filter(pk=account.pk)
        if account
        else accounts_visible_to(request.user)
    )
    since = timezone.now() - timedelta(days=1)
    slots = selectors.slot_list(
        accounts_q=accounts_q,
        administration=values.get("administration"),
        category=values.get("category", ""),
        objective=values.get("objective", ""),
        status=values.get("status", ""),
        since=since,
    )
    page = keyset_page(slots, order=("starts_at", "id"), after=request.GET.get("after"), size=LIST_PAGE_SIZE)
    context = {
        **_base_context(request),
        "view": "list",
        "filters": filters,
        "page": page,
        "query": _query(request, "after"),
        "export_url": f"{reverse('calendar_booking:booking-export')}?{_query(request, 'after')}",
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


def _csv_safe(value: object) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: prefix it so it stays text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _date_param(request: HttpRequest, name: str) -> date | None:
    try:
        return parse_date(request.GET.get(name) or "")
    except ValueError:  # well-formed but impossible, e.g. 2026-02-30
        return None


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
@require_GET
def booking_export(request: HttpRequest) -> StreamingHttpResponse:
    """CSV of the filtered view: ?from=YYYY-MM-DD&to=YYYY-MM-DD plus the calendar filters.

    Titles, times, accounts and förvaltningar only: the draft text never leaves its förvaltning.
    """
    require_calendar_user(request.user)
    filters = _filter_form(request, ListFilterForm)
    values = filters.values() if filters.is_valid() else {}
    first = _date_param(request, "from") or timezone.localdate()
    last = _date_param(request, "to") or first + timedelta(days=365)
    try:
        start, end = selectors.day_bounds(first, last)
    except OverflowError:  # 9999-12-31 has no next day
        start, end = selectors.day_bounds(first, first)
    account = values.get("account")
    accounts_q = (
        accounts_visible_to(request.user).filter(pk=account.pk)
        if account
        else accounts_visible_to(request.user)
    )
    slots = selectors.slot_list(
        accounts_q=accounts_q,
        administration=values.get("administration"),
        category=values.get("category", ""),
        objective=values.get("objective", ""),
        status=values.get("status", ""),
    ).filter(starts_at__gte=start, starts_at__lt=end)
    zone = selectors.zone()
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
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(header)
        for slot in slots.order_by("starts_at", "pk").iterator(chunk_size=500):
            b = slot.booking
            yield writer.writerow(
                [
                    _csv_safe(value)
                    for value in (
                        slot.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                        slot.ends_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
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
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="publiceringskalender-{first}-{last}.csv"'
    return response


# --- booking ---------------------------------------------------------------------------------------


def _booker_administrations(request: HttpRequest):
    rs = roles_of(request.user)
    if rs.is_akn:
        return Administration.objects.all()
    return Administration.objects.filter(pk__in=rs.administration_ids(*services.BOOKING_ROLES))


def _form_accounts(request: HttpRequest, administrations):
    return (
        SocialAccount.objects.filter(Q(is_citywide=True) | Q(administration__in=administrations))
        .exclude(platform=SocialAccount.Platform.X)
        .order_by("platform", "name")
    )


def _prefill(request: HttpRequest) -> list[dict]:
    """A click on a free time opens the form with ?account=<pk>&start=<ISO time>."""
    account = request.GET.get("account", "")
    try:
        start = parse_datetime(request.GET.get("start", ""))
        if start is None or not account.isdigit():
            return []
        if timezone.is_naive(start):
            start = timezone.make_aware(start, selectors.zone())
        local = start.astimezone(selectors.zone())
    except (ValueError, OverflowError):  # a well-formed but impossible time: an empty form
        return []
    return [{"account": int(account), "starts_at": local.strftime("%Y-%m-%dT%H:%M")}]


@login_required
@require_http_methods(["GET", "POST"])
def booking_create(request: HttpRequest) -> HttpResponse:
    if not can_book(request.user):
        raise PermissionDenied
    administrations = _booker_administrations(request)
    accounts = _form_accounts(request, administrations)
    data = request.POST if request.method == "POST" else None
    form = BookingForm(data, administrations=administrations)
    slots = slot_forms(data, accounts=accounts, initial=_prefill(request))
    needs_ack = False
    crisis = roles_of(request.user).is_akn and request.POST.get("crisis_override") == "on"
    if crisis and request.POST.get("category") != "civic_crisis":
        form.add_error("category", _("Only crisis information may override the calendar's capacity."))
    if request.method == "POST" and form.is_valid() and all(s.is_valid() for s in slots):
        times = [
            services.SlotTime(account=s.cleaned_data["account"], starts_at=s.cleaned_data["starts_at"])
            for s in slots
            if s.cleaned_data.get("account")
        ]
        try:
            booking = services.booking_create(
                by=request.user,
                administration=form.cleaned_data["administration"],
                times=times,
                fields=form.booking_fields(),
                acknowledge_charged=form.cleaned_data["acknowledge_charged"],
                crisis_override=crisis,
            )
        except ValidationError as exc:
            needs_ack = (
                any(getattr(e, "code", "") == "charged_needs_ack" for e in exc.error_list)
                if hasattr(exc, "error_list")
                else False
            )
            form.add_error(None, exc)
        else:
            messages.success(request, _("The booking was saved."))
            return redirect("calendar_booking:booking-detail", pk=booking.pk)
    return render(
        request,
        "calendar_booking/booking_form.html",
        {
            "form": form,
            "slots": slots,
            "booking": None,
            "needs_ack": needs_ack,
            "is_akn": roles_of(request.user).is_akn,
        },
    )


def _log_rows(booking, show_values: bool) -> list[dict]:
    rows = []
    for entry in booking.log.select_related("actor"):
        changes = entry.changes if show_values else {}
        rows.append({"entry": entry, "fields": sorted(entry.changes), "changes": changes})
    return rows


@login_required
@require_GET
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_user(request.user, pk)
    draft = can_see_draft(request.user, booking)
    rs = roles_of(request.user)
    handler = services.comment_handler(booking)
    slots = list(booking.slots.select_related("account"))
    return render(
        request,
        "calendar_booking/booking_detail.html",
        {
            "booking": booking,
            "slots": slots,
            "can_see_draft": draft,
            "can_see_faq": draft or rs.is_kc,
            "can_change": can_change_booking(request.user, booking) and booking.status != Status.CANCELLED,
            "handler_is_kc": handler == "kc",
            "log": _log_rows(booking, draft),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_edit(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_user(request.user, pk, change=True)
    form = BookingForm(request.POST or None, instance=booking)
    needs_ack = False
    if request.method == "POST" and form.is_valid():
        # The form is a ModelForm for its widgets; the service saves, so reload what is stored.
        fields = form.booking_fields()
        booking.refresh_from_db()
        try:
            services.booking_update(
                booking=booking,
                by=request.user,
                fields=fields,
                acknowledge_charged=form.cleaned_data["acknowledge_charged"],
            )
        except ValidationError as exc:
            needs_ack = "charged_needs_ack" in [
                getattr(e, "code", "") for e in getattr(exc, "error_list", [])
            ]
            form.add_error(None, exc)
        else:
            messages.success(request, _("The booking was saved."))
            return redirect("calendar_booking:booking-detail", pk=booking.pk)
    return render(
        request,
        "calendar_booking/booking_form.html",
        {"form": form, "slots": [], "booking": booking, "needs_ack": needs_ack, "is_akn": False},
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_user(request.user, pk, change=True)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_cancel(booking=booking, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The booking was cancelled; its times are free again."))
            return redirect("calendar_booking:booking-detail", pk=booking.pk)
    return render(request, "calendar_booking/booking_cancel.html", {"form": form, "booking": booking})


@login_required
@require_http_methods(["GET", "POST"])
def slot_move(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_slot_for_user(request.user, pk, change=True)
    booking = slot.booking
    accounts = services.bookable_accounts_for(booking.administration).order_by("platform", "name")
    initial = {"account": slot.account_id, "starts_at": slot.starts_at.astimezone(selectors.zone())}
    form = MoveForm(request.POST or None, accounts=accounts, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_move(
                slot=slot,
                by=request.user,
                account=form.cleaned_data["account"],
                starts_at=form.cleaned_data["starts_at"],
                acknowledge_charged=form.cleaned_data["acknowledge_charged"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The time was moved."))
            return redirect("calendar_booking:booking-detail", pk=booking.pk)
    return render(
        request, "calendar_booking/slot_move.html", {"form": form, "slot": slot, "booking": booking}
    )


# --- AKN: channel rules and KC agreements ----------------------------------------------------------


@login_required
@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    require_akn(request.user)
    accounts = (
        SocialAccount.objects.select_related("administration")
        .prefetch_related(Prefetch("channel_rule", queryset=ChannelRule.objects.all()))
        .order_by("-is_citywide", "name", "platform")
    )
    rows = []
    for account in accounts:
        try:
            rule, custom = account.channel_rule, True
        except ChannelRule.DoesNotExist:
            rule, custom = ChannelRule(account=account), False
        rows.append({"account": account, "rule": rule, "custom": custom})
    return render(request, "calendar_booking/rule_list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, account_pk: int) -> HttpResponse:
    require_akn(request.user)
    account = get_object_or_404(SocialAccount, pk=account_pk)
    rule = ChannelRule.for_account(account)
    form = ChannelRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ChannelRuleForm.Meta.fields}
        services.channel_rule_save(by=request.user, account=account, values=values)
        messages.success(request, _("The rules for %(account)s were saved.") % {"account": account})
        return redirect("calendar_booking:rule-list")
    return render(request, "calendar_booking/rule_form.html", {"form": form, "account": account})


@login_required
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    require_akn(request.user)
    agreements = KcAgreement.objects.select_related("administration", "updated_by")
    return render(request, "calendar_booking/agreement_list.html", {"agreements": agreements})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    require_akn(request.user)
    form = KcAgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ("valid_from", "valid_until", "note")}
        services.kc_agreement_save(
            by=request.user, administration=form.cleaned_data["administration"], values=values
        )
        messages.success(request, _("The agreement was saved."))
        return redirect("calendar_booking:agreement-list")
    return render(request, "calendar_booking/agreement_form.html", {"form": form, "agreement": None})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_akn(request.user)
    agreement = get_object_or_404(KcAgreement.objects.select_related("administration"), pk=pk)
    form = KcAgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ("valid_from", "valid_until", "note")}
        services.kc_agreement_save(by=request.user, administration=agreement.administration, values=values)
        messages.success(request, _("The agreement was saved."))
        return redirect("calendar_booking:agreement-list")
    return render(request, "calendar_booking/agreement_form.html", {"form": form, "agreement": agreement})


@login_required
@require_POST
def agreement_end(request: HttpRequest, pk: int) -> HttpResponse:
    require_akn(request.user)
    agreement = get_object_or_404(KcAgreement, pk=pk)
    services.kc_agreement_end(by=request.user, agreement=agreement)
    messages.success(request, _("The agreement was ended: the administration handles its comments again."))
    return redirect("calendar_booking:agreement-list")


# --- feeds -----------------------------------------------------------------------------------------


def _feed_choices(request: HttpRequest):
    rs = roles_of(request.user)
    administrations = (
        Administration.objects.all()
        if rs.is_akn
        else Administration.objects.filter(pk__in=rs.administration_ids())
    )
    accounts = accounts_visible_to(request.user).exclude(platform=SocialAccount.Platform.X)
    return administrations, accounts


@login_required
@require_GET
def feed_list(request: HttpRequest) -> HttpResponse:
    require_calendar_user(request.user)
    administrations, accounts = _feed_choices(request)
    tokens = CalendarFeedToken.objects.filter(owner=request.user).select_related("administration", "account")
    form = FeedCreateForm(administrations=administrations, accounts=accounts)
    return render(request, "calendar_booking/feed_list.html", {"tokens": tokens, "form": form})


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    require_calendar_user(request.user)
    administrations, accounts = _feed_choices(request)
    form = FeedCreateForm(request.POST, administrations=administrations, accounts=accounts)
    if not form.is_valid():
        tokens = CalendarFeedToken.objects.filter(owner=request.user).select_related(
            "administration", "account"
        )
        return render(
            request, "calendar_booking/feed_list.html", {"tokens": tokens, "form": form}, status=400
        )
    CalendarFeedToken.objects.create(
        owner=request.user,
        kind=form.cleaned_data["kind"],
        administration=form.cleaned_data["administration"],
        account=form.cleaned_data["account"],
    )
    messages.success(request, _("The feed was created. Copy its address into Outlook."))
    return redirect("calendar_booking:feed-list")


@login_required
@require_POST
def feed_renew(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_feed_token_for_user(request.user, pk)
    services.feed_token_renew(token=token)
    messages.success(request, _("The feed has a new address; the old one no longer works."))
    return redirect("calendar_booking:feed-list")


@login_required
@require_POST
def feed_delete(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_feed_token_for_user(request.user, pk)
    token.delete()
    messages.success(request, _("The feed was removed."))
    return redirect("calendar_booking:feed-list")


@require_GET
def feed_ics(request: HttpRequest, secret: str) -> HttpResponse:
    """No login (Outlook cannot log in): the secret is the key, and the feed shows what its owner may see."""
    token = (
        CalendarFeedToken.objects.select_related("owner", "administration", "account")
        .filter(secret=secret)
        .first()
    )
    if token is None or not feed_scope_allowed(token):
        raise Http404
    response = HttpResponse(feed_calendar(token), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="helsocial.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
