"""helsocial/ids.py: a primary key from a request's text, or None."""

import pytest

from helsocial.ids import ID_MAX, id_from


@pytest.mark.parametrize(
    ("value", "expected"),
    [("42", 42), (" 7 ", 7), (7, 7), (str(ID_MAX), ID_MAX), ("٣", None), ("²", None), ("-1", None),
     ("0", None), ("", None), (None, None), ("1e3", None), (str(ID_MAX + 1), None), ("9" * 40, None)],
)  # fmt: skip
def test_only_a_plain_number_that_can_name_a_row_is_an_id(value, expected):
    assert id_from(value) == expected
