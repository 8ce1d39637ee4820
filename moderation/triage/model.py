"""Triage's second reader: a linear model trained on the labelled corpus, read as plain weights.

The patterns catch what their words foresee; wording nobody foresaw ("vi vet var du bor", a group
called a plague) slips past them. The model reads the same words differently: every stem, every two
neighbouring stems, stems one word apart, the beginnings and ends of long words (Swedish
compounds: "bidragsinvandrarna" shares "drarna>" with "invandrarna") and every word's letter
4-grams, its ends marked (misspellings and inflections the stemmer does not join: "mörda" and
"mörrda" share "<mör" and "rda>"). Each feature weighs for or against racism, threat and
personal_attack; a comment whose weighted sum passes a label's threshold gets the label, and the
reason names the score and the words that weighed most, so a person sees why. A label a rule gives
and the model scores below `DOUBT` is doubted (`judge`): triage then does not give it, and a person
decides.

The weights are trained by `manage.py triage --train` (`training.py`, scikit-learn's logistic
regression on TF-IDF features, each scaled by how far it leans to one side) and written to
`model.json` beside this module; the portal reads them here in plain Python, so serving needs no
scikit-learn. `feature_names` is what training reads; scoring reads the same features,
remembering per word what `word_features` gives
(`features` is the same with each feature's words, for the reasons; a test checks they agree),
and a test checks that the scores here equal scikit-learn's on the corpus.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from operator import mul
from pathlib import Path

from .words import words_and_stems

logger = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("model.json")
MODEL_LABELS = ("racism", "threat", "personal_attack")
_AFFIX_MIN_LENGTH = 7
_AFFIX_LENGTHS = (4, 5, 6)
# Every word of at least this many letters also gives its letter 4-grams, its ends marked ("<hot",
# "hot>"): spelling, inflection and compounds share them ("mördaren", "mördarna", "mördas").
_GRAM_MIN_LENGTH = 4
_GRAM = 4
# How many of the heaviest features a reason names.
_REASON_WORDS = 3
# The model judges a comment only when it knows at least this many of its words (distinct stems):
# TF-IDF is L2-normalised, so in "Se https://…" the one known word would weigh as a whole comment.
MIN_KNOWN_WORDS = 3
# A rule's racism, threat or personal attack that the model scores below this is doubted: the rule
# matched words that, in what the model learnt, stand far more often in innocent comments (a game,
# a fire drill, a quoted slur). Measured on batches the model had not seen (the corpus README,
# rounds 8 to 14), this takes away a third of the rules' false alarms and one in 200 of their true
# labels.
DOUBT = 0.05
# How many words' features `read` remembers before it starts afresh (reads and writes of one key are
# atomic under the GIL, so threads share the dict safely, as they share the stems of `words`).
_WORD_CACHE_BOUND = 200_000


def known_words(stems: list[str], vocabulary) -> int:
    """How many distinct stems of a comment the model has weights for."""
    return len({stem for stem in stems if stem in vocabulary})


def word_features(word: str) -> list[str]:
    """The features a word gives on its own, beside its stem: the first and last 4–6 letters of a
    long word, and the letter 4-grams of any word of four letters or more, its ends marked."""
    size = len(word)
    if size < _GRAM_MIN_LENGTH or word.isdigit():
        return []
    out = (
        [affix for k in _AFFIX_LENGTHS for affix in (f"<{word[:k]}", f"{word[-k:]}>")]
        if size >= _AFFIX_MIN_LENGTH
        else []
    )
    padded = f"<{word}>"
    out.extend([f"#{padded[j : j + _GRAM]}" for j in range(size - 1)])
    return out


def features(words: list[str], stems: list[str]) -> list[tuple[str, int, int]]:
    """(feature, first word, last word) for each feature of a text, in a fixed order."""
    out: list[tuple[str, int, int]] = [(stem, i, i) for i, stem in enumerate(stems)]
    out.extend((f"{a} {b}", i, i + 1) for i, (a, b) in enumerate(pairwise(stems)))
    out.extend((f"{a} _ {b}", i, i + 2) for i, (a, b) in enumerate(zip(stems, stems[2:], strict=False)))
    for i, word in enumerate(words):
        out.extend((feature, i, i) for feature in word_features(word))
    return out


def feature_names(words: list[str], stems: list[str]) -> list[str]:
    """The features of `features` without where they stand: what training reads."""
    out = list(stems)
    out.extend(map(" ".join, pairwise(stems)))
    out.extend(map(_SKIP_FORMAT, stems, stems[2:]))
    for word in words:
        out.extend(word_features(word))
    return out


_SKIP_FORMAT = "{} _ {}".format


def text_features(text: str) -> list[str]:
    """The features of a text as training reads them."""
    return feature_names(*words_and_stems(text))


@dataclass(frozen=True)
class ModelHit:
    label: str
    probability: float
    words: tuple[str, ...]  # the words whose features weighed most for the label


class TriageModel:
    """The weights of `model.json`: per feature its idf and a weight per label, an intercept and a
    threshold per label, and the summary training wrote."""

    def __init__(
        self,
        *,
        labels: tuple[str, ...],
        intercepts: tuple[float, ...],
        thresholds: tuple[float, ...],
        weights: dict[str, tuple[float, tuple[float, ...]]],
        summary: dict,
    ) -> None:
        self.labels = labels
        self.intercepts = intercepts
        self.thresholds = thresholds
        self.weights = weights  # feature → (idf, weight per label)
        self.summary = summary
        # For scoring with C-speed sums: per feature idf² and idf × weight per label, in one row.
        self._rows = {f: (idf * idf, *(idf * w for w in ws)) for f, (idf, ws) in weights.items()}
        # Each word's known features of its own (`word_features` and its stem), as `read` meets it.
        self._known_by_word: dict[str, tuple[str, ...]] = {}
        # The known pairs ("a b") and skips ("a _ b") by their first stem and then their last: a
        # comment's pairs are looked up so, rather than each written out as a string first.
        self._pairs: dict[str, dict[str, str]] = {}
        self._skips: dict[str, dict[str, str]] = {}
        for feature in weights:
            parts = feature.split(" ")
            if len(parts) == 2:
                self._pairs.setdefault(parts[0], {})[parts[1]] = feature
            elif len(parts) == 3 and parts[1] == "_":
                self._skips.setdefault(parts[0], {})[parts[2]] = feature

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

    def read(
        self,
        text: str,
        *,
        all_labels: bool = False,
        words: list[str] | None = None,
        stems: list[str] | None = None,
        given: frozenset[str] | set[str] = frozenset(),
    ) -> list[ModelHit]:
        """The labels whose probability reaches the threshold (every label with `all_labels`),
        with the words that weighed most for each; none when it knows fewer than
        `MIN_KNOWN_WORDS` of the words, and none of the labels in `given` (the rules' already)."""
        if words is None or stems is None:
            words, stems = words_and_stems(text)
        scored = self._scores(words, stems)
        if scored is None:
            return []
        probabilities, distinct = scored
        return [
            ModelHit(label, probability, self._heaviest(index, distinct, words, stems))
            for index, (label, probability) in enumerate(zip(self.labels, probabilities, strict=True))
            if all_labels or (label not in given and probability >= self.thresholds[index])
        ]

    def judge(
        self, *, words: list[str], stems: list[str], given: frozenset[str] | set[str]
    ) -> tuple[list[ModelHit], list[tuple[str, float]]]:
        """What triage asks of the model for a comment the rules gave `given`: the labels it adds
        (as `read`), and the given labels of its own that it scores below `DOUBT`, with their
        probability (nothing either way when it knows too few of the words to judge)."""
        scored = self._scores(words, stems)
        if scored is None:
            return [], []
        probabilities, distinct = scored
        hits, doubted = [], []
        for index, (label, probability) in enumerate(zip(self.labels, probabilities, strict=True)):
            if label in given:
                if probability < DOUBT:
                    doubted.append((label, probability))
            elif probability >= self.thresholds[index]:
                hits.append(ModelHit(label, probability, self._heaviest(index, distinct, words, stems)))
        return hits, doubted

    def _scores(self, words: list[str], stems: list[str]) -> tuple[list[float], set[str]] | None:
        """Each label's probability and the known features they were read from; None when the
        model knows fewer than `MIN_KNOWN_WORDS` of the words. Features the model never saw are
        ignored, as scikit-learn's vectoriser ignores them; TF-IDF is sublinear and L2-normalised
        like it."""
        if known_words(stems, self.weights) < MIN_KNOWN_WORDS:
            return None
        rows = self._rows
        # What a word gives on its own is the same wherever it stands: its known features are
        # remembered per word, and only the pairs are looked up for each comment.
        by_word = self._known_by_word
        known: list[str] = []
        for word, stem in zip(words, stems, strict=True):
            found = by_word.get(word)
            if found is None:
                if word.isdigit():
                    # A number gives no features of its own (`word_features`) and is its own stem;
                    # numbers (order and case numbers, "#4711") are rarely said twice, so they stay
                    # out of the cache, as they stay out of the stems' (`words.stem_new`).
                    if stem in rows:
                        known.append(stem)
                    continue
                if len(by_word) >= _WORD_CACHE_BOUND:
                    by_word.clear()
                found = by_word[word] = tuple(f for f in (stem, *word_features(word)) if f in rows)
            known.extend(found)
        for pairs, apart in ((self._pairs, 1), (self._skips, 2)):  # as `feature_names` lists them
            for first, last in zip(stems, stems[apart:], strict=False):
                following = pairs.get(first)
                if following is not None:
                    feature = following.get(last)
                    if feature is not None:
                        known.append(feature)
        distinct = set(known)
        # Sublinear TF-IDF: a feature found n times counts 1 + ln n times its idf.
        if len(distinct) == len(known):  # each once, as in most comments
            squares, *sums = map(sum, zip(*map(rows.__getitem__, known), strict=True))
        else:
            # Counted once (not once per feature), and summed in the order of `distinct` as before,
            # so the sums are the same to the last bit.
            counts = Counter(known)
            factors = [1.0 + math.log(counts[f]) for f in distinct]
            squares_column, *columns = zip(*map(rows.__getitem__, distinct), strict=True)
            squares = sum(map(mul, [factor**2 for factor in factors], squares_column))
            sums = [sum(map(mul, factors, column)) for column in columns]
        norm = math.sqrt(squares)
        return [
            _sigmoid(intercept + total / norm) for intercept, total in zip(self.intercepts, sums, strict=True)
        ], distinct

    def _heaviest(self, index: int, known: set[str], words: list[str], stems: list[str]) -> tuple[str, ...]:
        """The words that weighed most for the label, at most three, in the comment's order (words
        next to each other as one phrase). Each feature's weight is shared among the words it
        covers, so a word counts with its neighbours and the parts of itself the model knows."""
        rows = self._rows
        occurrences: dict[str, list[tuple[int, int]]] = {}
        for feature, first, last in features(words, stems):
            if feature in known:
                occurrences.setdefault(feature, []).append((first, last))
        shares = [0.0] * len(words)
        for feature, spans in occurrences.items():
            each = (1.0 + math.log(len(spans))) * rows[feature][index + 1] / len(spans)
            for first, last in spans:
                covered = (first, last) if last - first == 2 else range(first, last + 1)
                for position in covered:
                    shares[position] += each / len(covered)
        ranked = sorted(range(len(words)), key=lambda i: shares[i], reverse=True)
        chosen = sorted(i for i in ranked[:_REASON_WORDS] if shares[i] > 0)
        phrases: list[list[int]] = []
        for position in chosen:
            if phrases and phrases[-1][-1] == position - 1:
                phrases[-1].append(position)
            else:
                phrases.append([position])
        return tuple(" ".join(words[i] for i in phrase) for phrase in phrases)


def _sigmoid(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    z = math.exp(score)
    return z / (1.0 + z)


def model_load(path: str | None = None) -> TriageModel | None:
    """The trained model, read once per process; None when there is no model file, or when the file
    cannot be read as one (logged: triage then runs on the rules alone rather than not at all)."""
    return _model_read(str(Path(path) if path else MODEL_PATH))


@lru_cache(maxsize=4)
def _model_read(path: str) -> TriageModel | None:
    target = Path(path)
    try:
        return TriageModel.from_dict(json.loads(target.read_text(encoding="utf-8")))
    except FileNotFoundError:
        if target != MODEL_PATH:
            logger.warning("TRIAGE_MODEL names %s, which does not exist: triage uses the rules alone", path)
        return None
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        logger.error("Cannot read triage's model %s (%s): triage uses the rules alone", path, exc)
        return None
