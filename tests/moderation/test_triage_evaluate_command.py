"""`manage.py triage --evaluate FILE`: precision and recall per label on a labelled corpus."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.recorder import MigrationRecorder

from moderation.models import Comment, TriageTerm
from moderation.triage import ruleset_build
from moderation.triage_eval import corpus_read, triage_evaluate

pytestmark = pytest.mark.django_db

# Rules of the test's own, so that the counts do not move when AKN's starting lists improve.
TERMS = [
    ("threat", "döda dig", "stem"),
    ("threat", "vet var du bor", "stem"),
    ("personal_attack", "korkad", "stem"),
    ("question", "undrar", "stem"),
    ("praise", "tack", "stem"),
]


@pytest.fixture
def own_terms():
    TriageTerm.objects.all().delete()
    TriageTerm.objects.bulk_create(
        TriageTerm(label=label, term=term, match=match) for label, term, match in TERMS
    )


GOAL = ["racism", "threat", "personal_attack", "personal_data"]


def item(id, text, must=(), kind=""):
    return {
        "id": id,
        "text": text,
        "must": list(must),
        "must_not": [label for label in GOAL if label not in must],
        "kind": kind,
    }


def write(tmp_path, lines):
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8"
    )
    return path


CORPUS = [
    item("1", "Jag ska döda dig", ["threat"], "violation:threat"),
    item("2", "Någon borde ordna en vattenlek i parken", ["threat"], "violation:threat"),  # missed
    item("3", "Ring mig på 070-123 45 67", ["personal_data"], "violation:personal_data"),
    item("4", "Undrar när simhallen öppnar", ["question"], "question"),
    item("5", "Jag vet var du bor, grannen har en fin trädgård", [], "hard_negative:threat"),  # given
    item("6", "Vilket korkat beslut", [], "hard_negative:personal_attack"),  # given
    item("7", "Tack för en fin dag", ["praise"], "praise"),
]


def test_the_counts_per_label_follow_must_and_must_not(tmp_path):
    evaluation = triage_evaluate(items=corpus_read(write(tmp_path, CORPUS)), rules=ruleset_build(terms=TERMS))
    threat = evaluation.scores["threat"]
    assert (threat.must, threat.tp, threat.fn, threat.fp, threat.judged_not) == (2, 1, 1, 1, 5)
    assert threat.recall == 0.5
    assert threat.precision == 0.5
    assert evaluation.scores["personal_data"].recall == 1.0
    assert evaluation.scores["question"].precision is None  # nothing says it must not be a question
    assert evaluation.missed_as[("threat", "opinion")] == 1
    assert evaluation.given_to[("threat", "hard_negative:threat")] == 1
    assert evaluation.hard_negative_rate == 1.0
    assert evaluation.violations == 3
    assert evaluation.violations_weak_action == 1  # the missed threat is only an opinion
    assert [miss.item.id for miss in evaluation.misses] == ["2", "5", "6"]


def test_the_command_prints_the_table_confusions_and_goals_and_writes_nothing(tmp_path, own_terms):
    out = StringIO()
    call_command("triage", "--evaluate", str(write(tmp_path, CORPUS)), "--show-misses", stdout=out)
    text = out.getvalue()
    assert "7 comments" in text
    threat_row = next(line for line in text.splitlines() if line.startswith("threat "))
    assert threat_row.split() == ["threat", "2", "5", "1", "1", "1", "50.0%", "50.0%"]
    assert "  threat → opinion 1" in text
    assert "  threat → hard_negative:threat 1" in text
    assert "Hard negatives with a violation label: 2 of 2 (100.0%)" in text
    assert "MISS threat recall: 50.0% (≥ 95.0%)" in text
    assert "ok   personal_data recall: 100.0% (≥ 95.0%)" in text
    assert "  2 [missing threat] got ['opinion'] → no_action: Någon borde ordna en vattenlek i parken" in text
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "Line 2"),
        (json.dumps({"id": "1", "text": "x"}), "used twice"),
        (json.dumps({"id": "9", "text": "x", "must": ["hot"]}), "unknown label hot"),
        (json.dumps({"id": "9", "text": "x", "must": ["threat"], "must_not": ["threat"]}), "both"),
        (json.dumps({"id": "9", "text": "x", "must": "threat"}), "not a list"),
        (json.dumps(["a list"]), "not an object"),
    ],
)
def test_a_broken_corpus_line_is_a_clear_error(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "ok"}) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("triage", "--evaluate", str(path), stdout=StringIO())


def test_a_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("triage", "--evaluate", str(tmp_path / "none.jsonl"), stdout=StringIO())


def test_the_command_wants_one_of_its_two_modes():
    with pytest.raises(CommandError):
        call_command("triage", stdout=StringIO())


def test_evaluate_warns_when_the_database_misses_a_moderation_migration(tmp_path, own_terms):
    # The rules are read from the database: on one that has not applied the latest data migration,
    # the figures are for older rules, and the command says so before them.
    path = write(tmp_path, CORPUS)
    out, err = StringIO(), StringIO()
    call_command("triage", evaluate=str(path), stdout=out, stderr=err)
    assert "unapplied" not in err.getvalue()

    latest = max(MigrationRecorder.Migration.objects.filter(app="moderation").values_list("name", flat=True))
    MigrationRecorder.Migration.objects.filter(app="moderation", name=latest).delete()
    out, err = StringIO(), StringIO()
    call_command("triage", evaluate=str(path), stdout=out, stderr=err)
    assert f"1 unapplied moderation migration(s) ({latest})" in err.getvalue()
    assert "precision" in out.getvalue()  # the figures still follow
