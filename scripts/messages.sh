#!/usr/bin/env bash
# Extract the user-facing strings into locale/sv/LC_MESSAGES/django.po (existing translations kept).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p locale
.venv/bin/python manage.py makemessages -l sv --no-location --no-obsolete \
  --ignore=.venv --ignore=var --ignore=tests --ignore=benchmarks --ignore=static/vendor --ignore=scripts "$@"
msgfmt --statistics -o /dev/null locale/sv/LC_MESSAGES/django.po
