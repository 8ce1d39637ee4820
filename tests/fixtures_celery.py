"""Celery in tests: eager in-process tasks, a private Redis broker, and a real worker process.

- `celery_eager`: tasks run in-process at `.delay()` (the laptop default), whatever REDIS_URL says.
- `redis_broker`: a redis-server of the test's own on a free port (nothing shared with other tests
  or other runs), which the test can `.stop()` and `.start()` on the same port; this process's
  Celery app publishes to it while the fixture lives.
- `celery_worker_process`: a real `celery -A helsocial worker` (prefork, 2 processes) on that broker
  and on the pytest-django test database. Needs PostgreSQL and a test using committed data: request
  `transactional_db` (the fixture does), never `db`. When the test also uses `smtp_server`, the
  worker's EMAIL_URL points at it. Override the `celery_worker_env` fixture to give the worker more
  environment (e.g. `{"OUTBOX_RETRY_BASE_SECONDS": "1"}`). `celery_worker_process.wait_idle()` waits
  until no task is queued, running or waiting for its countdown (a test that asserts nothing more
  happens asserts it then, instead of sleeping).

Mark such tests `@pytest.mark.postgres` and `@pytest.mark.redis` so they skip, with the reason, where
the services are absent.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from .fixtures_smtp import free_port
from .waiting import wait_until

__all__ = [
    "CeleryWorker",
    "RedisServer",
    "celery_eager",
    "celery_worker_env",
    "celery_worker_process",
    "redis_broker",
    "use_broker",
]

ROOT = Path(__file__).resolve().parent.parent
READY = re.compile(r"\bready\.")
WORKER_ARGS = [
    *["-A", "helsocial", "worker", "--pool=prefork", "--concurrency=2", "-Q", "celery"],
    *["--without-heartbeat", "--without-mingle", "--without-gossip", "-l", "INFO"],
]


def _celery_app():
    from helsocial.celery import app

    return app


@contextlib.contextmanager
def use_broker(url: str, *, eager: bool = False):
    """Point this process's Celery app at `url` (publishing for real unless `eager`), then back."""
    app = _celery_app()
    previous = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = url
    app.conf.task_always_eager = eager
    _drop_broker_connections(app)
    try:
        yield app
    finally:
        app.conf.broker_url, app.conf.task_always_eager = previous
        _drop_broker_connections(app)


def _drop_broker_connections(app) -> None:
    # The app keeps a connection pool (and a producer pool) built for the old URL; Celery forgets
    # them the same way in a forked child, and the next publish builds new ones for the current URL.
    # (Not closed: kombu's global registry hands the same pool out again for that URL.)
    app._after_fork()


@pytest.fixture
def celery_eager():
    """Tasks run in-process at `.delay()`, as on a laptop without a broker."""
    with use_broker("memory://", eager=True) as app:
        yield app


class RedisServer:
    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout: float = 10) -> None:
        if self.running:
            return
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                *f"--bind 127.0.0.1 --port {self.port} --appendonly no --dir {self.workdir}".split(),
                *["--save", ""],  # no snapshots: nothing survives a stop, as a fresh broker
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while not self.ping():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server on port {self.port} did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url(), socket_connect_timeout=0.5).ping())
        except redis.exceptions.ConnectionError:
            return False

    def flush(self) -> None:
        import redis

        if self.running:
            redis.Redis.from_url(self.url()).flushall()


@pytest.fixture
def redis_broker(tmp_path):
    """A private redis-server; this process's Celery app publishes to it while the fixture lives."""
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install redis-server)")
    server = RedisServer(tmp_path / "redis")
    server.start()
    try:
        with use_broker(server.url()):
            yield server
    finally:
        server.stop()


@pytest.fixture
def celery_worker_env():
    """Extra environment for `celery_worker_process`; override it in a test module."""
    return {}


class CeleryWorker:
    """A `celery -A helsocial worker` subprocess in its own process group."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout: float = 60) -> None:
        if self.running:
            return
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [str(ROOT / ".venv" / "bin" / "celery"), *WORKER_ARGS],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own group, so a SIGKILL takes the pool's child processes down with it.
                start_new_session=True,
            )
        self.starts += 1
        deadline = time.monotonic() + timeout
        while not READY.search(self.log(offset)):
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"celery worker exited with {self.proc.returncode}:\n{self.log(offset)[-3000:]}"
                )
            if time.monotonic() > deadline:
                self.kill(signal.SIGKILL)
                raise RuntimeError(f"celery worker not ready within {timeout} s:\n{self.log(offset)[-3000:]}")
            time.sleep(0.1)

    def kill(self, sig: int = signal.SIGKILL, timeout: float = 30) -> None:
        """Send `sig` and wait for the worker to end. SIGKILL goes to the whole process group (a
        crash of the machine or container); other signals to the main process (SIGTERM: warm
        shutdown, running tasks finish first), with SIGKILL after `timeout`."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            if sig == signal.SIGKILL:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
            else:
                self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        # Pool children left behind by a main process that died first.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc = None

    def stop(self) -> None:
        self.kill(signal.SIGTERM)

    def restart(self, env: dict[str, str] | None = None) -> None:
        self.stop()
        if env:
            self.env = {**self.env, **env}
        self.start()

    def idle(self) -> bool:
        """No task queued, and none delivered but unfinished: every task acks late
        (CELERY_TASK_ACKS_LATE), so one running, reserved or held for its countdown (a retry) stays
        in the broker's `unacked` hash until it has finished."""
        import redis

        client = redis.Redis.from_url(self.env["REDIS_URL"])
        if client.hlen("unacked"):
            return False
        # The queue, and the lists kombu keeps for its priority steps ("celery\x06\x163" …).
        return not any(
            client.type(key) == b"list" and client.llen(key) for key in client.scan_iter(match="celery*")
        )

    def wait_idle(self, timeout: float = 30) -> float:
        """Wait until the worker has had nothing to do on two polls in a row (a task moves from the
        queue to `unacked` in two steps); returns the seconds waited."""
        polls_idle = 0

        def settled() -> bool:
            nonlocal polls_idle
            polls_idle = polls_idle + 1 if self.idle() else 0
            return polls_idle >= 2

        return wait_until(settled, timeout, "the celery worker to be idle")

    def log(self, offset: int = 0) -> str:
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace")


def _test_database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if user else ""
    return f"postgres://{credentials}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker_process(request, transactional_db, redis_broker, celery_worker_env, tmp_path):
    """A real Celery worker on the private broker and the test database (see the module docstring)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: a worker process cannot see the SQLite test database")
    if "smtp_server" in request.fixturenames:
        email_url = request.getfixturevalue("smtp_server").url
    else:
        email_url = f"file://{tmp_path / 'worker-mail'}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CELERY_", "DATABASE_", "REDIS_", "EMAIL_", "OUTBOX_", "PYTEST_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="helsocial.settings",
        DATABASE_URL=_test_database_url(),
        # No idle connections left behind: pytest-django flushes and finally drops this database.
        DB_CONN_MAX_AGE="0",
        REDIS_URL=redis_broker.url(),
        EMAIL_URL=email_url,
        PYTHONUNBUFFERED="1",
        **celery_worker_env,
    )
    redis_broker.flush()
    worker = CeleryWorker(env, tmp_path / "celery-worker.log")
    worker.start()
    try:
        yield worker
    finally:
        worker.kill(signal.SIGTERM, timeout=10)
        redis_broker.flush()
        # Shown by pytest only when the test failed.
        print(f"--- celery worker log ({worker.log_path}) ---\n{worker.log()[-6000:]}")
