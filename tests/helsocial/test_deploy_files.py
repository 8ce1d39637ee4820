"""The deployment files agree with the code: docker-compose.yml, the Dockerfile, .dockerignore,
.env.example, and the `make bench` tooling.

No Docker engine runs where the suite runs, so the files are parsed and checked against what the
project really has: the entry points are imported, the variables are the ones settings.py reads,
and compose's environment is fed to the real settings.
"""

import json
import re
import shlex
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
import yaml

from .test_settings import BASE_DIR, clean_environment, settings_under, settings_variables

COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
DOCKERFILE = BASE_DIR / "Dockerfile"
ENV_EXAMPLE = BASE_DIR / ".env.example"
APP_SERVICES = ("web", "worker", "beat")
# What a production start must be given (README, settings.py's docstring, issue 3). The ones that
# have no safe default must stop `docker compose up` when missing: `${NAME:?…}`.
PRODUCTION_VARIABLES = {
    "HELSOCIAL_PRODUCTION",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "FIELD_ENCRYPTION_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
    "REGISTRY_EMAIL",
}
DEMANDED_FROM_ENV_FILE = {
    "SECRET_KEY",
    "FIELD_ENCRYPTION_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
}


# --- compose's variable interpolation (the subset of the Compose spec the file uses) ----------------

_VARIABLE = re.compile(r"\$(?:\$|\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\})")


class MissingVariable(Exception):
    pass


def interpolate(value: str, env: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match.group("name"), match.group("op"), match.group("arg")
        present = env.get(name)
        unset_or_empty = not present
        if op == ":-":
            return arg if unset_or_empty else present
        if op == "-":
            return arg if present is None else present
        if op in {":?", "?"} and (unset_or_empty if op == ":?" else present is None):
            raise MissingVariable(f"{name}: {arg}")
        return present or ""

    return _VARIABLE.sub(replace, value)


def interpolation_names(text: str) -> set[str]:
    return {m.group("name") for m in _VARIABLE.finditer(text) if m.group("name")}


def demanded_names(text: str) -> set[str]:
    return {m.group("name") for m in _VARIABLE.finditer(text) if m.group("op") in {":?", "?"}}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def env_example_values() -> dict[str, str]:
    """The active `NAME=value` lines of .env.example (what a copied .env holds)."""
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = re.fullmatch(r"([A-Z][A-Z0-9_]*)=(.*)", line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


def operator_env_values() -> dict[str, str]:
    """A copied .env after the operator replaced the example secrets (production refuses those)."""
    from cryptography.fernet import Fernet

    values = env_example_values()
    values["SECRET_KEY"] = "operator-" + "k7" * 30
    values["FIELD_ENCRYPTION_KEY"] = Fernet.generate_key().decode()
    return values


def app_environment(compose: dict, service: str, env: dict[str, str]) -> dict[str, str]:
    """The environment compose gives `service`'s container: the env file, then `environment`."""
    spec = compose["services"][service]
    raw = spec.get("environment", {})
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) for item in raw)
    container = dict(env) if spec.get("env_file") else {}
    container.update({name: interpolate(str(value), env) for name, value in raw.items()})
    return container


def command_of(spec: dict) -> list[list[str]]:
    """The service's command as argv lists; `sh -c "a && b"` becomes [a, b]."""
    command = spec["command"]
    argv = shlex.split(command) if isinstance(command, str) else [str(part) for part in command]
    if argv[:2] == ["sh", "-c"] or argv[:2] == ["/bin/sh", "-c"]:
        return [shlex.split(part) for part in argv[2].split("&&")]
    return [argv]


def without_exec(argv: list[str]) -> list[str]:
    return argv[1:] if argv and argv[0] == "exec" else argv


# --- the Dockerfile ---------------------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    instructions, pending = [], ""
    for line in DOCKERFILE.read_text().splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        full = pending + stripped
        pending = ""
        keyword, _sep, arguments = full.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def dockerfile_argv(keyword: str) -> list[str]:
    found = [args for kw, args in dockerfile_instructions() if kw == keyword]
    assert found, f"the Dockerfile has no {keyword}"
    last = found[-1]
    return json.loads(last) if last.startswith("[") else ["/bin/sh", "-c", last]


def gunicorn_target_and_port(argv: list[str]) -> tuple[str, int]:
    assert argv[0] == "gunicorn", argv
    target = argv[1]  # the application comes first, then the options
    assert not target.startswith("-"), argv
    bind = argv[argv.index("--bind") + 1] if "--bind" in argv else argv[argv.index("-b") + 1]
    host, _sep, port = bind.rpartition(":")
    # Every interface of the container, or nothing outside it reaches gunicorn.
    assert host == "0.0.0.0", f"gunicorn listens on {host!r} only"  # noqa: S104
    return target, int(port)


def test_the_image_is_python_311_slim_and_runs_as_a_non_root_user():
    instructions = dockerfile_instructions()
    assert instructions[0] == ("FROM", "python:3.11-slim")
    users = [args for kw, args in instructions if kw == "USER"]
    assert users, "the image must switch to a non-root user"
    assert users[-1] not in {"root", "0", "0:0"}
    keywords = [kw for kw, _args in instructions]
    assert keywords.index("USER") < keywords.index("CMD")


def test_the_image_installs_the_pinned_packages_from_pyproject():
    instructions = dockerfile_instructions()
    assert ("COPY", "pyproject.toml ./") in instructions
    runs = " ".join(args for kw, args in instructions if kw == "RUN")
    assert "['project']['dependencies']" in runs and "pip install -r" in runs
    # The pins are exact, so the image gets the versions the suite ran with.
    import tomllib

    dependencies = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]["dependencies"]
    assert all("==" in dependency for dependency in dependencies), dependencies


def test_the_image_collects_hashed_static_files_and_compiles_translations_at_build():
    instructions = dockerfile_instructions()
    env = " ".join(args for kw, args in instructions if kw == "ENV")
    assert "STATIC_MANIFEST=true" in env
    runs = [args for kw, args in instructions if kw == "RUN"]
    assert any("manage.py collectstatic --noinput" in run for run in runs)
    assert any("manage.py compilemessages" in run for run in runs)
    assert any("gettext" in run and "apt-get install" in run for run in runs)
    assert "DJANGO_SETTINGS_MODULE=helsocial.settings" in env


def test_the_image_runs_gunicorn_on_the_wsgi_application_on_the_exposed_port():
    target, port = gunicorn_target_and_port(dockerfile_argv("CMD"))
    exposed = [args for kw, args in dockerfile_instructions() if kw == "EXPOSE"]
    assert exposed == [str(port)]
    assert not [kw for kw, _args in dockerfile_instructions() if kw == "ENTRYPOINT"]
    assert_is_wsgi_application(target)


def assert_is_wsgi_application(target: str) -> None:
    import importlib

    module_name, _sep, attribute = target.partition(":")
    module = importlib.import_module(module_name)
    application = getattr(module, attribute or "application")
    from django.core.handlers.wsgi import WSGIHandler

    assert isinstance(application, WSGIHandler)


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = {line.strip() for line in (BASE_DIR / ".dockerignore").read_text().splitlines()}
    assert {".env", ".venv", "var", ".git"} <= ignored
    # …but not what the build needs.
    needed = {"pyproject.toml", "manage.py", "helsocial", "accounts", "templates", "static", "locale"}
    assert not ignored & needed


# --- docker-compose.yml ---------------------------------------------------------------------------


def test_compose_has_the_five_services_and_a_mail_catcher(compose):
    services = compose["services"]
    assert {"postgres", "redis", *APP_SERVICES} <= set(services)
    assert services["postgres"]["image"].split(":")[1].startswith("15")
    assert services["redis"]["image"].split(":")[1].startswith("7")
    assert mail_catcher(compose), "no mail catcher service (mailpit) in compose"


def mail_catcher(compose: dict) -> str:
    return next(
        (name for name, spec in compose["services"].items() if "mailpit" in spec.get("image", "")), ""
    )


def test_web_worker_and_beat_build_one_image_from_the_dockerfile(compose):
    for name in APP_SERVICES:
        build = compose["services"][name]["build"]
        assert (BASE_DIR / build["context"] / build.get("dockerfile", "Dockerfile")).resolve() == DOCKERFILE
    assert len({compose["services"][name]["image"] for name in APP_SERVICES}) == 1


def test_web_migrates_then_serves_the_same_application_as_the_image(compose):
    web = compose["services"]["web"]
    steps = [without_exec(argv) for argv in command_of(web)]
    assert steps[0][:3] == ["python", "manage.py", "migrate"]
    assert "--noinput" in steps[0]
    target, port = gunicorn_target_and_port(steps[-1])
    image_target, image_port = gunicorn_target_and_port(dockerfile_argv("CMD"))
    assert (target, port) == (image_target, image_port)
    assert_is_wsgi_application(target)
    published = [str(mapping).rsplit(":", 1)[-1] for mapping in web["ports"]]
    assert published == [str(port)]


def test_worker_and_beat_run_the_projects_celery_app(compose):
    from celery.app.utils import find_app

    from helsocial.celery import app

    for name, subcommand in (("worker", "worker"), ("beat", "beat")):
        (argv,) = command_of(compose["services"][name])
        assert argv[0] == "celery"
        app_name = argv[argv.index("-A") + 1]
        assert find_app(app_name) is app  # what `celery -A helsocial` loads
        assert argv[argv.index("-A") + 2] == subcommand
        assert argv[argv.index("-l") + 1] == "INFO"
    # The non-root user may write only var/: beat's schedule file must go there.
    (beat,) = command_of(compose["services"]["beat"])
    assert beat[beat.index("--schedule") + 1].startswith("/app/var/")


def test_every_service_has_a_healthcheck_and_waits_for_healthy_dependencies(compose):
    services = compose["services"]
    for name, spec in services.items():
        assert spec.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
        for dependency, condition in (spec.get("depends_on") or {}).items():
            assert dependency in services, f"{name} depends on unknown {dependency}"
            assert condition == {"condition": "service_healthy"}
    assert set(services["web"]["depends_on"]) == {"postgres", "redis"}
    # Worker and beat start after web has migrated.
    assert "web" in services["worker"]["depends_on"] and "web" in services["beat"]["depends_on"]


def test_every_variable_compose_gives_the_app_is_one_settings_read(compose):
    read = settings_variables()
    for name in APP_SERVICES:
        unknown = set(compose["services"][name]["environment"]) - read
        assert not unknown, f"{name}: settings.py reads no {sorted(unknown)}"


def test_compose_gives_every_production_variable_and_demands_the_secrets(compose):
    text = COMPOSE_FILE.read_text()
    for name in APP_SERVICES:
        environment = compose["services"][name]["environment"]
        assert set(environment) >= PRODUCTION_VARIABLES, PRODUCTION_VARIABLES - set(environment)
        assert environment["HELSOCIAL_PRODUCTION"] == "true"
        for variable in DEMANDED_FROM_ENV_FILE:
            assert demanded_names(str(environment[variable])) == {variable}, variable
        assert compose["services"][name]["env_file"] == ".env"
    assert "POSTGRES_PASSWORD" in demanded_names(text)


def test_every_variable_whose_absence_stops_a_production_start_is_demanded(compose):
    """Remove each variable in turn from compose's production environment: every one whose absence
    makes the settings refuse to load (ImproperlyConfigured) must be `${NAME:?…}` in compose."""
    env = app_environment(compose, "web", operator_env_values())
    script = """
import json, os, runpy, sys
from django.core.exceptions import ImproperlyConfigured
env = json.loads(sys.argv[1])
refused = []
for name in sorted(env):
    os.environ.clear(); os.environ.update({k: v for k, v in env.items() if k != name})
    try:
        runpy.run_path("helsocial/settings.py")
    except ImproperlyConfigured:
        refused.append(name)
print(json.dumps(refused))
"""
    read = settings_variables()
    production = {k: v for k, v in env.items() if k in read}
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(production)],
        cwd=BASE_DIR,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    refused = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert {"SECRET_KEY", "FIELD_ENCRYPTION_KEY"} <= refused
    assert refused <= demanded_names(COMPOSE_FILE.read_text())


def test_compose_refuses_to_start_without_the_env_files_secrets(compose):
    values = env_example_values()
    for variable in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "POSTGRES_PASSWORD"):
        without = {k: v for k, v in values.items() if k != variable}
        with pytest.raises(MissingVariable, match=variable):
            app_environment(compose, "web", without)


def test_the_service_urls_point_at_the_compose_services(compose):
    env = app_environment(compose, "web", operator_env_values())
    services = compose["services"]
    postgres = services["postgres"]["environment"]
    database = urlsplit(env["DATABASE_URL"])
    assert database.scheme in {"postgres", "postgresql"}
    assert (database.hostname, database.port) == ("postgres", 5432)
    assert database.path.lstrip("/") == postgres["POSTGRES_DB"]
    assert database.username == postgres["POSTGRES_USER"]
    assert database.password == interpolate(postgres["POSTGRES_PASSWORD"], env_example_values())
    broker = urlsplit(env["REDIS_URL"])
    assert (broker.scheme, broker.hostname, broker.port) == ("redis", "redis", 6379)
    # The mail catcher unless .env names the city's relay.
    without_relay = {k: v for k, v in operator_env_values().items() if k != "EMAIL_URL"}
    mail = urlsplit(app_environment(compose, "web", without_relay)["EMAIL_URL"])
    assert (mail.scheme, mail.hostname, mail.port) == ("smtp", mail_catcher(compose), 1025)
    with_relay = {**without_relay, "EMAIL_URL": "smtp://relay.example.se:587?tls=true"}
    assert app_environment(compose, "web", with_relay)["EMAIL_URL"] == "smtp://relay.example.se:587?tls=true"


def test_compose_environment_gives_the_production_settings(compose):
    env = {
        k: v
        for k, v in app_environment(compose, "web", operator_env_values()).items()
        if k in settings_variables()
    }
    got = settings_under(
        env,
        "DEBUG",
        "DATABASES",
        "CELERY_TASK_ALWAYS_EAGER",
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "SESSION_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_HSTS_SECONDS",
        "ALLOWED_HOSTS",
        "SITE_URL",
        "CSRF_TRUSTED_ORIGINS",
        "DEMO_MODE",
        "MEDIA_ROOT",
    )
    assert got["DEBUG"] is False
    assert got["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert got["DATABASES"]["default"]["HOST"] == "postgres"
    assert got["CELERY_TASK_ALWAYS_EAGER"] is False
    assert (got["EMAIL_BACKEND"], got["EMAIL_HOST"]) == (
        "django.core.mail.backends.smtp.EmailBackend",
        "mailpit",
    )
    assert got["SESSION_COOKIE_SECURE"] is True and got["SECURE_HSTS_SECONDS"] > 0
    assert got["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert got["DEMO_MODE"] is False
    assert got["MEDIA_ROOT"] == "/app/var/media"
    # web's healthcheck asks for /healthz with SITE_URL's host: it must be an allowed one.
    assert urlsplit(got["SITE_URL"]).hostname in got["ALLOWED_HOSTS"]
    assert got["SITE_URL"] in got["CSRF_TRUSTED_ORIGINS"]
    assert "SITE_URL" in " ".join(compose["services"]["web"]["healthcheck"]["test"])


def test_check_deploy_is_clean_under_the_compose_environment(compose):
    env = {
        k: v
        for k, v in app_environment(compose, "web", operator_env_values()).items()
        if k in settings_variables()
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- .env.example ---------------------------------------------------------------------------------

_ASSIGNMENT = re.compile(r"#?([A-Z][A-Z0-9_]*)=(.*)")


def env_example_entries() -> list[tuple[str, str, str]]:
    """(name, value, the comment line just above it) for every line `NAME=` or `#NAME=`."""
    entries, previous = [], ""
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = _ASSIGNMENT.fullmatch(line)
        if match:
            entries.append((match.group(1), match.group(2), previous))
        previous = line
    return entries


def test_env_example_lists_every_variable_settings_read():
    listed = {name for name, _value, _comment in env_example_entries()}
    missing = settings_variables() - listed
    assert not missing, f"add these to .env.example with a comment each: {sorted(missing)}"


def test_env_example_lists_nothing_that_is_not_read():
    listed = {name for name, _value, _comment in env_example_entries()}
    stale = listed - settings_variables() - interpolation_names(COMPOSE_FILE.read_text())
    assert not stale, f"neither settings.py nor docker-compose.yml reads {sorted(stale)}"


def test_env_example_says_what_each_variable_is_for():
    names = [name for name, _value, _comment in env_example_entries()]
    assert len(names) == len(set(names)), "a variable is listed twice"
    for name, _value, comment in env_example_entries():
        # The line above is a description (a comment that is not itself a commented-out variable).
        assert comment.startswith("# ") and not _ASSIGNMENT.fullmatch(comment), (
            f"{name} has no comment above it"
        )


def test_env_example_holds_only_example_secrets():
    values = env_example_values()
    for secret in ("SECRET_KEY", "POSTGRES_PASSWORD"):
        assert "example" in values[secret]
    import base64

    assert b"example" in base64.urlsafe_b64decode(values["FIELD_ENCRYPTION_KEY"])


def test_env_example_values_parse_under_production_settings_once_the_secrets_are_set():
    env = {k: v for k, v in operator_env_values().items() if k in settings_variables()}
    got = settings_under({**env, "HELSOCIAL_PRODUCTION": "true"}, "ALLOWED_HOSTS", "REGISTRY_EMAIL")
    assert got["ALLOWED_HOSTS"] and "@" in got["REGISTRY_EMAIL"]
    # The example Fernet key is well-formed, so a copied .env fails only on purpose: on the check
    # that refuses the example secrets in production (tests/helsocial/test_settings.py).
    from cryptography.fernet import Fernet

    Fernet(env_example_values()["FIELD_ENCRYPTION_KEY"])


# --- make bench -----------------------------------------------------------------------------------


def bench_modules() -> list[str]:
    return sorted(f"benchmarks.{path.stem}" for path in (BASE_DIR / "benchmarks").glob("bench_*.py"))


def test_make_bench_runs_every_bench_module_and_they_import_without_side_effects():
    modules = bench_modules()
    assert "benchmarks.bench_floor" in modules
    script = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    assert callable(importlib.import_module(name).main), name\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *modules, "benchmarks.datagen"],
        cwd=BASE_DIR,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "", "importing a bench module must not run it"
    makefile = (BASE_DIR / "Makefile").read_text()
    assert re.search(r"^bench:.*\n\tscripts/bench.sh", makefile, re.M)
    assert "benchmarks/bench_*.py" in (BASE_DIR / "scripts" / "bench.sh").read_text()


@pytest.mark.postgres
@pytest.mark.django_db
def test_datagen_loads_the_data_set_and_reloads_it_idempotently():
    from accounts.models import AccountEditor, Administration, Role, RoleAssignment, SocialAccount, User
    from benchmarks import datagen

    scale = datagen.Scale(administrations=2, accounts=8, bookings=300, posts=0, comments=0, snapshots=0)
    for _round in range(2):
        counts = datagen.load(scale, out=None)
    assert Administration.objects.count() == 2 == counts["accounts_administration"]
    assert SocialAccount.objects.count() == 8
    assert SocialAccount.objects.filter(is_citywide=True).count() == 1
    assert User.objects.filter(username=datagen.AKN_USERNAME, role_assignments__role=Role.AKN).exists()
    lead = User.objects.get(username=datagen.lead_username(1))
    assert RoleAssignment.objects.filter(user=lead, role=Role.LEAD, administration_id=1).exists()
    editor = User.objects.get(username=datagen.editor_username(1, 1))
    assert AccountEditor.objects.filter(user=editor, account__administration_id=1).exists()
    # Every account has an editor of its own förvaltning.
    assert not SocialAccount.objects.exclude(editor_links__user__role_assignments__role=Role.EDITOR).exists()
    # Bookings on bookable accounts (no X), by the förvaltning's own people, around today; no two
    # live slots on one account overlap (the exclusion constraint would have refused the COPY, but
    # the check holds on any database).
    from datetime import timedelta
    from itertools import pairwise

    from django.db.models import F, Q
    from django.utils import timezone

    from calendar_booking.models import Booking, BookingLog, BookingSlot, Status

    assert Booking.objects.count() == 300 == counts["calendar_booking_booking"]
    assert BookingLog.objects.count() == 300
    assert Booking.objects.filter(administration_id=1).count() == 150
    assert BookingSlot.objects.count() >= 300
    assert not Booking.objects.filter(slots__isnull=True).exists()
    assert not BookingSlot.objects.filter(account__platform=SocialAccount.Platform.X).exists()
    assert not Booking.objects.exclude(
        author__role_assignments__administration_id=F("administration_id")
    ).exists()
    assert not BookingSlot.objects.exclude(
        Q(account__is_citywide=True) | Q(account__administration_id=F("booking__administration_id"))
    ).exists()
    now = timezone.now()
    assert BookingSlot.objects.filter(status=Status.PLANNED, starts_at__gt=now).exists()
    assert BookingSlot.objects.filter(status=Status.PUBLISHED, starts_at__lt=now).exists()
    assert not BookingSlot.objects.filter(status=Status.PLANNED, ends_at__lt=now).exists()
    month = BookingSlot.objects.filter(starts_at__range=(now - timedelta(days=31), now + timedelta(days=31)))
    assert month.count() > BookingSlot.objects.count() / 3
    live = list(
        BookingSlot.objects.live()
        .order_by("account_id", "starts_at")
        .values_list("account_id", "starts_at", "blocked_until")
    )
    for (account, _s, blocked_until), (following, starts_at, _b) in pairwise(live):
        assert following != account or starts_at >= blocked_until
    # The starting lists, which TRUNCATE … CASCADE empties with the users, are back: the
    # benchmarks triage and check tone with the rules a fresh installation has.
    from helsocial.tone.models import ToneWord
    from moderation.models import TriageRule, TriageTerm

    assert TriageTerm.objects.filter(label="threat").exists()
    assert TriageRule.objects.exists()
    assert ToneWord.objects.exists()
    # The sequences continue after the loaded ids: a row created the normal way fits in.
    Administration.objects.create(name="Ny förvaltning")


def test_beat_schedules_only_tasks_the_worker_has():
    """A misspelt or removed task in CELERY_BEAT_SCHEDULE would be sent every period and dropped
    by the worker as unregistered: the beat service would run and do nothing."""
    from django.conf import settings

    from helsocial.celery import app

    app.loader.import_default_modules()
    unknown = {
        name: entry["task"]
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        if entry["task"] not in app.tasks
    }
    assert not unknown


def test_the_floor_page_exists_only_in_the_benchmarks_urlconf():
    from django.urls import NoReverseMatch, resolve, reverse

    with pytest.raises(NoReverseMatch):
        reverse("bench-floor")
    assert resolve("/bench/floor/", urlconf="benchmarks.floor_urls").url_name == "bench-floor"
    assert reverse("home", urlconf="benchmarks.floor_urls") == reverse("home")  # the portal's URLs too
