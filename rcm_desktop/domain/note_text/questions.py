"""Guiding questions under a "Guiding questions" / "Triggering questions" / "Preguntas
orientadoras" heading: numbered lines ("1.", "1)", "a)"), bullets, "¿…?" lines, paragraphs
with a question mark, and `<p>` items of a table cell, each with its number (as written, or
its place in its group) and the session or phase it belongs to ("SESSION 2", "Phase III").
The list ends at the first line that is none of these (a footnote, a heading, prose), but an
introduction ending in ":" before the first question is passed over; a session or phase line
("Phase II. Monitoring system") starts a new group and keeps the list going.
Not read: questions outside such a heading, unnumbered imperative lines ("Share best
practices…") unless they are items of a `<p>` list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rcm_desktop.domain.note_text.found import (
    Source,
    fold_keep_length,
    numbered_lines,
    strip_markup,
)


@dataclass(frozen=True)
class FoundQuestion:
    """A guiding question: `number` as written when `numbered`, else its place in `group`;
    `group` the session or phase label in force ("Phase I"), `group_number` its number."""

    number: int
    numbered: bool
    text: str
    group: str | None
    group_number: int | None
    source: Source


_HEADING = re.compile(
    r"^\W*(?:guiding|triggering|trigger|orienting|key|discussion)\s+questions\b"
    r"|^\W*preguntas\s+(?:orientadoras|guia|generadoras|detonadoras|disparadoras|clave|"
    r"de\s+discusion|para\s+el\s+dialogo)\b"
    r"|^\W*(?:questions\s+directrices|questions\s+d.orientation|perguntas\s+orientadoras)\b"
)
_GROUP = re.compile(
    r"^\W*(?P<label>(?:session|sesion|phase|fase|topic|tema|eje|segment|segmento|block|bloque)"
    r"\s+(?P<number>\d{1,2}|[ivx]{1,5})\b)"
)
_NUMBERED = re.compile(
    r"^\s*(?:(?P<number>\d{1,2})|(?P<letter>[a-h]))\s*(?:[.)]-?|-)\s+(?P<text>\S.*)$"
)
_BULLET = re.compile(r"^\s*[-•–*·▪✓]\s+(?P<text>\S.*)$")
_FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_P_ITEM = re.compile(r"<p>(.*?)</p>", re.IGNORECASE)
_ROMAN = {"i": 1, "v": 5, "x": 10}


def find_questions(text: str) -> list[FoundQuestion]:
    """Every guiding question in *text*, in reading order."""
    found: list[FoundQuestion] = []
    group: tuple[str, int] | None = None
    under_heading = False
    place = 0
    for number, original in numbered_lines(text):
        line = original
        plain = strip_markup(line)
        folded = fold_keep_length(plain)
        heading = _HEADING.match(folded)
        group_match = _GROUP.match(folded)
        if group_match and not heading:
            group = (
                plain[group_match.start("label") : group_match.end("label")],
                _group_number(group_match["number"]),
            )
            place = 0
            continue
        if heading:
            under_heading = True
            rest = plain[heading.end() :].strip(" \t:")
            line = line if _P_ITEM.search(line) else rest
            if not line.strip():
                continue
        if not under_heading:
            continue
        if not plain.strip():
            continue
        items = _items(line)
        if not items and place == 0 and plain.rstrip().endswith(":"):
            continue  # an introduction: "The following questions will guide the dialogue:"
        if not items:
            under_heading = False
            continue
        for written, item in items:
            place += 1
            value = written if written is not None else place
            found.append(
                FoundQuestion(
                    value,
                    written is not None,
                    item,
                    group[0] if group else None,
                    group[1] if group else None,
                    Source(number, item, original.find(item)),
                )
            )
    return found


def _items(line: str) -> list[tuple[int | None, str]]:
    """The questions one line holds under a heading; [] when the line ends the list."""
    cells = [strip_markup(cell) for cell in _P_ITEM.findall(line)]
    if cells:
        return [(None, cell) for cell in cells if cell]
    plain = strip_markup(line)
    if _FOOTNOTE.match(plain):
        return []
    numbered = _NUMBERED.match(plain)
    if numbered:
        written = int(numbered["number"]) if numbered["number"] else ord(numbered["letter"]) - 96
        return [(written, numbered["text"].strip())]
    bullet = _BULLET.match(plain)
    if bullet:
        return [(None, bullet["text"].strip())]
    if "?" in plain:
        return [(None, plain.strip())]
    return []


def _group_number(token: str) -> int:
    if token.isdigit():
        return int(token)
    total = 0
    for char, following in zip(token, [*token[1:], ""], strict=True):
        value = _ROMAN[char]
        total += -value if following and _ROMAN[following] > value else value
    return total
