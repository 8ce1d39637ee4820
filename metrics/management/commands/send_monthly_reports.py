"""Queue the monthly report mails of one month (beat does it on the first working day at 07:00).

    manage.py send_monthly_reports --month 2026-11 [--administration ID] [--dry-run]

Safe to run again: each recipient gets each förvaltning's report of a month once (the outbox key).
`--administration 0` is the city's report only. `--dry-run` writes nothing and prints who would get
what; mails already in the outbox are listed as such.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from metrics.reports.mail import parse_month, send_monthly_reports


class Command(BaseCommand):
    help = "Queue the monthly report mails of a month (once per recipient, förvaltning and month)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-11")
        parser.add_argument("--administration", type=int, help="only this förvaltning (id); 0: the city")
        parser.add_argument("--dry-run", action="store_true", help="print who would get what, send nothing")

    def handle(self, *args, month, administration=None, dry_run=False, **options):
        with translation.override("sv"):
            try:
                first = parse_month(month)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
            result = send_monthly_reports(month=first, administration_id=administration, dry_run=dry_run)
            new = _("would be sent") if dry_run else _("queued")
            for line in result.lines:
                state = new if line.queued else _("already sent")
                self.stdout.write(f"{first:%Y-%m}\t{line.report}\t{line.email}\t{state}")
            for title in result.failed:
                self.stderr.write(_("Could not build the report of %(title)s; run again.") % {"title": title})
            if dry_run:
                summary = _("%(count)s mails would be sent.") % {"count": result.queued}
            else:
                summary = _("%(count)s mails queued.") % {"count": result.queued}
            self.stdout.write(summary)
            if result.failed:
                raise CommandError(_("%(count)s reports failed.") % {"count": len(result.failed)})
