"""Automatic triage: which labels a comment gets, the action they suggest, and why.

Everything here is a pure function of the text and a `Ruleset`, which `ruleset_load()` reads from the
database once per batch (AKN edits the words, domains and actions in the portal, so a change takes
effect with the next batch). Nothing here writes.

Words are matched as whole words on Snowball stems (Swedish), so "hotar", "hotade" and "hotet" all
match the term "hota" while "hotell" does not; a term marked `exact` matches only the listed form,
for words whose stem collides with an innocent word ("härligt" stems to "här"). A term may be a
phrase ("döda dig"); a term starting with "^" only counts at the start of a sentence ("^hur" makes
"Hur gör jag?" a question but not "Jag vet inte hur ni tänker").

Patterns read word order, distance and negation rather than single words, over named word groups
AKN edits (`TriageWordGroup`, `TriagePattern`). A pattern is a row of slots, each one word:

    {group}        any word of the group (a group lists words in the three forms below)
    word           any form of the word (its Snowball stem): "skjutas" also matches "skjuts"
    =word          exactly this form: "=borde"
    word*          any word that starts so: "invandrar*" matches "invandrarna", "invandrarhorder"
    *word          any word that ends so, the last part of a compound: "*chefen" matches "skolchefen"
    (a|=b|c*|{g})  any of these

Slots follow each other directly unless a gap stands between them: "..N" lets up to N other words
come between, in this order; "~N" the same in either order. A match never spans two sentences.
Guards keep a match from counting: "!slot" when such a word stands among the matched words, or up to
three words before them or one after, within the same clause (commas end one): "!{negation}" reads
"ingen borde skjutas" and "borde inte skjutas" as no threat, but not "Förstår du inte, ditt pucko".
"!!slot" when such a word stands anywhere in the sentence; "!?" when the sentence ends with a question
mark (a neutral question that names a group is no racism). "&slot" asks for such a word anywhere in
the comment, in any sentence: "Varför ska de bo här gratis? Skicka ut dem!" names the group once.

    {group_of_people} ~6 {expel} ..2 {away}     "Muslimerna borde kastas ut", "kasta ut alla invandrare"
    {intent} ..3 {violence_passive} !{negation} "kommunalrådet borde skjutas", not "ingen borde skjutas"

The patterns are compiled once per ruleset; each distinct word is looked up once per ruleset and its
slots remembered, so a comment costs one dictionary read per word when no pattern can match.

By what each part does: `words` (words, stems, sentences, the text hash), `language` (the pattern
language: word groups and patterns parsed and compiled), `rules` (the `Ruleset` and its loading),
`matching` (terms and patterns found in a text) and `engine` (`triage_text`: labels, action and
reasons for one comment).
"""

from .engine import AuthorHistory, Verdict, initial_status, reason_text, triage_text
from .language import GROUP_NAME_RE, PatternError, group_parse, groups_parse, pattern_parse
from .matching import patterns_match
from .rules import DEFAULT_ACTIONS, Ruleset, ruleset_build, ruleset_load
from .words import text_hash

__all__ = [
    "DEFAULT_ACTIONS",
    "GROUP_NAME_RE",
    "AuthorHistory",
    "PatternError",
    "Ruleset",
    "Verdict",
    "group_parse",
    "groups_parse",
    "initial_status",
    "pattern_parse",
    "patterns_match",
    "reason_text",
    "ruleset_build",
    "ruleset_load",
    "text_hash",
    "triage_text",
]
