"""What Facebook and Instagram share: the Graph API's error codes, usage headers, times and paging."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .base import (
    AlreadyGone,
    DuplicateContent,
    InvalidRequest,
    Missing,
    PermissionMissing,
    PlatformError,
    PlatformUnavailable,
    RateLimited,
    TokenExpired,
)
from .http import PlatformHTTP, Reply, meta_usage

# Meta's daily insights are days in Pacific time (docs/platform-apis.md §8).
PACIFIC = ZoneInfo("America/Los_Angeles")
NO_EDGE = "nonexisting field"
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


@dataclass
class Insights:
    """The values of an insights call by metric name, and why each metric without one has none."""

    values: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.values.get(name)


def insights(
    http: PlatformHTTP,
    object_id: str,
    metrics: list[str],
    *,
    edge: str = "insights",
    day: date | None = None,
    **params: Any,
) -> Insights:
    """The metrics' values; with `day`, the value of that Pacific-time day from a daily series.

    Meta's daily values are Pacific-time days and a series may hold several: the one whose
    `end_time` closes `day` is taken, never simply the last. One retired metric fails the whole call
    (code 100); then each metric is asked for alone so the others are still stored, and the retired
    one stays None with the reason.
    """
    try:
        reply = http.call("GET", f"{object_id}/{edge}", params={"metric": ",".join(metrics), **params})
        return _insights_values(reply, metrics, day)
    except InvalidRequest as exc:
        # "Tried accessing nonexisting field (insights)": the object has no such edge at all.
        if exc.code != 100 or len(metrics) == 1 or NO_EDGE in str(exc):
            raise
    result = Insights()
    for metric in metrics:
        try:
            one = _insights_values(
                http.call("GET", f"{object_id}/{edge}", params={"metric": metric, **params}), [metric], day
            )
        except InvalidRequest as exc:
            if exc.code != 100:
                raise
            result.missing[metric] = Missing.RETIRED
            continue
        result.values.update(one.values)
        result.missing.update(one.missing)
    return result


def pacific_day_bounds(day: date) -> tuple[int, int]:
    """Unix seconds of the start of `day` and of the day after, in Pacific time (Meta's days)."""
    start = datetime.combine(day, time.min, tzinfo=PACIFIC)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=PACIFIC)
    return int(start.timestamp()), int(end.timestamp())


def day_of_end_time(end_time: str) -> date:
    """The Pacific-time day a daily value closes: `end_time` is the midnight after it."""
    return (meta_time(end_time).astimezone(PACIFIC) - timedelta(seconds=1)).date()


def _insights_values(reply: Reply, metrics: list[str], day: date | None) -> Insights:
    result = Insights()
    for item in (reply.data or {}).get("data", []):
        name = item.get("name")
        if "total_value" in item:
            result.values[name] = item.get("total_value") or {}
            continue
        series = item.get("values") or []
        if day is None:
            if series:
                result.values[name] = series[-1].get("value")
            continue
        for point in series:
            if point.get("end_time") and day_of_end_time(point["end_time"]) == day:
                result.values[name] = point.get("value")
                break
        else:
            result.missing[name] = Missing.NOT_FOR_DAY
    for metric in metrics:
        if metric not in result.values and metric not in result.missing:
            result.missing[metric] = Missing.EMPTY
    return result


def total_value(value: Any) -> Any:
    """A `metric_type=total_value` entry's number ({"value": n, "breakdowns": …} -> n)."""
    return value.get("value") if isinstance(value, dict) and "value" in value else value


def breakdown_value(value: Any, key: str) -> int | None:
    """The bucket `key` of a total_value breakdown (e.g. FOLLOWER of `follows_and_unfollows`)."""
    if not isinstance(value, dict):
        return None
    for breakdown in value.get("breakdowns") or []:
        for row in breakdown.get("results") or []:
            if key in (row.get("dimension_values") or []):
                return as_int(row.get("value"))
    return None


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
