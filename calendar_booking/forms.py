import functools

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.forms.models import fields_for_model, model_to_dict
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Administration, SocialAccount
from helsocial.dates import MomentField
from helsocial.fields import formfield
from helsocial.forms import SingleLineInputsMixin
from helsocial.widgets import QuickSelect

from .models import (
    Booking,
    CalendarFeedToken,
    Category,
    ChannelRule,
    KcAgreement,
    Objective,
    Status,
    Topic,
)
from .rules import BOOKING_FIELDS


class CalendarFilterForm(SingleLineInputsMixin, forms.Form):
    """The calendar's filters. Accounts and förvaltningar are searched by name, never offered as a
    select: AKN sees 3,000 accounts and 300 förvaltningar at the scale the portal is built for."""

    q = forms.CharField(
        required=False,
        max_length=100,
        label=_("Find accounts"),
        help_text=_("Part of an account's name or handle."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # One account, from a link (an account's page, "show only this account"); no select of them all.
    account = forms.ModelChoiceField(SocialAccount.objects.none(), required=False, widget=forms.HiddenInput)
    administration = forms.CharField(
        required=False,
        max_length=100,
        label=_("Administration"),
        help_text=_("Part of the name, or its short name."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(
        choices=[("", _("All")), *Category.choices],
        required=False,
        label=_("Content category"),
        widget=QuickSelect,
    )
    objective = forms.ChoiceField(
        choices=[("", _("All")), *Objective.choices], required=False, label=_("Objective"), widget=QuickSelect
    )

    def __init__(self, *args, accounts=None, administrations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if accounts is not None:
            self.fields["account"].queryset = accounts
        if administrations is None:
            administrations = Administration.objects.none()
        self._administrations = administrations

    def clean_administration(self):
        """The förvaltningar (among those the filter offers) whose name or short name holds the
        words, or the one whose id it is (a link): a queryset, read where the bookings are."""
        text = " ".join(self.cleaned_data["administration"].split())
        if not text:
            return None
        if text.isdecimal() and len(text) < 10:
            return self._administrations.filter(pk=int(text))
        return self._administrations.filter(Q(name__icontains=text) | Q(short_name__iexact=text))

    def values(self) -> dict:
        """The valid filters; a field that does not parse filters nothing."""
        defaults = {"q": "", "account": None, "administration": None, "category": "", "objective": ""}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name, default) for name, default in defaults.items()} | {
            name: data[name] for name in data if name not in defaults
        }


class ListFilterForm(CalendarFilterForm):
    status = forms.ChoiceField(choices=[("", _("All")), *Status.choices], required=False, label=_("Status"))
    # The start page's "Your upcoming bookings" opens the list with this ticked.
    mine = forms.BooleanField(required=False, label=_("Only my bookings"))


# The booking's content fields as the model defines them (labels, choices, lengths, defaults), in a
# plain Form: it parses and shows errors; the booking service checks every rule (rules.py), so the
# form runs none of its own and none of the model's.
BookingContentFields = type(
    "BookingContentFields",
    (SingleLineInputsMixin, forms.Form),
    fields_for_model(
        Booking,
        fields=BOOKING_FIELDS,
        formfield_callback=formfield,
        labels={"target_group": _("Who do we want to reach?")},
        widgets={
            "draft_text": forms.Textarea(attrs={"rows": 6, "aria-describedby": "tone-panel"}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "image_alt_text": forms.Textarea(attrs={"rows": 2}),
            "faq_text": forms.Textarea(attrs={"rows": 4}),
            "objective": forms.RadioSelect,
            "category": QuickSelect,
            "media_type": QuickSelect,
            "ad_starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ad_ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        },
    ),
)


class BookingForm(BookingContentFields):
    """The booking's content. The tone checker reads media_type, objective, link and the confirmations."""

    topics = forms.MultipleChoiceField(
        choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple, label=_("Topics")
    )
    acknowledge_charged = forms.BooleanField(
        required=False,
        label=_(
            "I have read the warning about charged content late before a day off and want to book anyway."
        ),
    )
    # Offered to AKN only (the page shows the box when the access layer says so).
    crisis_override = forms.BooleanField(required=False)

    def __init__(self, *args, administrations=None, booking: Booking | None = None, **kwargs):
        if booking is not None:
            kwargs.setdefault("initial", model_to_dict(booking, fields=BOOKING_FIELDS))
        super().__init__(*args, **kwargs)
        self.fields["target_group"].required = True
        # The label asks the question already: the model's help text would say it twice.
        self.fields["target_group"].help_text = ""
        # No radio chosen until the person chooses (Django would offer and check an empty one).
        self.fields["objective"].choices = Objective.choices
        if administrations is not None:
            field = forms.ModelChoiceField(
                administrations, label=_("Administration"), empty_label=None, widget=QuickSelect
            )
            # Read once, when the page is written (a valid post reads none): a list, so the page's
            # field markup can be kept (templatetags/calendar_fields).
            field.choices = functools.cache(lambda: [(a.pk, str(a)) for a in administrations])
            self.fields["administration"] = field
            self.order_fields(["administration"])
        self.helper = FormHelper()
        self.helper.form_tag = False

    def booking_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in BOOKING_FIELDS}


class SlotForm(SingleLineInputsMixin, forms.Form):
    # Three of these on the form, each offering every bookable account: written in Python.
    account = forms.ModelChoiceField(
        SocialAccount.objects.none(), required=False, label=_("Account"), widget=QuickSelect
    )
    starts_at = MomentField(
        required=False,
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, accounts=None, account_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if accounts is not None:
            self.fields["account"].queryset = accounts
        if account_choices is not None:  # the accounts read once for every row of the form
            self.fields["account"].choices = account_choices

    def clean(self):
        data = super().clean()
        if bool(data.get("account")) != bool(data.get("starts_at")):
            raise forms.ValidationError(_("Choose both an account and a time, or neither."))
        return data


SLOT_ROWS = 3


def slot_forms(data, *, accounts, initial=None) -> list[SlotForm]:
    initial = initial or []
    # The rows' choices read in one query (each row's field would read the accounts again), when
    # the page is written: a valid post reads none. The queryset still checks a chosen account.
    empty_label = SlotForm.base_fields["account"].empty_label

    @functools.cache
    def choices():
        return [("", empty_label), *((a.pk, str(a)) for a in accounts.only("pk", "name", "platform"))]

    return [
        SlotForm(
            data,
            accounts=accounts,
            account_choices=choices,
            prefix=f"slot{i}",
            initial=initial[i] if i < len(initial) else None,
        )
        for i in range(SLOT_ROWS)
    ]


class MoveForm(SingleLineInputsMixin, forms.Form):
    account = forms.ModelChoiceField(SocialAccount.objects.none(), label=_("Account"))
    starts_at = MomentField(
        label=_("New start"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    acknowledge_charged = forms.BooleanField(
        required=False, label=_("I have read the warning and want to move it anyway.")
    )

    def __init__(self, *args, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if accounts is not None:
            self.fields["account"].queryset = accounts
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Move")))


class CancelForm(SingleLineInputsMixin, forms.Form):
    reason = forms.CharField(required=False, max_length=300, label=_("Why (shown in the log)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Cancel the booking"), css_class="btn-danger"))


class ChannelRuleForm(SingleLineInputsMixin, forms.ModelForm):
    class Meta:
        model = ChannelRule
        formfield_callback = formfield
        fields = (
            "slot_minutes",
            "min_gap_minutes",
            "max_posts_per_day",
            "allowed_from",
            "allowed_until",
            "block_late_charged",
        )
        widgets = {
            "allowed_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "allowed_until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))


class KcAgreementForm(SingleLineInputsMixin, forms.ModelForm):
    class Meta:
        model = KcAgreement
        formfield_callback = formfield
        fields = ("administration", "valid_from", "valid_until", "note")
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["administration"].disabled = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))


class FeedCreateForm(SingleLineInputsMixin, forms.Form):
    kind = forms.ChoiceField(choices=CalendarFeedToken.Kind.choices, label=_("Feed"))
    administration = forms.ModelChoiceField(
        Administration.objects.none(), required=False, label=_("Administration")
    )
    account = forms.ModelChoiceField(SocialAccount.objects.none(), required=False, label=_("Account"))

    def __init__(self, *args, administrations=None, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if administrations is not None:
            self.fields["administration"].queryset = administrations
        if accounts is not None:
            self.fields["account"].queryset = accounts
        self.helper = FormHelper()
        self.helper.form_action = reverse_lazy("calendar_booking:feed-create")
        self.helper.add_input(Submit("submit", _("Create the feed")))

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == CalendarFeedToken.Kind.ADMINISTRATION and not data.get("administration"):
            self.add_error("administration", _("Choose the administration."))
        if kind == CalendarFeedToken.Kind.ACCOUNT and not data.get("account"):
            self.add_error("account", _("Choose the account."))
        if kind != CalendarFeedToken.Kind.ADMINISTRATION:
            data["administration"] = None
        if kind != CalendarFeedToken.Kind.ACCOUNT:
            data["account"] = None
        return data
