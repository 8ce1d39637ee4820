"""The review page's filters, AKN's thresholds per platform and the annual decision."""

from __future__ import annotations

import html
from datetime import timedelta

from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Administration, SocialAccount
from helsocial.dates import DayField
from helsocial.fields import formfield
from helsocial.forms import SingleLineInputsMixin
from helsocial.shown_text import visible

from .models import ReviewDecision, ReviewThresholds, State

STATE_CHOICES = [("", _("All")), *State.choices]
# The stored name of the day (ReviewState.account_name): each order is an index of the day's rows.
SORTS = {"worst": ("-severity", "account_name", "account_id"), "name": ("account_name", "account_id")}


class FlatSelect(forms.Select):
    """A select of plain (value, label) choices written in one pass: the HTML of Django's templates
    and of QuickSelect, without building an option dict per choice (AKN's filter offers all 300
    förvaltningar on every page and htmx refresh)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        # The standard library's escape, which django.utils.html.escape calls (without its check of
        # every argument for a lazy string: the labels are made str here).
        options = "".join(
            '\n  <option value="{}"{}>{}</option>\n'.format(
                html.escape(key), " selected" if key in chosen else "", html.escape(visible(label))
            )
            for key, label in ((str(k), lbl) for k, lbl in self.choices)
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            mark_safe(flatatt(self.build_attrs(self.attrs, attrs))),  # noqa: S308 - flatatt escapes
            mark_safe(options),  # noqa: S308 - every value and label escaped above
        )


def _styled(form: forms.Form) -> None:
    """Bootstrap's classes on the widgets, so the template writes each field with its label."""
    for field in form.fields.values():
        css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-select"
        field.widget.attrs.setdefault("class", css)


class ReviewFilterForm(SingleLineInputsMixin, forms.Form):
    # (id, name) pairs of one query, not model instances: AKN's select lists every förvaltning.
    administration = forms.TypedChoiceField(
        required=False, label=_("Administration"), coerce=int, empty_value=None, widget=FlatSelect
    )
    platform = forms.ChoiceField(
        choices=[("", _("All")), *SocialAccount.Platform.choices], required=False, label=_("Platform"),
        widget=FlatSelect,
    )  # fmt: skip
    active = forms.ChoiceField(
        choices=STATE_CHOICES, required=False, label=pgettext_lazy("criterion", "Active"), widget=FlatSelect
    )
    effective = forms.ChoiceField(
        choices=STATE_CHOICES, required=False, label=pgettext_lazy("criterion", "Effective"),
        widget=FlatSelect,
    )  # fmt: skip
    longterm = forms.ChoiceField(
        choices=STATE_CHOICES, required=False, label=pgettext_lazy("criterion", "Long-term"),
        widget=FlatSelect,
    )  # fmt: skip
    due = forms.BooleanField(required=False, label=_("Due for the annual review"))
    sort = forms.ChoiceField(
        choices=[("worst", _("Most red first")), ("name", _("Name"))], required=False, label=_("Sort"),
        widget=FlatSelect,
    )  # fmt: skip

    def __init__(self, *args, administrations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if administrations is None:
            administrations = Administration.objects.all()
        self.fields["administration"].choices = [
            ("", _("All")),
            *administrations.order_by("name").values_list("pk", "name"),
        ]
        _styled(self)

    def order(self) -> tuple[str, ...]:
        sort = self.cleaned_data.get("sort") if self.is_valid() else ""
        return SORTS.get(sort or "worst", SORTS["worst"])

    def filter(self, rows, *, today):
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        if data["administration"]:
            rows = rows.filter(administration=data["administration"])
        if data["platform"]:
            rows = rows.filter(platform=data["platform"])
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
