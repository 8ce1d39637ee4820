"""The calendar's cells as HTML, written in one pass over the data the selectors built.

A week shows up to ROW_LIMIT accounts × 7 days, each cell with its taken slots and free times, and a
month 42 days; Django writes a template loop per item at several microseconds a node, which made
the cells most of the page's time. Here each cell is written once, every text escaped (titles and
names are people's input) with the standard library's `html.escape` (Django's `escape` is the same
replacement behind a check for lazy text, a third of the cells' time); the templates place the cells
and decide nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from html import escape as _html_escape

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from .models import Approval, Category, Objective, Status
from .selectors import Cell, SlotView


def _e(value) -> str:
    """What django.utils.html.escape writes (& < > " '), for plain values."""
    return _html_escape(str(value), quote=True)


@lru_cache(maxsize=4096)
def _e_word(value: str) -> str:
    """`_e` for the few texts every page repeats (categories, förvaltningar, statuses, times of day,
    day names): a week escapes some thousand values, most of them the same few dozen."""
    return _html_escape(value, quote=True)


def slot_items(slots: list[SlotView], *, taken_word: str) -> SafeString:
    """The taken slots as `<li>`s."""
    parts = []
    flag = f'<span class="flag">{_e_word(str(taken_word))}</span> '
    for slot in slots:
        # The times and the booking's address are written by SlotViews from datetimes and ids; the
        # rest is escaped (the title and the names are people's).
        title = _e(slot.title)
        link = f'<a href="{slot.href}">{title}</a>' if slot.href else f"<span>{title}</span>"
        status = f" · <strong>{_e_word(slot.status)}</strong>" if slot.status else ""
        parts.append(
            f'<li class="cal-slot cal-slot-{_e_word(slot.category)}">{flag}'
            f'<time datetime="{slot.start_iso}">{slot.times}</time> {link}'
            f'<span class="small d-block">{_e_word(slot.who)}{status}</span></li>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def week_cell(cell: Cell, *, can_book: bool, free_word: str, taken_word: str, full_word: str) -> SafeString:
    """What one account's day shows: its taken slots, then "day full" or its free times."""
    html = []
    if cell.taken:
        html.append(f'<ul class="list-unstyled mb-1">{slot_items(cell.taken, taken_word=taken_word)}</ul>')
    if cell.full:
        html.append(f'<p class="flag flag-warning small mb-0">⚠ {_e(full_word)}</p>')
    elif cell.free:
        items = []
        free = _e_word(str(free_word))
        for label, href in cell.free:
            text = f"{free} {_e_word(label)}"
            if can_book:
                items.append(f'<li><a class="cal-free" href="{_e(href)}">{text}</a></li>')
            else:
                items.append(f'<li><span class="cal-free">{text}</span></li>')
        if cell.free_more:
            items.append(f'<li class="text-muted">{_e(cell.free_more)}</li>')
        label = _e(cell.free_label)
        html.append(f'<ul class="list-unstyled mb-0 small" aria-label="{label}">{"".join(items)}</ul>')
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


def week_cells(cells: list[Cell]) -> SafeString:
    """A week row's `<td>`s, each labelled with its day for the narrow screen's agenda."""
    red = ' class="cal-red-day"'
    return mark_safe(  # noqa: S308 - the heading is escaped, the cell's html written above
        "".join(
            f'<td data-day="{_e_word(cell.heading)}"{red if cell.holiday else ""}>{cell.html}</td>'
            for cell in cells
        )
    )


def week_rows(rows) -> SafeString:
    """The week's `<tr>`s: each account's name, platform and rule, then its days' cells (written by
    week_cells), as the template wrote them."""
    platforms: dict[str, str] = {}
    rule_text = gettext("max %(n)s/day, gap %(gap)s min")
    html = []
    for account, rule, _cells, cells_html in rows:
        if (platform := platforms.get(account.platform)) is None:
            platform = platforms[account.platform] = _e(account.get_platform_display())
        limits = _e(rule_text % {"n": rule.max_posts_per_day, "gap": rule.min_gap_minutes})
        html.append(
            "\n      <tr>\n"
            f'        <th scope="row">{_e(account.name)}<span class="d-block small">{platform}</span>\n'
            f'          <span class="d-block small text-muted">{limits}</span></th>\n'
            f"        {cells_html}\n"
            "      </tr>\n    "
        )
    return mark_safe("".join(html))  # noqa: S308 - every value is escaped; the cells by week_cells


def week_heads(day_heads: list[dict], *, today: date) -> SafeString:
    """The week's day headings (`<th>`s): red days marked and named, today as the current date."""
    html = []
    for head in day_heads:
        holiday = head["holiday"]
        red = "cal-red-day" if holiday else ""
        current = ' aria-current="date"' if head["day"] == today else ""
        name = f'<span class="d-block small cal-holiday">{_e_word(holiday)}</span>' if holiday else ""
        html.append(f'<th scope="col" class="{red}"{current}>{_e_word(head["label"])}{name}</th>')
    return mark_safe("".join(html))  # noqa: S308 - every value is escaped


def month_heads(week: list[dict], names: MonthDayNames) -> SafeString:
    """The month's weekday headings, Monday first."""
    return mark_safe(  # noqa: S308 - the names are escaped
        "".join(f'<th scope="col">{_e_word(names.weekday(cell["day"]))}</th>' for cell in week)
    )


def month_weeks(weeks: list[list[dict]]) -> SafeString:
    """The month's rows of days, each day's cell written by month_cell."""
    return mark_safe(  # noqa: S308 - each cell is written (and escaped) by month_cell
        "".join(
            "\n      <tr>" + "".join(f"\n        {cell['html']}" for cell in week) + "\n      </tr>\n    "
            for week in weeks
        )
    )


class MonthDayNames:
    """The names a month's cells print, each formatted once a page (date_format is slow per call)."""

    def __init__(self):
        self._weekdays: dict[int, str] = {}
        self._months: dict[int, str] = {}

    def weekday(self, d: date) -> str:
        if (name := self._weekdays.get(d.weekday())) is None:
            name = self._weekdays[d.weekday()] = date_format(d, "l")
        return name

    def month(self, d: date) -> str:
        if (name := self._months.get(d.month)) is None:
            name = self._months[d.month] = date_format(d, "F")
        return name


def month_cell(cell: dict, *, today: date, month_name: str) -> SafeString:
    """One day of the month: its number (a link to its week), red day, how many booked, the first
    bookings and how many more."""
    d = cell["day"]
    classes = ("" if cell["in_month"] else "cal-outside") + (" cal-red-day" if cell["holiday"] else "")
    current = ' aria-current="date"' if d == today else ""
    week_url = _e(cell["week_url"])
    holiday = ""
    if cell["holiday"]:
        holiday = f'<span class="d-block small cal-holiday">{_e_word(cell["holiday"])}</span>'
    taken = ngettext("%(n)s booked", "%(n)s booked", cell["taken"]) % {"n": cell["taken"]}
    slots = f'<ul class="list-unstyled mb-0">{cell["slots"]}</ul>' if cell["slots"] else ""
    more = ""
    if cell["more"]:
        more = f'<a class="small" href="{week_url}">{_e(gettext("and %(n)s more") % {"n": cell["more"]})}</a>'
    return mark_safe(  # noqa: S308 - every value is escaped; the slots were written by slot_items
        f'<td class="{classes}"{current}>\n'
        f'          <a class="fw-semibold" href="{week_url}">'
        f'<span class="cal-agenda-only">{_e_word(cell["weekday"])} </span>{d.day}'
        f'<span class="visually-hidden"> {_e_word(month_name)}</span></a>{holiday}\n'
        f'          <span class="small d-block">{_e_word(taken)}</span>\n'
        f"          {slots}\n"
        f"          {more}\n"
        "        </td>"
    )


class ListRows:
    """The list page's rows: the choices' names translated and the booking address reversed once."""

    def __init__(self, *, detail_prefix: str, zone):
        self._detail = detail_prefix  # the booking's page without its number
        self._zone = zone
        self._categories = {value: str(label) for value, label in Category.choices}
        self._objectives = {value: str(label) for value, label in Objective.choices}
        self._statuses = {value: str(label) for value, label in Status.choices}
        self._awaiting = gettext("Awaiting approval")
        self._platforms: dict[str, str] = {}

    def _platform(self, account) -> str:
        if (name := self._platforms.get(account.platform)) is None:
            name = self._platforms[account.platform] = str(account.get_platform_display())
        return name

    def _status(self, slot, booking) -> str:
        status = self._statuses.get(slot.status, slot.status)
        if slot.status == Status.MISSED:
            return f'<span class="flag flag-danger">✖ {_e(status)}</span>'
        if slot.status == Status.PUBLISHED:
            return f'<span class="flag flag-ok">✔ {_e(status)}</span>'
        if slot.status == Status.PLANNED and booking.approval == Approval.PENDING:
            return f'<span class="flag flag-warning">⏳ {_e(self._awaiting)}</span>'
        return _e_word(status)

    def __call__(self, slots) -> SafeString:
        rows = []
        for slot in slots:
            booking, account = slot.booking, slot.account
            start: datetime = slot.starts_at.astimezone(self._zone)
            title = _e(booking.title)
            if slot.can_open:
                title = f'<a href="{_e(self._detail)}{booking.pk}/">{title}</a>'
            rows.append(
                "\n  <tr>\n"
                f'    <td><time datetime="{start.isoformat()}">{start:%Y-%m-%d %H:%M}</time></td>\n'
                f"    <td>{_e_word(account.name)} ({_e_word(self._platform(account))})</td>\n"
                f"    <td>{title}</td>\n"
                f"    <td>{_e_word(str(booking.administration))}</td>\n"
                f"    <td>{_e_word(self._categories.get(booking.category, booking.category))}</td>\n"
                f"    <td>{_e_word(self._objectives.get(booking.objective, booking.objective))}</td>\n"
                f"    <td>{self._status(slot, booking)}</td>\n"
                "  </tr>"
            )
        return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped
