"""Local fake servers speaking the platforms' JSON, and the shared bits the tests need around them."""

from __future__ import annotations

from contextlib import contextmanager


def reset_limiters() -> None:
    """Forget the shared per-platform rate limits, so one test's calls never slow the next."""
    from platforms import limiter as limiter_module

    for limiter in list(limiter_module._limiters.values()):
        reset = getattr(limiter, "reset", None)
        if reset is not None:
            reset()
    limiter_module._limiters.clear()


@contextmanager
def served(settings, fake, url_setting: str):
    """`fake` started, the client's base URL setting pointed at it, quick retries, fresh limits."""
    settings.PLATFORM_HTTP_TIMEOUT = 0.5
    settings.PLATFORM_HTTP_ATTEMPTS = 2
    settings.PLATFORM_HTTP_BACKOFF_BASE = 0.01
    settings.PLATFORM_HTTP_BACKOFF_MAX = 0.02
    settings.PLATFORM_HTTP_MAX_INLINE_WAIT = 1.0
    reset_limiters()
    fake.start()
    setattr(settings, url_setting, fake.url)
    try:
        yield fake
    finally:
        fake.stop()
        reset_limiters()
