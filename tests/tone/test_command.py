"""`manage.py check_text`: JSON lines in, one JSON line out per text, from a file or standard input."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]

LINES = [
    {
        "id": "a",
        "text": "Vi öppnar en ny lekplats i Slottshagen. Välkommen dit på lördag!",
        "context": "free",
    },
    {"id": "b", "text": "Ring mig på 070-123 45 67.", "context": "reply"},
    {"id": "c", "text": "Se filmen!", "context": {"kind": "draft", "media_type": "video"}},
]


def run(lines: list[str], tmp_path=None) -> list[dict]:
    out = io.StringIO()
    if tmp_path is None:
        raise AssertionError
    path = tmp_path / "texts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("check_text", jsonl=str(path), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_json_line_per_text_from_a_file(db, tmp_path):
    result = run([json.dumps(x, ensure_ascii=False) for x in LINES], tmp_path)
    assert [r["id"] for r in result] == ["a", "b", "c"]
    # "a": 11 words, 2 sentences, 3 long words → 11/2 + 300/11 = 32.77 → 32.8, "easy".
    assert (result[0]["lix"], result[0]["lix_band"], result[0]["findings"]) == (32.8, "easy", [])
    phone = result[1]["findings"][0]
    assert phone == {
        "rule": "reply.personal_data",
        "severity": "blocking",
        "span": [12, 25],
        "message": phone["message"],
        "suggestion": phone["suggestion"],
    }
    assert LINES[1]["text"][12:25] == "070-123 45 67"
    assert "booking.captions" in [f["rule"] for f in result[2]["findings"]]


def test_a_bad_line_prints_an_error_and_the_next_line_is_read(db, tmp_path):
    lines = [
        "{not json",
        json.dumps({"id": 7, "text": 42}),
        json.dumps({"id": 8, "text": "Hej", "context": "tweet"}),
        json.dumps(["a list"]),
        "",
        json.dumps({"id": 9, "text": "Hej då!"}),
    ]
    result = run(lines, tmp_path)
    assert [(r.get("id"), r.get("line"), "error" in r) for r in result] == [
        (None, 1, True),
        (7, 2, True),
        (8, 3, True),
        (None, 4, True),
        (9, None, False),
    ]


def test_bytes_that_are_not_utf8_spoil_only_their_line(db, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"id": 1, "text": "\xff\xfe"}\n' + json.dumps({"id": 2, "text": "Hej"}).encode() + b"\n"
    )
    out = io.StringIO()
    call_command("check_text", jsonl=str(path), stdout=out)
    result = [json.loads(line) for line in out.getvalue().splitlines()]
    assert result[0]["line"] == 1 and "error" in result[0]
    assert result[1]["id"] == 2 and result[1]["lix"] is not None


def test_a_missing_file_is_an_error(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("check_text", jsonl=str(tmp_path / "nope.jsonl"))


def test_reads_standard_input(db, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO((json.dumps(LINES[0]) + "\n").encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    out = io.StringIO()
    call_command("check_text", stdout=out)
    assert json.loads(out.getvalue())["lix"] == 32.8


def test_the_exit_status_is_non_zero_only_for_a_missing_file(tmp_path):
    # A real process: the file is opened before anything else, so this needs no database.
    done = subprocess.run(
        [sys.executable, "manage.py", "check_text", "--jsonl", str(tmp_path / "nope.jsonl")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Cannot read" in done.stderr
