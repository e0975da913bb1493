"""Word notes (.docx): the body walked in document order, paragraphs and tables interleaved.

A list paragraph gets its bullet ("•") or number ("1.", "a)") as Word shows it. A table row is
one line of TAB-joined cells: a horizontally merged cell (gridSpan) appears once, the lower
parts of a vertically merged cell are empty cells, a nested table is flattened into its
cell's text. Footnotes follow the body as lines led by their number ("¹ Source: …"); line
breaks and tabs inside a paragraph are spaces; headers, footers, deleted text, field codes
and hidden text are left out; text boxes follow the paragraph that anchors them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

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

KIND = "Word (.docx)"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _T = (f"{_W}{tag}" for tag in ("p", "tbl", "tr", "tc", "t"))
_VAL, _ID = f"{_W}val", f"{_W}id"
#: Elements whose children are blocks or runs as if they were the parent's own.
_WRAPPERS = {
    f"{_W}{tag}" for tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")
}
#: Elements never read: deleted or moved-away text, field codes, properties, the fallback copy
#: of a drawing (its text box is read once, from the drawing).
_SKIPPED = {f"{_W}{tag}" for tag in (
    "del", "moveFrom", "delText", "instrText", "delInstrText", "rPr", "pPr", "tblPr", "trPr",
    "tcPr", "sdtPr", "sdtEndPr", "footnoteRef", "endnoteRef", "endnoteReference", "annotationRef",
    "commentReference",
)} | {f"{_MC}Fallback"}  # fmt: skip
_SPACES = {f"{_W}{tag}" for tag in ("tab", "ptab", "br", "cr")}
#: Characters of the Symbol and Wingdings fonts that lists use, as w:sym writes them.
_SYMBOLS = {"F0B7": "•", "F0A7": "▪", "F0FC": "✓", "F0D8": "➢", "F0E0": "→", "F076": "❖"}
_NOTE_RELATION = "/footnotes"


def read_docx(data: bytes, name: str) -> str:
    """The plain text of the Word document in *data*; ImportFileError when it is damaged,
    protected or a ZIP bomb."""
    package = open_package(data, name, KIND)
    for part in ("word/document.xml", "word/numbering.xml", "word/styles.xml"):
        if part in package.namelist() or part == "word/document.xml":
            refuse_dtd(read_part(package, part, name, KIND), name, KIND)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = {rel.reltype.rsplit("/", 1)[-1]: rel.target_part for rel in _relations(document)}
        numbering = _Numbering(_element(parts.get("numbering")), _element(parts.get("styles")))
        walker = _Walker(numbering, _footnotes(_element(parts.get("footnotes"))))
        walker.body(document.element.body)
        return walker.text()
    except Exception as error:  # a bad part, a broken relationship, XML python-docx refuses
        raise damaged(name, KIND) from error


def _relations(document: Any) -> list[Any]:
    return [rel for rel in document.part.rels.values() if not rel.is_external]


def _element(part: Any) -> Any:
    """The XML root of a related part (parsed from its bytes when python-docx keeps only
    those), or None."""
    if part is None:
        return None
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from docx.oxml.parser import parse_xml

    blob = part.blob
    if b"<!DOCTYPE" in blob.upper() or b"<!ENTITY" in blob.upper():
        raise ValueError("a DTD in a part")
    return parse_xml(blob)


def _footnotes(root: Any) -> dict[str, Any]:
    """Footnote id → its element (the separators Word keeps there left out)."""
    if root is None:
        return {}
    return {
        note.get(_ID): note
        for note in root.iter(f"{_W}footnote")
        if note.get(f"{_W}type") in (None, "normal")
    }


class _Numbering:
    """The bullets and numbers Word draws before list paragraphs, counted as it counts them."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.abstract: dict[str, str] = {}
        self.starts: dict[tuple[str, str], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str | None, str | None]] = {}
        self.based_on: dict[str, str] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, root: Any) -> None:
        for abstract in root.iter(f"{_W}abstractNum"):
            key = abstract.get(f"{_W}abstractNumId")
            for level in abstract.iter(f"{_W}lvl"):
                form = _value(level, "numFmt") or "decimal"
                text = _value(level, "lvlText")
                start = _number(_value(level, "start"), 1)
                self.levels[(key, level.get(f"{_W}ilvl", "0"))] = (form, text or "", start)
        for num in root.iter(f"{_W}num"):
            key = num.get(f"{_W}numId")
            self.abstract[key] = _value(num, "abstractNumId") or ""
            for override in num.iter(f"{_W}lvlOverride"):
                start = _value(override, "startOverride")
                if start is not None:
                    self.starts[(key, override.get(f"{_W}ilvl", "0"))] = _number(start, 1)

    def _read_styles(self, root: Any) -> None:
        for style in root.iter(f"{_W}style"):
            key = style.get(f"{_W}styleId")
            properties = style.find(f"{_W}pPr")
            pair = _num_pair(properties.find(f"{_W}numPr")) if properties is not None else None
            if pair is not None:
                self.styles[key] = pair
            parent = _value(style, "basedOn")
            if parent:
                self.based_on[key] = parent

    def _style_pair(self, style: str | None) -> tuple[str | None, str | None] | None:
        for _depth in range(20):  # basedOn chains are short; a loop is cut
            if style is None:
                return None
            if style in self.styles:
                return self.styles[style]
            style = self.based_on.get(style)
        return None

    def marker(self, paragraph: Any) -> str | None:
        """The paragraph's bullet or number as Word shows it, "" for a list level without
        one, None when the paragraph is not in a list."""
        properties = paragraph.find(f"{_W}pPr")
        if properties is None:
            return None
        pair = _num_pair(properties.find(f"{_W}numPr"))
        style = self._style_pair(_value(properties, "pStyle"))
        if pair is None:
            pair = style
        elif style is not None and (pair[0] is None or pair[1] is None):
            pair = (pair[0] or style[0], pair[1] or style[1])
        if pair is None or not pair[0] or pair[0] == "0":
            return None
        num, level = pair[0], int(pair[1] or 0)
        abstract = self.abstract.get(num)
        if abstract is None:
            return None
        counters = self.counters.setdefault(num, {})
        form, text, start = self._level(num, abstract, level)
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        if form == "bullet":
            return "•"
        if form == "none":
            return ""
        for index in range(level, -1, -1):
            placeholder = f"%{index + 1}"
            if placeholder in text:
                form_at, _text, start_at = self._level(num, abstract, index)
                value = counters.get(index, start_at)
                text = text.replace(placeholder, counter_text(value, form_at))
        return text.strip()

    def _level(self, num: str, abstract: str, level: int) -> tuple[str, str, int]:
        form, text, start = self.levels.get((abstract, str(level)), ("bullet", "", 1))
        return form, text, self.starts.get((num, str(level)), start)


def _value(element: Any, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}")
    return None if child is None else child.get(_VAL)


def _num_pair(num_pr: Any) -> tuple[str | None, str | None] | None:
    if num_pr is None:
        return None
    return _value(num_pr, "numId"), _value(num_pr, "ilvl")


def _number(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


class _Walker:
    """Reads the body into a TextBuilder, numbering footnotes as they are referenced."""

    def __init__(self, numbering: _Numbering, footnotes: dict[str, Any]) -> None:
        self.numbering = numbering
        self.footnotes = footnotes
        self.marks: dict[str, int] = {}
        self.out = TextBuilder()

    def text(self) -> str:
        for key, number in list(self.marks.items()):
            note = self.footnotes.get(key)
            if note is not None:
                words = " ".join(self.paragraph(p)[0] for p in note.iter(_P))
                self.out.paragraph(f"{superscript(number)} {words}")
        return self.out.text()

    def body(self, body: Any) -> None:
        for block in _blocks(body):
            if block.tag == _TBL:
                for cells in self.rows(block):
                    self.out.row([cell_text(paragraphs) for paragraphs in cells])
                self.out.end_table()
                continue
            text, listed, boxes = self.paragraph(block)
            if listed:
                self.out.item(text)
            else:
                self.out.paragraph(text)
            for box in boxes:
                self.body(box)

    def rows(self, table: Any) -> list[list[list[str]]]:
        """The table's rows, each a list of cells, each a list of paragraph texts."""
        rows = []
        for row in _children(table, _TR):
            cells = []
            for cell in _children(row, _TC):
                properties = cell.find(f"{_W}tcPr")
                if properties is not None:
                    if properties.find(f"{_W}hMerge") is not None and (
                        _value(properties, "hMerge") != "restart"
                    ):
                        continue  # the old way of merging across: the cell appears once
                    merge = properties.find(f"{_W}vMerge")
                    if merge is not None and merge.get(_VAL) in (None, "continue"):
                        cells.append([])
                        continue
                cells.append(self.cell(cell))
            rows.append(cells)
        return rows

    def cell(self, cell: Any) -> list[str]:
        paragraphs: list[str] = []
        for block in _blocks(cell):
            if block.tag == _TBL:
                for cells in self.rows(block):
                    texts = [" ".join(p for p in inner if p) for inner in cells]
                    paragraphs.append("; ".join(text for text in texts if text))
                continue
            text, _listed, boxes = self.paragraph(block)
            paragraphs.append(text)
            for box in boxes:
                paragraphs.extend(self.paragraph(p)[0] for p in box.iter(_P))
        return paragraphs

    def paragraph(self, paragraph: Any) -> tuple[str, bool, list[Any]]:
        """The paragraph's text (its list marker first), whether it is a list item, and the
        text boxes anchored in it."""
        parts: list[str] = []
        boxes: list[Any] = []
        self._inline(paragraph, parts, boxes)
        text = "".join(parts).strip()
        marker = self.numbering.marker(paragraph)
        if marker and text and not text.startswith(marker):
            text = f"{marker} {text}"
        return text, marker is not None and bool(text), boxes

    def _inline(self, element: Any, parts: list[str], boxes: list[Any]) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag in _SPACES:
                parts.append(" ")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{_W}sym":
                parts.append(_SYMBOLS.get((child.get(f"{_W}char") or "").upper(), ""))
            elif tag == f"{_W}footnoteReference":
                key = child.get(_ID) or ""
                number = self.marks.setdefault(key, len(self.marks) + 1)
                parts.append(superscript(number))
            elif tag == f"{_W}txbxContent":
                boxes.append(child)
            elif tag == f"{_W}r" and _hidden(child):
                continue
            elif tag != _P and tag != _TBL:
                self._inline(child, parts, boxes)


def _hidden(run: Any) -> bool:
    properties = run.find(f"{_W}rPr")
    if properties is None:
        return False
    vanish = properties.find(f"{_W}vanish")
    return vanish is not None and vanish.get(_VAL) not in ("0", "false", "off")


def _blocks(parent: Any) -> Iterator[Any]:
    """The paragraphs and tables of *parent* in document order, through content controls and
    other wrappers."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def _children(parent: Any, tag: str) -> Iterator[Any]:
    """The *tag* children of *parent*, through content controls and other wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)
