from django import forms
from django.utils.translation import gettext_lazy as _

from helsocial.fields import formfield
from helsocial.forms import SingleLineInputsMixin

from .models import ToneSettings, ToneWord

KIND_CHOICES = [
    ("free", _("Free text")),
    ("draft", _("A draft for the publishing calendar")),
    ("reply", _("A reply to a comment")),
]
MEDIA_CHOICES = [
    ("none", _("No media")),
    ("image", _("Image")),
    ("video", _("Video")),
    ("carousel", _("Several images (carousel)")),
    ("link", _("Link with preview")),
]
OBJECTIVE_CHOICES = [
    ("", _("Not chosen")),
    ("inform", _("Inform")),
    ("activate", _("Activate")),
    ("engage", _("Engage")),
]


class CheckForm(SingleLineInputsMixin, forms.Form):
    """The Språkgranskning page. The views read the posted values with panel.read_request, which
    never fails; this form renders the fields with the names the panel endpoint reads."""

    text = forms.CharField(
        label=_("Text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "aria-describedby": "tone-panel"}),
    )
    kind = forms.ChoiceField(
        label=_("Where will the text be published?"), choices=KIND_CHOICES, required=False
    )
    media_type = forms.ChoiceField(label=_("Media"), choices=MEDIA_CHOICES, required=False)
    objective = forms.ChoiceField(label=_("Objective"), choices=OBJECTIVE_CHOICES, required=False)
    link = forms.CharField(label=_("Link"), required=False, max_length=2000)
    image_alt_text = forms.CharField(
        label=_("Alternative text for the image"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    captions_confirmed = forms.BooleanField(label=_("The video is captioned"), required=False)
    rights_confirmed = forms.BooleanField(
        label=_("The city has the rights to the images or video"), required=False
    )
    consent_confirmed = forms.BooleanField(label=_("The people shown have agreed"), required=False)


class ToneWordForm(SingleLineInputsMixin, forms.ModelForm):
    class Meta:
        model = ToneWord
        formfield_callback = formfield
        fields = ("text", "note")


class ToneSettingsForm(SingleLineInputsMixin, forms.ModelForm):
    class Meta:
        model = ToneSettings
        formfield_callback = formfield
        fields = ("max_sentence_words", "lix_info_from", "lix_warning_from")
