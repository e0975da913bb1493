"""The shape of a note's text: its lines made plain, its sections, its cover, its language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rcm_desktop.domain.note_text.found import fold_keep_length, numbered_lines, strip_markup
from rcm_desktop.domain.text import fold

#: Canonical section names and the headings (folded) that open them, in English and Spanish
#: (French and Portuguese where the words are the same or cost nothing).
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "context": (
        "context", "background", "introduction", "contexto", "antecedentes", "introduccion",
        "justification", "rationale", "justificacion", "contexte", "contexto e justificativa",
    ),
    "objectives": ("objectives", "objective", "objetivos", "objetivo", "objectifs"),
    "methodology": (
        "methodology", "methodology of the dialogue", "metodologia", "methodologie",
        "modality", "modalidad", "format", "formato",
    ),
    "participants": (
        "participants", "participants' profile", "participants profile", "participant profile",
        "profile of participants", "participantes", "perfil de los participantes",
        "perfil de las personas participantes", "perfil de participantes",
    ),
    "agenda": ("agenda", "draft agenda", "agenda preliminar", "programa", "proyecto de agenda",
               "ordre du jour", "agenda provisional"),
    "questions": (
        "guiding questions", "triggering questions", "preguntas orientadoras",
        "preguntas generadoras", "preguntas guia",
    ),
    "other": ("concept note", "nota conceptual", "note conceptuelle", "nota conceitual"),
}  # fmt: skip
_HEADING_FOLDED = {
    heading: name for name, headings in SECTION_HEADINGS.items() for heading in headings
}
_NUMBERING = re.compile(r"^(?:[ivx]{1,5}|\d{1,2}|[a-h])[.)]\s+")
#: Pictographs (📁, 📄) that notes put before headings; bullets and ✓ are kept.
_SYMBOLS = re.compile("[\U0001f000-\U0001faff\u2600-\u2712\u2714-\u27bf\ufe0f\u200d]")
_SPACES = re.compile(r"\s+")
#: "• ✓ To promote…": a bullet and a tick are one bullet in a section's text.
_CHECK_BULLET = re.compile(r"^(?:[-•*]\s*)?[✓✔]\s+")
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/.])")
#: Words frequent in one language and rare in the others.
_COMMON_WORDS = {
    "en": frozenset("the and of will to be in for with on is are this that by".split()),  # noqa: SIM905
    "es": frozenset("el los las del y para con se por una es sobre".split()),  # noqa: SIM905
    "fr": frozenset("le les des et pour avec sur une est aux du dans".split()),  # noqa: SIM905
    "pt": frozenset("os as do da dos das e para com uma sobre em ao".split()),  # noqa: SIM905
}


def plain_line(line: str) -> str:
    """*line* without markup, emoji and runs of blanks (TABs between cells kept)."""
    cells = [
        _SPACES.sub(" ", _SYMBOLS.sub(" ", strip_markup(cell))).strip() for cell in line.split("\t")
    ]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def heading_name(plain: str) -> str | None:
    """The canonical section a heading line opens ("III. Objectives" → "objectives")."""
    if "\t" in plain or len(plain) > 60:
        return None
    folded = _NUMBERING.sub("", fold(plain).strip(" *:.")).replace("’", "'").strip()
    return _HEADING_FOLDED.get(folded)


@dataclass
class NoteLayout:
    """The note's lines (1-based, as the sources count them) and where its sections are."""

    text: str

    @cached_property
    def lines(self) -> list[str]:
        return [line for _number, line in numbered_lines(self.text)]

    @cached_property
    def plain(self) -> list[str]:
        return [plain_line(line) for line in self.lines]

    @cached_property
    def folded(self) -> list[str]:
        """The plain lines lower-cased without accents, one character for each of the plain
        line's, so that a match's positions are positions in the plain line."""
        return [fold_keep_length(line) for line in self.plain]

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def plain_at(self, number: int) -> str:
        return self.plain[number - 1]

    @cached_property
    def headings(self) -> list[tuple[int, str]]:
        """(line number, section name) of each section heading, in order."""
        return [
            (number, name)
            for number, plain in enumerate(self.plain, 1)
            if plain and (name := heading_name(plain)) and name != "other"
        ]

    @cached_property
    def cover_end(self) -> int:
        """The last line of the cover: the lines before the first section heading (or the first
        fifteen non-blank lines when the note has no heading)."""
        if self.headings:
            return self.headings[0][0] - 1
        seen = 0
        for number, plain in enumerate(self.plain, 1):
            seen += bool(plain)
            if seen >= 15:
                return number
        return len(self.lines)

    def section(self, name: str) -> tuple[int, int] | None:
        """The first and last line of the first section called *name* (heading excluded)."""
        for index, (number, found) in enumerate(self.headings):
            if found == name:
                end = self.headings[index + 1][0] - 1 if index + 1 < len(self.headings) else None
                return number + 1, end or len(self.lines)
        return None

    def section_text(self, name: str) -> tuple[str, int] | None:
        """The plain text of section *name* (paragraphs separated by a blank line) and its
        first line, or None when the note has no such section or it is empty."""
        span = self.section(name)
        if span is None:
            return None
        paragraphs = [
            _CHECK_BULLET.sub("- ", self.plain_at(number).replace("\t", " "))
            for number in range(span[0], span[1] + 1)
            if self.plain_at(number) and not _is_footnote(self.plain_at(number))
        ]
        return ("\n\n".join(paragraphs), span[0]) if paragraphs else None

    @cached_property
    def year(self) -> int | None:
        """The year a date without one takes: the year the note's full dates name, else the
        year the note names most often ("Plan de Trabajo 2026"), else None."""
        from collections import Counter

        from rcm_desktop.domain.note_text.dates import note_year

        found = note_year(self.text)
        if found is not None:
            return found
        years = Counter(int(year) for year in _YEAR.findall(self.text))
        return years.most_common(1)[0][0] if years else None

    @cached_property
    def language(self) -> str:
        """The language whose common words the note uses most: en, es, fr or pt."""
        words = re.findall(r"[a-zà-ÿ]+", self.text[:20000].lower())
        counts = {
            language: sum(word in common for word in words)
            for language, common in _COMMON_WORDS.items()
        }
        return max(counts, key=lambda language: (counts[language], language == "en"))


def _is_footnote(plain: str) -> bool:
    return plain[:1] in "¹²³⁴⁵⁶⁷⁸⁹⁰"
