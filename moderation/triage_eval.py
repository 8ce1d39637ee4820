"""How well triage labels a labelled corpus: precision and recall per label, and what it confuses.

A corpus is JSON lines, one comment each: ``{"id", "text", "must": [labels], "must_not": [labels],
"kind"}``. ``must`` are the labels the comment has to get; ``must_not`` those it must not get; a label
in neither is not judged (a complaint may or may not also read as a question). ``kind`` says what
the comment is for, e.g. ``violation:threat``, ``hard_negative:threat`` (figurative violence, a
neutral mention of a group, criticism of a decision: nothing to remove), ``question``.

Each comment is triaged on its own, with the rules as they are, and nothing is written.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .models import ACTION_STRENGTH, VIOLATION_LABELS, Label, SuggestedAction
from .triage import Ruleset, triage_text

__all__ = ["GOAL_LABELS", "CorpusItem", "Evaluation", "corpus_read", "triage_evaluate"]

# The guideline's "ska tas bort" labels and personal data: the goals of quality.md hold for these.
GOAL_LABELS = (Label.RACISM.value, Label.THREAT.value, Label.PERSONAL_ATTACK.value, Label.PERSONAL_DATA.value)
GOAL_RECALL = 0.95
GOAL_PRECISION = 0.90
GOAL_HARD_NEGATIVE_RATE = 0.05

_KNOWN_LABELS = frozenset(label.value for label in Label)


@dataclass(frozen=True)
class CorpusItem:
    id: str
    text: str
    must: frozenset[str]
    must_not: frozenset[str]
    kind: str

    @property
    def is_hard_negative(self) -> bool:
        return self.kind.startswith("hard_negative")


def corpus_read(path: str | Path) -> list[CorpusItem]:
    """The corpus in `path`; a line that is not a well-formed item is a ValueError naming the line."""
    items: list[CorpusItem] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                items.append(_item(json.loads(line), seen))
            except (ValueError, TypeError) as exc:
                raise ValueError(f"Line {number}: {exc}") from exc
    return items


def _item(raw, seen: set[str]) -> CorpusItem:
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    item_id, text = raw.get("id"), raw.get("text")
    if not isinstance(item_id, str) or not item_id:
        raise ValueError("no id")
    if item_id in seen:
        raise ValueError(f"the id {item_id} is used twice")
    seen.add(item_id)
    if not isinstance(text, str):
        raise ValueError(f"{item_id}: no text")
    labels = {}
    for key in ("must", "must_not"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{item_id}: {key} is not a list of labels")
        unknown = set(value) - _KNOWN_LABELS
        if unknown:
            raise ValueError(f"{item_id}: unknown label {sorted(unknown)[0]}")
        labels[key] = frozenset(value)
    if labels["must"] & labels["must_not"]:
        raise ValueError(f"{item_id}: a label is both in must and must_not")
    return CorpusItem(item_id, text, labels["must"], labels["must_not"], str(raw.get("kind") or ""))


@dataclass
class LabelScore:
    label: str
    must: int = 0  # comments that must get the label
    judged_not: int = 0  # comments that must not get it
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        # Only comments that say the label must not be given can show it given wrongly.
        if self.judged_not == 0 or self.tp + self.fp == 0:
            return None
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return self.tp / self.must if self.must else None


@dataclass
class Miss:
    item: CorpusItem
    labels: list[str]
    action: str
    missing: list[str]
    wrong: list[str]


@dataclass
class Evaluation:
    total: int = 0
    scores: dict[str, LabelScore] = field(default_factory=dict)
    # (expected label, what triage said instead) and (label given wrongly, the comment's kind).
    missed_as: Counter = field(default_factory=Counter)
    given_to: Counter = field(default_factory=Counter)
    hard_negatives: Counter = field(default_factory=Counter)  # per kind
    hard_negatives_flagged: Counter = field(default_factory=Counter)
    violations: int = 0  # comments with a violation label in `must`
    violations_weak_action: int = 0  # ... whose suggested action is not the violation's
    misses: list[Miss] = field(default_factory=list)

    @property
    def hard_negative_rate(self) -> float | None:
        total = sum(self.hard_negatives.values())
        return sum(self.hard_negatives_flagged.values()) / total if total else None

    def goals(self) -> list[tuple[str, float | None, float, bool]]:
        """(what, measured, bar, met) for each goal of quality.md."""
        out = []
        for label in GOAL_LABELS:
            score = self.scores.get(label) or LabelScore(label)
            out.append((f"{label} recall", score.recall, GOAL_RECALL, (score.recall or 0) >= GOAL_RECALL))
            precision = score.precision
            met = precision is not None and precision >= GOAL_PRECISION
            out.append((f"{label} precision", precision, GOAL_PRECISION, met))
        rate = self.hard_negative_rate
        out.append(
            (
                "hard negatives with a violation label",
                rate,
                GOAL_HARD_NEGATIVE_RATE,
                rate is not None and rate <= GOAL_HARD_NEGATIVE_RATE,
            )
        )
        return out


def triage_evaluate(*, items: Iterable[CorpusItem], rules: Ruleset) -> Evaluation:
    """Triage every item on its own and compare with what it must and must not get."""
    result = Evaluation()
    order = {label.value: index for index, label in enumerate(Label)}
    scores: dict[str, LabelScore] = {}

    def score(label: str) -> LabelScore:
        if label not in scores:
            scores[label] = LabelScore(label)
        return scores[label]

    for item in items:
        result.total += 1
        verdict = triage_text(text=item.text, rules=rules)
        got = set(verdict.labels)
        for label in item.must:
            entry = score(label)
            entry.must += 1
            if label in got:
                entry.tp += 1
            else:
                entry.fn += 1
                instead = ", ".join(sorted(got, key=order.get)) or "-"
                result.missed_as[(label, instead)] += 1
        for label in item.must_not:
            entry = score(label)
            entry.judged_not += 1
            if label in got:
                entry.fp += 1
                result.given_to[(label, item.kind or "-")] += 1
        if item.is_hard_negative:
            result.hard_negatives[item.kind] += 1
            if got & VIOLATION_LABELS & item.must_not:
                result.hard_negatives_flagged[item.kind] += 1
        if item.must & VIOLATION_LABELS:
            result.violations += 1
            if ACTION_STRENGTH[verdict.action] < ACTION_STRENGTH[SuggestedAction.HIDE]:
                result.violations_weak_action += 1
        missing = sorted(item.must - got, key=order.get)
        wrong = sorted(item.must_not & got, key=order.get)
        if missing or wrong:
            result.misses.append(Miss(item, verdict.labels, verdict.action, missing, wrong))
    result.scores = dict(sorted(scores.items(), key=lambda kv: order.get(kv[0], 99)))
    return result


def evaluation_lines(evaluation: Evaluation, *, show_misses: bool = False) -> list[str]:
    """The evaluation as the command prints it: the table, the confusions and the goals."""
    lines = [
        f"{evaluation.total} comments",
        "",
        f"{'label':<16}{'must':>6}{'must not':>10}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>9}",
    ]
    for label, s in evaluation.scores.items():
        lines.append(
            f"{label:<16}{s.must:>6}{s.judged_not:>10}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
            f"{_percent(s.precision):>11}{_percent(s.recall):>9}"
        )
    lines += ["", "Missed (label it must get → what triage said instead):"]
    lines += _counter_lines(evaluation.missed_as)
    lines += ["", "Given wrongly (label it must not get → the comment's kind):"]
    lines += _counter_lines(evaluation.given_to)
    total_hard = sum(evaluation.hard_negatives.values())
    flagged = sum(evaluation.hard_negatives_flagged.values())
    rate = _percent(evaluation.hard_negative_rate)
    lines += ["", f"Hard negatives with a violation label: {flagged} of {total_hard} ({rate})"]
    for kind, count in sorted(evaluation.hard_negatives.items()):
        lines.append(f"  {kind}: {evaluation.hard_negatives_flagged[kind]} of {count}")
    lines.append(
        f"Violations whose suggested action is weaker than hide: "
        f"{evaluation.violations_weak_action} of {evaluation.violations}"
    )
    lines += ["", "Goals (quality.md):"]
    for what, measured, bar, met in evaluation.goals():
        sign = "≤" if what.startswith("hard") else "≥"
        lines.append(f"  {'ok  ' if met else 'MISS'} {what}: {_percent(measured)} ({sign} {_percent(bar)})")
    if show_misses:
        lines += ["", "Comments triage got wrong:"]
        for miss in evaluation.misses:
            parts = []
            if miss.missing:
                parts.append("missing " + ", ".join(miss.missing))
            if miss.wrong:
                parts.append("wrongly " + ", ".join(miss.wrong))
            lines.append(
                f"  {miss.item.id} [{'; '.join(parts)}] got {miss.labels} → {miss.action}: {miss.item.text}"
            )
    return lines


def _counter_lines(counter: Counter) -> list[str]:
    if not counter:
        return ["  none"]
    grouped: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (label, other), count in counter.items():
        grouped[label].append((other, count))
    lines = []
    for label in sorted(grouped):
        parts = ", ".join(
            f"{other} {count}" for other, count in sorted(grouped[label], key=lambda p: (-p[1], p[0]))
        )
        lines.append(f"  {label} → {parts}")
    return lines


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"
