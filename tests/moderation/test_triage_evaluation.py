"""The goals of quality.md on the project's labelled corpus (moderation/corpus/), with AKN's
starting rules as a fresh installation has them, and the trained model shipped beside them.

The held-out part is never tuned on: its figures are measured, never aimed at. Since round 16 (the
model weighing features by their lean, trained on 12,109 comments) every goal is met there, racism
precision with the smallest margin (20 of 22, 90.9%: one more false alarm misses it; see
moderation/corpus/README.md). The development part must keep meeting the goals: a change of the
starting lists that breaks what they were tuned to catch fails here.
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


def test_the_fresh_batch_is_in_neither_part():
    # Kept apart to measure wording nobody tuned or trained on: no text of it may be in either part.
    fresh = corpus_read(CORPUS / "triage_fresh.jsonl")
    parts = corpus_read(CORPUS / "triage_dev.jsonl") + corpus_read(CORPUS / "triage_heldout.jsonl")
    assert len(fresh) >= 100
    assert not {item.text for item in fresh} & {item.text for item in parts}
    assert not {item.id for item in fresh} & {item.id for item in parts}


def test_the_rules_meet_the_goals_on_the_development_part(rules):
    assert missed_goals("triage_dev.jsonl", rules) == []


def test_the_rules_meet_the_goals_on_the_held_out_part(rules):
    assert missed_goals("triage_heldout.jsonl", rules) == []
