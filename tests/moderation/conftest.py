import importlib

import pytest
from django.apps import apps


@pytest.fixture
def other_editor_client(other_editor, client_class):
    client = client_class()
    client.force_login(other_editor)
    return client


@pytest.fixture
def starting_lists(transactional_db):
    """The triage lists of the data migrations: a transactional test's flush empties every table."""
    for name in ("0002_starting_lists", "0003_more_starting_words"):
        importlib.import_module(f"moderation.migrations.{name}").seed(apps, None)


# The fake LinkedIn for mentions of the city (tests/moderation/mentions.py).
from .mentions import li_account, linkedin  # noqa: E402, F401

# The fake Facebook for the actions on comments (tests/moderation/platform.py).
from .platform import facebook  # noqa: E402, F401
