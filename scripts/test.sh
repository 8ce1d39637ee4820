#!/usr/bin/env bash
# `make test`: on CI (CI set) against real PostgreSQL, Redis and Chromium brought up here;
# elsewhere against whatever DATABASE_URL / REDIS_URL say, or SQLite with eager tasks.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${CI:-}" ]; then
  # shellcheck source=scripts/services.sh
  source scripts/services.sh
fi
db=SQLite; [ -n "${DATABASE_URL:-}" ] && db=PostgreSQL
broker="none (tasks run eagerly)"; [ -n "${REDIS_URL:-}" ] && broker=Redis
echo "test: database $db, broker $broker"
.venv/bin/python manage.py makemigrations --check --dry-run -v 0
exec .venv/bin/pytest "$@"
