"""Idempotent, realistic demo data. Each installed app may add a `demo.py` with `seed(*, stdout)`,
found here the way Django finds `admin.py`; the people and their password are accounts'."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Create or refresh the demo data and print one login per role."

    def handle(self, *args, **options):
        logins = []
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                logins.extend(module.seed(stdout=self.stdout) or [])
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at http://127.0.0.1:8000/login/ as:"))
        for username, role in logins:
            self.stdout.write(f"  {username:<15} password {DEMO_PASSWORD}   ({role})")
