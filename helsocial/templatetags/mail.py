"""Template tags for mail: links that work outside the portal, built from SITE_URL and `reverse`."""

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.simple_tag
def absolute_url(view_name: str, *args, **kwargs) -> str:
    """`{% absolute_url "moderation:comment-detail" comment.pk %}` → https://…/moderation/comments/7/
    (also `… as url`, to use the link inside a `{% blocktranslate %}`)."""
    return settings.SITE_URL + reverse(view_name, args=args or None, kwargs=kwargs or None)
