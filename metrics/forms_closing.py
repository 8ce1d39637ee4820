from django import forms
from django.utils.translation import gettext_lazy as _

from helsocial.dates import DayField
from helsocial.fields import validate_encodable
from helsocial.forms import SingleLineInputsMixin


class AccountCloseForm(SingleLineInputsMixin, forms.Form):
    closed_on = DayField(
        label=_("Closed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(
        label=_("Reason for closing"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_encodable],
    )
