"""The lead's decision on a waiting booking: approve, or reject with a reason."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from helsocial.forms import SingleLineInputsMixin

APPROVE, REJECT = "approve", "reject"


class ApprovalForm(SingleLineInputsMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve the booking")), (REJECT, _("Reject the booking"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to approve or reject the booking.")},
    )
    reason = forms.CharField(
        required=False,
        max_length=300,
        label=_("Reason (required when rejecting; the author gets it by e-mail)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save the decision")))

    def clean(self):
        data = super().clean()
        data["reason"] = (data.get("reason") or "").strip()
        if data.get("decision") == REJECT and not data["reason"]:
            self.add_error("reason", _("Say why the booking is rejected."))
        return data
