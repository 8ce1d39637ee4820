"""`manage.py due_at 2026-11-23T10:00` prints when a question received then is due."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from moderation.sla import due_at


class Command(BaseCommand):
    help = "Print the SLA due time (ISO-8601 with its UTC offset) of a question received at the given time."

    def add_arguments(self, parser):
        parser.add_argument("received", help="ISO-8601 time; without an offset it is read in TIME_ZONE")
        parser.add_argument(
            "--urgent", action="store_true", help="use the short clock of threats and attacks"
        )

    def handle(self, *args, received: str, urgent: bool, **options):
        try:
            moment = datetime.fromisoformat(received.replace("Z", "+00:00"))
        except ValueError as exc:
            raise CommandError(f"Not an ISO-8601 time: {received!r}") from exc
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
        self.stdout.write(due_at(moment, urgent=urgent).isoformat())
