"""Python's cyclic garbage collector, paused while a batch makes its many objects."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector, paused for one batch (or one delivery's reading).

    A full pass walks every live object, and a large batch (a pull of 100,000 comments) is a few
    million of them, none of them cyclic garbage, walked again every few thousand allocations: the
    passes cost a fifth of the batch. Reading a webhook delivery is the same: its 1,000 changes are
    some 20,000 new dicts and lists, each step towards the next pass, which walks what the earlier
    deliveries left alive too. Reference counting still frees everything the batch drops; the
    collector runs again as soon as the batch is done. Usable as a decorator.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
