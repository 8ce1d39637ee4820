#!/usr/bin/env bash
# Brings up the real services the test suite runs against on a CI machine (Debian, root) and
# exports DATABASE_URL and REDIS_URL. Sourced by scripts/test.sh when CI is set; safe to rerun.
set -euo pipefail
PG_VERSION=${PG_VERSION:-15}
PG_PASSWORD=${PG_PASSWORD:-postgres}
PG_DB=${PG_DB:-helsocial}

need=()
command -v redis-server >/dev/null || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v msgfmt >/dev/null || need+=(gettext)
if [ ${#need[@]} -gt 0 ]; then
  echo "services: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

pg_ctlcluster "$PG_VERSION" main status >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
# PostgreSQL asks for a password over TCP: give the postgres role one, as the postgres OS user.
(cd / && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qc "ALTER USER postgres PASSWORD '$PG_PASSWORD'")
export PGPASSWORD=$PG_PASSWORD
if ! psql -U postgres -h 127.0.0.1 -tAc "SELECT 1 FROM pg_database WHERE datname='$PG_DB'" | grep -q 1; then
  psql -U postgres -h 127.0.0.1 -qc "CREATE DATABASE $PG_DB"
fi

redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.1; done

export DATABASE_URL="postgres://postgres:$PG_PASSWORD@127.0.0.1:5432/$PG_DB"
export REDIS_URL="redis://127.0.0.1:6379/0"
echo "services: PostgreSQL and Redis are up; DATABASE_URL and REDIS_URL exported"
