"""OpenDocument notes (.odt): `content.xml` read with the standard library, after refusing any
DOCTYPE or entity declaration.

Headings and paragraphs are lines; list items get their bullet or number ("•", "1.") as the
list style draws it; a table row is one line of TAB-joined cells, a cell spanning columns
appearing once and a cell covered from the row above being empty; a nested table is
flattened into its cell. Footnote and endnote bodies follow the text as lines led by their
mark ("¹ Source: …"); tabs and line breaks are spaces, `text:s` the spaces it counts.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Any

from rcm_desktop.errors import ImportFileError
from rcm_desktop.exchange.notes.read_common import (
    TextBuilder,
    cell_text,
    counter_text,
    damaged,
    open_package,
    read_part,
    refuse_dtd,
    superscript,
)

KIND = "OpenDocument (.odt)"
MEDIA_TYPE = "application/vnd.oasis.opendocument.text"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_P, _H, _LIST = f"{_TEXT}p", f"{_TEXT}h", f"{_TEXT}list"
_TBL, _ROW, _CELL = f"{_TABLE}table", f"{_TABLE}table-row", f"{_TABLE}table-cell"
_COVERED = f"{_TABLE}covered-table-cell"
#: Containers whose children are read as the parent's own blocks (sections, row groups…).
_BLOCK_WRAPPERS = {f"{_TEXT}{tag}" for tag in ("section", "index-body", "list-header")} | {
    f"{_TABLE}{tag}" for tag in ("table-header-rows", "table-rows", "table-row-group")
}
#: Inline elements never read: comments, changes, the frames of pictures and text boxes.
_INLINE_SKIPPED = {f"{_OFFICE}annotation", f"{_TEXT}tracked-changes", f"{_OFFICE}annotation-end"}
_DRAWING = "{urn:oasis:names:tc:opendocument:xmlns:drawing"
_MAX_REPEAT = 64


def read_odt(data: bytes, name: str) -> str:
    """The plain text of the OpenDocument text in *data*; ImportFileError when it is damaged,
    protected or a ZIP bomb."""
    package = open_package(data, name, KIND)
    content = read_part(package, "content.xml", name, KIND)
    refuse_dtd(content, name, KIND)
    try:
        root = ElementTree.fromstring(content)
        lists = _list_styles(root)
        if "styles.xml" in package.namelist():
            styles = read_part(package, "styles.xml", name, KIND)
            refuse_dtd(styles, name, KIND)
            lists = {**_list_styles(ElementTree.fromstring(styles)), **lists}
        body = root.find(f"{_OFFICE}body/{_OFFICE}text")
        if body is None:
            raise ValueError("no office:text")
        walker = _Walker(lists)
        walker.blocks(body)
        return walker.text()
    except ImportFileError:
        raise
    except Exception as error:  # XML that does not parse, an element where none may be
        raise damaged(name, KIND) from error


def _list_styles(root: Any) -> dict[str, dict[int, tuple[str, str, str]]]:
    """List style name → level (1…) → ("bullet", mark, "") or ("number", format, suffix)."""
    styles: dict[str, dict[int, tuple[str, str, str]]] = {}
    for style in root.iter(f"{_TEXT}list-style"):
        levels: dict[int, tuple[str, str, str]] = {}
        for level in style:
            number = int(level.get(f"{_TEXT}level", "1") or 1)
            if level.tag == f"{_TEXT}list-level-style-bullet":
                levels[number] = ("bullet", "•", "")
            elif level.tag == f"{_TEXT}list-level-style-number":
                form = level.get(f"{_STYLE}num-format", "")
                prefix = level.get(f"{_STYLE}num-prefix", "")
                suffix = level.get(f"{_STYLE}num-suffix", "")
                levels[number] = (
                    ("number", form, prefix + "\0" + suffix) if form else ("none", "", "")
                )
        styles[style.get(f"{_STYLE}name", "")] = levels
    return styles


_FORMS = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


class _Walker:
    """Reads office:text into a TextBuilder; notes are kept for the end."""

    def __init__(self, lists: dict[str, dict[int, tuple[str, str, str]]]) -> None:
        self.lists = lists
        self.out = TextBuilder()
        self.notes: list[tuple[str, str]] = []

    def text(self) -> str:
        for mark, body in self.notes:
            self.out.paragraph(f"{mark} {body}")
        return self.out.text()

    def blocks(self, parent: Any) -> None:
        for child in parent:
            if child.tag in (_P, _H):
                self.out.paragraph(self.inline(child))
            elif child.tag == _LIST:
                for item in self.list_items(child, None, 1):
                    self.out.item(item)
            elif child.tag == _TBL:
                for cells in self.rows(child):
                    self.out.row([cell_text(paragraphs) for paragraphs in cells])
                self.out.end_table()
            elif child.tag in _BLOCK_WRAPPERS:
                self.blocks(child)

    def list_items(self, element: Any, style: str | None, level: int) -> list[str]:
        """The items of a list (nested lists after their item), each led by its mark."""
        style = element.get(f"{_TEXT}style-name") or style
        kind, form, affixes = self.lists.get(style or "", {}).get(level, ("bullet", "•", ""))
        items: list[str] = []
        count = int(element.get(f"{_TEXT}start-value", "0") or 0) or 0
        for item in element:
            if item.tag not in (f"{_TEXT}list-item", f"{_TEXT}list-header"):
                continue
            start = item.get(f"{_TEXT}start-value")
            count = int(start) if start and start.isdigit() else count + 1
            mark = form if kind == "bullet" else ""
            if kind == "number":
                prefix, _zero, suffix = affixes.partition("\0")
                mark = f"{prefix}{counter_text(count, _FORMS.get(form, 'decimal'))}{suffix}"
            first = True
            for child in item:
                if child.tag == _LIST:
                    items.extend(self.list_items(child, style, level + 1))
                elif child.tag in (_P, _H):
                    text = self.inline(child)
                    if text and first and mark and item.tag != f"{_TEXT}list-header":
                        text = f"{mark} {text}"
                    first = first and not text
                    items.append(text)
                elif child.tag == _TBL:
                    items.extend(self.flat_rows(child))
        return items

    def rows(self, table: Any) -> list[list[list[str]]]:
        """The table's rows, each a list of cells, each a list of paragraph texts."""
        rows: list[list[list[str]]] = []
        for row in _table_rows(table):
            cells: list[list[str]] = []
            spanned = 0
            for cell in row:
                if cell.tag not in (_CELL, _COVERED):
                    continue
                repeat = min(int(cell.get(f"{_TABLE}number-columns-repeated", "1") or 1), 64)
                for _copy in range(repeat):
                    if cell.tag == _COVERED:
                        if spanned:
                            spanned -= 1  # covered by a cell to its left: appears once
                        else:
                            cells.append([])  # covered from the row above: empty
                        continue
                    spanned = int(cell.get(f"{_TABLE}number-columns-spanned", "1") or 1) - 1
                    cells.append(self.cell(cell))
            repeat = int(row.get(f"{_TABLE}number-rows-repeated", "1") or 1)
            rows.extend([cells] * (min(repeat, _MAX_REPEAT) if any(cells) else 1))
        return rows

    def cell(self, cell: Any) -> list[str]:
        paragraphs: list[str] = []
        for child in cell:
            if child.tag in (_P, _H):
                paragraphs.append(self.inline(child))
            elif child.tag == _LIST:
                paragraphs.extend(self.list_items(child, None, 1))
            elif child.tag == _TBL:
                paragraphs.extend(self.flat_rows(child))
            elif child.tag in _BLOCK_WRAPPERS:
                paragraphs.extend(self.cell(child))
        return paragraphs

    def flat_rows(self, table: Any) -> list[str]:
        """A nested table as paragraphs: a row's cells joined by "; "."""
        flat = []
        for cells in self.rows(table):
            texts = [" ".join(p for p in paragraphs if p) for paragraphs in cells]
            flat.append("; ".join(text for text in texts if text))
        return flat

    def inline(self, element: Any) -> str:
        parts: list[str] = []
        self._inline(element, parts)
        return "".join(parts).strip()

    def _inline(self, element: Any, parts: list[str]) -> None:
        parts.append(element.text or "")
        for child in element:
            tag = child.tag
            if tag == f"{_TEXT}s":
                parts.append(" " * min(int(child.get(f"{_TEXT}c", "1") or 1), 100))
            elif tag in (f"{_TEXT}tab", f"{_TEXT}line-break"):
                parts.append(" ")
            elif tag == f"{_TEXT}note":
                parts.append(self._note(child))
            elif tag not in _INLINE_SKIPPED and not tag.startswith(_DRAWING):
                self._inline(child, parts)
            parts.append(child.tail or "")

    def _note(self, note: Any) -> str:
        """A footnote's mark where it is cited; its body kept for the end."""
        citation = note.find(f"{_TEXT}note-citation")
        written = "".join(citation.itertext()).strip() if citation is not None else ""
        mark = (
            superscript(int(written))
            if written.isdigit()
            else written or superscript(len(self.notes) + 1)
        )
        body = note.find(f"{_TEXT}note-body")
        texts: list[str] = []
        if body is not None:
            for child in body.iter():
                if child.tag in (_P, _H):
                    texts.append(self.inline(child))
        self.notes.append((mark, " ".join(text for text in texts if text)))
        return mark


def _table_rows(table: Any) -> list[Any]:
    rows = []
    for child in table:
        if child.tag == _ROW:
            rows.append(child)
        elif child.tag in _BLOCK_WRAPPERS:
            rows.extend(_table_rows(child))
    return rows
