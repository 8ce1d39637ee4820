"""Fixtures for the whole suite: the real services it may use, and people of two förvaltningar.

`administration` and `other_administration` each have a communications lead, an editor and a
communicator; AKN and KC are city-wide. Tests about leaks use the "other" side.
"""

import os
import shutil

import pytest
from django.conf import settings

from accounts.models import Role

from . import hypothesis_profiles  # noqa: F401  (registers the profiles and loads ci or dev)
from .factories import AccountEditorFactory, AdministrationFactory, SocialAccountFactory, UserFactory

CHROMIUM = "/usr/bin/chromium"

# Fixture modules of the suite; each helper appends its own.
pytest_plugins = ["tests.fixtures_browser", "tests.fixtures_smtp", "tests.fixtures_celery"]


def pytest_report_header(config):
    db = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    broker = "Redis" if os.environ.get("REDIS_URL") else "none (eager tasks)"
    browser = CHROMIUM if os.path.exists(CHROMIUM) else "none"
    return [f"helsocial: database {db}, broker {broker}, browser {browser}"]


def pytest_collection_modifyitems(config, items):
    # Tests that need a real server are skipped, with the reason printed, where it is absent.
    reasons = {
        "postgres": None if os.environ.get("DATABASE_URL") else "needs PostgreSQL: DATABASE_URL is not set",
        "redis": None
        if os.environ.get("REDIS_URL")
        else "needs Redis and a Celery worker: REDIS_URL is not set",
        "browser": None
        if os.path.exists(CHROMIUM)
        else f"needs Chromium at {CHROMIUM} (apt-get install chromium)",
    }
    for item in items:
        for marker, reason in reasons.items():
            if reason and item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing cost is not under test; every factory person and every password login would pay
    # PBKDF2's deliberate slowness. The live server and browser journeys share these settings.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")


@pytest.fixture(autouse=True)
def _fresh_footer(monkeypatch):
    # The footer's guideline is kept in the process (accounts/context_processors.py). Each test's
    # database starts without a version, so the footer starts with none, kept for the whole test:
    # a test's query counts do not depend on which request reads it first. Saving a version
    # forgets it, as in production.
    from accounts import context_processors

    monkeypatch.setattr(context_processors, "FOOTER_SECONDS", float("inf"))
    context_processors.remember_guideline_footer("")
    yield
    context_processors.forget_guideline_footer()


@pytest.fixture
def administration(db):
    return AdministrationFactory(name="Skol- och fritidsförvaltningen", short_name="SOF")


@pytest.fixture
def other_administration(db):
    return AdministrationFactory(name="Miljöförvaltningen", short_name="MF")


@pytest.fixture
def city_administration(db):
    return AdministrationFactory(name="Stadsledningsförvaltningen", short_name="SLF")


@pytest.fixture
def akn_user(db):
    return UserFactory(
        username="akn", first_name="Agnes", title="kommunikationsstrateg", roles=[(Role.AKN, None)]
    )


@pytest.fixture
def kc_user(db):
    return UserFactory(
        username="kc", first_name="Karim", title="kundtjänsthandläggare", roles=[(Role.KC, None)]
    )


@pytest.fixture
def lead(administration):
    return UserFactory(
        username="lead", first_name="Lena", title="kommunikationschef", roles=[(Role.LEAD, administration)]
    )


@pytest.fixture
def communicator(administration):
    return UserFactory(
        username="communicator", first_name="Louise", roles=[(Role.COMMUNICATOR, administration)]
    )


@pytest.fixture
def account(administration):
    return SocialAccountFactory(administration=administration, name="Skolor i Helsingborg")


@pytest.fixture
def editor(administration, account):
    user = UserFactory(
        username="editor", first_name="Erik", title="redaktör", roles=[(Role.EDITOR, administration)]
    )
    AccountEditorFactory(account=account, user=user)
    return user


@pytest.fixture
def other_lead(other_administration):
    return UserFactory(username="other_lead", roles=[(Role.LEAD, other_administration)])


@pytest.fixture
def other_account(other_administration):
    return SocialAccountFactory(administration=other_administration, name="Miljö Helsingborg")


@pytest.fixture
def other_editor(other_administration, other_account):
    user = UserFactory(username="other_editor", roles=[(Role.EDITOR, other_administration)])
    AccountEditorFactory(account=other_account, user=user)
    return user


@pytest.fixture
def citywide_account(city_administration):
    return SocialAccountFactory(
        administration=city_administration, name="Helsingborgs stad", is_citywide=True, platform="facebook"
    )


def _client_for(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


@pytest.fixture
def akn_client(akn_user, client_class):
    return _client_for(client_class, akn_user)


@pytest.fixture
def lead_client(lead, client_class):
    return _client_for(client_class, lead)


@pytest.fixture
def editor_client(editor, client_class):
    return _client_for(client_class, editor)


@pytest.fixture
def communicator_client(communicator, client_class):
    return _client_for(client_class, communicator)


@pytest.fixture
def kc_client(kc_user, client_class):
    return _client_for(client_class, kc_user)


@pytest.fixture
def client_class():
    from django.test import Client

    return Client


@pytest.fixture(scope="session")
def chromium_path():
    return shutil.which("chromium") or CHROMIUM


__all__ = ["settings"]


@pytest.fixture(autouse=True)
def _start_summaries_forgotten():
    # The start page's city-wide figures (accounts/summary.py) live in the cache, which outlives a
    # test's database: no test may read another test's counts.
    from accounts import summary

    summary.forget_all_now()
    yield
    summary.forget_all_now()


@pytest.fixture(autouse=True)
def _kc_queue_filter_forgotten():
    # KC's queue filter keeps its accounts in the cache (moderation/queue_filter.py), which outlives
    # a test's database: no test may read another test's accounts.
    from moderation.queue_filter import forget_kc_accounts_now

    forget_kc_accounts_now()
    yield
    forget_kc_accounts_now()


@pytest.fixture(autouse=True)
def _review_thresholds_forgotten():
    # The review's thresholds are kept in the cache (metrics/review/services.py), which outlives a
    # test's database: no test may read another test's thresholds.
    from metrics.review.services import forget_thresholds_now

    forget_thresholds_now()
    yield
    forget_thresholds_now()
