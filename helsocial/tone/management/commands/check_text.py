"""`manage.py check_text [--jsonl FILE]`: AKN tries the tone rules and the current lists on real text.

Reads one JSON object per line, ``{"id", "text", "context"}``, from FILE or standard input, and
prints one JSON line per text: ``{"id", "lix", "lix_band", "findings": [{"rule", "severity",
"span": [start, end], "message", "suggestion"}, …]}``. ``context`` is ``"draft"``, ``"reply"`` or
``"free"`` (the default), or an object with ``kind`` and the booking fields (``media_type``,
``objective``, ``link``, ``captions_confirmed``, ``rights_confirmed``, ``consent_confirmed``).
A line that cannot be read prints ``{"id", "line", "error"}`` and the next line is read; the exit
status is non-zero only when FILE cannot be opened. Writes nothing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator

from django.core.management.base import BaseCommand, CommandError

from helsocial.tone.checker import KINDS, MEDIA_TYPES, OBJECTIVES, CheckContext, check_text
from helsocial.tone.selectors import tone_lists


class LineError(ValueError):
    pass


def _context(raw) -> CheckContext:
    if raw is None or raw == "":
        return CheckContext()
    if isinstance(raw, str):
        if raw not in KINDS:
            raise LineError(f"unknown context {raw!r}; expected one of {', '.join(KINDS)} or an object")
        return CheckContext(kind=raw)
    if not isinstance(raw, dict):
        raise LineError("context must be a string or an object")
    kind = raw.get("kind", "free")
    if kind not in KINDS:
        raise LineError(f"unknown context kind {kind!r}")
    media = raw.get("media_type") or "none"
    if media == "text":
        media = "none"  # the calendar's name for a post without media
    if media not in MEDIA_TYPES:
        raise LineError(f"unknown media_type {media!r}")
    objective = raw.get("objective") or None
    if objective is not None and objective not in OBJECTIVES:
        raise LineError(f"unknown objective {objective!r}")
    return CheckContext(
        kind=kind,
        media_type=media,
        objective=objective,
        link=str(raw.get("link") or ""),
        captions_confirmed=raw.get("captions_confirmed") is True,
        rights_confirmed=raw.get("rights_confirmed") is True,
        consent_confirmed=raw.get("consent_confirmed") is True,
    )


def _lines(stream) -> Iterator[str]:
    """Lines as text; a line that is not UTF-8 raises LineError for that line only."""
    source: Iterable = getattr(stream, "buffer", stream)
    for line in source:
        if isinstance(line, bytes):
            try:
                yield line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield LineError(f"not UTF-8: {exc}")  # type: ignore[misc]
        else:
            yield line


class Command(BaseCommand):
    help = (
        'Read {"id", "text", "context"} JSON lines from --jsonl FILE or standard input and print one '
        "JSON line per text with its LIX, LIX band and findings."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", metavar="FILE", help="read this file ('-' or none: standard input)")

    def handle(self, *args, jsonl: str | None = None, **options):
        if jsonl and jsonl != "-":
            try:
                stream = open(jsonl, "rb")  # noqa: SIM115
            except OSError as exc:
                raise CommandError(f"Cannot read {jsonl}: {exc}") from exc
        else:
            stream = sys.stdin
        lists = tone_lists()
        try:
            for number, line in enumerate(_lines(stream), start=1):
                if isinstance(line, LineError):
                    self._error(None, number, str(line))
                    continue
                if not line.strip():
                    continue
                item_id = None
                try:
                    try:
                        item = json.loads(line)
                    except ValueError as exc:
                        raise LineError(f"not JSON: {exc}") from exc
                    if not isinstance(item, dict):
                        raise LineError("not a JSON object")
                    item_id = item.get("id")
                    text = item.get("text")
                    if not isinstance(text, str):
                        raise LineError('"text" must be a string')
                    context = _context(item.get("context"))
                except LineError as exc:
                    self._error(item_id, number, str(exc))
                    continue
                report = check_text(text, context=context, lists=lists)
                out = {
                    "id": item_id,
                    "lix": None if report.lix is None else round(report.lix, 1),
                    "lix_band": None if report.lix_band is None else report.lix_band.key,
                    "findings": [
                        {
                            "rule": f.rule,
                            "severity": f.severity,
                            "span": [f.span[0], f.span[1]],
                            "message": f.message,
                            "suggestion": f.suggestion,
                        }
                        for f in report.findings
                    ],
                }
                self.stdout.write(json.dumps(out, ensure_ascii=False))
        finally:
            if stream is not sys.stdin:
                stream.close()

    def _error(self, item_id, number: int, message: str) -> None:
        self.stdout.write(json.dumps({"id": item_id, "line": number, "error": message}, ensure_ascii=False))
