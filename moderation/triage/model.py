"""Triage's second reader: a linear model trained on the labelled corpus, read as plain weights.

The patterns catch what their words foresee; wording nobody foresaw ("vi vet var du bor", a group
called a plague) slips past them. The model reads the same words differently: every stem, every two
neighbouring stems, stems one word apart, and the beginnings and ends of long words (Swedish
compounds: "bidragsinvandrarna" shares "<invand" with "invandrare"). Each feature weighs for or
against racism, threat and personal_attack; a comment whose weighted sum passes a label's threshold
gets the label, and the reason names the probability and the words that weighed most, so a person
sees why.

The weights are trained by `manage.py triage --train` (`training.py`, scikit-learn's logistic
regression on TF-IDF features) and written to `model.json` beside this module; the portal reads
them here in plain Python, so serving needs no scikit-learn. `features` is the one definition of
what the model reads: training calls it too, and a test checks that the scores here equal
scikit-learn's on the corpus.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from .words import STEMS, WORD_RE, stem_new

MODEL_PATH = Path(__file__).with_name("model.json")
MODEL_LABELS = ("racism", "threat", "personal_attack")
_AFFIX_MIN_LENGTH = 7
_AFFIX_LENGTHS = (4, 5, 6)
# How many of the heaviest features a reason names.
_REASON_WORDS = 3
# The model judges a comment only when it knows at least this many of its words (distinct stems):
# TF-IDF is L2-normalised, so in "Se https://…" the one known word would weigh as a whole comment.
MIN_KNOWN_WORDS = 3


def known_words(stems: list[str], vocabulary) -> int:
    """How many distinct stems of a comment the model has weights for."""
    return len({stem for stem in stems if stem in vocabulary})


def words_and_stems(text: str) -> tuple[list[str], list[str]]:
    words = [w.casefold() for w in WORD_RE.findall(text)]
    get = STEMS.get
    return words, [get(w) or (w if w.isdigit() else stem_new(w)) for w in words]


def features(words: list[str], stems: list[str]) -> list[tuple[str, int, int]]:
    """(feature, first word, last word) for each feature of a text, in a fixed order."""
    out: list[tuple[str, int, int]] = [(stem, i, i) for i, stem in enumerate(stems)]
    out.extend((f"{a} {b}", i, i + 1) for i, (a, b) in enumerate(pairwise(stems)))
    out.extend((f"{a} _ {b}", i, i + 2) for i, (a, b) in enumerate(zip(stems, stems[2:], strict=False)))
    for i, word in enumerate(words):
        if len(word) >= _AFFIX_MIN_LENGTH:
            for k in _AFFIX_LENGTHS:
                out.append((f"<{word[:k]}", i, i))
                out.append((f"{word[-k:]}>", i, i))
    return out


def text_features(text: str) -> list[str]:
    """The features of a text as training reads them."""
    words, stems = words_and_stems(text)
    return [feature for feature, _first, _last in features(words, stems)]


@dataclass(frozen=True)
class ModelHit:
    label: str
    probability: float
    words: tuple[str, ...]  # the words whose features weighed most for the label


@dataclass(frozen=True)
class TriageModel:
    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    thresholds: tuple[float, ...]
    # feature → (idf, weight per label)
    weights: dict[str, tuple[float, tuple[float, ...]]]
    summary: dict

    @classmethod
    def from_dict(cls, data: dict) -> TriageModel:
        labels = tuple(data["labels"])
        return cls(
            labels=labels,
            intercepts=tuple(float(v) for v in data["intercepts"]),
            thresholds=tuple(float(data["thresholds"][label]) for label in labels),
            weights={f: (float(v[0]), tuple(float(w) for w in v[1:])) for f, v in data["features"].items()},
            summary=data.get("summary", {}),
        )

    def probabilities(self, text: str) -> dict[str, float]:
        """Each label's probability; empty when the model knows too few of the words to judge."""
        return {hit.label: hit.probability for hit in self.read(text, all_labels=True)}

    def read(self, text: str, *, all_labels: bool = False) -> list[ModelHit]:
        """The labels whose probability reaches the threshold (every label with `all_labels`),
        with the words that weighed most for each; none when it knows fewer than
        `MIN_KNOWN_WORDS` of the words. Features the model never saw are ignored, as scikit-learn's
        vectoriser ignores them; TF-IDF is sublinear and L2-normalised like it."""
        words, stems = words_and_stems(text)
        weights = self.weights
        if known_words(stems, weights) < MIN_KNOWN_WORDS:
            return []
        counts: dict[str, int] = {}
        spans: dict[str, tuple[int, int]] = {}
        for feature, first, last in features(words, stems):
            if feature in weights:
                if feature in counts:
                    counts[feature] += 1
                else:
                    counts[feature] = 1
                    spans[feature] = (first, last)
        values = {f: (1.0 + math.log(n)) * weights[f][0] for f, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values()))
        hits = []
        for index, label in enumerate(self.labels):
            score = self.intercepts[index] + sum(v * weights[f][1][index] for f, v in values.items()) / norm
            probability = _sigmoid(score)
            if not all_labels and probability < self.thresholds[index]:
                continue
            hits.append(
                ModelHit(
                    label=label, probability=probability, words=self._heaviest(index, values, spans, words)
                )
            )
        return hits

    def _heaviest(self, index: int, values: dict, spans: dict, words: list[str]) -> tuple[str, ...]:
        """The words behind the features that weighed most for the label, at most three."""
        weights = self.weights
        ranked = sorted(((value * weights[f][1][index], f) for f, value in values.items()), reverse=True)
        shown: list[str] = []
        for contribution, feature in ranked:
            if contribution <= 0 or len(shown) == _REASON_WORDS:
                break
            first, last = spans[feature]
            phrase = (
                " ".join(words[first : last + 1]) if last - first < 2 else f"{words[first]} … {words[last]}"
            )
            if phrase not in shown:
                shown.append(phrase)
        return tuple(shown)


def _sigmoid(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    z = math.exp(score)
    return z / (1.0 + z)


def model_load(path: str | None = None) -> TriageModel | None:
    """The trained model, read once per process; None when there is no model file."""
    return _model_read(str(Path(path) if path else MODEL_PATH))


@lru_cache(maxsize=4)
def _model_read(path: str) -> TriageModel | None:
    target = Path(path)
    if not target.exists():
        return None
    return TriageModel.from_dict(json.loads(target.read_text(encoding="utf-8")))
