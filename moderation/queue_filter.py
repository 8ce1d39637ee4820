"""The queues' filter: KC's accounts kept in the shared cache, the rendered fields in the process.

The queue refreshes itself every few seconds for everyone who has it open, and performance bar 6
(quality.md) measures it under load. Its account filter offers the accounts whose comments can be
in KC's queue (`placement.kc_accounts`: the city-wide ones and those of förvaltningar with an
agreement in force) that the person may see: a query per view, and a queryset to build, for a list
that changes when an account or an agreement does. The list is kept in the cache, one per day (an
agreement comes into force or ends with the day), and forgotten when an account or an agreement is
saved or deleted (moderation/apps.py), at once and again after the commit, so that no page fills it
from the old rows in between. Each page then keeps what its person may see (`account_visible`, the
rule of `accounts_visible_to`) and names each account in the active language, as `str(account)`.

Each process also keeps its copy for LOCAL_SECONDS: on a busy machine one cache round trip per page
was most of what the list cost (the cache's answer waits for a core like the database's does). The
process that made a change forgets its copy at once; the others see it within those seconds — an
open queue page keeps the filter it was loaded with far longer, since its refresh renews the rows.

Only changes through the models are seen: a queryset `.update()` of an account's name, platform,
city-wide flag or förvaltning, or of an agreement, must call `forget_kc_accounts()`. The kept list
lives an hour at most, so that nothing it misses outlasts that.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from redis.exceptions import RedisError

from accounts.access import account_visible, roles_of
from accounts.models import SocialAccount, User

from .forms import QueueFilterForm
from .placement import kc_accounts

logger = logging.getLogger(__name__)

KEPT_SECONDS = 3600
LOCAL_SECONDS = 10.0
_FIELDS = ("pk", "name", "platform", "is_citywide", "administration_id")
# This process's copy: (day, time.monotonic() when read, rows).
_local: dict[str, tuple] = {}


def _key(day) -> str:
    return f"moderation:kc-filter-accounts:{day.isoformat()}"


def _read() -> list[tuple]:
    return list(kc_accounts().order_by("name", "platform").values_list(*_FIELDS))


def _kc_accounts_kept() -> list[tuple]:
    """(pk, name, platform, is_citywide, administration_id) of every account of KC's filter, by
    name and platform: from this process's copy, else the cache, else read and kept."""
    day, now = timezone.localdate(), time.monotonic()
    entry = _local.get("entry")
    if entry is not None and entry[0] == day and now - entry[1] < LOCAL_SECONDS:
        return entry[2]
    key = _key(day)
    try:
        rows = cache.get(key)
    except (RedisError, OSError) as exc:  # the page works without the cache, with its query
        logger.warning("queue filter: the cache is unreachable, the accounts are read: %s", exc)
        return _read()
    if rows is None:
        rows = _read()
        try:
            cache.set(key, rows, KEPT_SECONDS)
        except (RedisError, OSError) as exc:
            logger.warning("queue filter: the cache is unreachable, the accounts are not kept: %s", exc)
            return rows
    _local["entry"] = (day, now, rows)
    return rows


def kc_filter_accounts(user: User) -> list[tuple[int, str]]:
    """The KC queue filter's choices for `user`: (pk, "name (platform)") of the accounts whose
    comments can be in KC's queue and that the user may see, by name and platform."""
    rs = roles_of(user)
    platforms = {code: str(name) for code, name in SocialAccount.Platform.choices}
    return [
        (pk, f"{name} ({platforms.get(platform, platform)})")
        for pk, name, platform, is_citywide, administration_id in _kc_accounts_kept()
        if account_visible(rs, pk=pk, is_citywide=is_citywide, administration_id=administration_id)
    ]


def forget_kc_accounts_now() -> None:
    """Forget the kept list, this process's copy and the cache's (no database needed)."""
    _local.clear()
    with _fields_lock:
        _fields_html.clear()
    try:
        cache.delete(_key(timezone.localdate()))
    except (RedisError, OSError) as exc:  # the kept list goes out by itself within the hour
        logger.warning("queue filter: the cache is unreachable, its accounts are kept an hour: %s", exc)


def forget_kc_accounts(**_kwargs) -> None:
    """Forget the kept list now and once more after the commit (a page between the two would have
    read the rows as they were before it)."""
    forget_kc_accounts_now()
    transaction.on_commit(forget_kc_accounts_now)


# --- the filter's fields, written once per language, choices and choice -----------------------------

# The queue page shows the filter's four fields each time it is opened: their markup depends only on
# the language, the account choices and the values chosen, so each process keeps the last few.
FIELDS_KEPT = 64
FILTER_FIELDS = ("label", "kind", "account", "status")
_fields_html: OrderedDict[tuple, SafeString] = OrderedDict()
_fields_lock = threading.Lock()


def filter_fields_html(filters: QueueFilterForm, account_choices: list[tuple[int, str]]) -> SafeString:
    """`moderation/_queue_filter_fields.html` for `filters` (built with `account_choices`)."""
    values = tuple(filters.data.get(name) for name in FILTER_FIELDS) if filters.is_bound else None
    key = (get_language(), values, tuple(account_choices))
    with _fields_lock:  # a threaded server's pages share the copy
        html = _fields_html.get(key)
        if html is not None:
            _fields_html.move_to_end(key)
            return html
    html = render_to_string("moderation/_queue_filter_fields.html", {"filters": filters})
    # A hand-made address may hold any text: only the values the choices hold are worth keeping.
    if values is None or all(value is None or len(value) <= 32 for value in values):
        with _fields_lock:
            _fields_html[key] = html
            while len(_fields_html) > FIELDS_KEPT:
                _fields_html.popitem(last=False)
    return html
