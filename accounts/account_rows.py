"""The account list's rows, built as data in one pass.

The list shows up to a page of accounts with their editors and a flag for an account without an
active editor. Reading model instances and letting the template ask each one (its editors' manager,
its labels, an include for the flag, a URL tag) cost as much per row as the rest of the page; here
the accounts are read as values, their editors in one query, and every cell is ready for the
template.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import AccountEditor, SocialAccount

# The columns of SocialAccount that a row shows (`.values(*FIELDS)`), in the list's keyset order.
FIELDS = ("id", "name", "platform", "is_citywide", "visibility", "closed_on", "administration__name")
_MARK = 987654321


def account_rows(accounts: list[dict]) -> list[dict]:
    """The rows of `accounts` (dicts of `FIELDS`): one query for the editors of all of them.

    A row is a dict (`pk`, `url`, `name`, `is_closed`, `platform`, `administration`,
    `is_citywide`, `visibility`, `editors`, `has_active_editor`): the template looks a key up in a
    dict at once, where an attribute costs it a failed item lookup first.

    An active editor is one whose person is enabled and logged in within EDITOR_ACTIVE_DAYS, as
    `SocialAccountQuerySet.with_active_editor_flag` says."""
    since = timezone.now() - timedelta(days=settings.EDITOR_ACTIVE_DAYS)
    editors: dict[int, list[str]] = defaultdict(list)
    active: set[int] = set()
    links = AccountEditor.objects.filter(account_id__in=[a["id"] for a in accounts]).values_list(
        "account_id",
        "user__first_name",
        "user__last_name",
        "user__username",
        "user__is_active",
        "user__last_login",
    )  # in the model's order: by the editor's name
    for account_id, first_name, last_name, username, is_active, last_login in links:
        # User.__str__: the full name, else the username.
        editors[account_id].append(f"{first_name} {last_name}".strip() or username)
        if is_active and last_login is not None and last_login >= since:
            active.add(account_id)
    platforms = {value: str(label) for value, label in SocialAccount.Platform.choices}
    visibilities = {value: str(label) for value, label in SocialAccount.Visibility.choices}
    # The detail page's URL, reversed once: "/accounts/<pk>/" with the pk put in per row.
    before, after = reverse("accounts:account-detail", args=[_MARK]).split(str(_MARK))
    return [
        {
            "pk": a["id"],
            "url": f"{before}{a['id']}{after}",
            "name": a["name"],
            "is_closed": a["closed_on"] is not None,
            "platform": platforms.get(a["platform"], a["platform"]),
            "administration": a["administration__name"],
            "is_citywide": a["is_citywide"],
            "visibility": visibilities.get(a["visibility"], a["visibility"]),
            "editors": editors.get(a["id"], ()),
            "has_active_editor": a["id"] in active,
        }
        for a in accounts
    ]
