"""The monthly report as tables, as .xlsx (one sheet per table) and as CSV for Swedish Excel.

`report_tables()` is the one list of tables the downloads write (and the mail may print). A cell is
a plain value: int, float, str, date, or None with the reason beside it in the table's notes.

Platform text (post texts, account names) is untrusted: in the .xlsx every string is written with
`write_string` and the workbook never turns strings into formulas or links; in the CSV a text cell
that starts like a formula gets an apostrophe (`helsocial.csv_export.csv_cell`). The CSV is what
Swedish Excel opens by double-click: UTF-8 with a byte-order mark, semicolons, decimal commas.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from helsocial.csv_export import csv_cell, csv_text

from .data import ACCOUNT_FIGURES, AccountRow, Report, figure_label

# Column kinds: how a number is shown. "share" is a fraction shown as a percentage.
INT, SHARE, HOURS, TEXT, DAY = "int", "share", "hours", "text", "date"
MISSING = "–"


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = INT


@dataclass(frozen=True)
class Table:
    key: str  # a stable name: "accounts", "top_posts", ...
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]


def _account_table(report: Report) -> Table:
    columns = [Column(_("Account"), TEXT), Column(_("Platform"), TEXT)]
    if report.is_city:
        columns.append(Column(_("Administration"), TEXT))
    for name in ACCOUNT_FIGURES:
        kind = SHARE if name == "engagement_rate" else INT
        label = figure_label(name)
        columns += [
            Column(label, kind),
            Column(_("%(figure)s, change from the month before") % {"figure": label}, SHARE),
            Column(_("%(figure)s, 12-month median") % {"figure": label}, kind),
        ]
    columns += [Column(_("Not given, why"), TEXT), Column(_("Final"), TEXT)]

    def row(r: AccountRow) -> tuple:
        cells: list = [r.name, r.platform]
        if report.is_city:
            cells.append(r.administration)
        reasons = []
        for _name, label, m in r.measures():
            cells += [m.value, m.change, m.median]
            if m.value is None and m.reason:
                reasons.append(f"{label}: {m.reason}")
        cells += ["; ".join(reasons), _("yes") if r.settled else _("no")]
        return tuple(cells)

    return Table(
        "accounts",
        _("The accounts' month"),
        tuple(columns),
        tuple(row(r) for r in (*report.accounts, report.totals)),
    )


def _administration_table(report: Report) -> Table:
    """The city's accounts summed per förvaltning: the page shows the largest, this table all."""
    columns = [Column(_("Administration"), TEXT)]
    for name in ACCOUNT_FIGURES:
        label = figure_label(name)
        columns += [
            Column(label, SHARE if name == "engagement_rate" else INT),
            Column(_("%(figure)s, change from the month before") % {"figure": label}, SHARE),
        ]
    rows = tuple(
        (r.name, *(cell for _name, _label, m in r.measures() for cell in (m.value, m.change)))
        for r in (*report.administrations, report.totals)
    )
    return Table("administrations", _("The administrations' month"), tuple(columns), rows)


def _posts_table(report: Report) -> Table:
    columns = (
        Column(_("Objective"), TEXT),
        Column(_("Place"), INT),
        Column(_("Account"), TEXT),
        Column(_("Published"), DAY),
        Column(_("Text"), TEXT),
        Column(_("Judged by"), TEXT),
        Column(_("Value"), INT),
        Column(_("Reach"), INT),
        Column(_("Link clicks"), INT),
        Column(_("Interactions"), INT),
        Column(_("Content category"), TEXT),
        Column(_("Address"), TEXT),
    )
    rows = tuple(
        (
            top.label,
            place,
            f"{p.account_name} ({p.platform})",
            timezone.localtime(p.published_at).date(),
            p.text,
            p.judged_by_label,
            p.judged_value,
            p.reach,
            p.link_clicks,
            p.interactions,
            p.category_label,
            p.permalink,
        )
        for top in report.top_posts
        for place, p in enumerate(top.posts, start=1)
    )
    return Table("top_posts", _("Top posts by objective"), columns, rows)


def _group_table(key: str, title: str, first: str, groups, *, judged: bool) -> Table:
    columns = [Column(first, TEXT), Column(_("Posts"), INT)]
    if judged:
        columns += [Column(_("Judged by"), TEXT), Column(_("Judged total"), INT)]
    columns += [
        Column(_("Reach"), INT),
        Column(_("Link clicks"), INT),
        Column(_("Interactions"), INT),
        Column(_("Views"), INT),
    ]
    rows = []
    for g in groups:
        cells: list = [g.label, g.posts]
        if judged:
            cells += [g.judged_by_label, g.judged_total]
        cells += [g.reach, g.link_clicks, g.interactions, g.views]
        rows.append(tuple(cells))
    return Table(key, title, tuple(columns), tuple(rows))


def _calendar_table(report: Report) -> Table:
    c = report.calendar
    return Table(
        "calendar",
        _("The calendar"),
        (Column(_("Figure"), TEXT), Column(_("Number"), INT)),
        (
            (_("Booked"), c.booked),
            (_("Published"), c.published),
            (_("Missed"), c.missed),
            (_("Still planned"), c.planned),
            (_("Published without a booking"), c.published_without_booking),
        ),
    )


def _comments_table(report: Report) -> Table:
    s = report.comments
    a = s.answers
    return Table(
        "comments",
        _("Comments and messages"),
        (Column(_("Figure"), TEXT), Column(_("Value"), INT)),
        (
            (_("Comments received"), a.comments),
            (_("Messages received"), a.messages),
            (_("Answered"), a.answered),
            (_("Answered within the promise"), a.answered_in_time),
            (_("Share answered within the promise (%)"), _percent(a.share_in_time)),
            (_("Median answer time (working hours)"), _round(a.median_hours)),
            (_("90th percentile answer time (working hours)"), _round(a.p90_hours)),
            (_("Still overdue"), a.overdue),
            (_("Hidden"), s.hidden),
            (_("Deleted"), s.deleted),
            (_("Registered (diarieförda)"), s.registered),
        ),
    )


def _percent(share: float | None) -> float | None:
    return round(share * 100, 1) if share is not None else None


def _round(hours: float | None) -> float | None:
    return round(hours, 1) if hours is not None else None


def report_tables(report: Report) -> list[Table]:
    """Every table of the report, in the page's order."""
    return [
        *([_administration_table(report)] if report.is_city else []),
        _account_table(report),
        _posts_table(report),
        _group_table("by_objective", _("By objective"), _("Objective"), report.by_objective, judged=True),
        _group_table(
            "by_category", _("By content category"), _("Content category"), report.by_category, judged=False
        ),
        _calendar_table(report),
        _comments_table(report),
    ]


def report_filename(report: Report, extension: str) -> str:
    scope = f"forvaltning-{report.administration_id}" if report.administration_id else "staden"
    return f"rapport-{report.year:04d}-{report.month:02d}-{scope}.{extension}"


def _heading(report: Report) -> list[str]:
    settled = _("The figures are final.") if report.settled else _("Some figures are not final yet.")
    read = (
        _("Figures read on %(day)s.") % {"day": report.read_on.isoformat()}
        if report.read_on
        else _("No figures have been read for this month.")
    )
    return [f"{report.title} – {report.first:%Y-%m}", f"{read} {settled}"]


# --- .xlsx ------------------------------------------------------------------------------------------

_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def report_xlsx(report: Report) -> bytes:
    """The report as an .xlsx workbook, one sheet per table (XlsxWriter in constant memory)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": True,
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = workbook.add_format({"bold": True})
    formats = {
        INT: workbook.add_format({"num_format": "#,##0"}),  # Excel shows its own separators
        SHARE: workbook.add_format({"num_format": "0.0%"}),
        HOURS: workbook.add_format({"num_format": "0.0"}),
        DAY: workbook.add_format({"num_format": "yyyy-mm-dd"}),
    }
    heading = _heading(report)
    used: set[str] = set()
    for table in report_tables(report):
        name = table.title.translate(_SHEET_FORBIDDEN)[:31].strip() or table.key
        while name in used:
            name = name[:28] + f" {len(used)}"
        used.add(name)
        sheet = workbook.add_worksheet(name)
        sheet.write_string(0, 0, heading[0], bold)
        sheet.write_string(1, 0, heading[1])
        for col, column in enumerate(table.columns):
            sheet.write_string(3, col, column.title, bold)
            sheet.set_column(col, col, 40 if column.kind == TEXT and col == 0 else 14)
        for r, row in enumerate(table.rows, start=4):
            for col, (column, value) in enumerate(zip(table.columns, row, strict=True)):
                if value is None:
                    sheet.write_string(r, col, MISSING)
                elif isinstance(value, bool):
                    sheet.write_string(r, col, _("yes") if value else _("no"))
                elif isinstance(value, int | float):
                    kind = HOURS if column.kind == INT and isinstance(value, float) else column.kind
                    sheet.write_number(r, col, value, formats.get(kind, formats[INT]))
                elif isinstance(value, datetime):
                    sheet.write_datetime(r, col, timezone.localtime(value).replace(tzinfo=None), formats[DAY])
                elif isinstance(value, date):
                    sheet.write_datetime(r, col, datetime.combine(value, datetime.min.time()), formats[DAY])
                else:
                    sheet.write_string(r, col, str(value))
    workbook.close()
    return buffer.getvalue()


# --- CSV --------------------------------------------------------------------------------------------


def _csv_value(value, kind: str) -> str:
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        number = value * 100 if kind == SHARE else value
        return f"{number:.1f}".replace(".", ",") if kind in {SHARE, HOURS} else _decimal(number)
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return csv_cell(value)


def _decimal(number: float) -> str:
    text = f"{number:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def report_csv(report: Report) -> str:
    """The report as one CSV text (the tables one after the other, each under its title), to be
    written as UTF-8 with a byte-order mark (the text starts with it)."""

    def rows():
        for line in _heading(report):
            yield [csv_cell(line)]
        for table in report_tables(report):
            yield []
            yield [csv_cell(table.title)]
            yield [csv_cell(c.title + (" (%)" if c.kind == SHARE else "")) for c in table.columns]
            for row in table.rows:
                yield [_csv_value(v, c.kind) for c, v in zip(table.columns, row, strict=True)]

    return csv_text(rows(), delimiter=";")
