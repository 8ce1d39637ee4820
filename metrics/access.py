"""The metrics floor's access functions, built on the accounts app's access layer."""

from django.http import Http404

from accounts.access import require_akn
from accounts.models import User

from .models import AccountArchive


def access_account_archive(user: User, pk: int) -> AccountArchive:
    """An account's archive copy: AKN's, who closes accounts (403 for every other role)."""
    require_akn(user)
    archive = AccountArchive.objects.select_related("account").filter(pk=pk).first()
    if archive is None:
        raise Http404
    return archive
