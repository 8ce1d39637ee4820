"""The booking form's error summary (the GOV.UK design system's pattern): every problem at the top of
the page, each a link to the field it is about."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import CheckboxSelectMultiple, Form, RadioSelect

# Where a problem that is no single field's goes: the slots' refusals to the accounts and times, the
# charged-content warning to its box.
SLOTS_ANCHOR = "#booking-slots"
ACK_ANCHOR = "#id_acknowledge_charged"


@dataclass(frozen=True)
class Problem:
    href: str
    message: str


def charged_warnings(form: Form) -> list[str]:
    """The charged-content warnings, shown beside the box that acknowledges them."""
    return [
        e.message % (e.params or {}) if e.params else e.message
        for e in form.errors.as_data().get(NON_FIELD_ERRORS, [])
        if e.code == "charged_needs_ack"
    ]


def slot_problems(form: Form) -> list[str]:
    """The refusals of the accounts and times (no single field's), shown in their fieldset."""
    return [
        str(e.message % (e.params or {}) if e.params else e.message)
        for e in form.errors.as_data().get(NON_FIELD_ERRORS, [])
        if e.code != "charged_needs_ack"
    ]


def problems(form: Form, slot_forms: list[Form]) -> list[Problem]:
    """Every problem, in the page's order: the accounts and times first, then the content."""
    found: list[Problem] = []
    for slot in slot_forms:
        for name, errors in slot.errors.items():
            target = slot["account"] if name == NON_FIELD_ERRORS else slot[name]
            href = f"#{target.id_for_label}"
            found.extend(Problem(href, str(message)) for message in errors)
    found.extend(Problem(SLOTS_ANCHOR, message) for message in slot_problems(form))
    if charged_warnings(form):
        found.append(Problem(ACK_ANCHOR, charged_warnings(form)[-1]))
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        field = form[name]
        # A group of radios or boxes: the first one's id, as GOV.UK links a fieldset.
        grouped = isinstance(field.field.widget, (RadioSelect, CheckboxSelectMultiple))
        anchor = f"{field.auto_id}_0" if grouped else field.auto_id
        found.extend(Problem(f"#{anchor}", str(message)) for message in errors)
    return found
