"""Ingestion near the database's limit (quality.md, performance bar 3).

"Ingesting a batch of 100,000 comments through the real path (parse the platform JSON, upsert by
platform id, triage, due time, queue) runs at ≥ 20% of the rate at which PostgreSQL COPY loads the
same rows raw, measured in the same run." So: 100,000 comments arrive as Meta webhook JSON (in
deliveries of 1,000 changes, the most Meta puts in one), are parsed, and go into one
`comments_ingest` call, as a large pull hands its comments over; the same rows are loaded raw with
COPY into the same table. For comparison it also prints the rate when each delivery of 1,000 is
ingested on its own, as the webhook task does (each batch then pays its own lookups and mail).
Everything runs in one transaction that is rolled back, and the table is vacuumed after, so the
bench database is left as it was.

    DATABASE_URL=postgres://…/helsocial_bench_l .venv/bin/python -m benchmarks.bench_ingest
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC, datetime

N = int(os.environ.get("BENCH_INGEST_N", "100000"))
DELIVERY = 1000  # changes per webhook delivery
TARGET = 0.20

TEXTS = [
    "Hur gör jag för att söka plats i förskolan?",
    "Tack för en fantastisk kulturnatt!",
    "Slöseri med skattepengar, borde satsat på skolan istället",
    "Undrar om simhallen har öppet på annandag påsk",
    "Vet någon när bussarna går som vanligt igen efter vägarbetet på Drottninggatan",
    "Ring mig på 070-123 45 67 så förklarar jag",
    "Jag vet var du bor",
    "Kolla här https://www.samnytt.se/artikel/123",
    "Bra jobbat med snöröjningen i år 👏",
    "Varför tar det så lång tid att få svar på mitt bygglov?",
    "Det var bättre förr när det fanns en kiosk i parken",
    "Du är en idiot",
]


BASE = 1795000000


def _change(page_id: str, i: int) -> dict:
    """Comment number i as Meta's webhook sends it (the `value` of a feed change)."""
    return {
        "item": "comment",
        "verb": "add",
        "comment_id": f"{page_id}_C{i}",
        "post_id": f"{page_id}_P{i // 200}",
        "parent_id": f"{page_id}_P{i // 200}",
        "from": {"id": f"u{i % 40000}", "name": f"Person {i % 40000}"},
        "message": f"{TEXTS[i % len(TEXTS)]} #{i}",
        "created_time": BASE + i * 7,
    }


def _deliveries(page_id: str, start: int, n: int, batch: int) -> list[bytes]:
    bodies = []
    for first in range(start, start + n, batch):
        changes = [
            {"field": "feed", "value": _change(page_id, i)}
            for i in range(first, min(first + batch, start + n))
        ]
        bodies.append(
            json.dumps(
                {"object": "page", "entry": [{"id": page_id, "time": BASE, "changes": changes}]}
            ).encode()
        )
    return bodies


def _copy_rows(account, administration_id: int, n: int):
    """The same rows as ingest stores, already shaped, for COPY: what a loader that does no work at
    all would write. The raw payload is the same webhook value, and the hash, permalink, labels and
    reasons are values of the same size, so the database has as much to write and index."""
    from moderation.triage import text_hash

    page_id = account.platform_id
    now = datetime.now(UTC)
    reasons = json.dumps([{"label": "question", "code": "term", "term": "undrar", "match": "undrar"}])
    for i in range(n):
        value = _change(page_id, i)
        created = datetime.fromtimestamp(value["created_time"], UTC)
        yield (
            account.pk,
            value["comment_id"],
            "comment",
            value["post_id"],
            value["parent_id"],
            value["from"]["id"],
            value["from"]["name"],
            value["message"],
            text_hash(value["message"]),
            created,
            now,
            f"https://www.facebook.com/{value['comment_id']}",
            "[]",
            json.dumps(value, ensure_ascii=False),
            '["question"]',
            "answer",
            reasons,
            "open",
            None,
            1,
            created,
            None,
            created,
            False,
            administration_id,
            "",
        )


# The columns ingest writes (moderation.ingest.items.INSERT_COLUMNS), in its order.
COPY_COLUMNS = (
    "account_id", "platform_id", "kind", "post_platform_id", "parent_platform_id", "author_id",
    "author_name", "text", "text_hash", "created_at", "received_at", "permalink", "attachments", "raw",
    "labels", "suggested_action", "reasons", "status", "hidden_on_platform_at", "priority", "due_at",
    "reply_window_ends_at", "sort_at", "in_kc_queue", "queue_administration_id", "removal_source",
)  # fmt: skip


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helsocial.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        print("bench_ingest: needs PostgreSQL (DATABASE_URL)", file=sys.stderr)
        sys.exit(2)

    from accounts.models import Administration, SocialAccount
    from moderation import meta_webhook
    from moderation.ingest import comments_ingest
    from moderation.ingest.items import INSERT_COLUMNS
    from moderation.models import Comment
    from moderation.triage import ruleset_load

    assert COPY_COLUMNS == INSERT_COLUMNS, "the raw load must write the columns ingest writes"

    def account(name: str) -> SocialAccount:
        return SocialAccount.objects.create(
            administration=administration,
            name=name,
            platform="facebook",
            platform_id=f"{name}{time.time_ns()}",
        )

    with transaction.atomic():
        administration = Administration.objects.create(name=f"Bench ingest {time.time_ns()}")
        page, per_delivery_page, raw_target = account("BATCH"), account("DELIVERIES"), account("RAW")

        bodies = _deliveries(page.platform_id, 0, N, DELIVERY)
        started = time.perf_counter()
        items = []
        for body in bodies:
            for upserts in meta_webhook.parse(meta_webhook.decode(body)).upserts.values():
                items.extend(upserts)
        comments_ingest(account=page, items=items, rules=ruleset_load())
        ingest_seconds = time.perf_counter() - started
        stored = Comment.objects.filter(account=page).count()
        del items

        rows = list(_copy_rows(raw_target, administration.pk, N))
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.connection.cursor().copy(
                f"COPY moderation_comment ({', '.join(COPY_COLUMNS)}) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
        copy_seconds = time.perf_counter() - started
        copied = Comment.objects.filter(account=raw_target).count()
        del rows

        bodies = _deliveries(per_delivery_page.platform_id, 0, N, DELIVERY)
        started = time.perf_counter()
        for body in bodies:
            changes = meta_webhook.parse(meta_webhook.decode(body))
            rules = ruleset_load()
            for upserts in changes.upserts.values():
                comments_ingest(account=per_delivery_page, items=upserts, rules=rules)
        delivery_seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    # The rolled-back rows stay in the table and its indexes as dead tuples until a vacuum, and the
    # planner reads past them at the ends of the indexes: left there, they would slow the planning of
    # every queue query the later benchmarks time (1 ms became 10 ms at size L).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) moderation_comment")

    ingest_rate, copy_rate, delivery_rate = N / ingest_seconds, N / copy_seconds, N / delivery_seconds
    ratio = ingest_rate / copy_rate
    print(
        f"comments: {N:,} as webhook JSON, {DELIVERY:,} per delivery (stored {stored:,}, copied {copied:,})"
    )
    for name, seconds, rate in (
        ("ingest as one batch (parse, upsert, triage, due, queue)", ingest_seconds, ingest_rate),
        ("COPY of the same rows raw", copy_seconds, copy_rate),
        ("ingest delivery by delivery, as the webhook task does", delivery_seconds, delivery_rate),
    ):
        print(f"{name:56} {seconds:7.2f} s  {rate:9,.0f} rows/s  ({rate / copy_rate:6.1%} of COPY)")
    verdict = "meets" if ratio >= TARGET else "below"
    print(f"ratio ingest/COPY: {ratio:.1%} ({verdict} the {TARGET:.0%} target of quality.md bar 3)")


if __name__ == "__main__":
    main()
