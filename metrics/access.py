"""The metrics app's access functions (built on accounts/access.py and platforms/access.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import require_akn, roles_of
from accounts.models import Role, User
from platforms.access import access_post
from platforms.models import PlatformPost

from .models import AccountArchive


def can_tag_post(user: User, post: PlatformPost) -> bool:
    """Who gives a post its objective and category afterwards: the account's editors, the lead of
    its förvaltning and AKN (answered from the roles already read, no query)."""
    rs = roles_of(user)
    return (
        rs.is_akn
        or post.account_id in rs.edited_account_ids
        or rs.has(Role.LEAD, post.account.administration_id)
    )


def access_post_to_tag(user: User, pk: int) -> PlatformPost:
    """The post, if the user sees its account (else 404) and may tag it (else 403)."""
    post = access_post(user, pk)
    if not can_tag_post(user, post):
        raise PermissionDenied
    return post


def access_account_archive(user: User, pk: int) -> AccountArchive:
    """An account's archive copy: AKN's, who closes accounts (403 for every other role)."""
    require_akn(user)
    archive = AccountArchive.objects.select_related("account").filter(pk=pk).first()
    if archive is None:
        raise Http404
    return archive
