"""Each platform's call limit, shared by every worker process.

A platform allows so many calls in flight (and, optionally, so many a second) for the whole
installation, not per process: with REDIS_URL set the slots live in Redis, a sorted set of leases
taken and returned by one Lua script each, so two Celery workers on two machines share one limit.
Without Redis (a laptop, the SQLite test run) the same rules hold within the process.

A platform that says "wait" (Retry-After, x-rate-limit-reset, Meta's estimated_time_to_regain_access)
pauses every caller of that platform: `pause(seconds)` sets a shared "not before" time.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
import uuid
from collections.abc import Iterator

from django.conf import settings

# KEYS: leases (zset), bucket (hash), paused-until (string)
# ARGV: limit, lease seconds, member, rate per second (0 = no rate limit), burst
# Returns 1 when a slot was taken, else the number of milliseconds worth waiting (>= 1).
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused > now then
  return -math.ceil((paused - now) * 1000)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
local rate = tonumber(ARGV[4])
if rate > 0 then
  local burst = tonumber(ARGV[5])
  local tokens = tonumber(redis.call('HGET', KEYS[2], 'tokens') or burst)
  local ts = tonumber(redis.call('HGET', KEYS[2], 'ts') or now)
  tokens = math.min(burst, tokens + (now - ts) * rate)
  if tokens < 1 then
    redis.call('HSET', KEYS[2], 'tokens', tokens, 'ts', now)
    return -math.ceil((1 - tokens) / rate * 1000)
  end
  redis.call('HSET', KEYS[2], 'tokens', tokens - 1, 'ts', now)
  redis.call('EXPIRE', KEYS[2], 3600)
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2])) + 60)
return 1
"""

_PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local until_ = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > current then
  redis.call('SET', KEYS[1], until_, 'EX', math.ceil(tonumber(ARGV[1])) + 1)
end
return 1
"""


class Limiter:
    """Slots for one platform's calls; `with limiter.slot(): session.request(...)`."""

    def __init__(
        self, platform: str, *, limit: int, rate_per_second: float = 0.0, lease_seconds: float = 120.0
    ):
        self.platform = platform
        self.limit = max(1, limit)
        self.rate = rate_per_second
        self.burst = max(1.0, rate_per_second)
        self.lease_seconds = lease_seconds

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        token = self._acquire()
        try:
            yield
        finally:
            self._release(token)

    def pause(self, seconds: float) -> None:
        raise NotImplementedError

    def paused_for(self) -> float:
        """Seconds until the platform may be called again (0 when it may be called now)."""
        raise NotImplementedError

    def _acquire(self) -> str:
        raise NotImplementedError

    def _release(self, token: str) -> None:
        raise NotImplementedError

    def in_flight(self) -> int:
        raise NotImplementedError


class LocalLimiter(Limiter):
    def __init__(self, platform: str, **kwargs):
        super().__init__(platform, **kwargs)
        self._cond = threading.Condition()
        self._in_flight = 0
        self._paused_until = 0.0
        self._tokens = self.burst
        self._ts = time.monotonic()

    def _acquire(self) -> str:
        with self._cond:
            while True:
                now = time.monotonic()
                wait = 0.0
                if self._paused_until > now:
                    wait = self._paused_until - now
                elif self._in_flight >= self.limit:
                    wait = 1.0  # woken by a release
                elif self.rate > 0:
                    self._tokens = min(self.burst, self._tokens + (now - self._ts) * self.rate)
                    self._ts = now
                    if self._tokens < 1:
                        wait = (1 - self._tokens) / self.rate
                    else:
                        self._tokens -= 1
                if wait == 0.0:
                    self._in_flight += 1
                    return ""
                self._cond.wait(wait)

    def _release(self, token: str) -> None:
        with self._cond:
            self._in_flight -= 1
            self._cond.notify()

    def pause(self, seconds: float) -> None:
        with self._cond:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def in_flight(self) -> int:
        return self._in_flight

    def paused_for(self) -> float:
        return max(0.0, self._paused_until - time.monotonic())


class RedisLimiter(Limiter):
    def __init__(self, platform: str, *, redis_url: str, **kwargs):
        import redis  # only needed where Redis is configured

        super().__init__(platform, **kwargs)
        self._redis = redis.Redis.from_url(redis_url)
        prefix = f"helsocial:platform:{platform}"
        self._keys = [f"{prefix}:leases", f"{prefix}:bucket", f"{prefix}:paused"]
        self._acquire_script = self._redis.register_script(_ACQUIRE)
        self._pause_script = self._redis.register_script(_PAUSE)

    def _acquire(self) -> str:
        member = uuid.uuid4().hex
        while True:
            answer = int(
                self._acquire_script(
                    keys=self._keys, args=[self.limit, self.lease_seconds, member, self.rate, self.burst]
                )
            )
            if answer == 1:
                return member
            # All slots taken: poll again soon, with jitter so waiting workers do not move in step.
            wait = -answer / 1000 if answer < 0 else 0.004
            time.sleep(min(wait, 5.0) + random.uniform(0, 0.004))

    def _release(self, token: str) -> None:
        self._redis.zrem(self._keys[0], token)

    def pause(self, seconds: float) -> None:
        self._pause_script(keys=[self._keys[2]], args=[seconds])

    def paused_for(self) -> float:
        raw = self._redis.get(self._keys[2])
        return max(0.0, float(raw) - time.time()) if raw else 0.0

    def in_flight(self) -> int:
        self._redis.zremrangebyscore(self._keys[0], "-inf", time.time())
        return int(self._redis.zcard(self._keys[0]))

    def reset(self) -> None:
        self._redis.delete(*self._keys)


_limiters: dict[tuple[str, str], Limiter] = {}
_lock = threading.Lock()


def limiter_for(platform: str) -> Limiter:
    """The process's limiter for `platform`, built from the settings the first time it is asked."""
    limit = settings.PLATFORM_CONCURRENCY.get(platform, settings.PLATFORM_CONCURRENCY_DEFAULT)
    rate = settings.PLATFORM_RATE_PER_SECOND.get(platform, 0.0)
    redis_url = settings.REDIS_URL
    key = (platform, f"{redis_url}|{limit}|{rate}")
    with _lock:
        limiter = _limiters.get(key)
        if limiter is None:
            lease = settings.PLATFORM_HTTP_TIMEOUT * 2 + 5
            if redis_url:
                limiter = RedisLimiter(
                    platform, redis_url=redis_url, limit=limit, rate_per_second=rate, lease_seconds=lease
                )
            else:
                limiter = LocalLimiter(platform, limit=limit, rate_per_second=rate, lease_seconds=lease)
            _limiters[key] = limiter
        return limiter
