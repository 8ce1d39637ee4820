"""`manage.py triage --jsonl FILE`: AKN tries the current rule lists on real text. Writes nothing."""

import json
import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from moderation.triage import AuthorHistory, ruleset_load, triage_text


class Command(BaseCommand):
    help = (
        'Read one JSON object per line ({"id", "author_id", "text", "created_at"}) and print one per '
        "line with id, labels, action and reasons. The lines are one stream in order, so an author "
        "repeating themselves is spam here too. '-' reads standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", required=True, metavar="FILE")

    def handle(self, *args, jsonl: str, **options):
        rules = ruleset_load()
        history = AuthorHistory()
        try:
            stream = sys.stdin if jsonl == "-" else open(jsonl, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {jsonl}: {exc}") from exc
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    if not isinstance(item, dict):
                        raise ValueError("not an object")
                    created_at = _parse_time(item.get("created_at"))
                except ValueError as exc:
                    raise CommandError(f"Line {number}: {exc}") from exc
                verdict = triage_text(
                    text=str(item.get("text") or ""),
                    author_id=str(item.get("author_id") or ""),
                    created_at=created_at,
                    attachments=tuple(item.get("attachments") or ()),
                    rules=rules,
                    history=history,
                )
                out = {"id": item.get("id"), **verdict.as_dict()}
                self.stdout.write(json.dumps(out, ensure_ascii=False))


def _parse_time(value) -> datetime:
    if not value:
        return timezone.now()
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = timezone.make_aware(moment)
    return moment
