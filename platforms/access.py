"""The access layer for what the platforms app mirrors (built on accounts/access.py)."""

from __future__ import annotations

from django.http import Http404

from accounts.access import accounts_visible_to
from accounts.models import User

from .models import PlatformPost


def access_post(user: User, pk: int) -> PlatformPost:
    """A post of an account the user may see, with its account; another förvaltning's post is a 404."""
    post = (
        PlatformPost.objects.select_related("account")
        .filter(pk=pk, account__in=accounts_visible_to(user))
        .first()
    )
    if post is None:
        raise Http404
    return post
