"""Triage's trained model (moderation/triage/model.py, training.py): the portal's plain-Python reading
of the weights equals scikit-learn's, what the model adds to a verdict and how it says why, the
setting that switches it off, and the command that trains it."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from moderation.triage import initial_status, reason_text, ruleset_build, ruleset_load, triage_text
from moderation.triage.model import (
    DOUBT,
    MODEL_PATH,
    TriageModel,
    feature_names,
    features,
    model_load,
    text_features,
)
from moderation.triage.training import _lean, batch_of, model_fit, model_train
from moderation.triage.words import words_and_stems
from moderation.triage_eval import corpus_read

CORPUS = Path(__file__).resolve().parents[2] / "moderation" / "corpus"


def tiny_model(**thresholds) -> TriageModel:
    """A hand-made model: "ohyra" weighs for racism, "ska" and "dig" for threat, "matchen" against
    it; "ser" is known."""
    return TriageModel.from_dict(
        {
            "labels": ["racism", "threat", "personal_attack"],
            "intercepts": [-2.0, -2.0, -2.0],
            "thresholds": {"racism": 0.6, "threat": 0.6, "personal_attack": 0.6, **thresholds},
            "features": {
                "ohyr": [1.0, 9.0, 0.0, 0.0],
                "ska": [1.0, 0.0, 3.0, 0.0],
                "dig": [1.0, 0.0, 3.0, 0.0],
                "ser": [1.0, 0.0, 0.0, 0.0],
                "de": [1.0, 1.0, 0.0, 0.0],
                "är": [1.0, 0.0, 0.0, 0.0],
                "match": [1.0, 0.0, -9.0, 0.0],
            },
        }
    )


def test_the_portal_scores_as_scikit_learn_does():
    items = corpus_read(CORPUS / "triage_dev.jsonl")[::4]
    vectoriser, fitted = model_fit(items)
    model = TriageModel.from_dict(model_train(items, cross_validate=False))
    texts = [item.text for item in items]
    matrix = vectoriser.transform(texts)
    high = 0
    for label in model.labels:
        expected = fitted[label].predict_proba(matrix)[:, 1]
        for text, probability in zip(texts, expected, strict=True):
            read = model.probabilities(text)
            if not read:
                continue  # too few known words: the portal does not ask the model
            assert read[label] == pytest.approx(probability, abs=2e-3), text
            high += probability > 0.9
    assert high > 50  # the comparison covers confident scores, not only the middle


def test_a_feature_as_common_on_both_sides_weighs_nothing_before_fitting():
    import numpy as np
    from scipy.sparse import csr_matrix

    # Columns: a word in every comment, a word only in violations, one only in innocent comments.
    matrix = csr_matrix(np.array([[0.5, 0.8, 0], [0.5, 0.8, 0], [0.5, 0, 0.8], [0.5, 0, 0.8]]))
    scale = _lean(matrix, np.array([True, True, False, False]))
    assert scale[0] == pytest.approx(0.0)
    assert scale[1] == pytest.approx(scale[2])
    assert scale[1] > 1.0


def test_scoring_and_explaining_read_the_same_features():
    # `feature_names` (scoring, training) is `features` (reasons) without the positions.
    for item in corpus_read(CORPUS / "triage_dev.jsonl")[::7]:
        words, stems = words_and_stems(item.text)
        assert feature_names(words, stems) == [name for name, _first, _last in features(words, stems)]


def test_features_read_stems_neighbours_and_the_parts_of_compounds():
    found = text_features("Bidragsinvandrarna borde åka")
    assert {"bidragsinvandr", "bord", "åka"} <= set(found)
    assert "bidragsinvandr bord" in found and "bidragsinvandr _ åka" in found
    assert "<bidr" in found and "arna>" in found


def test_a_label_only_the_model_gives_says_why_and_suggests_no_more_than_hiding():
    rules = ruleset_build(model=tiny_model())
    verdict = triage_text(text="De är ohyra", rules=rules)
    assert verdict.labels == ["racism"]
    assert verdict.action == "hide"  # the rules' action for racism is delete
    (reason,) = [r for r in verdict.reasons if r["label"] == "racism"]
    assert reason["code"] == "model"
    assert reason["match"] == "de, ohyra"  # the words that weighed, in the comment's order
    assert 60 <= int(reason["probability"]) <= 100
    with translation.override("sv"):
        assert reason_text(reason) == (
            f"liknar kommentarer märkta rasism (den tränade modellens bedömning: {reason['probability']} av "
            "100); ord som vägde tyngst: ”de”, ”ohyra”"
        )


def test_a_rule_and_the_model_together_keep_the_rules_action_and_reason():
    rules = ruleset_build(terms=[("racism", "ohyra", "stem")], model=tiny_model())
    verdict = triage_text(text="De är ohyra", rules=rules)
    assert verdict.action == "delete"
    assert [r["code"] for r in verdict.reasons if r["label"] == "racism"] == ["term"]


def test_the_model_doubts_a_rules_label_it_finds_unlike_every_comment_so_labelled():
    rules = ruleset_build(terms=[("threat", "ser", "stem")], model=tiny_model())
    verdict = triage_text(text="De ser matchen", rules=rules)
    # Not labelled, not called an opinion either: it stays open for a person, nothing suggested.
    assert verdict.labels == []
    assert verdict.action == "no_action"
    assert initial_status(labels=verdict.labels, kind="comment", is_own=False) == "open"
    assert [r["code"] for r in verdict.reasons] == ["term", "doubted"]
    doubt = verdict.reasons[1]
    assert doubt["label"] == "threat" and int(doubt["probability"]) < DOUBT * 100
    with translation.override("sv"):
        assert reason_text(doubt) == (
            f"den tränade modellen tvivlar: kommentaren liknar inte kommentarer märkta hot (dess bedömning: "
            f"{doubt['probability']} av 100), så den märks inte så och en person avgör"
        )
    # A score at or above the doubt keeps the rule's label; so does a comment the model cannot
    # judge (two known words), and a label the model has no weights for.
    assert triage_text(text="De ser dig", rules=rules).labels == ["threat"]
    assert triage_text(text="Ser matchen", rules=rules).labels == ["threat"]
    pd_rules = ruleset_build(terms=[("personal_data", "matchen", "exact")], model=tiny_model())
    assert triage_text(text="De ser matchen", rules=pd_rules).labels == ["personal_data"]


def test_the_model_stays_silent_below_its_threshold_with_too_few_known_words_and_for_a_switched_off_label():
    assert triage_text(text="De är ohyra", rules=ruleset_build(model=tiny_model(racism=0.9999))).labels == [
        "opinion"
    ]
    # Two known words only: the L2 norm would make one word weigh as a whole comment.
    assert triage_text(text="Ohyra, de", rules=ruleset_build(model=tiny_model())).labels == ["opinion"]
    rules = ruleset_build(rules=[("racism", "delete", False, {})], model=tiny_model())
    assert "racism" not in triage_text(text="De är ohyra", rules=rules).labels


@pytest.mark.django_db
def test_the_rules_as_loaded_carry_the_shipped_model_unless_it_is_switched_off(settings, tmp_path):
    assert ruleset_load().model is model_load()
    assert model_load() is not None and MODEL_PATH.exists()
    settings.TRIAGE_MODEL = "off"
    assert ruleset_load().model is None
    other = tmp_path / "model.json"
    other.write_text(
        json.dumps(
            {
                **json.loads(MODEL_PATH.read_text()),
                "thresholds": dict.fromkeys(("racism", "threat", "personal_attack"), 0.99),
            }
        )
    )
    settings.TRIAGE_MODEL = str(other)
    assert ruleset_load().model.thresholds == (0.99, 0.99, 0.99)


@pytest.mark.django_db
def test_the_shipped_model_doubts_a_rule_that_reads_a_crime_novel_evening_as_a_threat(settings):
    # As the demo platform has it, so that every role can see a doubt.
    text = "Deckarkvällen på biblioteket var toppen 🔪📚 tack till alla som kom!"
    settings.TRIAGE_MODEL = "off"
    assert "threat" in triage_text(text=text, rules=ruleset_load()).labels
    settings.TRIAGE_MODEL = ""
    verdict = triage_text(text=text, rules=ruleset_load())
    assert "threat" not in verdict.labels
    assert any(r["code"] == "doubted" and r["label"] == "threat" for r in verdict.reasons)


@pytest.mark.django_db
def test_the_shipped_model_reads_wording_no_pattern_lists(settings):
    # Written for this test, in none of the corpus's wordings.
    text = "Hela kvarteret har blivit som en smitta sen de flyttade in, skicka tillbaka hela klanen"
    settings.TRIAGE_MODEL = "off"
    assert "racism" not in triage_text(text=text, rules=ruleset_load()).labels
    settings.TRIAGE_MODEL = ""
    verdict = triage_text(text=text, rules=ruleset_load())
    assert "racism" in verdict.labels
    assert any(r["code"] == "model" and r["label"] == "racism" for r in verdict.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Jag skrattade ihjäl mig åt föreställningen i lördags",
        "Blir det en mordgåta på biblioteket i höst igen?",
        "Finns det SFI-kurser på kvällstid för nyanlända?",
    ],
)
@pytest.mark.django_db
def test_the_shipped_model_leaves_figurative_violence_and_neutral_questions(text):
    verdict = triage_text(text=text, rules=ruleset_load())
    assert not {"racism", "threat", "personal_attack"} & set(verdict.labels)


def test_batches_are_read_from_the_ids():
    assert batch_of("dev-v5b-012") == "dev-v5b"
    assert batch_of("dev-001") == "dev"
    assert batch_of("heldout-v1-201") == "heldout-v1"


@pytest.mark.django_db
def test_training_writes_a_model_the_portal_reads(tmp_path, capsys):
    items = [json.loads(line) for line in (CORPUS / "triage_dev.jsonl").read_text().splitlines()]
    corpus = tmp_path / "small.jsonl"
    corpus.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in items[::3]) + "\n")
    out = tmp_path / "model.json"
    call_command("triage", "--train", str(corpus), "--out", str(out))
    printed = capsys.readouterr().out
    assert "cross-validation" in printed and f"Wrote {out}" in printed
    model = model_load(str(out))
    assert set(model.labels) == {"racism", "threat", "personal_attack"}
    assert all(0.5 <= t <= 0.95 for t in model.thresholds)
    summary = model.summary["labels"]["threat"]
    assert 0 < summary["cv_recall"] <= 1 and summary["must"] == sum("threat" in i["must"] for i in items[::3])
    # One feature per line: a retrained model's diff reads feature by feature.
    assert len(out.read_text().splitlines()) > len(model.weights)


def test_training_refuses_the_held_out_part_and_a_broken_corpus(tmp_path):
    with pytest.raises(CommandError, match="held-out"):
        call_command(
            "triage", "--train", str(CORPUS / "triage_heldout.jsonl"), "--out", str(tmp_path / "m.json")
        )
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a-1", "text": "hej", "must": ["nonsense"]}\n')
    with pytest.raises(CommandError, match="Line 1"):
        call_command("triage", "--train", str(broken), "--out", str(tmp_path / "m.json"))
    assert not (tmp_path / "m.json").exists()


def test_the_shipped_model_is_the_one_the_development_part_trains():
    """Whoever changes the corpus or the features retrains (`manage.py triage --train
    moderation/corpus/triage_dev.jsonl`): the shipped weights must be what training gives now."""
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    trained = model_train(corpus_read(CORPUS / "triage_dev.jsonl"))
    assert trained["thresholds"] == shipped["thresholds"]
    assert trained["summary"] == shipped["summary"]
    assert trained["features"].keys() == shipped["features"].keys()
    assert trained["intercepts"] == pytest.approx(shipped["intercepts"], abs=1e-3)


@pytest.mark.django_db
def test_a_broken_or_missing_model_file_leaves_the_rules_working(settings, tmp_path, caplog):
    broken = tmp_path / "broken.json"
    broken.write_text('{"labels": ["racism"], "intercepts": [0.0]')  # cut off mid-way
    settings.TRIAGE_MODEL = str(broken)
    with caplog.at_level("ERROR", logger="moderation.triage.model"):
        rules = ruleset_load()
    assert rules.model is None
    assert "Cannot read triage's model" in caplog.text
    assert "threat" in triage_text(text="Jag vet var du bor", rules=rules).labels  # the rules still read
    settings.TRIAGE_MODEL = str(tmp_path / "nowhere.json")
    with caplog.at_level("WARNING", logger="moderation.triage.model"):
        assert ruleset_load().model is None
    assert "does not exist" in caplog.text


@pytest.mark.django_db
def test_trying_a_term_shows_what_it_changes_beside_the_model(facebook, account):
    from moderation.selectors import triage_trial

    from .platform import fb_comment

    text = "Hela kvarteret har blivit som en smitta sen de flyttade in, skicka tillbaka hela klanen"
    comment = fb_comment(facebook, account, "c1", text)
    assert comment.labels == ["racism"] and comment.suggested_action == "hide"  # the model's label
    outcome = triage_trial(add_label="racism", add_term="klanen")
    # The label was there already (the model's); what the term changes is the action: a rule's
    # finding suggests what AKN set for racism, where the model's likeness suggested hiding.
    (row,) = outcome.changed
    assert (row.before, row.after, row.action_before, row.action_after) == (
        ["racism"],
        ["racism"],
        "hide",
        "delete",
    )


@pytest.mark.django_db
def test_trying_a_term_the_model_doubts_shows_that_it_matched(facebook, account):
    from moderation.selectors import triage_trial

    from .platform import fb_comment

    fb_comment(facebook, account, "c1", "Vilken härlig konsert i parken i går, tack till alla som ordnade!")
    outcome = triage_trial(add_label="threat", add_term="konsert")
    # No label changes (the model doubts the threat), but AKN sees that the word matched.
    (row,) = outcome.changed
    assert row.before == row.after
    assert (row.doubted_before, row.doubted_after) == ([], ["threat"])
    with translation.override("sv"):
        assert row.shown()[1].endswith("(den tränade modellen tvivlar på: Hot)")
