"""Demo data for `manage.py seed_demo`: the starting word lists, if the lists are empty."""

from __future__ import annotations

from .models import ToneSettings, ToneWord
from .seed import seed_starting_lists
from .services import tone_lists_changed


def seed(*, stdout=None) -> list[tuple[str, str]]:
    if seed_starting_lists(ToneWord, ToneSettings):
        tone_lists_changed()
        if stdout is not None:
            stdout.write("tone: the starting word lists of the language check.")
    return []
