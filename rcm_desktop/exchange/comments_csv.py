"""The comments matrix as CSV: UTF-8 with a byte-order mark, so that Excel shows its accents."""

from __future__ import annotations

import io
from pathlib import Path

from rcm_desktop.domain.comments import HEADERS, CommentsMatrix
from rcm_desktop.exchange.csv_cells import SafeWriter
from rcm_desktop.exchange.files import write_text_file
from rcm_desktop.i18n import messages


def write_csv(matrix: CommentsMatrix, path: Path, language: str = "en") -> Path:
    """Write *matrix* to *path* (headers and country names in *language*); returns the path."""
    t = messages(language)
    out = io.StringIO(newline="")
    writer = SafeWriter(out)
    writer.writerow([t.gettext(header) for header in HEADERS])
    for row in matrix.rows:
        writer.writerow(
            [
                row.number,
                row.section,
                row.comment,
                row.proposed_wording,
                t.country(row.country_code),
            ]
        )
    return write_text_file(Path(path), out.getvalue(), "utf-8-sig")
