"""`manage.py outbox_send`: deliver every due outbox mail now, in the foreground, without a broker."""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from helsocial.outbox import services
from helsocial.outbox.models import OutboxMessage


class Command(BaseCommand):
    help = "Deliver every due outbox mail now, in this process, and print what happened."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=10_000, help="Deliver at most this many mails.")
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="First give mails that ran out of attempts a fresh set of attempts.",
        )

    def handle(self, *args, limit: int, retry_failed: bool, **options):
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        now = timezone.now()
        revived = services.outbox_retry_failed(now=now) if retry_failed else 0
        reclaimed = services.outbox_reclaim_stale(now=now)
        outcomes: Counter[str] = Counter()
        for pk in OutboxMessage.objects.due(now).values_list("pk", flat=True)[:limit]:
            outcomes[services.outbox_attempt(message_id=pk).outcome.value] += 1
        waiting = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
        failed = OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).count()
        self.stdout.write(
            f"outbox: sent {outcomes['sent']}, to retry {outcomes['retry']}, "
            f"failed now {outcomes['failed']}, skipped {outcomes['skipped']}, "
            f"reclaimed {reclaimed}, revived {revived}; "
            f"pending {waiting}, failed in total {failed}"
        )
