"""Forms of AKN's pattern page. They validate shape; `moderation.patterns` checks the pattern language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from helsocial.forms import SingleLineInputsMixin

from .forms import BootstrapMixin
from .models import Label
from .patterns import TRIAL_MOST
from .triage import GROUP_NAME_RE


class TriagePatternForm(SingleLineInputsMixin, BootstrapMixin, forms.Form):
    label = forms.ChoiceField(label=_("Label"), choices=Label.choices)
    name = forms.CharField(label=_("What it catches"), max_length=120)
    pattern = forms.CharField(
        label=_("Pattern"),
        max_length=500,
        help_text=_(
            "Words in order: {group} any word of a group, word every form, =word this form only, "
            "word* every word that starts so, (a|b) either. ..3 allows up to three words between, "
            "~3 the same in either order. *word every word that ends so (compounds). !{negation} drops "
            "a match with such a word just before or in it; !!word one with the word anywhere in the "
            "sentence; !? one in a question. &{group} needs such a word anywhere in the comment."
        ),
    )


class PatternTryForm(SingleLineInputsMixin, BootstrapMixin, forms.Form):
    label = forms.ChoiceField(label=_("Label"), choices=Label.choices)
    pattern = forms.CharField(label=_("Pattern"), max_length=500)
    last = forms.IntegerField(label=_("Latest comments"), min_value=1, max_value=TRIAL_MOST, initial=500)


class TriageWordGroupForm(SingleLineInputsMixin, BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=40)
    words = forms.CharField(
        label=_("Words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separated by commas: word, =word, word* or {another group}."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip().casefold()
        if not GROUP_NAME_RE.match(name):
            raise forms.ValidationError(
                _("A name is one word of letters, digits and _, starting with a letter.")
            )
        return name
