"""`manage.py triage --jsonl FILE`: one line out per line in, as one stream, writing nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from moderation.models import Comment

pytestmark = pytest.mark.django_db


def run(tmp_path, lines):
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8"
    )
    out = StringIO()
    call_command("triage", "--jsonl", str(path), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_line_gets_its_labels_action_and_reasons(tmp_path):
    out = run(
        tmp_path,
        [
            {
                "id": "1",
                "author_id": "a",
                "text": "Undrar om simhallen har öppet",
                "created_at": "2026-11-23T10:00:00+01:00",
            },
            {
                "id": "2",
                "author_id": "b",
                "text": "Jag vet var han bor",
                "created_at": "2026-11-23T10:01:00+01:00",
            },
            {
                "id": "3",
                "author_id": "c",
                "text": "Vi bor på hotell",
                "created_at": "2026-11-23T10:02:00+01:00",
            },
        ],
    )
    assert [o["id"] for o in out] == ["1", "2", "3"]
    assert out[0]["labels"] == ["question"] and out[0]["action"] == "answer"
    assert out[1]["labels"] == ["threat"] and out[1]["reasons"][0]["code"] == "term"
    assert out[2]["labels"] == ["opinion"] and out[2]["action"] == "no_action"
    assert set(out[0]) == {"id", "labels", "action", "reasons"}


def test_the_stream_is_read_in_order_so_repeats_are_spam(tmp_path):
    line = {
        "author_id": "a",
        "text": "Köp billiga solglasögon på min sida",
        "created_at": "2026-11-23T10:00:00+01:00",
    }
    out = run(tmp_path, [{**line, "id": "1"}, {**line, "id": "2", "created_at": "2026-11-23T10:30:00+01:00"}])
    assert "spam" not in out[0]["labels"]
    assert "spam" in out[1]["labels"]
    assert Comment.objects.count() == 0


def test_a_broken_line_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "1", "text": "ok"}\nnot json\n', encoding="utf-8")
    with pytest.raises(CommandError, match="Line 2"):
        call_command("triage", "--jsonl", str(path), stdout=StringIO())
