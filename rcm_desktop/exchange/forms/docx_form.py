"""Word forms (.docx): the participants' table found by its header row and filled one row
per participant (rows added in the last row's format when too few), placeholders such as
{{name}} or «Nombre» in the text replaced for a one-participant form."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rcm_desktop.exchange.forms.fields import Field, placeholders_in
from rcm_desktop.exchange.forms.records import ParticipantRecord, value_for
from rcm_desktop.exchange.forms.report import (
    FillReport,
    chosen,
    is_blank,
    map_headers,
    nothing_recognised,
    unreadable,
    write_beside,
)

#: How many rows from a table's top may hold its header (a title row may come first).
HEADER_ROWS = 3
MIN_COLUMNS = 2


@dataclass(frozen=True)
class DocxLayout:
    """Where participants go in a Word form: the table and its header row (None when the
    form has no such table), column index → field, the headers not recognised, and the
    placeholders found in the text."""

    table: int | None
    header_row: int = 0
    mapping: dict[int, Field] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    placeholders: list[tuple[str, Field]] = field(default_factory=list)
    #: The header row's text, column by column (what a mapping screen shows).
    headers: list[str] = field(default_factory=list)


def _open(source: Path) -> Any:
    try:
        import docx

        return docx.Document(str(source))
    except Exception as error:  # a damaged zip, an OLE (password) file, a bad part
        raise unreadable(Path(source), "Word (.docx)") from error


def _row_cells(row: Any) -> list[Any]:
    """The cells of *row*, one per grid column (a merged cell repeats)."""
    try:
        return list(row.cells)
    except Exception:  # an irregular table python-docx cannot lay out
        return []


def _cell_texts(row: Any) -> list[str]:
    seen: set[int] = set()
    texts = []
    for cell in _row_cells(row):
        key = id(cell._tc)
        texts.append("" if key in seen else cell.text)
        seen.add(key)
    return texts


def _find_table(
    document: Any,
) -> tuple[int, int, dict[int, Field], list[str], list[str]] | None:
    best: tuple[int, int, dict[int, Field], list[str], list[str]] | None = None
    for index, table in enumerate(document.tables):
        for row_index, row in enumerate(table.rows[:HEADER_ROWS]):
            texts = _cell_texts(row)
            mapping, unmatched = map_headers(texts)
            if len(mapping) >= MIN_COLUMNS and (best is None or len(mapping) > len(best[2])):
                best = (index, row_index, mapping, unmatched, [text.strip() for text in texts])
    return best


def _paragraphs(document: Any) -> Iterator[Any]:
    """Every paragraph of the body, of its tables and of the page headers and footers."""
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in _row_cells(row):
                yield from cell.paragraphs
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:  # reading an absent one would add it
                yield from part.paragraphs


def _layout(document: Any) -> DocxLayout:
    found = _find_table(document)
    placeholders = [hit for p in _paragraphs(document) for hit in placeholders_in(p.text)]
    if found is None:
        return DocxLayout(table=None, placeholders=placeholders)
    table, header_row, mapping, unmatched, headers = found
    return DocxLayout(table, header_row, mapping, unmatched, placeholders, headers)


def inspect_docx(source: Path) -> DocxLayout:
    """Where participants go in the Word form at *source*; raises ImportFileError."""
    return _layout(_open(Path(source)))


def _set_text(cell: Any, value: str) -> None:
    """Write *value* into *cell*, in the format of its first run or of its paragraph mark."""
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    runs = paragraph.runs
    if runs:
        runs[0].text = value
        for run in runs[1:]:
            run._r.getparent().remove(run._r)
        return
    run = paragraph.add_run(value)
    mark = paragraph._p.pPr.find(_qn("w:rPr")) if paragraph._p.pPr is not None else None
    if mark is not None:
        run._r.insert(0, copy.deepcopy(mark))


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _add_row(table: Any) -> Any:
    """A new last row in the format of the current last one, its text emptied."""
    last = table.rows[-1]._tr
    new = copy.deepcopy(last)
    for text in new.iter(_qn("w:t")):
        text.text = ""
    last.addnext(new)
    return table.rows[-1]


def _is_empty(row: Any, columns: Sequence[int]) -> bool:
    cells = _row_cells(row)
    return all(not cells[i].text.strip() for i in columns if i < len(cells))


def _fill_table(
    table: Any,
    header_row: int,
    mapping: Mapping[int, Field],
    records: Sequence[ParticipantRecord],
    report: FillReport,
    remove_blank: bool = False,
) -> None:
    columns = sorted(mapping)
    # A pre-numbered row ("1", "2" under "No.") is still an empty row.
    content = [column for column in columns if mapping[column] is not Field.NUMBER]
    free = [r for r in table.rows[header_row + 1 :] if _is_empty(r, content)]
    for record in records:
        if free:
            row = free.pop(0)
        else:
            row = _add_row(table)
            report.rows_added += 1
        cells = _row_cells(row)
        done: set[int] = set()
        for column in columns:
            if column < len(cells) and id(cells[column]._tc) not in done:
                done.add(id(cells[column]._tc))
                _set_text(cells[column], value_for(record, mapping[column]))
        report.rows_written += 1
    if remove_blank:
        for row in free:
            if is_blank(_cell_texts(row)):
                row._tr.getparent().remove(row._tr)
                report.rows_removed += 1


def _replace_placeholders(document: Any, record: ParticipantRecord) -> int:
    """Replace the placeholders in every paragraph with *record*'s values; how many."""
    count = 0
    for paragraph in _paragraphs(document):
        hits = placeholders_in(paragraph.text)
        if not hits:
            continue
        for placeholder, wanted in hits:
            value = value_for(record, wanted)
            in_run = [run for run in paragraph.runs if placeholder in run.text]
            if in_run:
                for run in in_run:
                    run.text = run.text.replace(placeholder, value)
            elif paragraph.runs:  # split across runs: the paragraph takes its first run's format
                runs = paragraph.runs
                runs[0].text = "".join(r.text for r in runs).replace(placeholder, value)
                for run in runs[1:]:
                    run.text = ""
            count += 1
    return count


def fill_docx(
    source: Path,
    target: Path,
    records: Sequence[ParticipantRecord],
    mapping: Mapping[int, Field] | None = None,
    remove_blank: bool = False,
) -> FillReport:
    """Write *records* into the Word form at *source*, saved as *target*; *remove_blank*
    takes out the table's rows left blank.

    *mapping* (column index → field) replaces the one found. Raises ImportFileError for a
    file that is not a readable .docx or in which nothing says where participants go.
    """
    source, target = Path(source), Path(target)
    document = _open(source)
    layout = _layout(document)
    report = FillReport(where=source.name)
    if layout.table is None and mapping and document.tables:
        layout = DocxLayout(table=0, header_row=0, placeholders=layout.placeholders)
    if layout.table is None and not layout.placeholders:
        raise nothing_recognised(source)
    if layout.table is not None:
        used = chosen(mapping, layout.mapping)
        report.mapping = {str(column): wanted for column, wanted in used.items()}
        report.unmatched = [
            header for column, header in enumerate(layout.headers) if header and column not in used
        ]
        table = document.tables[layout.table]
        _fill_table(table, layout.header_row, used, records, report, remove_blank)
    if layout.placeholders and records:
        report.placeholders_replaced = _replace_placeholders(document, records[0])
        if layout.table is None:
            report.rows_written = 1
            report.mapping.update({text: wanted for text, wanted in layout.placeholders})
    write_beside(source, target, lambda path: document.save(str(path)))
    return report


def docx_first_row(source: Path) -> list[str]:
    """The first row of the form's first table (the columns a user may map by hand), or []."""
    document = _open(Path(source))
    if not document.tables or not document.tables[0].rows:
        return []
    return [text.strip() for text in _cell_texts(document.tables[0].rows[0])]
