"""CSV cells a spreadsheet cannot run: a cell that begins like a formula gets an apostrophe
(OWASP's rule for CSV injection), and reading takes that apostrophe off again."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

#: The first characters with which a spreadsheet starts a formula or a command.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    """*cell* with an apostrophe before a formula-like beginning (other values unchanged)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The value an apostrophe-prefixed cell stood for (what `neutralise` wrote)."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "".join(FORMULA_STARTS):
        return cell[1:]
    return cell


class SafeWriter:
    """A csv.writer (CRLF lines) whose every cell goes through `neutralise`."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, cells: Iterable[Any]) -> None:
        self._writer.writerow([neutralise(cell) for cell in cells])
