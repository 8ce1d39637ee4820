#!/usr/bin/env bash
# `make bench`: the figures of quality.md's performance bars, printed; nothing fails on time.
# Brings up PostgreSQL the way the test suite does (scripts/services.sh), loads the data set at size
# S and size L into two databases of their own (helsocial_bench_s, helsocial_bench_l: the dev and
# test databases are never touched), then runs every benchmarks/bench_*.py. A bench module has a
# main() and imports without side effects; it finds both databases through benchmarks/harness.py.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

PG_DB=helsocial_bench_l
# shellcheck source=scripts/services.sh
source scripts/services.sh
if ! psql -U postgres -h 127.0.0.1 -tAc "SELECT 1 FROM pg_database WHERE datname='helsocial_bench_s'" | grep -q 1; then
  psql -U postgres -h 127.0.0.1 -qc "CREATE DATABASE helsocial_bench_s"
fi
# A Redis database of its own: no test's worker consumes what a page might queue, and clearing the
# cache between the data sets touches nothing else.
export REDIS_URL="redis://127.0.0.1:6379/15"
export DJANGO_SETTINGS_MODULE=helsocial.settings
base="postgres://postgres:$PG_PASSWORD@127.0.0.1:5432"

for size in S L; do
  db="helsocial_bench_${size,,}"
  echo "bench: migrating $db"
  DATABASE_URL="$base/$db" .venv/bin/python manage.py migrate --noinput -v 0
  DATABASE_URL="$base/$db" .venv/bin/python -m benchmarks.datagen --size "$size"
done

export DATABASE_URL="$base/helsocial_bench_l"
failed=()
for bench in benchmarks/bench_*.py; do
  name=$(basename "$bench" .py)
  echo
  echo "== $name"
  .venv/bin/python -m "benchmarks.$name" || failed+=("$name")
done
echo
echo "bench: done in $(( $(date +%s) - started )) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: failed: ${failed[*]}" >&2
  exit 1
fi
