"""The ingest's fast paths give what the straightforward code gives (quality.md bar 3).

Each shortcut is compared with the plain reading it replaces: the stemmer itself for numbers, a
tokeniser that slices each gap, json.dumps for the COPY rows, and the ORM's IN-list queries for the
PostgreSQL lookups that probe the account's indexes one key at a time.
"""

import json
import re
from datetime import timedelta

import pytest
import snowballstemmer
from django.db.models import Min

from moderation.ingest import comments_ingest
from moderation.ingest.batch import _author_history
from moderation.ingest.items import INSERT_COLUMNS
from moderation.ingest.postgres import _JSON_COLUMNS, _copy_values
from moderation.ingest.store import comment_store
from moderation.models import Comment
from moderation.triage import ruleset_load, text_hash
from moderation.triage.words import stem_of, tokens

from .helpers import at, remote

TEXTS = [
    "",
    "Hur gör jag för att söka plats i förskolan?",
    "hur gör jag. Hur gör jag! HUR;gör:jag\nhur",
    "Ärende 4711, beslut 2026-11-23 och #123456789",
    "Gatan 12B: ring 070-123 45 67 eller 0701234567",
    "Straße und Fuß — ß becomes ss when case is folded",
    "Bra jobbat 👏👏 med snöröjningen…   i år",
    "x² och ٣٤ är siffror för \\w men inte för en stemmer",
    "   ",
    "Döda dig. döda dig",
]


def _tokens_plainly(text: str) -> list[tuple[str, str, bool]]:
    """The tokeniser as first written: slice each gap, stem every word through the stemmer."""
    stemmer = snowballstemmer.stemmer("swedish")
    out = []
    previous_end = 0
    for match in re.finditer(r"\w+", text):
        word = match.group().casefold()
        gap = text[previous_end : match.start()]
        starts = not out or bool(re.search(r"[.!?\n:;]", gap))
        out.append((word, stemmer.stemWord(word), starts))
        previous_end = match.end()
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_are_those_of_the_plain_tokeniser(text):
    assert tokens(text) == _tokens_plainly(text)


@pytest.mark.parametrize("word", ["0", "7", "4711", "000123", "2026", "123456789012", "²", "٣٤", "１２"])
def test_a_number_is_its_own_stem_as_the_stemmer_says(word):
    assert word.isdigit()
    assert stem_of(word) == snowballstemmer.stemmer("swedish").stemWord(word) == word


@pytest.mark.parametrize("text", TEXTS)
def test_the_cached_text_hash_is_the_hash(text):
    assert text_hash(text) == text_hash.__wrapped__(text)
    assert text_hash(text) == text_hash(text)


JSON_VALUES = [
    {"message": 'Åsa säger "hej" 👋', "nested": {"list": [1, None, True, 2.5, -7]}},
    {"big": 123456789012345678901234567890, "deep": [[[{"x": "\\u0000 is text here"}]]]},
    {"nul": "Hej\x00", "list": ["\x00", {"k\x00": "v"}]},
    {},
    [],
    ["https://example.org/bild.jpg"],
    [{"label": "question", "code": "question_mark"}],
]


@pytest.mark.parametrize("raw", JSON_VALUES)
def test_copy_values_are_the_columns_in_order_with_json_that_reads_back_as_json_dumps_wrote_it(raw):
    from moderation.ingest import json_storable

    row = {column: f"value of {column}" for column in INSERT_COLUMNS}
    row.update(
        attachments=["https://example.org/bild.jpg"],
        raw=raw,
        labels=["question", "personal_data"],
        reasons=[{"label": "question", "code": "question_mark"}],
        priority=1,
        in_kc_queue=False,
    )
    values = _copy_values(row)
    assert len(values) == len(INSERT_COLUMNS)
    for column, value in zip(INSERT_COLUMNS, values, strict=True):
        if column in _JSON_COLUMNS:
            # orjson writes no spaces where json.dumps does; jsonb keeps neither. NUL characters,
            # which jsonb refuses, are gone.
            assert "\\u0000" not in value.replace("\\\\u0000", "")
            assert json.loads(value) == json.loads(json.dumps(json_storable(row[column]), ensure_ascii=False))
        else:
            assert value is row[column]


# --- the lookups: the PostgreSQL queries against the ORM's ------------------------------------------


def _stored(account, other_account):
    """Two accounts with comments, own replies, hidden ones and several authors, some too old."""
    base = at("2026-11-20 09:00")
    for target in (account, other_account):
        items = []
        for i in range(60):
            items.append(
                remote(
                    f"c{i}",
                    f"Fråga {i % 7} om badet?",
                    author_id=f"a{i % 9}",
                    created_at=base + timedelta(hours=i * 2),
                    is_hidden=i % 11 == 0,
                )
            )
        for i in range(0, 60, 5):
            items.append(
                remote(
                    f"r{i}",
                    "Svar från staden",
                    author_id=target.platform_id,
                    parent_id=f"q{i}" if i % 10 else f"c{i}",
                    created_at=base + timedelta(hours=i * 2, minutes=30 + i),
                )
            )
        comments_ingest(account=target, items=items)


@pytest.mark.django_db
def test_existing_finds_what_the_orm_finds(account, other_account):
    _stored(account, other_account)
    ids = [f"c{i}" for i in range(0, 80, 3)] + ["r5", "q10", "nothing"]
    expected = {
        row["platform_id"]: row
        for row in Comment.objects.filter(account=account, platform_id__in=ids).values(
            "id", "platform_id", "text", "status", "hidden_on_platform_at", "kind", "author_id", "author_name"
        )
    }
    assert comment_store().existing(account, ids) == expected
    assert comment_store().existing(account, []) == {}


@pytest.mark.django_db
def test_author_history_is_the_orms_recent_comments_oldest_first(account, other_account):
    _stored(account, other_account)
    rules = ruleset_load()
    when = at("2026-11-25 12:00")
    new = [remote(f"n{i}", "Ny fråga?", author_id=f"a{i}", created_at=when) for i in range(12)]
    new.append(remote("own", "Svar", author_id=account.platform_id, created_at=when))
    history = _author_history(comment_store(), account, new, rules)
    span = timedelta(hours=max(rules.spam["repeat_window_hours"], rules.spam["burst_minutes"] / 60.0))
    since = at("2026-11-25 12:00") - span
    authors = {c.author_id for c in new}
    rows = (
        Comment.objects.filter(account=account, author_id__in=authors, created_at__gte=since)
        .exclude(status=Comment.Status.OWN)
        .order_by("created_at")
        .values_list("author_id", "created_at", "text_hash")
    )
    expected: dict[str, list] = {}
    for author_id, created_at, digest in rows:
        expected.setdefault(author_id, []).append((created_at, digest))
    assert expected, "the data must reach into the window, or the comparison says nothing"
    assert any(created_at < since for created_at in Comment.objects.values_list("created_at", flat=True))
    for author in authors:
        assert history.before(author) == expected.get(author, [])


@pytest.mark.django_db
def test_earlier_replies_are_the_orms_first_own_reply_per_question(account, other_account):
    _stored(account, other_account)
    new_ids = [f"q{i}" for i in range(0, 60, 5)] + [f"c{i}" for i in range(60)] + ["q999"]
    expected = {
        row["parent_platform_id"]: row["first"]
        for row in Comment.objects.filter(
            account=account, status=Comment.Status.OWN, parent_platform_id__in=new_ids
        )
        .values("parent_platform_id")
        .annotate(first=Min("created_at"))
    }
    assert expected
    assert dict(comment_store().earlier_replies(account, new_ids)) == expected
    assert comment_store().earlier_replies(account, []) == []


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_stage_is_empty_after_each_batch_of_one_transaction(account):
    """The stage is used when a concurrent batch stored some rows first (see test_ingest); a long
    transaction of several such batches starts each with an empty stage."""
    from django.db import connection, transaction

    from moderation.ingest.items import new_row
    from moderation.triage import AuthorHistory

    rules, now = ruleset_load(), at("2026-11-23 11:00")

    def make_row(item):
        return new_row(account, item, rules, AuthorHistory(), False, now)

    with transaction.atomic():
        comments_ingest(account=account, items=[remote("a0", "Först"), remote("b0", "Först")])
        first = comment_store().insert([remote(f"a{i}", f"Fråga {i}?") for i in range(30)], make_row)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM moderation_ingest_stage")
            assert cursor.fetchone()[0] == 0
        second = comment_store().insert([remote(f"b{i}", f"Fråga {i}?") for i in range(20)], make_row)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM moderation_ingest_stage")
            assert cursor.fetchone()[0] == 0
    assert (len(first), len(second)) == (29, 19)
    assert Comment.objects.filter(account=account).count() == 50
