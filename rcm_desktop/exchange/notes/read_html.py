"""Web-page notes (.html, and the HTML body of an e-mail), read with the standard `html.parser`.

Block elements (p, div, headings, list items, br) end a line; list items get "•" or their
number. A table row is one line of TAB-joined cells (a cell spanning columns appears once, a
cell spanned from a row above is empty); a cell's paragraphs become `<p>…</p>` items; a nested
table is flattened into its cell. A table with at most one filled cell per row only lays the
page out (as e-mails do): its paragraphs and tables are read as if it were not there. Scripts, styles and the
head are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from rcm_desktop.exchange.notes.read_common import TextBuilder, cell_text, one_line

_SKIPPED = {"script", "style", "head", "title", "template", "noscript", "svg", "math", "xml"}
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article",
    "header", "footer", "address", "pre", "dt", "dd", "dl", "figcaption", "figure", "main",
    "nav", "aside", "center", "form", "fieldset", "legend", "caption", "br", "hr", "body",
}  # fmt: skip
_NO_MARK = re.compile(r"list-style(?:-type)?\s*:\s*none", re.IGNORECASE)
Paragraph = tuple[bool, str]  # (a list item?, its text)


@dataclass
class _Table:
    """A table being read: its rows of cells (each a list of paragraphs) and the cells that
    rows above span into (grid column → rows left)."""

    rows: list[list[list[Entry]]] = field(default_factory=list)
    cell: list[Entry] | None = None
    column: int = 0
    spans: dict[int, int] = field(default_factory=dict)
    loose: list[Entry] = field(default_factory=list)

    def start_row(self) -> None:
        self.end_row()
        self.rows.append([])
        self.column = 0

    def start_cell(self, colspan: int, rowspan: int) -> None:
        if not self.rows:
            self.start_row()
        self._fill_spanned(until=None)
        self.cell = []
        self.rows[-1].append(self.cell)
        for column in range(self.column, self.column + colspan):
            if rowspan > 1:
                self.spans[column] = rowspan - 1
        self.column += colspan

    def _fill_spanned(self, until: int | None) -> None:
        """Empty cells for the columns a cell of a row above spans into."""
        while self.spans.get(self.column, 0) > 0 and (until is None or self.column < until):
            self.spans[self.column] -= 1
            self.rows[-1].append([])
            self.column += 1

    def end_row(self) -> None:
        if self.rows:
            for column in sorted(c for c, left in self.spans.items() if left > 0):
                if column >= self.column:
                    self.spans[column] -= 1
                    self.rows[-1].append([])
                    self.column = column + 1
        self.cell = None

    def is_layout(self) -> bool:
        """True when no row has two filled cells: the table only places text on the page."""
        return all(sum(1 for cell in row if cell) <= 1 for row in self.rows)


Entry = Paragraph | _Table


class _NoteParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = TextBuilder()
        self.parts: list[str] = []
        self.skipping = 0
        self.pre = 0
        self.lists: list[list[int]] = []  # per open list: [counter, numbered?, marked?]
        self.mark: str | None = None
        self.tables: list[_Table] = []

    # --- events ---

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
            return
        values = {key: value or "" for key, value in attrs}
        if tag in _BLOCKS or tag in ("li", "ul", "ol", "table", "tr", "td", "th"):
            self.flush()
        if tag == "pre":
            self.pre += 1
        elif tag in ("ul", "ol"):
            start = values.get("start", "1")
            count = int(start) - 1 if start.isdigit() else 0
            self.lists.append([count, tag == "ol", not _NO_MARK.search(values.get("style", ""))])
        elif tag == "li":
            self._start_item(values)
        elif tag == "table":
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].start_row()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].start_cell(_span(values.get("colspan")), _span(values.get("rowspan")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag in _BLOCKS or tag in ("li", "ul", "ol", "table", "tr", "td", "th"):
            self.flush()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].cell = None
        elif tag == "tr" and self.tables:
            self.tables[-1].end_row()
        elif tag == "table" and self.tables:
            self._end_table()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.pre and "\n" in data:
            lines = data.split("\n")
            for line in lines[:-1]:
                self.parts.append(line)
                self.flush()
            self.parts.append(lines[-1])
        else:
            self.parts.append(data)

    # --- building ---

    def _start_item(self, values: dict[str, str]) -> None:
        if not self.lists:
            self.lists.append([0, False, True])
        current = self.lists[-1]
        value = values.get("value", "")
        current[0] = int(value) if value.isdigit() else current[0] + 1
        if _NO_MARK.search(values.get("style", "")) or not current[2]:
            self.mark = ""
        else:
            self.mark = f"{current[0]}." if current[1] else "•"

    def flush(self) -> None:
        """End the paragraph being read: into the open cell, or the note's text."""
        text = one_line("".join(self.parts))
        self.parts = []
        if not text:
            return
        item = self.mark is not None
        if self.mark and not text.startswith(self.mark):
            text = f"{self.mark} {text}"
        self.mark = None
        self.add((item, text))

    def add(self, entry: Entry) -> None:
        """A paragraph or a finished table: into the open cell, or the note's text."""
        if self.tables:
            table = self.tables[-1]
            (table.cell if table.cell is not None else table.loose).append(entry)
        else:
            self._emit(entry)

    def _emit(self, entry: Entry) -> None:
        if not isinstance(entry, _Table):
            (self.out.item if entry[0] else self.out.paragraph)(entry[1])
            return
        for loose in entry.loose:
            self._emit(loose)
        if entry.is_layout():
            for row in entry.rows:
                for cell in row:
                    for inner in cell:
                        self._emit(inner)
            return
        for row in entry.rows:
            self.out.row([cell_text(_flat(cell)) for cell in row])
        self.out.end_table()

    def _end_table(self) -> None:
        table = self.tables.pop()
        table.end_row()
        self.add(table)

    def finish(self) -> str:
        self.close()
        self.flush()
        while self.tables:
            self._end_table()
        return self.out.text()


def _flat(cell: list[Entry]) -> list[str]:
    """A cell's paragraphs, a table inside it flattened: a row's cells joined by "; "."""
    texts: list[str] = []
    for entry in cell:
        if isinstance(entry, _Table):
            texts.extend(_flat(entry.loose))
            for row in entry.rows:
                joined = (" ".join(_flat(inner)) for inner in row)
                texts.append("; ".join(text for text in joined if text))
        else:
            texts.append(entry[1])
    return texts


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 64))
    except ValueError:
        return 1


def html_text(markup: str) -> str:
    """The plain text of the web page *markup* (never fails on bad markup)."""
    parser = _NoteParser()
    parser.feed(markup)
    return parser.finish()
