"""`manage.py triage --jsonl FILE`: AKN tries the current rule lists on real text. Writes nothing.

`manage.py triage --evaluate FILE`: precision and recall per label on a labelled corpus
(`moderation/corpus/`), the confusions, and the goals of quality.md.

`manage.py triage --train FILE…`: train triage's model (`moderation/triage/model.py`) on labelled
corpora and write its weights (by default to `moderation/triage/model.json`, which the portal reads).
Never train on the held-out part.
"""

import json
import sys
from datetime import datetime
from pathlib import Path

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
        mode.add_argument("--train", metavar="FILE", nargs="+")
        parser.add_argument(
            "--with-decisions",
            action="store_true",
            help="With --train: also train on the city's own decisions that triage missed (the misses page).",
        )
        parser.add_argument(
            "--out",
            metavar="FILE",
            help="With --train: where to write the model (default: moderation/triage/model.json).",
        )
        parser.add_argument(
            "--show-misses",
            action="store_true",
            help="With --evaluate: also list every comment triage got wrong.",
        )

    def handle(self, *args, jsonl: str | None, evaluate: str | None, show_misses: bool, **options):
        if options.get("train"):
            self._train(options["train"], options.get("out"), options.get("with_decisions", False))
        elif evaluate:
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

    def _train(self, paths: list[str], out: str | None, with_decisions: bool) -> None:
        from moderation.triage.model import MODEL_PATH
        from moderation.triage.training import model_dumps, model_train

        items = []
        for path in paths:
            if "heldout" in Path(path).name:
                raise CommandError(f"{path} is a held-out part: the model is never trained on it.")
            try:
                items.extend(corpus_read(path))
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from exc
            except ValueError as exc:
                raise CommandError(f"{path}: {exc}") from exc
        if with_decisions:
            from moderation.misses import decisions_corpus

            decisions = decisions_corpus()
            items.extend(decisions)
            self.stdout.write(f"With {len(decisions)} decisions of the city's moderators.")
        if len({item.id for item in items}) != len(items):
            raise CommandError("The corpora share an id: each comment may be trained on once.")
        model = model_train(items)
        target = Path(out) if out else MODEL_PATH
        target.write_text(model_dumps(model), encoding="utf-8")
        summary = model["summary"]
        self.stdout.write(
            f"Trained on {summary['comments']} comments in {len(summary['batches'])} batches "
            f"({summary['hard_negatives']} hard negatives); {len(model['features'])} features."
        )
        self.stdout.write("On batches left out of training (cross-validation), at each label's threshold:")
        for label, figures in summary["labels"].items():
            self.stdout.write(
                f"  {label:16} threshold {model['thresholds'][label]:.3f}  "
                f"recall {figures['cv_recall']:.1%}  precision {figures['cv_precision']:.1%}  "
                f"hard negatives called so {figures['cv_hard_negative_alarms']}"
            )
        self.stdout.write(f"Wrote {target}")

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
