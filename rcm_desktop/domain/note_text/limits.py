"""The participants' limit per country: "a maximum of two (2) participants per country",
"a maximum of 4 people", "up to 4 people", "no more than three delegates", "hasta 4 personas
por país", "un máximo de dos (2) participantes", "un maximum de 2 personnes par pays",
"até 3 pessoas por país". Counts in digits or words (English, Spanish).
None when the note sets no limit. Not read: limits per institution or per forum ("one seat
for MIRPS members"), which are seats' profiles, not the country's limit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rcm_desktop.domain.note_text.found import Source, fold_keep_length, numbered_lines, source_at
from rcm_desktop.domain.note_text.words import NUMBERS, alternation, number_value


@dataclass(frozen=True)
class FoundLimit:
    """A limit on the people each country may send, and where it was written.

    `per_country` is True when the phrase itself says "per country" / "por país" (or "each
    country … a maximum of"); `words_agree` is False when "two (3)" writes two numbers."""

    value: int
    per_country: bool
    source: Source
    words_agree: bool = True


_COUNT = rf"(?P<count>\d{{1,2}}|{alternation(NUMBERS)})(?:\s*\((?P<digits>\d{{1,2}})\))?"
_PEOPLE = (
    r"(?:participants?|people|persons?|delegates?|representatives?|officials?|attendees?"
    r"|participantes?|personas?|delegad[oa]s?|representantes?|funcionari[oa]s?|asistentes?"
    r"|personnes?|delegue(?:e)?s?|pessoas?)"
)
_PER = (
    r"(?P<per>\s+(?:per|each|by|for\s+each|por|de\s+cada|par)\s+(?:member\s+)?"
    r"(?:country|delegation|pais|delegacion|estado|state|pays|delegacao))?"
)
_LIMIT = re.compile(
    rf"\b(?:(?:a\s+|un\s+)?(?:maximum|maximo|max\.?)\s+(?:of\s+|de\s+)?|up\s+to\s+|hasta\s+"
    rf"|no\s+more\s+than\s+|not\s+more\s+than\s+|no\s+mas\s+de\s+|limited\s+to\s+|limitad[oa]\s+a\s+|jusqu.a\s+|ate\s+)"
    rf"{_COUNT}\s+(?:\w+\s+){{0,1}}?{_PEOPLE}\b{_PER}"
)
_EACH_COUNTRY = re.compile(
    r"\b(?:each|every)\s+(?:member\s+)?(?:country|state|delegation)\b|\bcada\s+(?:pais|estado|delegacion)\b"
)


def find_limits(text: str) -> list[FoundLimit]:
    """Every limit phrase in *text*, in reading order."""
    found: list[FoundLimit] = []
    for number, line in numbered_lines(text):
        folded = fold_keep_length(line)
        for match in _LIMIT.finditer(folded):
            value = number_value(match["count"])
            if value is None or value == 0:
                continue
            agree = True
            if match["digits"] is not None:
                agree = int(match["digits"]) == value
                value = int(match["digits"])
            sentence_start = max(folded.rfind(". ", 0, match.start()), 0)
            per = match["per"] is not None or bool(
                _EACH_COUNTRY.search(folded, sentence_start, match.start())
            )
            source = source_at(number, line, match.start(), match.end())
            found.append(FoundLimit(value, per, source, agree))
    return found


def find_limit(text: str) -> FoundLimit | None:
    """The first limit the note sets, or None when it sets none (never a default)."""
    found = find_limits(text)
    return found[0] if found else None
