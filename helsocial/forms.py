"""What every form of the portal shares: one-line fields hold one line.

A name or a title typed into a one-line field ends up in places where a line break breaks
something: a mail's subject (Django refuses to write the header, and the mail is never sent), a CSV
row, a log line. A browser's text input cannot hold a line break, but a pasted value, a script or a
hand-made request can. Every form class of the portal takes `SingleLineInputsMixin` first among
its bases (a test walks them all), so each of its text inputs refuses line breaks and control
characters, with a Swedish message, and textareas keep theirs.
"""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Inputs whose value is one line of text a person reads. A password is neither shown nor mailed,
# and refusing a character in one could lock its owner out.
_MULTI_OR_SECRET = (forms.PasswordInput, forms.FileInput)


def refuse_line_breaks(value: object) -> None:
    """Refuse line breaks (CR, LF, the Unicode line and paragraph separators) and other control
    characters, tabs included."""
    if not isinstance(value, str):
        return
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in value):
        raise ValidationError(
            _("Write this on one line: line breaks and control characters cannot be used here."),
            code="single_line",
        )


def is_single_line(field: forms.Field) -> bool:
    """A text field shown as a one-line input (text, e-mail, URL, search, hidden …)."""
    widget = field.widget
    return (
        isinstance(field, forms.CharField)
        and isinstance(widget, forms.widgets.Input)
        and not isinstance(widget, _MULTI_OR_SECRET)
    )


class SingleLineInputsMixin:
    """Every one-line text field of the form refuses line breaks and control characters.

    The validator is added when the form cleans, so fields a form adds or changes in its own
    `__init__` are covered too; each form instance has its own copies of its fields.
    """

    def full_clean(self):
        for field in self.fields.values():
            if is_single_line(field) and refuse_line_breaks not in field.validators:
                field.validators.append(refuse_line_breaks)
        super().full_clean()
