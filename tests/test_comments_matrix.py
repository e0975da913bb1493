"""The comments matrix: CSV that Excel opens with its accents, PDF whose text reads back."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.comments_matrix import comments_matrix, export_comments_matrix
from rcm_desktop.data.services.document_reviews import CommentDraft, save_comment
from rcm_desktop.data.services.documents import save_document
from rcm_desktop.domain.comments import CommentsMatrix, MatrixRow
from rcm_desktop.domain.documents import DocumentDraft
from rcm_desktop.errors import StorageError, ValidationError
from rcm_desktop.exchange.comments_csv import write_csv
from rcm_desktop.printing.comments_matrix import write_pdf


def _matrix(rows: int = 2) -> CommentsMatrix:
    return CommentsMatrix(
        title="Protocolo regional de atención <b>& protección</b>",
        version="borrador 2",
        country_code="HN",
        date=dt.date(2021, 10, 13),
        rows=tuple(
            MatrixRow(n, f"Párrafo {n}", f"Añadir la niñez migrante ({n}) & <i>más</i>",
                      "Texto propuesto: «atención diferenciada»", "HN")
            for n in range(1, rows + 1)
        ),
    )  # fmt: skip


def test_csv_has_a_bom_and_parses_back_with_accents(tmp_path: Path) -> None:
    path = write_csv(_matrix(), tmp_path / "matriz.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["#", "Section or paragraph", "Comment", "Proposed wording", "Country"]
    assert rows[2] == [
        "2", "Párrafo 2", "Añadir la niñez migrante (2) & <i>más</i>",
        "Texto propuesto: «atención diferenciada»", "Honduras",
    ]  # fmt: skip
    assert not list(tmp_path.glob(".partial-*"))


def test_pdf_text_reads_back_escaped_and_landscape(tmp_path: Path) -> None:
    path = write_pdf(_matrix(40), tmp_path / "matriz.pdf")
    reader = PdfReader(str(path))
    assert len(reader.pages) > 1
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height, "landscape"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Protocolo regional de atención <b>& protección</b>" in text, "markup shown, not applied"
    assert "Añadir la niñez migrante (40) & <i>más</i>" in text
    assert "Version: borrador 2" in text and "Country: Honduras" in text
    assert "October 13, 2021" in text
    assert f"Page 2 of {len(reader.pages)}" in text
    assert reader.pages[1].extract_text().count("Proposed wording") == 1, "header repeated"


def test_matrix_from_the_store_and_bad_exports(database: Database, tmp_path: Path) -> None:
    document_id = save_document(database, DocumentDraft("Estrategia", version="v1"))
    save_comment(database, document_id, "HN", CommentDraft("Uno", "§ 1", "Texto"))
    save_comment(database, document_id, "GT", CommentDraft("Dos"))
    matrix = comments_matrix(database, document_id, "HN", today=dt.date(2021, 10, 1))
    assert [(row.number, row.comment, row.country_code) for row in matrix.rows] == [
        (1, "Uno", "HN")
    ]
    every = comments_matrix(database, document_id, None)
    assert [row.country_code for row in every.rows] == ["GT", "HN"] and every.country_code is None
    with pytest.raises(ValidationError):
        export_comments_matrix(database, document_id, "HN", "xlsx", tmp_path / "m.xlsx")
    with pytest.raises(StorageError):
        export_comments_matrix(database, document_id, "HN", "csv", tmp_path / "no" / "m.csv")
    empty = save_document(database, DocumentDraft("Sin comentarios"))
    path = export_comments_matrix(database, empty, "HN", "pdf", tmp_path / "empty.pdf")
    assert "No comments recorded." in PdfReader(str(path)).pages[0].extract_text()
