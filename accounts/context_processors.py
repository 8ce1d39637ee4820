"""The main menu of every page, from the user's roles."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .access import roles_of
from .models import Role


def _navigation(request) -> list[dict]:
    """The main menu: only what the user's roles let them do (views still check every request)."""
    user = request.user
    if not user.is_authenticated:
        return []
    rs = roles_of(user)
    items = [{"label": _("Start"), "url": reverse("home")}]
    if rs.edited_account_ids:
        items.append({"label": _("My accounts"), "url": reverse("accounts:account-mine")})
    if rs.is_anyone:
        items.append({"label": _("Accounts"), "url": reverse("accounts:account-list")})
        items.append({"label": _("Publishing calendar"), "url": reverse("calendar_booking:calendar-index")})
        items.append({"label": _("Language check"), "url": reverse("tone:check")})
    if rs.is_akn or rs.is_kc or rs.has(Role.LEAD) or rs.has(Role.EDITOR):
        items.append({"label": _("Comments"), "url": reverse("moderation:queue-home")})
    if rs.is_akn:
        items.append({"label": _("Triage rules"), "url": reverse("moderation:triage-lists")})
        items.append({"label": _("Webhook errors"), "url": reverse("moderation:webhook-deliveries")})
        items.append({"label": _("Administrations"), "url": reverse("accounts:administration-list")})
        items.append({"label": _("People"), "url": reverse("accounts:person-list")})
    # The current page is the item whose address is the longest prefix of the path ("/accounts/mine/"
    # is "My accounts", not also "Accounts").
    path = request.path
    matches = [
        item for item in items if path == item["url"] or (item["url"] != "/" and path.startswith(item["url"]))
    ]
    current = max(matches, key=lambda item: len(item["url"]), default=None)
    for item in items:
        item["current"] = item is current
    return items


def navigation(request):
    return {"nav_items": SimpleLazyObject(lambda: _navigation(request))}
