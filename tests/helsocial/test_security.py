"""Security bar 2 and 3: `check --deploy` is clean, the headers are set, htmx posts carry the CSRF
token, and production turns on HSTS and secure cookies."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from tests.factories import UserFactory

BASE_DIR = Path(__file__).resolve().parents[2]


def production_env(tmp_path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        HELSOCIAL_PRODUCTION="true",
        SECRET_KEY=secrets.token_urlsafe(64),
        FIELD_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="social.helsingborg.se",
        DEBUG="false",
        SQLITE_PATH=str(tmp_path / "production.sqlite3"),
    )
    return env


def manage(env, *args, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PROBE = """
import json
from django.conf import settings
from django.test import Client
response = Client(HTTP_HOST="social.helsingborg.se").get("/login/", secure=True)
cookies = {name: {"secure": bool(c["secure"])} for name, c in response.cookies.items()}
print(json.dumps({
    "status": response.status_code,
    "headers": dict(response.headers),
    "cookies": cookies,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "plain": Client(HTTP_HOST="social.helsingborg.se").get("/login/").status_code,
}))
"""


@pytest.fixture(scope="module")
def production_answer(tmp_path_factory):
    result = manage(production_env(tmp_path_factory.mktemp("prod")), "shell", "-c", PROBE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_for_a_year_with_subdomains(production_answer):
    assert production_answer["status"] == 200
    hsts = production_answer["headers"]["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts


def test_production_cookies_are_secure(production_answer):
    assert production_answer["session_cookie_secure"] and production_answer["csrf_cookie_secure"]
    assert production_answer["cookies"]["csrftoken"]["secure"]


def test_production_redirects_plain_http_to_https(production_answer):
    assert production_answer["ssl_redirect"] and production_answer["plain"] == 301


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize(("path", "logged_in"), [("/login/", False), ("/", True), ("/accounts/?q=x", True)])
def test_every_page_sends_the_security_headers(client, akn_user, path, logged_in):
    if logged_in:
        client.force_login(akn_user)
    response = client.get(path, headers={"HX-Request": "true"} if "?" in path else {})
    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_page_carries_an_inline_script_or_event_handler(client, akn_user, account):
    client.force_login(akn_user)
    for path in (
        "/",
        "/login/",
        reverse("accounts:account-list"),
        reverse("accounts:account-detail", args=[account.pk]),
    ):
        html = client.get(path).content.decode()
        for opening in html.split("<script")[1:]:
            assert " src=" in opening.split(">", 1)[0], f"{path}: inline script"
        assert " onclick=" not in html and " hx-on" not in html, path


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_an_htmx_post_without_the_token_is_refused(csrf_client, lead, account, communicator):
    csrf_client.force_login(lead)
    url = reverse("accounts:account-editor-add", args=[account.pk])
    response = csrf_client.post(url, {"user": communicator.pk}, headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert not account.editor_links.filter(user=communicator).exists()


def test_an_htmx_post_with_the_token_from_the_page_header_works(csrf_client, lead, account, communicator):
    csrf_client.force_login(lead)
    page = csrf_client.get(reverse("accounts:account-detail", args=[account.pk]))
    # base.html gives htmx the token for every request: <body hx-headers='{"X-CSRFToken": "..."}'>
    header = page.content.decode().split("<body hx-headers='", 1)[1].split("'", 1)[0]
    token = json.loads(header)["X-CSRFToken"]
    url = reverse("accounts:account-editor-add", args=[account.pk])
    response = csrf_client.post(
        url, {"user": communicator.pk}, headers={"HX-Request": "true", "X-CSRFToken": token}
    )
    assert response.status_code == 200
    assert account.editor_links.filter(user=communicator).exists()


def test_sessions_expire(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_a_disabled_person_is_logged_out_at_the_next_request(client, db, administration):
    person = UserFactory(username="disabled", roles=[(Role.LEAD, administration)])
    client.force_login(person)
    assert client.get("/").status_code == 200
    person.is_active = False
    person.save()
    assert client.get("/").status_code == 302
