"""The goals of quality.md on the project's labelled corpus (moderation/corpus/), with AKN's
starting rules as a fresh installation has them, and the trained model shipped beside them.

The held-out part is never tuned on. Its test fails while the rules miss a goal there: it is marked
as an expected failure with the figures last measured, strictly, so that it turns red the day the
goals are met and the mark must go. The development part must keep meeting the goals: a change of
the starting lists that breaks what they were tuned to catch fails here.
"""

from pathlib import Path

import pytest

from moderation.triage import ruleset_load
from moderation.triage_eval import corpus_read, triage_evaluate

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[2] / "moderation" / "corpus"


@pytest.fixture
def rules(administration):
    # The city's switchboard is public: a comment that gives it is no personal data.
    administration.phone = "042-10 50 00"
    administration.save()
    return ruleset_load()


def missed_goals(name, rules):
    evaluation = triage_evaluate(items=corpus_read(CORPUS / name), rules=rules)
    return [f"{what}: {measured}" for what, measured, _bar, met in evaluation.goals() if not met]


def test_the_corpus_is_large_enough_and_has_hard_negatives_for_every_violation():
    items = corpus_read(CORPUS / "triage_dev.jsonl") + corpus_read(CORPUS / "triage_heldout.jsonl")
    assert len(items) >= 400
    assert len({item.text for item in items}) == len(items)
    for part in ("triage_dev.jsonl", "triage_heldout.jsonl"):
        kinds = {item.kind for item in corpus_read(CORPUS / part)}
        for label in ("racism", "threat", "personal_attack", "personal_data"):
            assert f"hard_negative:{label}" in kinds
            assert f"violation:{label}" in kinds


def test_the_rules_meet_the_goals_on_the_development_part(rules):
    assert missed_goals("triage_dev.jsonl", rules) == []


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Measured after round 14 (migrations 0021-0024, the model with letter 4-grams and its doubt, "
        "trained on 10,516 comments, moderation/triage/model.json): racism precision 87% (three false "
        "alarms, the model's) misses the goal; racism recall (100%), threat (recall 96%, precision 100%), "
        "personal_attack (100%, 100%), personal_data (100%, 100%) and hard negatives with a violation "
        "label (3.8%) meet them. See moderation/corpus/README.md."
    ),
)
def test_the_rules_meet_the_goals_on_the_held_out_part(rules):
    assert missed_goals("triage_heldout.jsonl", rules) == []
