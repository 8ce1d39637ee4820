"""Model fields shared by several apps, and the field callback every ModelForm uses."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def _fernet() -> MultiFernet:
    # FIELD_ENCRYPTION_KEY may hold several comma-separated keys: the first encrypts, all decrypt,
    # so a key can be rotated without a migration.
    keys = [key.strip() for key in settings.FIELD_ENCRYPTION_KEY.split(",") if key.strip()]
    return MultiFernet([Fernet(key) for key in keys])


class EncryptedTextField(models.TextField):
    """Text encrypted at rest with Fernet; the database only ever holds the ciphertext."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return _fernet().encrypt(value.encode()).decode()

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        try:
            return _fernet().decrypt(value.encode()).decode()
        except InvalidToken:
            # A key that no longer matches must not crash a page: the token is unusable, say so.
            return ""


def validate_encodable(value: object) -> None:
    """Text the database can store: no lone surrogate (half of a UTF-16 pair), which no encoding
    writes. A browser's form never carries one (Django decodes invalid bytes to U+FFFD), but text
    bound to a form in code may, and a ModelForm puts its text into the queries that check the
    model's constraints."""
    if isinstance(value, str) and any("\ud800" <= c <= "\udfff" for c in value):
        raise ValidationError(
            _("The text contains a broken character that cannot be saved. Type it again."),
            code="surrogate",
        )


def formfield(field, **kwargs):
    """Every ModelForm's `formfield_callback` (Meta.formfield_callback = formfield):

    - text must be encodable (`validate_encodable`): a field error, never a crash in the queries
      that check the model's constraints;
    - a URL typed without a scheme is taken to be https:// (Django 6's default, and the only scheme
      the city's links use);
    - a date or a date and time must lie in the years helsocial.dates handles, so a service never
      meets year 1 or 9999;
    - other fields as usual.

    tests/test_forms_fuzz.py fails on a ModelForm without it.
    """
    from django.db import models

    from .dates import DayField, MomentField

    if isinstance(field, (models.CharField, models.TextField)):
        kwargs["validators"] = [*kwargs.get("validators", ()), validate_encodable]
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    elif isinstance(field, models.DateTimeField):
        kwargs.setdefault("form_class", MomentField)
    elif isinstance(field, models.DateField):
        kwargs.setdefault("form_class", DayField)
    return field.formfield(**kwargs)
