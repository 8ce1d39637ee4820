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

# The slots are tokens in a Redis list: taking one is a blocking BLPOP (a waiter wakes the moment a
# slot is returned, no polling), returning one an LPUSH. Each taken token is also a lease in a sorted
# set, scored by when it expires, so the slots of a worker that died holding them come back.

# KEYS: tokens (list), leases (zset), meta (string). ARGV: limit
_INIT = """
if redis.call('GET', KEYS[3]) == ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[1], KEYS[2])
for i = 1, tonumber(ARGV[1]) do
  redis.call('RPUSH', KEYS[1], '1')
end
redis.call('SET', KEYS[3], ARGV[1])
return 1
"""

# KEYS: leases, tokens. ARGV: member. A lease reaped already is not returned twice.
_RELEASE = """
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
  redis.call('LPUSH', KEYS[2], '1')
  return 1
end
return 0
"""

# KEYS: leases, tokens. ARGV: now. Leases past their expiry give their token back.
_REAP = """
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, member in ipairs(expired) do
  redis.call('ZREM', KEYS[1], member)
  redis.call('LPUSH', KEYS[2], '1')
end
return #expired
"""

# KEYS: bucket (hash). ARGV: rate per second, burst. Returns 0 when a call may go, else ms to wait.
_BUCKET = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens') or burst)
local ts = tonumber(redis.call('HGET', KEYS[1], 'ts') or now)
tokens = math.min(burst, tokens + (now - ts) * rate)
if tokens < 1 then
  redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', now)
  return math.ceil((1 - tokens) / rate * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', tokens - 1, 'ts', now)
redis.call('EXPIRE', KEYS[1], 3600)
return 0
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
        self._tokens = f"{prefix}:tokens"
        self._leases = f"{prefix}:leases"
        self._meta = f"{prefix}:limit"
        self._bucket = f"{prefix}:bucket"
        self._paused = f"{prefix}:paused"
        self._init_script = self._redis.register_script(_INIT)
        self._release_script = self._redis.register_script(_RELEASE)
        self._reap_script = self._redis.register_script(_REAP)
        self._bucket_script = self._redis.register_script(_BUCKET)
        self._pause_script = self._redis.register_script(_PAUSE)
        self._ready = False

    def _ensure_tokens(self) -> None:
        if not self._ready:
            self._init_script(keys=[self._tokens, self._leases, self._meta], args=[self.limit])
            self._ready = True

    def _acquire(self) -> str:
        self._ensure_tokens()
        member = uuid.uuid4().hex
        while True:
            paused = self.paused_for()
            if paused > 0:
                time.sleep(min(paused, 5.0) + random.uniform(0, 0.05))
                continue
            taken = self._redis.blpop([self._tokens], timeout=0.5)
            if taken is None:
                # Nobody returned a slot for a while: take back those of workers that died holding them,
                # and rebuild the tokens if Redis lost them (a restart or a flush).
                self._reap_script(keys=[self._leases, self._tokens], args=[time.time()])
                if not self._redis.exists(self._meta):
                    self._ready = False
                    self._ensure_tokens()
                continue
            self._redis.zadd(self._leases, {member: time.time() + self.lease_seconds})
            if self.rate > 0:
                wait_ms = int(self._bucket_script(keys=[self._bucket], args=[self.rate, self.burst]))
                if wait_ms:
                    self._release(member)
                    time.sleep(wait_ms / 1000 + random.uniform(0, 0.002))
                    continue
            return member

    def _release(self, token: str) -> None:
        self._release_script(keys=[self._leases, self._tokens], args=[token])

    def pause(self, seconds: float) -> None:
        self._pause_script(keys=[self._paused], args=[seconds])

    def paused_for(self) -> float:
        raw = self._redis.get(self._paused)
        return max(0.0, float(raw) - time.time()) if raw else 0.0

    def in_flight(self) -> int:
        return int(self._redis.zcard(self._leases))

    def reset(self) -> None:
        self._redis.delete(self._tokens, self._leases, self._meta, self._bucket, self._paused)
        self._ready = False


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
