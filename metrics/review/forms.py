"""The review page's filters, AKN's thresholds per platform and the annual decision."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Administration, SocialAccount
from helsocial.dates import DayField
from helsocial.fields import formfield
from helsocial.forms import SingleLineInputsMixin
from helsocial.widgets import QuickSelect

from .models import ReviewDecision, ReviewThresholds, State

STATE_CHOICES = [("", _("All")), *State.choices]
SORTS = {"worst": ("-severity", "account__name", "account_id"), "name": ("account__name", "account_id")}


class ReviewFilterForm(SingleLineInputsMixin, forms.Form):
    administration = forms.ModelChoiceField(
        Administration.objects.all(), required=False, label=_("Administration"), empty_label=_("All"),
        widget=QuickSelect,
    )  # fmt: skip
    platform = forms.ChoiceField(
        choices=[("", _("All")), *SocialAccount.Platform.choices], required=False, label=_("Platform")
    )
    active = forms.ChoiceField(
        choices=STATE_CHOICES, required=False, label=pgettext_lazy("criterion", "Active")
    )
    effective = forms.ChoiceField(
        choices=STATE_CHOICES, required=False, label=pgettext_lazy("criterion", "Effective")
    )
    longterm = forms.ChoiceField(
        choices=STATE_CHOICES, required=False, label=pgettext_lazy("criterion", "Long-term")
    )
    due = forms.BooleanField(required=False, label=_("Due for the annual review"))
    sort = forms.ChoiceField(
        choices=[("worst", _("Most red first")), ("name", _("Name"))], required=False, label=_("Sort")
    )

    def __init__(self, *args, administrations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if administrations is not None:
            self.fields["administration"].queryset = administrations

    def order(self) -> tuple[str, ...]:
        sort = self.cleaned_data.get("sort") if self.is_valid() else ""
        return SORTS.get(sort or "worst", SORTS["worst"])

    def filter(self, rows, *, today):
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        if data["administration"]:
            rows = rows.filter(account__administration=data["administration"])
        if data["platform"]:
            rows = rows.filter(account__platform=data["platform"])
        for name in ("active", "effective", "longterm"):
            if data[name]:
                rows = rows.filter(**{name: data[name]})
        if data["due"]:
            rows = rows.filter(Q(next_review_on__isnull=True) | Q(next_review_on__lte=today))
        return rows


class ThresholdsForm(SingleLineInputsMixin, forms.ModelForm):
    class Meta:
        model = ReviewThresholds
        formfield_callback = formfield
        fields = (
            "posts_per_week_green",
            "posts_per_week_amber",
            "days_since_post_green",
            "days_since_post_amber",
            "answered_share_green",
            "answered_share_amber",
            "overdue_amber_max",
            "booked_share_green",
            "booked_share_amber",
            "engagement_vs_median_green",
            "engagement_vs_median_amber",
            "engagement_drop_amber",
            "follower_loss_red",
            "followers_vs_citywide_green",
            "followers_vs_citywide_amber",
        )


class DecisionForm(SingleLineInputsMixin, forms.ModelForm):
    next_review_on = DayField(
        label=_("Next review"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    class Meta:
        model = ReviewDecision
        formfield_callback = formfield
        fields = ("decision", "note", "next_review_on")
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("next_review_on", timezone.localdate() + timedelta(days=365))

    def clean_next_review_on(self):
        day = self.cleaned_data["next_review_on"]
        if day <= timezone.localdate():
            raise forms.ValidationError(_("The next review must be a day after today."), code="past")
        return day
