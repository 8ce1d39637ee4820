"""The report's downloads: an .xlsx that opens (a zip of sheets, one per table, no formulas) and a
CSV for Swedish Excel (BOM, semicolons, decimal commas), both safe against formula injection."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from metrics.reports.data import build_report
from metrics.reports.export import report_csv, report_tables, report_xlsx
from tests.metrics.report_data import NOW, known_report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(administration, other_administration):
    known_report_data(administration, other_administration)
    return build_report(administration=administration, year=2026, month=11, now=NOW)


def test_the_xlsx_has_one_sheet_per_table_and_no_formulas(report):
    data = report_xlsx(report)
    with zipfile.ZipFile(io.BytesIO(data)) as xlsx:
        assert xlsx.testzip() is None
        names = xlsx.namelist()
        sheets = sorted(n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
        assert len(sheets) == len(report_tables(report)) == 6
        workbook = xlsx.read("xl/workbook.xml").decode()
        assert workbook.count("<sheet ") == 6
        xml = "".join(xlsx.read(n).decode() for n in sheets)
        if "xl/sharedStrings.xml" in names:
            xml += xlsx.read("xl/sharedStrings.xml").decode()
    # The post's text "=HYPERLINK(1)" is a string cell, never a formula.
    assert "=HYPERLINK(1)" in xml
    assert "<f>" not in xml
    assert "Alfa" in xml and "Gamma" not in xml


def test_the_csv_opens_right_in_swedish_excel(report):
    text = report_csv(report)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    alfa = next(r for r in rows if r and r[0] == "Alfa")
    # Followers 1000, +11,1 % from 900, median 750; engagement rate 20,0 %.
    assert alfa[2:5] == ["1000", "11,1", "750"]
    # Three columns per figure after name and platform: the engagement rate is the sixth figure.
    assert alfa[2 + 5 * 3] == "20,0"
    assert alfa[2 + 6 * 3] == "4"  # posts published
    beta = next(r for r in rows if r and r[0] == "Beta")
    assert "–" in beta  # no reach: a dash, never 0
    # The post text that starts like a formula is text to Excel.
    assert any("'=HYPERLINK(1)" in cell for r in rows for cell in r)
    assert not any(cell.startswith("=") for r in rows for cell in r)
