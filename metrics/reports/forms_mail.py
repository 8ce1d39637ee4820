"""AKN's form for an extra recipient of a förvaltning's monthly report (a shared mailbox)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Administration
from helsocial.fields import formfield
from helsocial.forms import SingleLineInputsMixin

from ..models import ReportRecipient


class ReportRecipientForm(SingleLineInputsMixin, forms.ModelForm):
    class Meta:
        model = ReportRecipient
        formfield_callback = formfield
        fields = ("administration", "email")
        labels = {"administration": _("Report"), "email": _("E-mail address")}
        help_texts = {
            "administration": _(
                "The administration whose report the address gets; empty: the city's report."
            ),
            "email": _("For example the administration's shared communications mailbox."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["administration"]
        field.queryset = Administration.objects.active()
        field.required = False
        field.empty_label = _("The City of Helsingborg (AKN's report)")
        self.helper = FormHelper()
        self.helper.form_action = "report_mail:recipient-add"
        self.helper.add_input(Submit("submit", _("Add the recipient")))

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
