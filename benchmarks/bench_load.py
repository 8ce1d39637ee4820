"""Performance bar 6 of quality.md: under load, the KC queue page serves at least 40% of the requests
per second of the minimal page (the framework floor), with no errors.

gunicorn serves the portal on loopback from the size L database (benchmarks/wsgi.py adds the floor
page); locust, headless, sends one page at a time as the KC person with a fixed number of users and no
wait. The floor and the queue alternate in rounds, each going first in every other round, so that the
machine's noise falls on both alike.
"""

from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import datagen, harness

RATIO_BAR = 0.40
# Six alternating rounds of 10 s (an even number: each page goes first as often): the shared
# machine's noise falls on both pages in short stretches.
ROUNDS = int(os.environ.get("BENCH_LOAD_ROUNDS", "6"))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "10"))
WARM_SECONDS = 5
USERS = int(os.environ.get("BENCH_LOAD_USERS", "16"))
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", str(max(2, os.cpu_count() or 2))))
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_for(username: str) -> str:
    """A real session of the person, stored where gunicorn's workers read sessions."""
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client.cookies["sessionid"].value


def wait_for(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise harness.BenchError("gunicorn stopped before it served")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise harness.BenchError("gunicorn did not start")


def run_locust(
    port: int, path: str, session: str, workdir: Path, name: str, *, seconds: int = SECONDS
) -> tuple[float, int, int]:
    """(requests per second, requests, failures) of one headless locust run."""
    prefix = workdir / name
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "--only-summary",
            "--users",
            str(USERS),
            "--spawn-rate",
            str(USERS),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "BENCH_PATH": path, "BENCH_SESSION": session},
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        total = next(row for row in csv.DictReader(f) if row["Name"] == "Aggregated")
    return float(total["Requests/s"]), int(total["Request Count"]), int(total["Failure Count"])


def main() -> None:
    harness.setup()
    from django.urls import reverse

    session = session_for(datagen.KC_USERNAME)
    queue = reverse("moderation:queue-kc")
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "benchmarks.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        env={**os.environ, "DEBUG": "false"},
        start_new_session=True,
    )
    results: dict[str, list[tuple[float, int, int]]] = {"floor": [], "queue": []}
    try:
        wait_for(port, server)
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            # Warm the workers on both pages (imports, templates, connections) before anything counts.
            run_locust(port, harness.FLOOR_PATH, session, workdir, "warm-floor", seconds=WARM_SECONDS)
            run_locust(port, queue, session, workdir, "warm-queue", seconds=WARM_SECONDS)
            # Floor first in even rounds, the queue first in odd ones (ABBA): a load on the machine
            # that grows or fades during the run falls on both pages alike, not on the second one.
            paths = {"floor": harness.FLOOR_PATH, "queue": queue}
            for index in range(ROUNDS):
                for name in ("floor", "queue") if index % 2 == 0 else ("queue", "floor"):
                    results[name].append(run_locust(port, paths[name], session, workdir, f"{name}{index}"))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    def summed(rows):
        seconds = SECONDS * len(rows)
        requests = sum(r[1] for r in rows)
        return requests / seconds, requests, sum(r[2] for r in rows)

    floor_rps, floor_n, floor_errors = summed(results["floor"])
    queue_rps, queue_n, queue_errors = summed(results["queue"])
    ratio = queue_rps / floor_rps if floor_rps else 0.0
    errors = floor_errors + queue_errors
    from django.db import connection

    print(
        f"load (gunicorn {WORKERS} workers, locust {USERS} users, {ROUNDS}×{SECONDS} s per page, "
        f"database {connection.settings_dict['NAME']}, DEBUG off, as KC; both pages warmed {WARM_SECONDS} s):"
    )
    print(f"  floor page      {floor_rps:8.1f} req/s  ({floor_n} requests, {floor_errors} errors)")
    print(f"  KC queue page   {queue_rps:8.1f} req/s  ({queue_n} requests, {queue_errors} errors)")
    # Each round's ratio, so that the machine's noise shows beside the pooled figure.
    rounds = ", ".join(
        f"{q[1] / f[1]:.0%}" if f[1] else "–" for f, q in zip(results["floor"], results["queue"], strict=True)
    )
    print(f"  queue/floor per round: {rounds}")
    verdict = "met" if ratio >= RATIO_BAR and errors == 0 else "NOT met"
    print(f"  bar 6: queue/floor = {ratio:.0%} (bar ≥ {RATIO_BAR:.0%}), errors {errors} (bar 0): {verdict}")


if __name__ == "__main__":
    main()
