import secrets

import pytest
from django.core.cache import cache

from helsocial.tone.models import ToneSettings, ToneWord
from helsocial.tone.seed import seed_starting_lists
from helsocial.tone.selectors import VERSION_KEY


@pytest.fixture(autouse=True)
def _seeded_tone_lists(request):
    """The starting lists, as the data migration wrote them. A transactional test elsewhere in the
    suite (a browser journey) empties every table when it ends, the migration's rows included."""
    if (
        "db" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or request.node.get_closest_marker("django_db")
    ):
        request.getfixturevalue("_django_db_helper")
        seed_starting_lists(ToneWord, ToneSettings)


@pytest.fixture(autouse=True)
def _fresh_tone_lists(_seeded_tone_lists):
    """Each test reads the lists of its own database: a list edited by a test (and rolled back with
    its transaction) must not stay in this process's cached copy for the next test. A new version
    token makes the next check rebuild, as a write in another process would."""
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)
    yield
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)
