"""The lines of a PDF page: its pieces of text (runs) grouped by baseline, a raised footnote mark
kept on its line, and each line cut into segments where a wide gap or a table's ruling
separates its text (table cells side by side). Page furniture (page numbers, running headers
and footers repeated on most pages) is found here too, and the line spacing of the text."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

#: A gap wider than this many font sizes separates two segments of a line (table cells).
WIDE_GAP = 0.8
#: The share of a page, at its top and at its bottom, where furniture may be.
MARGIN_SHARE = 0.12
MARKER = re.compile(
    r"^(?:[•◦▪▫■□●○·\-–—✓✔➢➤►▶\uf0b7\uf0a7\uf0d8\uf0fc*]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]"
    r"|\(?[ivxIVX]{1,5}[.)])$"
)
#: Bullets that fonts such as Symbol and Wingdings keep in the private use area.
_PRIVATE_BULLETS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓"})
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p[aá]gina|p[aá]g\.?|p\.)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"(?:\s*(?:of|de|/|sur)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_NARROW = frozenset("iljtfrI.,;:'!|()[] ")
_WIDE = frozenset("mwMW@%")


def _weight(text: str) -> float:
    """The width of *text* in typical character widths (Latin proportional fonts)."""
    return sum(
        0.5 if c in _NARROW else 1.5 if c in _WIDE else 1.25 if c.isupper() else 1.0 for c in text
    )


@dataclass(frozen=True)
class Run:
    """A piece of text as printed: where it starts and ends, its baseline, size, weight."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool


@dataclass
class Page:
    """One page: its box, its runs and the horizontal (y, x0, x1) and vertical (x, y0, y1)
    rules drawn on it."""

    number: int
    left: float
    bottom: float
    right: float
    top: float
    runs: list[Run]
    hrules: list[tuple[float, float, float]] = field(default_factory=list)
    vrules: list[tuple[float, float, float]] = field(default_factory=list)


@dataclass
class Segment:
    """Text of one line that belongs together; `text_x` is where its words start after a
    list marker ("•", "1.") set apart from them."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool
    text_x: float

    def first_word_width(self) -> float:
        """About how wide its first word is printed: its share of the segment's width,
        letters weighed by how wide they usually are ("m" wider than "i")."""
        word = self.text.split(" ", 1)[0]
        return (self.x1 - self.x0) * _weight(word) / max(_weight(self.text), 1.0)


@dataclass
class Line:
    """The segments printed on one baseline of a page, left to right."""

    segments: list[Segment]
    page: int

    @property
    def y(self) -> float:
        return self.segments[0].y

    @property
    def size(self) -> float:
        return max(segment.size for segment in self.segments)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def text(self) -> str:
        return " ".join(segment.text for segment in self.segments)

    @property
    def bold(self) -> bool:
        return all(segment.bold for segment in self.segments)


def page_lines(page: Page, cuts: list[tuple[float, float, float]]) -> list[Line]:
    """The lines of *page*, top to bottom; a vertical rule of *cuts* (x, y0, y1) between two
    runs always separates them."""
    runs = sorted((run for run in page.runs if run.text.strip()), key=lambda run: -run.y)
    groups: list[list[Run]] = []
    for run in runs:
        if groups and groups[-1][0].y - run.y <= 0.35 * max(run.size, groups[-1][0].size, 1):
            groups[-1].append(run)
        else:
            groups.append([run])
    lines = []
    for group in _raise_marks(groups):
        y = group[0].y
        crossing = [cut for cut in cuts if cut[1] - 2 <= y <= cut[2] + 2]
        lines.append(Line(_segments(sorted(group, key=lambda r: r.x0), crossing), page.number))
    return lines


def _raise_marks(groups: list[list[Run]]) -> list[list[Run]]:
    """A group of small raised runs (footnote marks) joined to the line they sit on."""
    kept: list[list[Run]] = []
    for index, group in enumerate(groups):
        below = groups[index + 1] if index + 1 < len(groups) else None
        size = max(run.size for run in group)
        if below is not None:
            below_size = max(run.size for run in below)
            height = group[0].y - below[0].y
            if size <= 0.8 * below_size and height <= 0.6 * below_size:
                below.extend(group)
                continue
        kept.append(group)
    return kept


def _segments(runs: list[Run], cuts: list[tuple[float, float, float]]) -> list[Segment]:
    segments: list[Segment] = []
    for run in runs:
        text = run.text.translate(_PRIVATE_BULLETS)
        last = segments[-1] if segments else None
        if last is not None:
            gap = run.x0 - last.x1
            ruled = any(last.x1 - 1 <= x <= run.x0 + 1 for x, _y0, _y1 in cuts)
            if last.text.strip() == "o" and 0.2 * run.size <= gap <= 4 * run.size:
                last.text = "◦"  # Word's second-level bullet, an "o" in Courier New
            marker = MARKER.match(last.text.strip()) and gap <= 4 * run.size
            if not ruled and (gap <= WIDE_GAP * max(run.size, last.size) or marker):
                joint = "" if gap < 0.12 * run.size or last.text.endswith(" ") else " "
                if marker and last.text_x == last.x0:
                    last.text_x = run.x0
                last.text += joint + text
                last.x1 = max(last.x1, run.x1)
                last.bold = last.bold and run.bold
                last.size = max(last.size, run.size)
                continue
        segments.append(Segment(text, run.x0, run.x1, run.y, run.size, run.bold, run.x0))
    for segment in segments:
        segment.text = " ".join(segment.text.split())
    return [segment for segment in segments if segment.text]


def drop_furniture(pages: list[Page], lines: list[list[Line]]) -> list[list[Line]]:
    """*lines* without page numbers, and without the lines near the top or bottom of the
    page that come back, digits aside, at the same place on at least half the pages."""
    keys: list[list[tuple[int, str] | None]] = []
    counts: Counter[tuple[int, str]] = Counter()
    for page, page_lines_ in zip(pages, lines, strict=True):
        height = page.top - page.bottom
        found: list[tuple[int, str] | None] = []
        for line in page_lines_:
            near_edge = line.y > page.top - MARGIN_SHARE * height or (
                line.y < page.bottom + MARGIN_SHARE * height
            )
            key = (round(line.y / 3), _DIGITS.sub("#", line.text.casefold())) if near_edge else None
            found.append(key)
        keys.append(found)
        counts.update({key for key in found if key is not None})
    repeated = max(2, (len(pages) + 1) // 2)
    kept = []
    for page_lines_, found in zip(lines, keys, strict=True):
        kept.append(
            [
                line
                for line, key in zip(page_lines_, found, strict=True)
                if key is None or (counts[key] < repeated and not _PAGE_NUMBER.match(line.text))
            ]
        )
    return kept


def line_pitches(lines: list[Line]) -> dict[float, float]:
    """Font size (to the half point) → the distance between the baselines of two lines of one
    paragraph, measured on segments that start at the same place one under the other."""
    columns: dict[tuple[int, int], list[Segment]] = {}
    for line in lines:
        for segment in line.segments:
            columns.setdefault((line.page, round(segment.x0)), []).append(segment)
    gaps: dict[float, list[float]] = {}
    for segments in columns.values():
        for upper, lower in itertools.pairwise(segments):
            gap = upper.y - lower.y
            if abs(upper.size - lower.size) <= 0.3 and 0.8 * upper.size <= gap <= 3 * upper.size:
                gaps.setdefault(round(upper.size * 2) / 2, []).append(round(gap * 2) / 2)
    pitches = {}
    for size, values in gaps.items():
        counted = Counter(values)
        frequent = [value for value, count in counted.items() if count >= 2]
        pitches[size] = min(frequent) if frequent else sorted(values)[len(values) // 2]
    return pitches


def starts_item(text: str) -> bool:
    """True when *text* opens with a list marker ("•", "-", "1.", "a)") followed by words."""
    first, _space, rest = text.partition(" ")
    return bool(rest.strip()) and bool(MARKER.match(first))


@dataclass
class Context:
    """What the layout learns from the whole document: line spacing by font size, the text's
    left and right edges, the body's font size and its lowest and highest baselines."""

    pitches: dict[float, float]
    left: float
    right: float
    body_size: float
    lowest: float
    highest: float
    footnotes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, lines: list[Line]) -> Context:
        singles = [line for line in lines if len(line.segments) == 1]
        long = sorted(line.x1 for line in singles if len(line.text) >= 30) or [
            line.x1 for line in lines
        ] or [0.0]  # fmt: skip
        lefts = sorted(line.x0 for line in singles) or [0.0]
        sizes: Counter[float] = Counter()
        for line in lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
        body = sizes.most_common(1)[0][0] if sizes else 10.0
        baselines = [line.y for line in lines if abs(line.size - body) <= 0.6] or [0.0]
        return cls(
            line_pitches(lines),
            lefts[len(lefts) // 20],
            long[min(len(long) - 1, len(long) * 9 // 10)],
            body,
            min(baselines),
            max(baselines),
        )

    def pitch(self, size: float) -> float:
        """The distance between two lines of one paragraph in this font size."""
        key = round(size * 2) / 2
        for near in (key, key - 0.5, key + 0.5):
            if near in self.pitches:
                return self.pitches[near]
        return 1.2 * size

    def limit(self, size: float) -> float:
        """The widest gap between two lines of one paragraph: more means a new paragraph."""
        return 1.2 * self.pitch(size) + 0.5


def full(upper: Segment | Line, lower: Segment | Line, right: float) -> bool:
    """True when the first word of *lower* could not have fitted at the end of *upper*
    (before *right*): *upper* was wrapped, so *lower* goes on with its paragraph. A list
    marker ("–", "1.") opening *lower* is held to the edge itself: a line rarely wraps there."""
    first = lower.segments[0] if isinstance(lower, Line) else lower
    slack = 1 if starts_item(first.text) else 5
    return upper.x1 + 0.25 * first.size + first.first_word_width() >= right - slack


def new_item(upper: Segment, lower: Segment | Line) -> bool:
    """True when *lower* opens with a list marker set left of the words of the item *upper*
    begins (a hanging bullet): the next item, however full *upper* is."""
    return starts_item(lower.text) and lower.x0 < upper.text_x - 2
