"""Forms of the account requests and of the guideline in force."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from helsocial.fields import formfield, validate_encodable
from helsocial.forms import SingleLineInputsMixin

from .models import AccountRequest, GuidelineVersion, User


class AccountRequestForm(SingleLineInputsMixin, forms.ModelForm):
    class Meta:
        model = AccountRequest
        formfield_callback = formfield
        fields = (
            "administration",
            "name",
            "platform",
            "purpose",
            "goal",
            "target_group",
            "editors",
            "answering",
            "posts_per_week",
            "end_date",
        )
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "goal": forms.Textarea(attrs={"rows": 2}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "answering": forms.Textarea(attrs={"rows": 2}),
            "editors": forms.CheckboxSelectMultiple,
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "purpose": _("Why the account is needed, and why the existing accounts are not enough."),
            "goal": _("The goal of the business it serves, which the account helps to reach."),
            "answering": _("Who answers comments and messages, and when (e.g. weekdays 8–17)."),
            "posts_per_week": _("How many posts a week the account will publish."),
            "end_date": _("Leave empty if the account is meant to last."),
        }

    def __init__(self, *args, administrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["administration"].queryset = administrations
        self.fields["administration"].empty_label = None
        # The editors are people of the förvaltningar the applicant applies for.
        self.fields["editors"].queryset = User.objects.filter(
            is_active=True, role_assignments__administration__in=administrations
        ).distinct()
        self.fields["editors"].required = True
        posts = self.fields["posts_per_week"]
        posts.validators.append(MaxValueValidator(100))
        posts.widget.attrs["max"] = 100

    def clean(self):
        data = super().clean()
        administration, editors = data.get("administration"), data.get("editors")
        if administration is not None and editors:
            members = set(
                User.objects.filter(
                    pk__in=[person.pk for person in editors], role_assignments__administration=administration
                ).values_list("pk", flat=True)
            )
            if any(person.pk not in members for person in editors):
                self.add_error("editors", _("The editors must be people of the administration."))
        return data


class AccountRequestDecisionForm(SingleLineInputsMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve: create the account")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_encodable],
        help_text=_("Sent to the applicant. Required when the request is rejected."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the request is rejected."))
        return data


class GuidelineVersionForm(SingleLineInputsMixin, forms.ModelForm):
    class Meta:
        model = GuidelineVersion
        formfield_callback = formfield
        fields = ("title", "in_force_from", "url", "changes")
        widgets = {
            "in_force_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "changes": forms.Textarea(attrs={"rows": 4}),
        }
