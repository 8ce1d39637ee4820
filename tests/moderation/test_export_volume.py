"""A year's moderation log exports as a stream: rows flow out in chunks, memory stays flat."""

import time
import tracemalloc
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.ingest import comments_ingest
from moderation.models import Comment, ModerationLogEntry

from .helpers import remote

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

COMMENTS = 2_000
ENTRIES = 40_000


def test_forty_thousand_actions_stream_without_loading_them(akn_client, kc_user, account, capsys):
    comments_ingest(account=account, items=[remote(f"c{n}", f"Fråga {n}?") for n in range(COMMENTS)])
    ids = list(Comment.objects.values_list("pk", flat=True))
    start = timezone.now() - timedelta(days=360)
    ModerationLogEntry.objects.bulk_create(
        ModerationLogEntry(
            comment_id=ids[n % len(ids)],
            actor=kc_user,
            action="no_action",
            rule="opinion",
            at=start + timedelta(minutes=12 * n),
        )
        for n in range(ENTRIES)
    )
    url = reverse("moderation:export-csv") + f"?from={start:%Y-%m-%d}&to={timezone.localdate():%Y-%m-%d}"
    tracemalloc.start()
    started = time.monotonic()
    response = akn_client.get(url)
    first_chunk_at = None
    lines = 0
    for chunk in response.streaming_content:
        if first_chunk_at is None:
            first_chunk_at = time.monotonic() - started
        lines += chunk.count(b"\n")
    elapsed = time.monotonic() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert lines == ENTRIES + 1
    assert peak < 40 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    with capsys.disabled():
        print(
            f"\n[export] {ENTRIES} rows in {elapsed:.1f} s, first bytes after {first_chunk_at:.2f} s,"
            f" peak Python memory {peak / 1e6:.1f} MB"
        )
