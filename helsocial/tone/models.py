"""The word lists and thresholds of the tone checker, as data AKN edits (see ``checker.py``).

One table holds every list (``ToneWord.kind``): the checker reads them as one ``ToneLists`` built by
``selectors.tone_lists()``; writes go through ``services.py``, which tells every process at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class ToneWord(models.Model):
    class Kind(models.TextChoices):
        ABBREVIATION = "abbreviation", _("Abbreviations")
        ACRONYM = "acronym", _("Allowed acronyms")
        SLANG = "slang", _("Slang and internal words")
        EMOJI = "emoji", _("Easily misread emojis")
        CALL_TO_ACTION = "call_to_action", _("Calls to action")
        PERSONAL_DATA = "personal_data", _("The city's own contact details")

    kind = models.CharField(max_length=20, choices=Kind)
    text = models.CharField(_("word, phrase or emoji"), max_length=200)
    # The suggestion (abbreviations, slang), the reason (emojis) or a description (contact details).
    note = models.CharField(_("suggestion or reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind", "text"]
        constraints = [
            # The checker matches every list case-insensitively: "T.ex." and "t.ex." are one entry.
            models.UniqueConstraint(
                "kind",
                Lower("text"),
                name="tone_word_once_per_kind",
                violation_error_message=_("The word is already on this list."),
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="tone_word_not_empty",
                violation_error_message=_("Write a word, phrase or emoji."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"


class ToneSettings(models.Model):
    """One row (pk 1): the thresholds of the klarspråk rules."""

    max_sentence_words = models.PositiveSmallIntegerField(_("most words in a sentence"), default=25)
    lix_info_from = models.DecimalField(_("LIX noted from"), max_digits=4, decimal_places=1, default=40)
    lix_warning_from = models.DecimalField(_("LIX warned from"), max_digits=4, decimal_places=1, default=50)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "tone settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pk=1),
                name="tone_settings_single_row",
                violation_error_message=_("There is only one set of language check settings."),
            ),
            models.CheckConstraint(
                condition=models.Q(max_sentence_words__gte=5),
                name="tone_settings_sentence_min",
                violation_error_message=_("A sentence limit must be at least 5 words."),
            ),
            models.CheckConstraint(
                condition=models.Q(lix_info_from__lte=models.F("lix_warning_from")),
                name="tone_settings_lix_order",
                violation_error_message=_(
                    "The LIX value for a note must not be higher than the one for a warning."
                ),
            ),
        ]

    def __str__(self) -> str:
        return "tone settings"
