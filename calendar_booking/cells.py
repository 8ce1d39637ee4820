"""The calendar's cells as HTML, written in one pass over the data the selectors built.

A week shows up to ROW_LIMIT accounts × 7 days, each cell with its taken slots and free times; Django
writes a template loop per item at several microseconds a node, which made the cells most of the
page's time. Here each cell is written once, every text escaped (titles and names are people's
input); the templates place the cells and decide nothing.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .selectors import Cell, SlotView


def slot_items(slots: list[SlotView], *, taken_word: str) -> SafeString:
    """The taken slots as `<li>`s."""
    parts = []
    for slot in slots:
        title = escape(slot.title)
        link = f'<a href="{escape(slot.href)}">{title}</a>' if slot.href else f"<span>{title}</span>"
        status = f" · <strong>{escape(slot.status)}</strong>" if slot.status else ""
        parts.append(
            f'<li class="cal-slot cal-slot-{escape(slot.category)}">'
            f'<span class="flag">{escape(taken_word)}</span> '
            f'<time datetime="{escape(slot.start_iso)}">{escape(slot.times)}</time> {link}'
            f'<span class="small d-block">{escape(slot.who)}{status}</span></li>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def week_cell(cell: Cell, *, can_book: bool, free_word: str, taken_word: str, full_word: str) -> SafeString:
    """What one account's day shows: its taken slots, then "day full" or its free times."""
    html = []
    if cell.taken:
        html.append(f'<ul class="list-unstyled mb-1">{slot_items(cell.taken, taken_word=taken_word)}</ul>')
    if cell.full:
        html.append(f'<p class="flag flag-warning small mb-0">⚠ {escape(full_word)}</p>')
    elif cell.free:
        items = []
        for label, href in cell.free:
            text = f"{escape(free_word)} {escape(label)}"
            if can_book:
                items.append(f'<li><a class="cal-free" href="{escape(href)}">{text}</a></li>')
            else:
                items.append(f'<li><span class="cal-free">{text}</span></li>')
        if cell.free_more:
            items.append(f'<li class="text-muted">{escape(cell.free_more)}</li>')
        label = escape(cell.free_label)
        html.append(f'<ul class="list-unstyled mb-0 small" aria-label="{label}">{"".join(items)}</ul>')
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped
