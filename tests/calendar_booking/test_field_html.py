"""The booking and filter forms' fields, kept once written (templatetags/calendar_fields): the same
markup as crispy-forms writes, a person's value and errors never taken from another form."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.utils import translation

from calendar_booking.forms import BookingForm, CalendarFilterForm
from calendar_booking.templatetags.calendar_fields import field_html

pytestmark = pytest.mark.django_db


def test_an_empty_form_is_written_as_crispy_writes_it_and_kept():
    with translation.override("sv"):
        for _ in range(2):  # the second time from what was kept
            form = BookingForm()
            for name in form.fields:
                assert field_html(form[name]) == as_crispy_field(BookingForm()[name]), name


def test_a_value_gets_its_own_markup_escaped():
    with translation.override("sv"):
        empty = field_html(CalendarFilterForm()["q"])
        searched = field_html(CalendarFilterForm({"q": '<b>"kultur"</b>'})["q"])
        again = field_html(CalendarFilterForm()["q"])
    assert 'value="&lt;b&gt;&quot;kultur&quot;&lt;/b&gt;"' in searched
    assert "value=" not in empty
    assert again == empty


def test_a_field_with_errors_shows_them_and_a_later_empty_form_does_not():
    with translation.override("sv"):
        bound = BookingForm({"title": ""})
        assert not bound.is_valid()
        with_error = field_html(bound["title"])
        empty = field_html(BookingForm()["title"])
    assert "is-invalid" in with_error
    assert "is-invalid" not in empty
