"""What Facebook and Instagram share: the Graph API's error codes, usage headers, times and paging."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from .base import (
    AlreadyGone,
    DuplicateContent,
    InvalidRequest,
    PermissionMissing,
    PlatformError,
    PlatformUnavailable,
    RateLimited,
    TokenExpired,
)
from .http import PlatformHTTP, Reply, meta_usage

THROTTLED = {4, 17, 32, 613, 80001, 80002}
TRANSIENT = {1, 2}


def meta_error(reply: Reply) -> PlatformError | None:
    """Branch on the error's code, not the HTTP status (Meta sends 400 for throttling and expiry alike)."""
    error = reply.data.get("error") if isinstance(reply.data, dict) else None
    if error is None:
        if reply.status >= 500:
            return PlatformUnavailable(f"HTTP {reply.status}")
        if reply.status == 429:
            _usage, regain = meta_usage(reply.headers)
            return RateLimited("HTTP 429", retry_after=regain)
        if reply.status >= 400:
            return PlatformUnavailable(f"HTTP {reply.status} without an error body")
        return None
    code = error.get("code")
    subcode = error.get("error_subcode")
    # The message is Meta's own text; it never contains the token.
    text = f"code {code}{f'/{subcode}' if subcode else ''}: {str(error.get('message', ''))[:200]}"
    if code == 190 or code == 102:
        return TokenExpired(text)
    if code in THROTTLED:
        _usage, regain = meta_usage(reply.headers)
        return RateLimited(text, retry_after=regain)
    if code in TRANSIENT or error.get("is_transient") or reply.status >= 500:
        return PlatformUnavailable(text)
    if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
        return PermissionMissing(text)
    if code == 506:
        return DuplicateContent(text)
    if code == 100 and subcode == 33:
        return AlreadyGone(text)
    return InvalidRequest(text, code=code)


def meta_pause_hint(reply: Reply) -> float | None:
    """Seconds every caller should wait, from the usage headers of any answer (not only errors)."""
    # At 100 % without an estimate the backoff of the throttled call itself is enough.
    _usage, regain = meta_usage(reply.headers)
    return regain


def meta_time(value: str | None) -> datetime:
    """Meta's `2026-11-23T10:00:00+0000` as an aware datetime."""
    if not value:
        return datetime.now(UTC)
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")


def paged(http: PlatformHTTP, path: str, params: Mapping[str, Any]) -> Iterator[dict]:
    """Every item of a Graph API edge, following `paging.next` (no `next` means the last page)."""
    reply = http.call("GET", path, params=dict(params))
    while True:
        body = reply.data if isinstance(reply.data, dict) else {}
        yield from body.get("data", [])
        next_url = (body.get("paging") or {}).get("next")
        if not next_url:
            return
        reply = http.call("GET", next_url)


def insights(http: PlatformHTTP, object_id: str, metrics: list[str], **params: Any) -> dict[str, Any]:
    """{metric name: latest value} for the metrics the platform still offers.

    One retired metric fails the whole call (code 100); then each metric is asked for alone so the
    others are still stored, and the retired one stays None.
    """
    try:
        return _insights_values(
            http.call("GET", f"{object_id}/insights", params={"metric": ",".join(metrics), **params})
        )
    except InvalidRequest as exc:
        if exc.code != 100 or len(metrics) == 1:
            raise
    values: dict[str, Any] = {}
    for metric in metrics:
        try:
            values.update(
                _insights_values(
                    http.call("GET", f"{object_id}/insights", params={"metric": metric, **params})
                )
            )
        except InvalidRequest as exc:
            if exc.code != 100:
                raise
    return values


def _insights_values(reply: Reply) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in (reply.data or {}).get("data", []):
        name = item.get("name")
        if "total_value" in item:
            values[name] = (item.get("total_value") or {}).get("value")
            continue
        series = item.get("values") or []
        if series:
            values[name] = series[-1].get("value")
    return values


def as_int(value: Any) -> int | None:
    """A metric value as an int; a breakdown dict sums up; anything else is None, never 0."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, dict):
        numbers = [v for v in value.values() if isinstance(v, int | float)]
        return int(sum(numbers)) if numbers else None
    return None
