"""Model fields shared by several apps."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


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


def formfield(field, **kwargs):
    """Every ModelForm's `formfield_callback` (Meta.formfield_callback = formfield):

    - a URL typed without a scheme is taken to be https:// (Django 6's default, and the only scheme
      the city's links use);
    - a date or a date and time must lie in the years helsocial.dates handles, so a service never
      meets year 1 or 9999 (tests/test_forms_fuzz.py checks every form's date fields);
    - other fields as usual.
    """
    from django.db import models

    from .dates import DayField, MomentField

    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    elif isinstance(field, models.DateTimeField):
        kwargs.setdefault("form_class", MomentField)
    elif isinstance(field, models.DateField):
        kwargs.setdefault("form_class", DayField)
    return field.formfield(**kwargs)
