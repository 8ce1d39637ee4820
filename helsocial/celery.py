"""The Celery application. Workers and beat run `celery -A helsocial worker|beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helsocial.settings")

app = Celery("helsocial")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
