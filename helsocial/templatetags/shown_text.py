"""`{{ comment.text|visible }}` and `{{ comment.author_name|bdi }}`: platform text shown safely
(helsocial/shown_text.py). Both escape; `bdi` also isolates the text from the words around it."""

from django import template

from helsocial.shown_text import bdi as _bdi
from helsocial.shown_text import visible as _visible

register = template.Library()


@register.filter
def visible(value) -> str:
    """The text with its invisible and direction-changing characters written out (still escaped by
    the template: use it where markup cannot go, in an attribute or an <option>)."""
    return _visible(value)


@register.filter
def bdi(value):
    """The text, characters written out, escaped and isolated in <bdi>."""
    return _bdi(value)
