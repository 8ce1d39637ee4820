"""What the live panel shows: the request's text and context read without ever failing, the text
cut into plain and highlighted segments, and the findings in the order a reader meets them.

Used by the views; the templates only print what is here (autoescaped)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from helsocial.shown_text import visible

from .checker import KINDS, MEDIA_TYPES, OBJECTIVES, CheckContext, Finding, ToneReport

# The live panel checks at most this many characters; a longer text gets a message instead.
MAX_PANEL_CHARS = 50_000

SEVERITY_ORDER = {"blocking": 0, "warning": 1, "info": 2}
SEVERITY_LABELS = {"blocking": _("Blocking"), "warning": _("Warning"), "info": _("Note")}
SEVERITY_ICONS = {"blocking": "✖", "warning": "⚠", "info": "ℹ"}  # shown with the label, never alone
SEVERITY_CLASSES = {"blocking": "flag-danger", "warning": "flag-warning", "info": "flag-info"}

_TRUE = frozenset({"on", "true", "1", "yes"})


@dataclass(frozen=True)
class Segment:
    text: str
    severity: str | None  # None: not highlighted


@dataclass(frozen=True)
class FindingView:
    rule: str
    severity: str
    severity_label: str
    icon: str
    css: str
    message: str
    guideline: str
    suggestion: str | None
    excerpt: str  # the text the finding points at; "" for a finding about the whole text


def chosen_account_ids(data: Mapping[str, str]) -> list[int]:
    """The accounts the booking form's slots have chosen (slotN-account), at most ten: the caller
    looks up whether one is on X (its length rule applies: `CheckContext.for_x`)."""
    ids = []
    for name, value in data.items():
        text = str(value)
        if name.startswith("slot") and name.endswith("-account") and text.isdecimal() and len(text) < 12:
            ids.append(int(text))
    return ids[:10]


def read_request(data: Mapping[str, str]) -> tuple[str, CheckContext]:
    """The text and its context from form data; unknown values fall back, nothing raises.

    The text is the field ``text``, or the field named by ``text_field`` (the booking form's
    ``draft_text``); the context fields are ``kind``, ``media_type``, ``objective``, ``link`` and
    the three confirmations, as the booking form names them.
    """
    field = str(data.get("text_field") or "text")
    text = str(data.get(field) or "")
    kind = str(data.get("kind") or "free")
    media = str(data.get("media_type") or "none")
    objective = str(data.get("objective") or "")
    context = CheckContext(
        kind=kind if kind in KINDS else "free",
        media_type=media if media in MEDIA_TYPES else "none",
        objective=objective if objective in OBJECTIVES else None,
        link=str(data.get("link") or "")[:2000],
        captions_confirmed=str(data.get("captions_confirmed", "")).lower() in _TRUE,
        rights_confirmed=str(data.get("rights_confirmed", "")).lower() in _TRUE,
        consent_confirmed=str(data.get("consent_confirmed", "")).lower() in _TRUE,
        alt_text=str(data.get("image_alt_text") or "")[:1000],
    )
    return text, context


def segments(text: str, findings: list[Finding]) -> list[Segment]:
    """The text cut at the findings' spans; overlapping and touching spans merge into one highlight,
    which takes the most severe of their severities."""
    spans = sorted((max(0, s), min(len(text), e), f.severity) for f in findings for s, e in [f.span] if e > s)
    merged: list[list] = []
    for start, end, severity in spans:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if SEVERITY_ORDER[severity] < SEVERITY_ORDER[last[2]]:
                last[2] = severity
        else:
            merged.append([start, end, severity])
    out: list[Segment] = []
    position = 0
    for start, end, severity in merged:
        if start > position:
            out.append(Segment(visible(text[position:start]), None))
        out.append(Segment(visible(text[start:end]), severity))
        position = end
    if position < len(text):
        out.append(Segment(visible(text[position:]), None))
    return out


def finding_views(text: str, report: ToneReport) -> list[FindingView]:
    ordered = sorted(report.findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.span[0]))
    return [
        FindingView(
            rule=f.rule,
            severity=f.severity,
            severity_label=str(SEVERITY_LABELS.get(f.severity, f.severity)),
            icon=SEVERITY_ICONS.get(f.severity, ""),
            css=SEVERITY_CLASSES.get(f.severity, ""),
            message=f.message,
            guideline=f.guideline,
            suggestion=f.suggestion,
            excerpt=visible(text[f.span[0] : f.span[1]])[:200] if f.span[1] > f.span[0] else "",
        )
        for f in ordered
    ]


def panel_context(text: str, report: ToneReport | None, *, too_long: bool = False) -> dict:
    if report is None:
        return {"too_long": too_long, "length": len(text), "max_chars": MAX_PANEL_CHARS, "report": None}
    counts = {key: 0 for key in SEVERITY_ORDER}
    for f in report.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return {
        "too_long": False,
        "report": report,
        "empty": report.words == 0 and not text.strip(),
        "lix": report.lix,
        "band": report.lix_band,
        "segments": segments(text, report.findings),
        "findings": finding_views(text, report),
        "counts": counts,
        "blocking": report.blocking,
        "capped_rules": report.capped_rules,
    }
