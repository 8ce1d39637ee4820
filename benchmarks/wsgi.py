"""The WSGI application the load benchmark (bench_load.py) serves with gunicorn: the portal with the
benchmarks' URLconf, so that the framework floor page exists (benchmarks/floor_urls.py)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helsocial.settings")

import django

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

override_settings(ROOT_URLCONF="benchmarks.floor_urls").enable()
application = get_wsgi_application()
