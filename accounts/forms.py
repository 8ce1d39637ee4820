from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from helsocial.fields import formfield, validate_encodable
from helsocial.forms import SingleLineInputsMixin
from helsocial.widgets import QuickSelect

from .models import Administration, Role, SocialAccount, User


class _CrispyMixin:
    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class LoginForm(SingleLineInputsMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the username's max_length after building the field, so it never checks it; an
        # over-long name reached django-axes, whose failure log (varchar 255) gave a 500.
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))
        # Both reach the database or the password hasher, which cannot encode a lone surrogate.
        for name in ("username", "password"):
            self.fields[name].validators.append(validate_encodable)


class AccountFilterForm(SingleLineInputsMixin, forms.Form):
    administration = forms.ModelChoiceField(
        Administration.objects.all(),
        required=False,
        label=_("Administration"),
        empty_label=_("All"),
        widget=QuickSelect,  # AKN's list offers every förvaltning: hundreds of options
    )
    platform = forms.ChoiceField(
        choices=[("", _("All")), *list(SocialAccount.Platform.choices)], required=False, label=_("Platform")
    )
    scope = forms.ChoiceField(
        choices=[("", _("All")), ("citywide", _("City-wide")), ("own", _("The administration's own"))],
        required=False,
        label=_("City-wide"),
    )
    visibility = forms.ChoiceField(
        choices=[("", _("All")), *list(SocialAccount.Visibility.choices)],
        required=False,
        label=_("Open or closed"),
    )
    editor = forms.ChoiceField(
        choices=[("", _("All")), ("missing", _("Without an active editor"))],
        required=False,
        label=_("Editors"),
    )
    q = forms.CharField(required=False, label=_("Search"), max_length=100)

    def __init__(self, *args, administrations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if administrations is not None:
            self.fields["administration"].queryset = administrations
        # The options as values, read when the select is drawn: AKN's offers every förvaltning,
        # and a model instance per option cost more than the rest of the form.
        field = self.fields["administration"]
        options = field.queryset.values_list("pk", "name")
        field.choices = lambda: [("", field.empty_label), *options]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["administration"]:
            queryset = queryset.filter(administration=data["administration"])
        if data["platform"]:
            queryset = queryset.filter(platform=data["platform"])
        if data["scope"] == "citywide":
            queryset = queryset.filter(is_citywide=True)
        elif data["scope"] == "own":
            queryset = queryset.filter(is_citywide=False)
        if data["visibility"]:
            queryset = queryset.filter(visibility=data["visibility"])
        if data["q"]:
            queryset = queryset.filter(name__icontains=data["q"])
        if data["editor"] == "missing":
            queryset = queryset.without_active_editor()
        return queryset


class SocialAccountForm(SingleLineInputsMixin, _CrispyMixin, forms.ModelForm):
    # Leads edit their förvaltning's accounts but cannot move them or make them city-wide.
    LEAD_FIELDS = (
        "name",
        "handle",
        "url",
        "visibility",
        "purpose",
        "goal",
        "target_group",
        "end_date",
        "end_plan",
    )

    class Meta:
        model = SocialAccount
        formfield_callback = formfield
        fields = (
            "administration",
            "name",
            "platform",
            "handle",
            "url",
            "platform_id",
            "is_citywide",
            "visibility",
            "purpose",
            "goal",
            "target_group",
            "end_date",
            "end_plan",
            "in_register",
        )
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "goal": forms.Textarea(attrs={"rows": 2}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_plan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, full: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not full:
            for name in list(self.fields):
                if name not in self.LEAD_FIELDS:
                    del self.fields[name]


class AdministrationForm(SingleLineInputsMixin, _CrispyMixin, forms.ModelForm):
    class Meta:
        model = Administration
        formfield_callback = formfield
        fields = ("name", "short_name", "email", "phone", "is_active", "requires_approval")


class ProfileForm(SingleLineInputsMixin, _CrispyMixin, forms.ModelForm):
    class Meta:
        model = User
        formfield_callback = formfield
        fields = ("first_name", "last_name", "email", "title", "signoff", "monthly_report_mail")
        labels = {"first_name": _("First name"), "last_name": _("Last name"), "email": _("E-mail")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["title"].required = True
        self.fields["signoff"].widget.attrs["placeholder"] = (
            self.instance.signoff_text() if self.instance.pk else ""
        )


class PersonForm(SingleLineInputsMixin, _CrispyMixin, forms.ModelForm):
    password = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty for a person who signs in with the city's single sign-on only."),
    )

    class Meta:
        model = User
        formfield_callback = formfield
        fields = ("username", "first_name", "last_name", "email", "title", "is_active")
        labels = {
            "username": _("Username"),
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "email": _("E-mail"),
            "is_active": _("Enabled"),
        }
        help_texts = {"username": "", "is_active": _("A disabled person cannot sign in.")}

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if password:
            password_validation.validate_password(password, self.instance)
        return password

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        elif not user.pk:
            user.set_unusable_password()
        if commit:
            user.save()
        return user


class RoleAssignForm(SingleLineInputsMixin, forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label=_("Role"))
    administration = forms.ModelChoiceField(
        Administration.objects.active(), required=False, label=_("Administration")
    )

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role and role not in (Role.AKN, Role.KC) and not data.get("administration"):
            self.add_error("administration", _("This role belongs to an administration: choose one."))
        return data


class EditorAppointForm(SingleLineInputsMixin, forms.Form):
    user = forms.ModelChoiceField(User.objects.none(), label=_("Person"), empty_label=_("Choose a person"))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
