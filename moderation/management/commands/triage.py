"""`manage.py triage --jsonl FILE`: AKN tries the current rule lists on real text. Writes nothing.

`manage.py triage --evaluate FILE`: precision and recall per label on a labelled corpus
(`moderation/corpus/`), the confusions, and the goals of quality.md.
"""

import json
import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from moderation.migration_state import moderation_migrations_unapplied
from moderation.triage import AuthorHistory, ruleset_load, triage_text
from moderation.triage_eval import corpus_read, evaluation_lines, triage_evaluate


class Command(BaseCommand):
    help = (
        'Read one JSON object per line ({"id", "author_id", "text", "created_at"}) and print one per '
        "line with id, labels, action and reasons. The lines are one stream in order, so an author "
        "repeating themselves is spam here too. '-' reads standard input. With --evaluate, read a "
        'labelled corpus ({"id", "text", "must", "must_not", "kind"}) and print precision and recall '
        "per label, the confusions and the goals."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--jsonl", metavar="FILE")
        mode.add_argument("--evaluate", metavar="FILE")
        parser.add_argument(
            "--show-misses",
            action="store_true",
            help="With --evaluate: also list every comment triage got wrong.",
        )

    def handle(self, *args, jsonl: str | None, evaluate: str | None, show_misses: bool, **options):
        if evaluate:
            self._evaluate(evaluate, show_misses)
        else:
            self._stream(jsonl)

    def _evaluate(self, path: str, show_misses: bool) -> None:
        try:
            items = corpus_read(path)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        unapplied = moderation_migrations_unapplied()
        if unapplied:
            # The rules are read from the database: without these, older rules are measured.
            self.stderr.write(
                self.style.WARNING(
                    f"Warning: the database has {len(unapplied)} unapplied moderation migration(s) "
                    f"({', '.join(unapplied)}); the figures are for older rules. Run manage.py migrate first."
                )
            )
        evaluation = triage_evaluate(items=items, rules=ruleset_load())
        for line in evaluation_lines(evaluation, show_misses=show_misses):
            self.stdout.write(line)

    def _stream(self, jsonl: str) -> None:
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
