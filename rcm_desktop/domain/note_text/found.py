"""Where a value was found in a note, and the line-by-line walk every extractor shares."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from rcm_desktop.domain.text import fold


@dataclass(frozen=True)
class Source:
    """A place in the note: 1-based line number, the text that matched there and its 0-based
    column in the line (-1 when the text was rebuilt from markup and has no one column)."""

    line: int
    text: str
    column: int


def source_at(number: int, line: str, start: int, end: int) -> Source:
    """The Source for `line[start:end]`, without its surrounding blanks."""
    text = line[start:end]
    stripped = text.strip()
    return Source(number, stripped, start + (len(text) - len(text.lstrip())))


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of *text* with its 1-based number (CR LF and lone CR count as line breaks)."""
    yield from enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)


def fold_keep_length(text: str) -> str:
    """*text* lower-cased without accents, one character for each character of *text*, so that
    positions found in the folded text are positions in the original."""
    return "".join(map(_fold_char, text))


@cache
def _fold_char(char: str) -> str:
    base = fold(char)
    return base if len(base) == 1 else (char.lower()[:1] or char)


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"“¿¡(]?[A-ZÁÉÍÓÚÑ0-9])")


def sentences(line: str) -> Iterator[tuple[int, str]]:
    """The sentences of one line, each with its offset in the line."""
    start = 0
    for match in _SENTENCE_END.finditer(line):
        yield start, line[start : match.start()]
        start = match.end()
    yield start, line[start:]


_TAG = re.compile(r"<[^>]{0,300}>")


def strip_markup(text: str) -> str:
    """*text* without HTML tags and Markdown emphasis, for reading list items and headings."""
    return _TAG.sub(" ", text).replace("**", " ").strip()
