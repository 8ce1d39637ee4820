"""`{{ form.field|field_html }}`: a field as crispy-forms writes it, written once per process.

crispy's bootstrap5 field template costs about a millisecond a field (a few hundred template nodes),
and the booking form has some twenty fields: most of its page's time. What it writes depends only on
the field's definition, its value and its choices, which are the same for every empty form; so the
markup is kept, keyed by all of those, and a field with errors is always written afresh. Choices read
from the database (a queryset) are not kept: the view gives the field a list (or a function that
returns one) when it wants it kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import template
from django.forms import BoundField
from django.utils import translation
from django.utils.choices import CallableChoiceIterator

register = template.Library()

# Entries kept: values a person typed (a search) make new ones; the oldest go first.
CACHE_SIZE = 512
# A longer list of choices is written each time: its markup is too large to keep many of.
MAX_CHOICES = 200

_cache: OrderedDict[tuple, str] = OrderedDict()
_lock = threading.Lock()


def _choices_key(widget) -> tuple | None:
    choices = getattr(widget, "choices", None)
    if choices is None:
        return ()
    if isinstance(choices, CallableChoiceIterator):  # the view's list, read when first written
        choices = list(choices)
    if not isinstance(choices, (list, tuple)) or len(choices) > MAX_CHOICES:
        return None  # a queryset's (read on each render) or too many
    return tuple((str(value), str(label)) for value, label in choices)


def _key(field: BoundField) -> tuple | None:
    form = field.form
    if form.is_bound and field.errors:
        return None
    choices = _choices_key(field.field.widget)
    if choices is None:
        return None
    widget = field.field.widget
    return (
        translation.get_language(),
        type(form),
        type(field.field),
        type(widget),
        field.html_name,
        field.auto_id,
        form.is_bound,
        repr(field.value()),
        field.field.required,
        field.field.disabled,
        str(field.label),
        str(field.help_text),
        tuple(sorted((name, str(value)) for name, value in widget.attrs.items())),
        choices,
    )


@register.filter
def field_html(field: BoundField) -> str:
    key = _key(field)
    if key is None:
        return as_crispy_field(field)
    with _lock:
        html = _cache.get(key)
        if html is not None:
            _cache.move_to_end(key)
            return html
    html = as_crispy_field(field)
    with _lock:
        _cache[key] = html
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return html
