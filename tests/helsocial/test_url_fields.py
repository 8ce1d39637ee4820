"""A link typed without a scheme is taken to be https:// in every form with a URL: Django 6's
default, set now (which also silences Django 5.2's deprecation warning about it)."""

import pytest

from accounts.forms import SocialAccountForm
from calendar_booking.forms import BookingForm


@pytest.mark.parametrize(("form_class", "field"), [(SocialAccountForm, "url"), (BookingForm, "link")])
def test_a_link_without_a_scheme_is_https(form_class, field):
    form_field = form_class.base_fields[field]
    assert form_field.clean("helsingborg.se/kultur") == "https://helsingborg.se/kultur"
    assert form_field.clean("http://helsingborg.se/") == "http://helsingborg.se/"
