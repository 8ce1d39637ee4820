from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from calendar_booking.models import Category, Objective
from helsocial.dates import DayField
from helsocial.forms import SingleLineInputsMixin


class TokenPasteForm(SingleLineInputsMixin, forms.Form):
    """The fallback when the OAuth flow cannot be used: paste a long-lived token from the platform."""

    token = forms.CharField(
        label=_("Access token"),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        max_length=4000,
        help_text=_("A long-lived token from the platform's developer tools. It is stored encrypted."),
    )
    expires_on = DayField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty if the platform says the token does not expire."),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if len(token) < 20:
            raise forms.ValidationError(_("That is too short to be an access token."), code="short")
        return token


class PostTagForm(SingleLineInputsMixin, forms.Form):
    """An objective and a content category for a post published without a booking."""

    objective = forms.ChoiceField(
        label=_("Objective"),
        choices=[("", "---------"), *Objective.choices],
        error_messages={"required": _("Choose the post's objective.")},
    )
    category = forms.ChoiceField(
        label=_("Content category"),
        choices=[("", "---------"), *Category.choices],
        error_messages={"required": _("Choose the post's content category.")},
    )
