"""The moderation queues at size S and L against the framework floor (quality.md bars 1 and 2).

KC's queue (city-wide messages), a förvaltning's queue as its lead, and the same queue as an editor
(narrowed to the accounts they edit), each also as the htmx refresh the page polls with.
"""

from __future__ import annotations

from . import datagen, harness

HTMX = {"HX-Request": "true"}


def pages() -> list[harness.Page]:
    from django.urls import reverse

    lead = datagen.lead_username(1)
    editor = datagen.editor_username(1, 1)
    queue = reverse("moderation:queue-administration", args=[1])
    return [
        harness.Page("KC queue", datagen.KC_USERNAME, reverse("moderation:queue-kc")),
        harness.Page("förvaltning queue (lead)", lead, queue),
        harness.Page("förvaltning queue (editor)", editor, queue),
        harness.Page("förvaltning queue refresh (htmx)", lead, queue, headers=HTMX),
    ]


def main() -> None:
    harness.setup()
    harness.report(harness.compare(pages(), floor_user=datagen.AKN_USERNAME), title="bench_queues")


if __name__ == "__main__":
    main()
