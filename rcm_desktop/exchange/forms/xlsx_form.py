"""Excel forms (.xlsx): the header row found in the first rows of any sheet (below a title
block if there is one), one participant per row beneath it; added rows take the style of
the first data row; the title block and its merged cells are left as they are."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rcm_desktop.exchange.forms.fields import Field
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
from rcm_desktop.i18n import _

#: How many rows from a sheet's top are searched for the header row.
HEADER_SEARCH_ROWS = 30
MIN_COLUMNS = 2


@dataclass(frozen=True)
class XlsxLayout:
    """Where participants go in a workbook: the sheet, the header row (1-based), column
    index from 0 → field, and the header cells not recognised."""

    sheet: str
    header_row: int
    mapping: dict[int, Field] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    #: The header row's text, column by column (what a mapping screen shows).
    headers: list[str] = field(default_factory=list)


def _open(source: Path) -> Any:
    try:
        import openpyxl

        return openpyxl.load_workbook(str(source))
    except Exception as error:  # a damaged zip, an encrypted (OLE) workbook, an .xls
        raise unreadable(Path(source), "Excel (.xlsx)") from error


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _layout(workbook: Any) -> XlsxLayout | None:
    best: XlsxLayout | None = None
    for sheet in workbook.worksheets:
        last = min(HEADER_SEARCH_ROWS, sheet.max_row)
        rows = sheet.iter_rows(min_row=1, max_row=last, values_only=True)
        for number, values in enumerate(rows, start=1):
            texts = [_text(value) for value in values]
            mapping, unmatched = map_headers(texts)
            if len(mapping) >= MIN_COLUMNS and (best is None or len(mapping) > len(best.mapping)):
                best = XlsxLayout(
                    sheet.title, number, mapping, unmatched, [text.strip() for text in texts]
                )
    return best


def inspect_xlsx(source: Path) -> XlsxLayout | None:
    """Where participants go in the workbook at *source* (None when nowhere recognisable);
    raises ImportFileError for a file that is not a readable .xlsx."""
    return _layout(_open(Path(source)))


def _has_drawings(source: Path) -> bool:
    """Whether the workbook holds pictures or charts (openpyxl does not write them back)."""
    import zipfile

    try:
        with zipfile.ZipFile(source) as archive:
            return any(
                name.startswith(("xl/drawings/", "xl/media/")) for name in archive.namelist()
            )
    except (OSError, zipfile.BadZipFile):
        return False


def _is_empty(sheet: Any, row: int, columns: Sequence[int]) -> bool:
    return all(sheet.cell(row=row, column=c + 1).value in (None, "") for c in columns)


def _copy_row_style(sheet: Any, source_row: int, target_row: int, width: int) -> None:
    for column in range(1, width + 1):
        model = sheet.cell(row=source_row, column=column)
        if model.has_style:
            sheet.cell(row=target_row, column=column)._style = copy.copy(model._style)
    height = sheet.row_dimensions[source_row].height
    if height is not None:
        sheet.row_dimensions[target_row].height = height


def _write(sheet: Any, row: int, column: int, value: str) -> None:
    from openpyxl.cell.cell import MergedCell

    cell = sheet.cell(row=row, column=column + 1)
    if not isinstance(cell, MergedCell):  # only a merged range's first cell holds a value
        cell.value = value


def fill_xlsx(
    source: Path,
    target: Path,
    records: Sequence[ParticipantRecord],
    mapping: Mapping[int, Field] | None = None,
    layout: XlsxLayout | None = None,
    remove_blank: bool = False,
) -> FillReport:
    """Write *records* into the workbook at *source*, saved as *target*.

    *mapping* (column index from 0 → field) replaces the one found; *layout* names the
    sheet and header row when the user chose them. Raises ImportFileError for a file that
    is not a readable .xlsx or in which no header row is recognised.
    """
    source, target = Path(source), Path(target)
    workbook = _open(source)
    found = layout or _layout(workbook)
    if found is None and mapping:
        found = XlsxLayout(workbook.worksheets[0].title, 1)
    if found is None:
        raise nothing_recognised(source)
    used = chosen(mapping, found.mapping)
    sheet = workbook[found.sheet]
    report = FillReport(
        mapping={str(column): wanted for column, wanted in used.items()},
        unmatched=[
            header for column, header in enumerate(found.headers) if header and column not in used
        ],
        where=f"{source.name} › {sheet.title}",
    )
    columns = sorted(used)
    first_data = found.header_row + 1
    last = max(sheet.max_row, found.header_row)
    content = [column for column in columns if used[column] is not Field.NUMBER]  # "1", "2"…
    free = [r for r in range(first_data, last + 1) if _is_empty(sheet, r, content)]
    width = max(sheet.max_column, max(columns, default=0) + 1)
    next_new = last + 1
    for record in records:
        if free:
            row = free.pop(0)
        else:
            row = next_new
            next_new += 1
            if first_data < row:
                _copy_row_style(sheet, first_data, row, width)
            report.rows_added += 1
        for column in columns:
            _write(sheet, row, column, value_for(record, used[column]))
        report.rows_written += 1
    if remove_blank:
        for row in reversed(free):  # from the bottom, so the rows above keep their numbers
            texts = [_text(cell.value) for cell in sheet[row]]
            if is_blank(texts):
                sheet.delete_rows(row)
                report.rows_removed += 1
    if _has_drawings(source):
        report.warnings.append(
            _(
                "The workbook has pictures or charts, which the filled copy does not keep. "
                "Add them back in Excel, or fill the Word or PDF version of the form."
            )
        )
    write_beside(source, target, lambda path: workbook.save(str(path)))
    return report


def xlsx_first_row(source: Path) -> list[str]:
    """The first row of the workbook's first sheet (the columns a user may map by hand)."""
    sheet = _open(Path(source)).worksheets[0]
    row = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    return [_text(value).strip() for value in row]
