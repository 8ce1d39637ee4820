"""The accounts' own figure of the start page: AKN's count of the city's accounts without an active
editor, kept by accounts/summary.py (it reads every account of the city; a lead's förvaltning is
counted on the page itself)."""

from __future__ import annotations

from datetime import datetime

from django.db.models.signals import post_delete, post_save

from . import summary
from .models import AccountEditor, SocialAccount

WITHOUT_EDITOR = "accounts-without-active-editor"


def accounts_without_editor_in_city(now: datetime) -> int:
    return SocialAccount.objects.without_active_editor().count()


summary.register(WITHOUT_EDITOR, accounts_without_editor_in_city)


def recount_without_editor(sender, **kwargs) -> None:
    """An editor was appointed or removed, or an account changed: the worker counts anew.
    An editor's login makes their accounts active again too; that waits for the next count."""
    summary.recount_soon(WITHOUT_EDITOR)


post_save.connect(recount_without_editor, sender=AccountEditor, dispatch_uid="start-without-editor-save")
post_delete.connect(recount_without_editor, sender=AccountEditor, dispatch_uid="start-without-editor-del")
post_save.connect(recount_without_editor, sender=SocialAccount, dispatch_uid="start-without-editor-account")
