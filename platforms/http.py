"""The HTTP layer every platform client shares.

One `requests.Session` per account (its token in the Authorization header, nowhere else), a timeout
on every call, and retries with exponential backoff and full jitter for what is worth retrying:
429, 5xx, timeouts, dropped connections and truncated or non-JSON bodies. The platform's own
"wait this long" (Retry-After, X's x-rate-limit-reset, Meta's estimated_time_to_regain_access)
overrides the backoff and pauses every caller of that platform. An expired token (Meta 190, 401)
or a missing permission (403) is never retried.

Nothing here logs a URL's query or a header: a token must not reach a log line even if a platform
echoes it back in a paging link (those are rebuilt against our own base URL without it).
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests
from django.conf import settings

from .base import PlatformError, PlatformUnavailable, RateLimited
from .limiter import Limiter, limiter_for

logger = logging.getLogger(__name__)

SECRET_PARAMS = {
    "access_token",
    "client_secret",
    "code",
    "refresh_token",
    "code_verifier",
    "fb_exchange_token",
}


@dataclass
class Reply:
    """A parsed answer: status, headers and the JSON body (None for an empty 2xx body)."""

    status: int
    headers: Mapping[str, str]
    data: Any


# interpret(reply) -> an error to raise (retryable or not) or None for success
Interpreter = Callable[[Reply], PlatformError | None]


@dataclass
class RetryPolicy:
    attempts: int = field(default_factory=lambda: settings.PLATFORM_HTTP_ATTEMPTS)
    base: float = field(default_factory=lambda: settings.PLATFORM_HTTP_BACKOFF_BASE)
    cap: float = field(default_factory=lambda: settings.PLATFORM_HTTP_BACKOFF_MAX)
    # A platform asking for a longer wait than this is not waited for in-process: the task retries later.
    max_inline_wait: float = field(default_factory=lambda: settings.PLATFORM_HTTP_MAX_INLINE_WAIT)

    def backoff(self, attempt: int) -> float:
        # Full jitter: a random wait up to the exponential ceiling keeps retrying workers apart.
        return random.uniform(0, min(self.cap, self.base * 2**attempt))


def safe_path(url: str) -> str:
    """The URL without its query, for log lines and error messages."""
    parts = urlsplit(url)
    return parts.path or "/"


def strip_secrets(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in SECRET_PARAMS]
    return parts._replace(query=urlencode(query)).geturl()


def seconds_from_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def seconds_from_reset(value: str | None) -> float | None:
    """X's x-rate-limit-reset: the Unix second the window opens again."""
    if not value:
        return None
    try:
        return max(0.0, float(value) - time.time())
    except ValueError:
        return None


def meta_usage(headers: Mapping[str, str]) -> tuple[float, float | None]:
    """(the highest usage percentage, seconds until access returns or None) from Meta's usage headers."""
    highest = 0.0
    regain: float | None = None
    for name in ("X-App-Usage", "X-Page-Usage", "X-Ad-Account-Usage"):
        raw = headers.get(name)
        if not raw:
            continue
        try:
            usage = json.loads(raw)
        except ValueError:
            continue
        if isinstance(usage, dict):
            for key in ("call_count", "total_cputime", "total_time", "acc_id_util_pct"):
                value = usage.get(key)
                if isinstance(value, int | float):
                    highest = max(highest, float(value))
            minutes = usage.get("estimated_time_to_regain_access")
            if isinstance(minutes, int | float) and minutes > 0:
                regain = max(regain or 0.0, minutes * 60.0)
    raw = headers.get("X-Business-Use-Case-Usage")
    if raw:
        try:
            buc = json.loads(raw)
        except ValueError:
            buc = {}
        for entries in buc.values() if isinstance(buc, dict) else ():
            for entry in entries if isinstance(entries, list) else ():
                if not isinstance(entry, dict):
                    continue
                for key in ("call_count", "total_cputime", "total_time"):
                    value = entry.get(key)
                    if isinstance(value, int | float):
                        highest = max(highest, float(value))
                minutes = entry.get("estimated_time_to_regain_access")
                if isinstance(minutes, int | float) and minutes > 0:
                    regain = max(regain or 0.0, minutes * 60.0)
    return highest, regain


class PlatformHTTP:
    """Calls to one platform on behalf of one account."""

    def __init__(
        self,
        *,
        platform: str,
        base_url: str,
        token: str,
        interpret: Interpreter,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        retry: RetryPolicy | None = None,
        limiter: Limiter | None = None,
        pause_hint: Callable[[Reply], float | None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.platform = platform
        self.base_url = base_url.rstrip("/")
        self.interpret = interpret
        self.timeout = timeout if timeout is not None else settings.PLATFORM_HTTP_TIMEOUT
        self.retry = retry or RetryPolicy()
        self.limiter = limiter or limiter_for(platform)
        self.sleep = sleep
        self.pause_hint = pause_hint
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "Helsocial/1.0 (+City of Helsingborg)"
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.session.headers.update(headers or {})
        self.calls = 0

    def close(self) -> None:
        self.session.close()

    def url(self, path_or_url: str) -> str:
        """An absolute URL on our base: a platform's own paging link is rebuilt on it, minus secrets."""
        if path_or_url.startswith(("http://", "https://")):
            parts = urlsplit(strip_secrets(path_or_url))
            base = urlsplit(self.base_url)
            return parts._replace(scheme=base.scheme, netloc=base.netloc).geturl()
        return f"{self.base_url}/{path_or_url.lstrip('/')}"

    def call(
        self,
        method: str,
        path_or_url: str,
        *,
        params: Mapping[str, Any] | str | None = None,
        json_body: Any = None,
        data: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> Reply:
        """One logical call, retried as the policy and the platform allow; returns the parsed reply."""
        url = self.url(path_or_url)
        if isinstance(params, Mapping):
            leaked = SECRET_PARAMS & set(params)
            if leaked:
                raise ValueError(f"secrets belong in the Authorization header, not the URL: {sorted(leaked)}")
        if idempotent is None:
            idempotent = method in {"GET", "HEAD", "DELETE", "PUT"}
        attempts = self.retry.attempts if idempotent else 1
        where = f"{self.platform} {method} {safe_path(url)}"
        for attempt in range(attempts):
            error = self._once(method, url, where, params=params, json_body=json_body, data=data)
            if isinstance(error, Reply):
                return error
            if not isinstance(error, PlatformUnavailable) or attempt == attempts - 1:
                raise error
            wait = (
                error.retry_after
                if isinstance(error, RateLimited) and error.retry_after is not None
                else None
            )
            if wait is not None and wait > self.retry.max_inline_wait:
                raise error  # the task's own retry waits that long, not this thread
            if wait is not None:
                self.limiter.pause(wait)
                delay = wait + random.uniform(0, min(1.0, self.retry.base))
            else:
                delay = self.retry.backoff(attempt)
            logger.warning("%s; retry %d/%d in %.2fs", error, attempt + 1, attempts - 1, delay)
            self.sleep(delay)
        raise AssertionError("unreachable")

    def _once(self, method, url, where, *, params, json_body, data) -> Reply | PlatformError:
        paused = self.limiter.paused_for()
        if paused > self.retry.max_inline_wait:
            # The platform asked every caller to wait: do not even try until then.
            return RateLimited(f"{where}: paused by the platform for {paused:.0f}s", retry_after=paused)
        with self.limiter.slot():
            self.calls += 1
            try:
                response = self.session.request(
                    method, url, params=params, json=json_body, data=data, timeout=self.timeout
                )
                body = response.content  # read inside the slot: a slow body is part of the call
            except requests.Timeout:
                return PlatformUnavailable(f"{where}: timed out after {self.timeout}s")
            except requests.ConnectionError as exc:
                # The message of a ConnectionError names the URL; say only what kind of failure it was.
                return PlatformUnavailable(f"{where}: connection failed ({type(exc).__name__})")
            except requests.RequestException as exc:
                return PlatformUnavailable(f"{where}: {type(exc).__name__}")
        headers = response.headers
        parsed: Any = None
        parse_failed = False
        if body.strip():
            try:
                parsed = json.loads(body)
            except ValueError:
                parse_failed = True
        reply = Reply(response.status_code, headers, parsed)
        if self.pause_hint is not None:
            hint = self.pause_hint(reply)
            if hint:
                self.limiter.pause(hint)
        error = self.interpret(reply)
        if error is not None:
            if isinstance(error, PlatformError) and not str(error):
                error = type(error)(where)
            return _with_context(error, where)
        if parse_failed or (response.status_code != 204 and not body.strip() and method == "GET"):
            # A 200 with a cut-off or empty body is a transport fault, not an answer.
            return PlatformUnavailable(f"{where}: HTTP {response.status_code} with an unreadable body")
        return reply


def _with_context(error: PlatformError, where: str) -> PlatformError:
    if str(error).startswith(where):
        return error
    error.args = (f"{where}: {error}", *error.args[1:])
    return error
