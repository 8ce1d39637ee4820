"""Settings from the environment: bad values stop the start, URLs parse, the default is safe.

Each case imports the settings in a fresh Python process with exactly the environment under test
(settings are read once per process), and reports the values it asks for as JSON.
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS_FILE = BASE_DIR / "helsocial" / "settings.py"

_REPORT = """
import json, sys
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}, default=str))
"""


def settings_variables() -> set[str]:
    """Every environment variable settings.py reads: the names given to env_*("NAME", …) and to
    os.environ.get / os.getenv / os.environ[…], including f-string names built in a comprehension
    over literal values (env_int(f"PLATFORM_CONCURRENCY_{p.upper()}", …) for p in (…))."""
    tree = ast.parse(SETTINGS_FILE.read_text())
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            called = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if called.startswith("env_") or ast.unparse(func) in {"os.environ.get", "os.getenv"}:
                names |= _names_of(node.args[0], parents)
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            names |= _names_of(node.slice, parents)
    return names


def _names_of(argument: ast.expr, parents: dict) -> set[str]:
    if isinstance(argument, ast.Constant):
        return {argument.value}
    if isinstance(argument, ast.JoinedStr):
        node = argument
        while node in parents:
            node = parents[node]
            if isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
                (generator,) = node.generators
                values = ast.literal_eval(generator.iter)
                code = compile(ast.Expression(argument), "settings.py", "eval")
                return {eval(code, {}, {generator.target.id: value}) for value in values}  # noqa: S307
    if isinstance(argument, ast.Name) and argument.id == "name":
        return set()  # the env_* helpers' own os.environ.get(name)
    raise AssertionError(f"settings.py reads a variable this test cannot name: {ast.unparse(argument)}")


def clean_environment(**env: str) -> dict[str, str]:
    """This process's environment without any variable the settings read (the suite may run with
    DATABASE_URL and REDIS_URL set) nor Django's own (the browser fixture sets
    DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rejects), plus `env`."""
    read = settings_variables()
    base = {k: v for k, v in os.environ.items() if k not in read and not k.startswith("DJANGO_")}
    return {**base, "DJANGO_SETTINGS_MODULE": "helsocial.settings", **env}


def run_settings(env: dict[str, str], *names: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _REPORT, *names],
        cwd=BASE_DIR,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_under(env: dict[str, str], *names: str) -> dict:
    result = run_settings(env, *names)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_refused(env: dict[str, str], *fragments: str) -> None:
    result = run_settings(env, "DEBUG")
    assert result.returncode != 0, result.stdout
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def test_the_parser_finds_the_variables_settings_read():
    names = settings_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "FIELD_ENCRYPTION_KEY", "DEBUG"} <= names
    assert "WORKING_HOURS_START" in names  # read through env_hhmm
    assert "name" not in names  # the helpers' own os.environ.get(name) is not a variable
    assert {
        "PLATFORM_CONCURRENCY_FACEBOOK",
        "PLATFORM_RATE_PER_SECOND_X",
    } <= names  # built in a comprehension


# --- bad values stop the start --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "fragments"),
    [
        ({"DEBUG": "maybe"}, ["DEBUG", "expected true or false", "'maybe'"]),
        ({"BEHIND_PROXY": "sometimes"}, ["BEHIND_PROXY", "expected true or false"]),
        ({"EDITOR_ACTIVE_DAYS": "x"}, ["EDITOR_ACTIVE_DAYS", "expected an integer", "'x'"]),
        ({"EMAIL_TIMEOUT": "10s"}, ["EMAIL_TIMEOUT", "expected an integer"]),
        ({"AXES_COOLOFF_HOURS": "one"}, ["AXES_COOLOFF_HOURS", "expected a number"]),
        ({"WORKING_HOURS_START": "25:00"}, ["WORKING_HOURS_START", "expected HH:MM", "'25:00'"]),
        ({"WORKING_HOURS_END": "17:60"}, ["WORKING_HOURS_END", "expected HH:MM"]),
        ({"WORKING_HOURS_END": "five"}, ["WORKING_HOURS_END", "expected HH:MM"]),
        ({"WORKING_HOURS_END": "1²:00"}, ["WORKING_HOURS_END", "expected HH:MM"]),  # a digit int() refuses
        ({"EMAIL_URL": "ftp://mail.example.se"}, ["EMAIL_URL", "unknown scheme", "'ftp'"]),
    ],
    ids=lambda value: ",".join(value) if isinstance(value, dict) else None,
)
def test_a_bad_value_stops_the_start_naming_the_variable(env, fragments):
    assert_refused(env, *fragments)


def test_production_without_a_secret_key_stops_the_start():
    assert_refused(
        {"HELSOCIAL_PRODUCTION": "true", "FIELD_ENCRYPTION_KEY": "x" * 44}, "SECRET_KEY must be set"
    )


def test_production_without_an_encryption_key_stops_the_start():
    assert_refused(
        {"HELSOCIAL_PRODUCTION": "true", "SECRET_KEY": "s" * 60}, "FIELD_ENCRYPTION_KEY must be set"
    )


def test_production_refuses_the_example_keys_from_env_example():
    example = dict(
        line.split("=", 1)
        for line in (BASE_DIR / ".env.example").read_text().splitlines()
        if line and not line.startswith("#") and "=" in line
    )
    real_secret = "s" * 60
    assert_refused(
        {
            "HELSOCIAL_PRODUCTION": "true",
            "SECRET_KEY": example["SECRET_KEY"],
            "FIELD_ENCRYPTION_KEY": "k" * 44,
        },
        "SECRET_KEY is the example",
    )
    assert_refused(
        {
            "HELSOCIAL_PRODUCTION": "true",
            "SECRET_KEY": real_secret,
            "FIELD_ENCRYPTION_KEY": example["FIELD_ENCRYPTION_KEY"],
        },
        "FIELD_ENCRYPTION_KEY is the example",
    )


def test_production_turns_https_settings_on():
    got = settings_under(
        {"HELSOCIAL_PRODUCTION": "true", "SECRET_KEY": "s" * 60, "FIELD_ENCRYPTION_KEY": "k" * 44},
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECRET_KEY",
    )
    assert got == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECRET_KEY": "s" * 60,
    }


def test_booleans_accept_the_usual_spellings():
    got = settings_under(
        {"DEBUG": " Yes ", "BEHIND_PROXY": "1", "DEMO_MODE": "off"},
        "DEBUG",
        "SECURE_PROXY_SSL_HEADER",
        "DEMO_MODE",
    )
    assert got == {
        "DEBUG": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "DEMO_MODE": False,
    }


def test_lists_and_working_hours_are_normalised():
    got = settings_under(
        {"ALLOWED_HOSTS": " a.example.se, ,b.example.se ", "WORKING_HOURS_START": "7:5"},
        "ALLOWED_HOSTS",
        "WORKING_HOURS_START",
    )
    assert got == {"ALLOWED_HOSTS": ["a.example.se", "b.example.se"], "WORKING_HOURS_START": "07:05"}


# --- EMAIL_URL ------------------------------------------------------------------------------------

_MAIL = (
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_FILE_PATH",
)


def test_an_smtp_url_gives_host_port_login_and_starttls():
    got = settings_under(
        {"EMAIL_URL": "smtp://relay%40stad:p%40ss%3Aword@smtp.example.se:587?tls=true"}, *_MAIL
    )
    assert got["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (got["EMAIL_HOST"], got["EMAIL_PORT"]) == ("smtp.example.se", 587)
    assert (got["EMAIL_HOST_USER"], got["EMAIL_HOST_PASSWORD"]) == ("relay@stad", "p@ss:word")
    assert (got["EMAIL_USE_TLS"], got["EMAIL_USE_SSL"]) == (True, False)


def test_an_smtps_url_uses_ssl_on_port_465_and_a_plain_one_port_25():
    smtps = settings_under({"EMAIL_URL": "smtps://u:p@smtp.example.se"}, *_MAIL)
    assert (smtps["EMAIL_PORT"], smtps["EMAIL_USE_SSL"], smtps["EMAIL_USE_TLS"]) == (465, True, False)
    plain = settings_under({"EMAIL_URL": "smtp://mailpit"}, *_MAIL)
    assert (plain["EMAIL_HOST"], plain["EMAIL_PORT"], plain["EMAIL_HOST_USER"]) == ("mailpit", 25, "")
    assert (plain["EMAIL_USE_SSL"], plain["EMAIL_USE_TLS"]) == (False, False)


def test_a_file_url_writes_mail_to_that_directory():
    got = settings_under({"EMAIL_URL": "file:///srv/helsocial/mail"}, *_MAIL)
    assert got["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert got["EMAIL_FILE_PATH"] == "/srv/helsocial/mail"


def test_a_console_url_prints_mail():
    got = settings_under({"EMAIL_URL": "console:"}, "EMAIL_BACKEND")
    assert got["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


# --- the embedded default -------------------------------------------------------------------------


def test_without_any_variable_the_portal_runs_embedded_and_safe():
    got = settings_under(
        {},
        "DEBUG",
        "DATABASES",
        "CELERY_TASK_ALWAYS_EAGER",
        "CELERY_BROKER_URL",
        "EMAIL_BACKEND",
        "EMAIL_FILE_PATH",
        "CACHES",
        "DEMO_MODE",
        "SESSION_COOKIE_SECURE",
        "OIDC_ENABLED",
        "SECRET_KEY",
    )
    assert got["DEBUG"] is False
    assert got["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert got["DATABASES"]["default"]["NAME"] == str(BASE_DIR / "var" / "helsocial.sqlite3")
    assert got["CELERY_TASK_ALWAYS_EAGER"] is True
    assert got["CELERY_BROKER_URL"] == "memory://"
    assert got["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert got["EMAIL_FILE_PATH"] == str(BASE_DIR / "var" / "mail")
    assert got["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert got["DEMO_MODE"] is True
    assert got["SESSION_COOKIE_SECURE"] is False
    assert got["OIDC_ENABLED"] is False
    assert got["SECRET_KEY"].startswith("dev-insecure-")


def test_urls_switch_to_postgresql_redis_and_smtp():
    got = settings_under(
        {
            "DATABASE_URL": "postgres://helsocial:secret@db.example.se:5433/helsocial",
            "REDIS_URL": "redis://cache.example.se:6379/2",
            "EMAIL_URL": "smtp://mailpit:1025",
        },
        "DATABASES",
        "CELERY_TASK_ALWAYS_EAGER",
        "CELERY_BROKER_URL",
        "CACHES",
        "EMAIL_BACKEND",
        "DEMO_MODE",
    )
    database = got["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "db.example.se",
        5433,
        "helsocial",
        "helsocial",
    )
    assert got["CELERY_TASK_ALWAYS_EAGER"] is False
    assert got["CELERY_BROKER_URL"] == "redis://cache.example.se:6379/2"
    assert got["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert got["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert got["DEMO_MODE"] is False
