"""Waiting in tests: on a condition, with a bound, never for a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

POLL_SECONDS = 0.05


def wait_until(predicate: Callable[[], object], timeout: float, what: str = "the condition") -> float:
    """Poll ``predicate`` until it is true; fail the test after ``timeout`` seconds. Returns the
    seconds waited (for the figures some tests print, never for an assertion)."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            pytest.fail(f"timed out after {timeout} s waiting for: {what}")
        time.sleep(POLL_SECONDS)
    return time.monotonic() - started
