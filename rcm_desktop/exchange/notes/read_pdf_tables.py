"""Tables on a PDF page, as rows of cell texts.

A ruled table is found from its drawing: horizontal rules linked by vertical ones make a box,
the rules cut it into rows, and in each row the vertical rules that cross it are the cell
boundaries (a merged cell, with no rule through it, appears once). A table without rules is
found from its text: consecutive lines cut into segments by wide gaps, whose segments start
at the same places (the columns); a line holding only the continuation of one column's text
stays in the table; a row starts where the first column has text again, or after a gap.
A cell's lines make paragraphs as prose does (a wider gap, a list marker after a line that
was not full); several paragraphs become `<p>…</p>` items (`cell_text`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from rcm_desktop.exchange.notes.read_common import cell_text
from rcm_desktop.exchange.notes.read_pdf_lines import (
    Context,
    Line,
    Segment,
    full,
    new_item,
    starts_item,
)

Rule = tuple[float, float, float]  # (position, start, end)
#: A web address at the end of a line, with no space after its scheme or "www.".
_ADDRESS = re.compile(r"(?:https?://|www\.)\S*[/\w.-]$")


@dataclass
class Box:
    """A ruled table: its top and bottom rules, left and right edges, and its rows as
    (upper y, lower y, cell boundaries x)."""

    top: float
    bottom: float
    x0: float
    x1: float
    bands: list[tuple[float, float, list[float]]]

    def holds(self, segment: Segment) -> bool:
        return self.bottom < segment.y < self.top and self.x0 - 3 <= segment.x0 <= self.x1

    @property
    def columns(self) -> int:
        return max(len(bounds) - 1 for _upper, _lower, bounds in self.bands)


@dataclass
class TableBlock:
    """A table found on a page: where it starts, its edges (to match its continuation on the
    next page) and its rows of cell texts."""

    top: float
    edges: tuple[float, ...]
    rows: list[list[str]]
    #: A one-column box's lines: a table only if it goes on with the previous page's table.
    framed: list[Line] | None = None


def merge_rules(rules: list[Rule]) -> list[Rule]:
    """Rules at the same position that touch or overlap, as one (cells draw their borders
    piece by piece)."""
    merged: list[list[float]] = []
    for position, start, end in sorted(rules, key=lambda rule: (round(rule[0]), rule[1])):
        last = merged[-1] if merged else None
        if last is not None and abs(last[0] - position) <= 1 and start <= last[2] + 3:
            last[2] = max(last[2], end)
        else:
            merged.append([position, start, end])
    return [(position, start, end) for position, start, end in merged]


def find_boxes(hrules: list[Rule], vrules: list[Rule]) -> list[Box]:
    """The ruled tables of a page: chains of horizontal rules, each linked to the next one
    below by a vertical rule (`Box.columns` tells a table from a framed paragraph)."""
    rules = sorted(hrules, key=lambda rule: -rule[0])
    used: set[int] = set()
    boxes = []
    for index, top in enumerate(rules):
        if index in used:
            continue
        chain = [top]
        for lower_index in range(index + 1, len(rules)):
            lower, upper = rules[lower_index], chain[-1]
            if lower_index in used or lower[0] >= upper[0] - 1 or not _overlap(upper, lower):
                continue
            if not _linked(upper, lower, vrules):
                break
            chain.append(lower)
            used.add(lower_index)
        if len(chain) < 2:
            continue
        x0, x1 = min(rule[1] for rule in chain), max(rule[2] for rule in chain)
        bands = [
            (upper[0], lower[0], _bounds(upper[0], lower[0], x0, x1, vrules))
            for upper, lower in itertools.pairwise(chain)
        ]
        boxes.append(Box(chain[0][0], chain[-1][0], x0, x1, bands))
    return boxes


def _overlap(a: Rule, b: Rule) -> bool:
    shared = min(a[2], b[2]) - max(a[1], b[1])
    return shared >= 0.5 * min(a[2] - a[1], b[2] - b[1])


def _linked(upper: Rule, lower: Rule, vrules: list[Rule]) -> bool:
    low, high = max(upper[1], lower[1]) - 2, min(upper[2], lower[2]) + 2
    return any(
        low <= x <= high and y0 <= lower[0] + 2 and y1 >= upper[0] - 2 for x, y0, y1 in vrules
    )


def _bounds(upper: float, lower: float, x0: float, x1: float, vrules: list[Rule]) -> list[float]:
    """The cell boundaries of one row: the vertical rules crossing most of it, and the edges."""
    height = max(upper - lower, 0.1)
    found = sorted(
        x
        for x, y0, y1 in vrules
        if x0 - 2 <= x <= x1 + 2 and min(y1, upper) - max(y0, lower) >= 0.6 * height
    )
    bounds: list[float] = []
    for x in [x0, *found, x1]:
        if not bounds or x - bounds[-1] > 2:
            bounds.append(x)
    return bounds


def ruled_table(box: Box, segments: list[Segment], context: Context) -> TableBlock:
    """The rows of *box* from the *segments* inside it."""
    rows = []
    for upper, lower, bounds in box.bands:
        cells: list[list[Segment]] = [[] for _cell in bounds[:-1]]
        for segment in segments:
            if lower < segment.y < upper:
                column = sum(1 for bound in bounds[1:-1] if segment.x0 >= bound - 1)
                cells[column].append(segment)
        texts = []
        for column, found in enumerate(cells):
            left, right = bounds[column], bounds[column + 1]
            margin = min((segment.x0 - left for segment in found), default=0.0)
            texts.append(cell_paragraphs(found, right - max(margin, 0.0), context))
        rows.append(texts)
    return TableBlock(box.top, (round(box.x0), round(box.x1)), rows)


def cell_paragraphs(segments: list[Segment], right: float, context: Context) -> str:
    """A cell's text from its segments: lines grouped into paragraphs."""
    pieces: list[Segment] = []
    for segment in sorted(segments, key=lambda s: (-s.y, s.x0)):
        last = pieces[-1] if pieces else None
        if last is not None and abs(last.y - segment.y) <= 0.35 * segment.size:
            last.text, last.x1 = f"{last.text} {segment.text}", max(last.x1, segment.x1)
            continue
        pieces.append(Segment(**vars(segment)))
    paragraphs: list[list[Segment]] = []
    for piece in pieces:
        if paragraphs:
            previous = paragraphs[-1][-1]
            gap = previous.y - piece.y
            if not (
                gap > context.limit(previous.size)
                or (previous.bold and not piece.bold)
                or (starts_item(piece.text) and not full(previous, piece, right))
                or new_item(paragraphs[-1][0], piece)
            ):
                paragraphs[-1].append(piece)
                continue
        paragraphs.append([piece])
    return cell_text([join_lines([piece.text for piece in paragraph]) for paragraph in paragraphs])


def join_lines(texts: list[str]) -> str:
    """The lines of one paragraph as one line: a soft hyphen at a line's end joins the word
    back, a hyphen before a lower-case word is kept without a space ("Pro-tempore"), and an
    address cut at the line's end ("https://…/global-trends-re" "port.html") is put back."""
    joined = ""
    for text in texts:
        if not joined:
            joined = text
        elif joined.endswith("\u00ad"):
            joined = joined[:-1] + text
        elif (joined.endswith("-") and joined[-2:-1].isalpha() and text[:1].islower()) or (
            _ADDRESS.search(joined) and text[:1].isalnum() and not starts_item(text)
        ):
            joined += text
        else:
            joined += " " + text
    return joined


def text_tables(lines: list[Line], context: Context) -> tuple[list[TableBlock], list[Line]]:
    """The tables without rules among *lines* (one page's, top to bottom), and the lines
    left for prose."""
    tables: list[TableBlock] = []
    prose: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if len(line.segments) < 2:
            prose.append(line)
            index += 1
            continue
        columns = [segment.x0 for segment in line.segments]
        members = [line]
        index += 1
        while index < len(lines) and _belongs(lines[index], members[-1], columns, context):
            members.append(lines[index])
            index += 1
        tables.append(_text_table(members, sorted(columns), context))
    return tables, prose


def _column(x: float, columns: list[float]) -> int | None:
    for place, column in enumerate(columns):
        if abs(x - column) <= 3:
            return place
    return None


def _belongs(line: Line, previous: Line, columns: list[float], context: Context) -> bool:
    """True when *line* goes on with the table above it (and note its new columns)."""
    gap = previous.y - line.y
    if gap <= 0 or gap > 2.2 * context.pitch(previous.size):
        return False
    places = [_column(segment.x0, columns) for segment in line.segments]
    if len(line.segments) >= 2:
        if all(place is None for place in places):
            return False
        columns.extend(
            s.x0 for s, place in zip(line.segments, places, strict=True) if place is None
        )
        return True
    place = places[0]
    if place is None:
        return False
    if place > 0:
        return True
    following = sorted(columns)[1] if len(columns) > 1 else float("inf")
    return gap <= context.limit(previous.size) and line.x1 < following - 2


def _text_table(members: list[Line], columns: list[float], context: Context) -> TableBlock:
    rows: list[list[list[Segment]]] = []
    previous: Line | None = None
    for line in members:
        places = [_nearest(segment.x0, columns) for segment in line.segments]
        first_column = 0 in places
        had_first = previous is not None and any(
            _nearest(segment.x0, columns) == 0 for segment in previous.segments
        )
        if previous is None or (
            previous.y - line.y > context.limit(previous.size) or (first_column and not had_first)
        ):
            rows.append([[] for _column in columns])
        for segment, place in zip(line.segments, places, strict=True):
            rows[-1][place].append(segment)
        previous = line
    rights = [
        max((segment.x1 for row in rows for segment in row[place]), default=0.0)
        for place in range(len(columns))
    ]
    texts = [
        [cell_paragraphs(cell, rights[place], context) for place, cell in enumerate(row)]
        for row in rows
    ]
    edges = (round(columns[0]), len(columns), *(round(column) for column in columns))
    return TableBlock(members[0].y + members[0].size, edges, texts)


def _nearest(x: float, columns: list[float]) -> int:
    """The column a segment starting at *x* is in: the last one starting at or before it."""
    place = 0
    for index, column in enumerate(columns):
        if x >= column - 3:
            place = index
    return place
