from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from accounts.models import Administration
from helsocial.fields import formfield
from helsocial.forms import SingleLineInputsMixin
from helsocial.widgets import QuickSelect

from .models import Comment, Label, SavedReply, SuggestedAction, TriageDomain, TriageRule, TriageTerm


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields one by one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class QueueFilterForm(SingleLineInputsMixin, BootstrapMixin, forms.Form):
    label = forms.ChoiceField(
        label=_("Label"),
        required=False,
        choices=[("", _("All labels")), *Label.choices],
        widget=QuickSelect,
    )
    # Mentions of the city (LinkedIn) are found by their kind: they are no label of the triage.
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Comment.Kind.choices],
        widget=QuickSelect,
    )
    account = forms.TypedChoiceField(
        label=_("Account"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open")), *Comment.Status.choices[1:]],
        widget=QuickSelect,
    )

    def __init__(self, *args, accounts=(), account_choices=None, **kwargs):
        """`accounts` (objects), or `account_choices` as (pk, name) pairs: the accounts to filter by."""
        super().__init__(*args, **kwargs)
        if account_choices is None:
            account_choices = [(a.pk, str(a)) for a in accounts]
        self.fields["account"].choices = [("", _("All accounts")), *account_choices]
        self._style()

    def filter(self, rows):
        if not self.is_bound or not self.is_valid():
            return rows.open()
        data = self.cleaned_data
        rows = rows.filter(status=data["status"]) if data["status"] else rows.open()
        if data["label"]:
            rows = rows.with_label(data["label"])
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["account"]:
            rows = rows.filter(account_id=data["account"])
        return rows


class NoteForm(SingleLineInputsMixin, BootstrapMixin, forms.Form):
    text = forms.CharField(
        label=_("Internal note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ForwardForm(SingleLineInputsMixin, BootstrapMixin, forms.Form):
    administration = forms.ModelChoiceField(label=_("Forward to"), queryset=Administration.objects.active())
    note = forms.CharField(
        label=_("Note to the administration"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReturnForm(SingleLineInputsMixin, BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("Why it goes back"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class TriageTermForm(SingleLineInputsMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = TriageTerm
        formfield_callback = formfield
        fields = ["label", "term", "match"]
        help_texts = {"term": _("A word or phrase. Start with ^ to match only at the start of a sentence.")}
        # The same words as services.triage_term_add, which decides when two add it at once.
        error_messages = {NON_FIELD_ERRORS: {"unique_together": _("The label already has this word.")}}

    def clean_term(self):
        term = " ".join(self.cleaned_data["term"].split())
        if not term.lstrip("^"):
            raise forms.ValidationError(_("Write a word or phrase."))
        return term


class TriageDomainForm(SingleLineInputsMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = TriageDomain
        formfield_callback = formfield
        fields = ["domain", "kind", "note"]
        error_messages = {"domain": {"unique": _("The domain is already on the list.")}}

    def clean_domain(self):
        domain = self.cleaned_data["domain"].strip().lower()
        for prefix in ("https://", "http://", "www."):
            domain = domain.removeprefix(prefix)
        domain = domain.split("/", 1)[0]
        if "." not in domain or " " in domain:
            raise forms.ValidationError(_("Write a domain such as example.se."))
        return domain


class TriageRuleForm(SingleLineInputsMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = TriageRule
        formfield_callback = formfield
        fields = ["action", "is_enabled"]


class TriageTryForm(SingleLineInputsMixin, BootstrapMixin, forms.Form):
    add_label = forms.ChoiceField(
        label=_("Add a word to the label"), required=False, choices=[("", "–"), *Label.choices]
    )
    add_term = forms.CharField(label=_("Word or phrase"), required=False, max_length=200)
    add_match = forms.ChoiceField(
        label=_("Matching"), choices=TriageTerm.Match.choices, initial=TriageTerm.Match.STEM
    )
    remove_term = forms.ModelChoiceField(
        label=_("Remove a word"), required=False, queryset=TriageTerm.objects.all()
    )
    block_domain = forms.CharField(label=_("Block a domain"), required=False, max_length=253)
    action_label = forms.ChoiceField(
        label=_("Change the action of"), required=False, choices=[("", "–"), *Label.choices]
    )
    action = forms.ChoiceField(label=_("to"), required=False, choices=[("", "–"), *SuggestedAction.choices])
    last = forms.IntegerField(label=_("Try on the last comments"), min_value=1, max_value=5000, initial=500)

    def clean(self):
        data = super().clean()
        if data.get("add_term") and not data.get("add_label"):
            self.add_error("add_label", _("Choose the label the word gives."))
        return data


class SavedReplyForm(SingleLineInputsMixin, forms.ModelForm):
    """`administrations`: the förvaltningar the person writes saved replies for; `citywide`: whether
    they may write the whole city's (both from moderation/access.py)."""

    class Meta:
        model = SavedReply
        formfield_callback = formfield
        fields = ["administration", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, administrations, citywide: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["administration"]
        field.queryset = administrations
        if citywide:
            field.empty_label = _("The whole city")
        else:
            field.required = True  # only AKN writes the city-wide ones
            field.empty_label = None
        for name in ("title", "text"):
            self.fields[name].widget.attrs["class"] = "form-control"
        field.widget.attrs["class"] = "form-select"
