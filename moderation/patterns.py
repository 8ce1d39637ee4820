"""AKN's triage patterns and word groups: saving them, and trying a pattern on recent comments.

Services write (keyword-only, one transaction each); `pattern_trial` only reads. The views check that
the person is AKN before calling anything here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User

from .models import Comment, TriagePattern, TriageWordGroup
from .triage import PatternError, group_parse, groups_parse, pattern_parse, patterns_match, ruleset_build

TRIAL_MOST = 5000


def groups_current(*, replacing: tuple[str, str] | None = None) -> dict:
    """The word groups as they are (with one name's words replaced), parsed."""
    raw = dict(TriageWordGroup.objects.values_list("name", "words"))
    if replacing is not None:
        raw[replacing[0]] = replacing[1]
    return groups_parse(raw.items())


def pattern_check(*, pattern: str) -> None:
    """A ValidationError with the reason, in Swedish, when the pattern cannot be read."""
    try:
        pattern_parse(pattern, groups_current())
    except PatternError as exc:
        raise ValidationError(str(exc), code="pattern") from exc


def group_check(*, name: str, words: str) -> None:
    """A ValidationError when the words cannot be read, or a pattern in use would stop working."""
    from django.utils.translation import gettext as _

    others = groups_current()
    others.pop(name, None)
    try:
        group_parse(words, others)
    except PatternError as exc:
        raise ValidationError(str(exc), code="group") from exc
    groups = groups_current(replacing=(name, words))
    if name not in groups:  # it names itself through another group
        raise ValidationError(_("A word group cannot contain itself."), code="group")
    broken = []
    for pattern in TriagePattern.objects.filter(is_enabled=True):
        try:
            pattern_parse(pattern.pattern, groups)
        except PatternError:
            broken.append(pattern.name)
    if broken:
        raise ValidationError(
            _("These patterns would stop working: %(names)s") % {"names": ", ".join(broken)}, code="group"
        )


@transaction.atomic
def pattern_add(*, by: User, label: str, name: str, pattern: str) -> TriagePattern:
    from django.utils.translation import gettext as _

    pattern_check(pattern=pattern)
    if TriagePattern.objects.filter(label=label, name=name).exists():
        raise ValidationError(_("The label already has a pattern with this name."), code="duplicate")
    return TriagePattern.objects.create(label=label, name=name, pattern=pattern.strip(), updated_by=by)


@transaction.atomic
def pattern_toggle(*, by: User, pattern: TriagePattern) -> TriagePattern:
    if not pattern.is_enabled:
        pattern_check(pattern=pattern.pattern)  # a group may have changed since it was switched off
    pattern.is_enabled = not pattern.is_enabled
    pattern.updated_by = by
    pattern.save(update_fields=["is_enabled", "updated_by", "updated_at"])
    return pattern


@transaction.atomic
def pattern_remove(*, pattern: TriagePattern) -> None:
    pattern.delete()


@transaction.atomic
def group_save(*, by: User, name: str, words: str, note: str = "") -> TriageWordGroup:
    """Add a word group, or give an existing one new words."""
    name = name.strip().casefold()
    group_check(name=name, words=words)
    group, _created = TriageWordGroup.objects.update_or_create(
        name=name, defaults={"words": words.strip(), "note": note, "updated_by": by}
    )
    return group


@dataclass
class TrialMatch:
    comment: Comment
    match: str


@dataclass
class PatternTrial:
    tried: int
    matches: list[TrialMatch]


def pattern_trial(*, label: str, pattern: str, last: int = 500) -> PatternTrial:
    """Which of the last `last` comments the pattern would give `label`, and on which words."""
    pattern_check(pattern=pattern)
    rules = ruleset_build(
        groups=TriageWordGroup.objects.values_list("name", "words"), patterns=[(label, "", pattern)]
    )
    recent = list(
        Comment.objects.exclude(status=Comment.Status.OWN)
        .select_related("account")
        .order_by("-received_at", "-id")[: min(last, TRIAL_MOST)]
    )
    matches = []
    for comment in recent:
        found = patterns_match(comment.text, rules)
        if found:
            matches.append(TrialMatch(comment, found[0][2]))
    return PatternTrial(tried=len(recent), matches=matches)
