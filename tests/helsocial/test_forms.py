"""One-line fields hold one line, in every form of the portal (issue #12, item 3)."""

import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse

from accounts.forms import PersonForm, SocialAccountForm
from calendar_booking.forms import BookingForm
from helsocial.forms import SingleLineInputsMixin, is_single_line
from tests.calendar_booking.helpers import fields as booking_fields

PROJECT_PACKAGES = ("helsocial", "accounts", "platforms", "calendar_booking", "moderation", "metrics")
# Modules that do something on import besides defining things.
SKIP = ("migrations", "wsgi", "asgi", "settings")
ONE_LINE = "Skriv på en rad: radbrytningar och styrtecken går inte att använda här."


def _project_form_classes() -> list[type]:
    for package_name in PROJECT_PACKAGES:
        try:
            package = importlib.import_module(package_name)
        except ModuleNotFoundError:
            continue
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if not any(part in SKIP for part in module.name.split(".")):
                importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.split(".")[0] in PROJECT_PACKAGES:
                found.add(subclass)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_every_form_of_the_portal_refuses_line_breaks_in_its_one_line_fields():
    classes = _project_form_classes()
    assert len(classes) > 20, classes  # the walk found the forms
    missing = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in classes
        if not issubclass(cls, SingleLineInputsMixin)
    ]
    assert missing == [], f"add helsocial.forms.SingleLineInputsMixin to the bases of {missing}"


@pytest.mark.parametrize(
    "title",
    [
        "Lovaktiviteter\ni höst",
        "Lovaktiviteter\r\ni höst",
        "Lovaktiviteter\ri höst",
        "Lovaktiviteter\u2028i höst",
        "Lovaktiviteter\ti höst",
        "Lovaktiviteter\x00i höst",
        "Lovaktiviteter\x1b[2Ji höst",
    ],
)
def test_a_booking_title_with_a_line_break_or_control_character_is_refused_in_swedish(db, title):
    form = BookingForm(data=booking_fields(title=title, draft_text="Rad ett\nRad två"))
    assert not form.is_valid()
    assert ONE_LINE in form.errors["title"]
    assert "draft_text" not in form.errors, "a textarea keeps its line breaks"


def test_a_one_line_value_with_spaces_at_its_ends_is_still_fine(db):
    # A pasted title often ends with a line break: CharField strips it before the check.
    form = BookingForm(data=booking_fields(title="  Lovaktiviteter i höst\r\n"))
    form.is_valid()
    assert "title" not in form.errors
    assert form.cleaned_data["title"] == "Lovaktiviteter i höst"


def test_an_account_name_with_a_line_break_is_refused_and_the_account_kept(akn_client, account):
    data = {
        "administration": account.administration_id,
        "name": "Kulturskolan\nBcc: angripare@example.org",
        "platform": account.platform,
        "handle": account.handle,
        "url": "",
        "platform_id": account.platform_id,
        "visibility": account.visibility,
        "purpose": "Ett syfte\npå två rader",
        "goal": "",
        "target_group": "",
        "end_date": "",
    }
    name = account.name
    response = akn_client.post(reverse("accounts:account-edit", args=[account.pk]), data)
    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    account.refresh_from_db()
    assert account.name == name


def test_text_inputs_are_checked_and_textareas_and_passwords_are_not():
    form = SocialAccountForm(full=False)
    form.full_clean()
    assert is_single_line(form.fields["name"])
    assert not is_single_line(form.fields["purpose"])  # a textarea
    person = PersonForm()
    assert is_single_line(person.fields["first_name"])
    assert is_single_line(person.fields["email"])
    assert not is_single_line(person.fields["password"])  # never shown nor mailed


def test_the_check_does_not_leak_between_forms_through_the_class_fields(db):
    PersonForm(data={}).is_valid()
    assert not any(
        validator.__name__ == "refuse_line_breaks"
        for field in PersonForm.base_fields.values()
        for validator in field.validators
        if hasattr(validator, "__name__")
    )
