"""Security bar 1: every URL, every role, objects of the own förvaltning and of another.

The rows live in `tests/<app>/access_cases.py` (see tests/access.py). This test refuses a URL name
without a row, runs every row for every role, and asserts that the marker planted in the other
förvaltning's objects reaches nobody but AKN.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import ANONYMOUS, LOGIN, MARKER, ROLES, Case, World

TESTS_DIR = Path(__file__).resolve().parent


def _access_modules():
    """Every `tests.<package>.access_cases`, in INSTALLED_APPS order (apps build on accounts)."""
    order = [app.rsplit(".", 1)[-1] for app in settings.INSTALLED_APPS]
    names = [info.name for info in pkgutil.iter_modules([str(TESTS_DIR)]) if info.ispkg]
    names.sort(key=lambda name: (order.index(name) if name in order else len(order), name))
    modules = []
    for name in names:
        if (TESTS_DIR / name / "access_cases.py").exists():
            modules.append(importlib.import_module(f"tests.{name}.access_cases"))
    return modules


MODULES = _access_modules()
CASES: list[Case] = [case for module in MODULES for case in module.CASES]


def _check_unique_ids():
    seen: dict[str, str] = {}
    for module in MODULES:
        for case in module.CASES:
            if case.id in seen:
                raise AssertionError(
                    f"Two access cases are both called {case.id} ({seen[case.id]} and {module.__name__}): "
                    "give one of them a label="
                )
            seen[case.id] = module.__name__


_check_unique_ids()


def url_names(patterns=None, namespace: str = "") -> dict[str, str]:
    """Every named URL of the project, namespaced ("accounts:account-list"), with its route."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    found: dict[str, str] = {}
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.update(url_names(entry.url_patterns, inner))
        elif isinstance(entry, URLPattern):
            route = str(entry.pattern)
            found[f"{namespace}{entry.name}" if entry.name else f"<unnamed {route}>"] = route
    return found


def test_every_url_has_an_access_case():
    covered = {case.url_name for case in CASES}
    missing = sorted(set(url_names()) - covered)
    assert not missing, (
        "These URLs have no row in the access matrix: "
        + ", ".join(missing)
        + ". Add a Case for each (what every role gets, for the own and the other förvaltning's object) "
        "to tests/<app>/access_cases.py; see tests/access.py and tests/accounts/access_cases.py. "
        "An unnamed URL needs a name first."
    )


def test_every_access_case_names_a_url():
    stale = sorted({case.url_name for case in CASES} - set(url_names()))
    assert not stale, f"Access cases for URLs that do not exist: {stale}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction; each test's changes roll back to it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = World()
            for module in MODULES:
                build = getattr(module, "build", None)
                if build is not None:
                    build(built)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _marker_forms() -> set[str]:
    # The marker as it would appear in HTML, in JSON (\u escapes) and in a URL.
    return {MARKER, json.dumps(MARKER)[1:-1], quote(MARKER), quote(MARKER, safe="").lower()}


MARKER_FORMS = _marker_forms()


def run_case(world: World, case: Case, role: str, side_name: str):
    side = world.side(side_name) if side_name != "none" else world.own
    url = reverse(case.url_name, kwargs=case.kwargs(side) if case.kwargs else None)
    if case.query:
        url = f"{url}?{case.query}"
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    request = getattr(client, case.method.lower())
    data = case.post_data(side)
    if case.method == "GET":
        return url, request(url, headers=dict(case.headers))
    return url, request(url, data=data or {}, headers=dict(case.headers))


def _params():
    for case in CASES:
        for role in (ANONYMOUS, *ROLES):
            for side in case.sides():
                yield pytest.param(case, role, side, id=f"{case.id}-{role}-{side}")


@pytest.mark.parametrize(("case", "role", "side"), list(_params()))
def test_access(world, db, case: Case, role: str, side: str):
    url, response = run_case(world, case, role, side)
    expected = case.expected(role, side)
    where = f"{case.method} {url} as {role} ({side} förvaltning)"
    if expected == LOGIN:
        assert response.status_code == 302, (
            f"{where}: expected a redirect to login, got {response.status_code}"
        )
        location = urlparse(response["Location"])
        assert location.path == reverse("login"), (
            f"{where}: redirected to {response['Location']}, not to login"
        )
    else:
        assert response.status_code == expected, f"{where}: expected {expected}, got {response.status_code}"
    if role != ANONYMOUS:
        # What a logged-in person sees is theirs alone: no proxy or browser cache may keep it.
        cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= cache_control, f"{where}: Cache-Control {cache_control}"
    if role != "akn":
        # A streamed answer (a CSV export) is read in full: the leak check covers it too.
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode("utf-8", errors="replace")
        location = response.get("Location", "")
        for form in MARKER_FORMS:
            assert form not in body, f"{where}: the other förvaltning's data leaked into the page"
            assert form not in location, f"{where}: the other förvaltning's data leaked into the redirect"


def test_the_marker_reaches_akn_so_the_leak_check_can_fail(world, db):
    # If the world stopped planting the marker, every leak assertion above would pass vacuously.
    client = Client()
    client.force_login(world.users["akn"])
    for url in (
        reverse("accounts:account-detail", args=[world.other.account.pk]),
        reverse("accounts:account-list"),
        reverse("accounts:person-list"),
    ):
        assert MARKER in client.get(url).content.decode(), url


def test_a_case_changes_nothing_the_next_case_sees(world, db):
    # Runs after the matrix (pytest keeps file order): the removals and renames above rolled back.
    from accounts.models import AccountEditor, Administration, RoleAssignment

    assert AccountEditor.objects.filter(account=world.own.account, user=world.own.editor).exists()
    assert AccountEditor.objects.filter(account=world.other.account, user=world.other.editor).exists()
    assert RoleAssignment.objects.filter(pk=world.own.assignment.pk).exists()
    assert Administration.objects.get(pk=world.own.administration.pk).name == world.own.administration.name
