"""What goes into a check (``CheckContext``) and what comes out (``Finding``, ``ToneReport``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .lix import LixBand
from .messages import GUIDELINES

INFO = "info"
WARNING = "warning"
BLOCKING = "blocking"

KINDS = ("draft", "reply", "free")
MEDIA_TYPES = ("none", "image", "video", "carousel", "link")
OBJECTIVES = ("inform", "activate", "engage")

MAX_FINDINGS_PER_RULE = 200


@dataclass(frozen=True)
class CheckContext:
    """Where the text is written. Booking rules run only for ``kind="draft"``; personal data blocks
    only for ``kind="reply"``. An unknown kind, media type or objective is read as none."""

    kind: str = "free"  # "draft" | "reply" | "free"
    media_type: str = "none"  # "none" | "image" | "video" | "carousel" | "link"
    objective: str | None = None  # "inform" | "activate" | "engage"
    link: str = ""
    captions_confirmed: bool = False
    rights_confirmed: bool = False
    consent_confirmed: bool = False
    alt_text: str = ""  # the image's alternative text (the booking form's image_alt_text)
    for_x: bool = False  # one of the booking's accounts is on X: its length rule applies


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    guideline: str
    severity: str  # "info" | "warning" | "blocking"
    span: tuple[int, int]
    message: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "span": [self.span[0], self.span[1]],
            "message": self.message,
            "suggestion": self.suggestion,
            "guideline": self.guideline,
        }


@dataclass(frozen=True, slots=True)
class ToneReport:
    """The counts, LIX and its band (``None`` without words), and the findings sorted by span start
    then rule. ``blocking`` is true when a finding stops publishing (personal data in a reply)."""

    lix: float | None
    lix_band: LixBand | None
    words: int
    sentences: int
    long_words: int
    findings: list[Finding]
    capped_rules: list[str] = field(default_factory=list)  # rules with more hits than were reported

    @property
    def blocking(self) -> bool:
        return any(f.severity == BLOCKING for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        band = self.lix_band
        return {
            "lix": None if self.lix is None else round(self.lix, 1),
            "lix_band": None if band is None else {"key": band.key, "label": band.label},
            "words": self.words,
            "sentences": self.sentences,
            "long_words": self.long_words,
            "blocking": self.blocking,
            "findings": [f.to_dict() for f in self.findings],
            "capped_rules": list(self.capped_rules),
        }


class Findings:
    """The findings of one check as the rules add them, at most ``MAX_FINDINGS_PER_RULE`` per rule."""

    def __init__(self) -> None:
        self.items: list[Finding] = []
        self.per_rule: dict[str, int] = {}
        self.capped: set[str] = set()

    def add(
        self, rule: str, severity: str, span: tuple[int, int], message: str, suggestion: str | None = None
    ) -> bool:
        """Record a finding; False once the rule is full, and the caller stops looking for more."""
        count = self.per_rule.get(rule, 0)
        if count >= MAX_FINDINGS_PER_RULE:
            self.capped.add(rule)
            return False
        self.per_rule[rule] = count + 1
        self.items.append(Finding(rule, GUIDELINES[rule], severity, span, message, suggestion))
        return True

    def report(
        self, lix: float | None, band: LixBand | None, words: int, sentences: int, long_words: int
    ) -> ToneReport:
        findings = sorted(self.items, key=lambda f: (f.span[0], f.rule, f.span[1]))
        return ToneReport(lix, band, words, sentences, long_words, findings, sorted(self.capped))
