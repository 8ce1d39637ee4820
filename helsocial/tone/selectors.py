"""Reads for the tone checker: the lists as one ``ToneLists``, cached in every process.

Compiling the lists' patterns takes a few milliseconds and the live panel checks on every pause in
typing, so each process keeps one ``ToneLists`` and rebuilds it only when the lists change. Which
lists are current is a version token in the Django cache (Redis in production, shared by every web
and worker process; local memory on a laptop). ``services.tone_lists_changed()`` replaces the token
on every write, so each process rebuilds on its next check: a change takes effect at once, without
a deploy. The token is random, not a counter: a token lost with the cache (eviction, a Redis
restart) comes back as a new one and cannot match a process's stale copy by chance.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from decimal import Decimal

from django.core.cache import cache
from redis.exceptions import RedisError

from .checker import DEFAULT_LISTS, ToneLists
from .models import ToneSettings, ToneWord

logger = logging.getLogger(__name__)

VERSION_KEY = "tone:lists:version"
# Without a reachable cache, each process rereads the lists at most this often.
CACHE_DOWN_REFRESH_SECONDS = 10.0

_lock = threading.Lock()
_memo: dict[str, object] = {}  # {"version": str, "lists": ToneLists, "built_at": float}


def lists_from_db() -> ToneLists:
    """The lists as stored now (two queries)."""
    by_kind: dict[str, list[tuple[str, str]]] = {kind: [] for kind in ToneWord.Kind.values}
    for kind, text, note in ToneWord.objects.values_list("kind", "text", "note"):
        by_kind.setdefault(kind, []).append((text, note))
    row = ToneSettings.objects.filter(pk=1).first()
    K = ToneWord.Kind
    return ToneLists(
        abbreviations=dict(by_kind[K.ABBREVIATION]),
        allowed_acronyms=frozenset(text for text, _note in by_kind[K.ACRONYM]),
        slang=dict(by_kind[K.SLANG]),
        misread_emojis=dict(by_kind[K.EMOJI]),
        allowed_personal_data=tuple(text for text, _note in by_kind[K.PERSONAL_DATA]),
        call_to_action=tuple(text for text, _note in by_kind[K.CALL_TO_ACTION]),
        max_sentence_words=row.max_sentence_words if row else DEFAULT_LISTS.max_sentence_words,
        lix_info_from=float(row.lix_info_from if row else Decimal(DEFAULT_LISTS.lix_info_from)),
        lix_warning_from=float(row.lix_warning_from if row else Decimal(DEFAULT_LISTS.lix_warning_from)),
    )


def current_version() -> str | None:
    """The version token of the lists, creating one if the cache has none; None if the cache is down."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = secrets.token_hex(8)
            if not cache.add(VERSION_KEY, version, timeout=None):
                version = cache.get(VERSION_KEY) or version
        return version
    except (RedisError, OSError) as exc:
        logger.warning("tone: the cache is unreachable, reading the lists from the database: %s", exc)
        return None


def tone_lists() -> ToneLists:
    """The current lists; no query unless they changed since this process last built them."""
    version = current_version()
    memo = _memo
    if memo:
        if version is not None and memo["version"] == version:
            return memo["lists"]  # type: ignore[return-value]
        if version is None and time.monotonic() - memo["built_at"] < CACHE_DOWN_REFRESH_SECONDS:  # type: ignore[operator]
            return memo["lists"]  # type: ignore[return-value]
    with _lock:
        lists = lists_from_db()
        _memo.update(version=version, lists=lists, built_at=time.monotonic())
    return lists
