"""The main menu of every page, from the user's roles, and the footer's guideline."""

import contextlib
import logging
import time

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from .access import roles_of
from .models import Role

logger = logging.getLogger(__name__)


def _menu(label: str, links: list[dict]) -> dict | None:
    """A menu of `links`; one link on its own is no menu, and none is nothing."""
    if not links:
        return None
    if len(links) == 1:
        return links[0]
    return {"label": label, "children": links}


def _navigation(request) -> list[dict]:
    """The main menu: only what the user's roles let them do (views still check every request)."""
    user = request.user
    if not user.is_authenticated:
        return []
    rs = roles_of(user)
    items = [{"label": _("Start"), "url": reverse("home")}]
    # Grouped so that the bar fits a 1280 px screen whatever the roles: the accounts, the work, the
    # follow-up and (AKN's) the administration, each a menu where it holds more than one page.
    accounts = []
    if rs.edited_account_ids:
        accounts.append({"label": _("My accounts"), "url": reverse("accounts:account-mine")})
    if rs.is_anyone:
        accounts.append({"label": _("All accounts"), "url": reverse("accounts:account-list")})
    if rs.is_akn or rs.has(Role.LEAD) or rs.has(Role.COMMUNICATOR):
        accounts.append({"label": _("Requests for new accounts"), "url": reverse("accounts:request-list")})
    items.append(_menu(_("Accounts"), accounts))
    if rs.is_anyone:
        items.append({"label": _("Publishing calendar"), "url": reverse("calendar_booking:calendar-index")})
    if rs.is_akn or rs.is_kc or rs.has(Role.LEAD) or rs.has(Role.EDITOR):
        items.append({"label": _("Comments"), "url": reverse("moderation:queue-home")})
    if rs.is_anyone:
        items.append({"label": _("Language check"), "url": reverse("tone:check")})
    # The follow-up pages are the metrics and moderation floors'; URL names here, not imports.
    follow_up = []
    if rs.is_akn or rs.has(Role.LEAD) or rs.edited_account_ids:
        follow_up.append({"label": _("Monthly report"), "url": reverse("metrics:reports-home")})
    if rs.is_akn or rs.is_kc or rs.has(Role.LEAD):
        follow_up.append({"label": _("Answer times"), "url": reverse("metrics:answer-times-home")})
    if rs.is_akn or rs.has(Role.LEAD):
        follow_up.append({"label": _("Account review"), "url": reverse("metrics:review")})
    if rs.is_akn or rs.is_kc or rs.has(Role.LEAD):
        # The moderation log and its export, for public-records requests (moderation/views_log.py).
        follow_up.append({"label": _("Moderation log"), "url": reverse("moderation:moderation-log")})
    items.append(_menu(_("Follow-up"), follow_up))
    if rs.is_akn:
        # AKN's settings and watch lists in one menu, so the bar fits a 1280 px screen.
        items.append(
            {
                "label": _("Administer"),
                "children": [
                    {"label": _("Administrations"), "url": reverse("accounts:administration-list")},
                    {"label": _("People"), "url": reverse("accounts:person-list")},
                    {"label": _("Triage rules"), "url": reverse("moderation:triage-lists")},
                    {"label": _("Webhook errors"), "url": reverse("moderation:webhook-deliveries")},
                    {"label": _("Automatic hiding"), "url": reverse("moderation:auto-hide-accounts")},
                    {"label": _("E-mail that could not be sent"), "url": reverse("accounts:mail-failed")},
                    {"label": _("The guideline in force"), "url": reverse("accounts:guideline")},
                    {"label": _("The public account register"), "url": reverse("accounts:register")},
                    {"label": _("Monthly report mail"), "url": reverse("report_mail:page")},
                ],
            }
        )
    items = [item for item in items if item]
    # The current page is the link whose address is the longest prefix of the path ("/accounts/mine/"
    # is "My accounts", not also "Accounts"); a menu holding it is marked too.
    links = [link for item in items for link in item.get("children", [item])]
    path = request.path
    matches = [
        link for link in links if path == link["url"] or (link["url"] != "/" and path.startswith(link["url"]))
    ]
    current = max(matches, key=lambda link: len(link["url"]), default=None)
    for link in links:
        link["current"] = link is current
    for item in items:
        if "children" in item:
            item["current"] = any(child["current"] for child in item["children"])
    return items


def navigation(request):
    return {"nav_items": SimpleLazyObject(lambda: _navigation(request))}


# The footer's guideline, kept in this process for a minute and in the shared cache for the day:
# every page shows it, and a query per page for a row that changes twice a year would be the floor's
# cost. After the minute a process asks the cache, not the database, so a page's count of queries
# does not depend on the moment it is served. Saving or deleting a version forgets both at once
# (accounts/apps.py); other processes see the change within the minute.
FOOTER_SECONDS = 60.0
_footer: dict = {}


def _footer_key(day) -> str:
    return f"guideline-footer:{day.isoformat()}"


def forget_guideline_footer(**_kwargs) -> None:
    _footer.clear()
    try:
        cache.delete(_footer_key(timezone.localdate()))
    except (RedisError, OSError) as exc:  # the cache's copy is a day's at most: it goes out by itself
        logger.warning("footer: the cache is unreachable, its guideline is forgotten in a day: %s", exc)


def remember_guideline_footer(value) -> None:
    """Keep `value` as the footer's guideline (the tests start each database with none)."""
    _footer["entry"] = (timezone.localdate(), time.monotonic(), value)


def _guideline_for_footer():
    from .models import GuidelineVersion

    today, now = timezone.localdate(), time.monotonic()
    entry = _footer.get("entry")
    if entry is not None and entry[0] == today and now - entry[1] < FOOTER_SECONDS:
        return entry[2]
    try:
        value = cache.get(_footer_key(today))
    except (RedisError, OSError):  # pages keep working while the cache is down
        value = None
    if value is None:
        value = GuidelineVersion.objects.in_force() or ""
        with contextlib.suppress(RedisError, OSError):
            cache.set(_footer_key(today), value, 24 * 3600)
    _footer["entry"] = (today, now, value)
    return value


def guideline_in_force(request):
    """The version of "Riktlinjer för sociala medier" in force, for the footer of every page."""
    # Pages without a login (the login page, the public register) keep the plain footer: they read
    # nothing from the database for it.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"guideline_in_force": ""}
    return {"guideline_in_force": SimpleLazyObject(_guideline_for_footer)}
