"""Text from outside shown to a person: invisible and direction-changing characters made visible.

A comment or an author name from a platform may carry U+202E (RIGHT-TO-LEFT OVERRIDE), which turns
everything after it around up to the end of the line — in the queue, on the comment's page, in a
select, on the evidence screenshot sent to the registry — so a moderator reads something else than
what was written; an invisible character hides between two letters and defeats a word list.
`visible` prints each such character as its code point (⟦U+202E⟧), as the tone panel does. Pages
isolate platform text further in `<bdi>` (`{% load shown_text %}{{ text|bdi }}`), so legitimate
right-to-left text (Arabic, Hebrew) cannot reorder the portal's own words around it. The raw payload
kept as evidence is never changed: this is only how text is shown.
"""

from __future__ import annotations

import re
from html import escape

from django.utils.safestring import SafeString

# C0 and C1 controls but tab, line feed and carriage return; the Arabic letter mark; zero-width space;
# LRM and RLM; the embeddings and overrides U+202A–U+202E; word joiner; the isolates U+2066–U+2069;
# the byte-order mark; the interlinear annotation characters. Not ZWJ/ZWNJ: emoji sequences and
# Persian spelling need them.
INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069"
    "\ufeff\ufff9-\ufffb]"
)


def visible(text: object) -> str:
    """`text` with every invisible or direction-changing character written as ⟦U+XXXX⟧."""
    return INVISIBLE_RE.sub(lambda m: f"⟦U+{ord(m.group()):04X}⟧", "" if text is None else str(text))


def bdi(text: object) -> SafeString:
    """`text` made visible, escaped and isolated in <bdi>: the `bdi` template filter, and what pages
    that write their rows in Python (the queue's) call for each value from outside."""
    return SafeString(f"<bdi>{escape(visible(text))}</bdi>")
