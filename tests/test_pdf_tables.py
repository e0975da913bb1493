"""Table headers of every PDF, in every language: no word is broken, each fits its column."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table
from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting
from rcm_desktop.data.services.briefing_data import gather_briefing
from rcm_desktop.domain.comments import CommentsMatrix, MatrixRow
from rcm_desktop.i18n import SUPPORTED_LANGUAGES, messages
from rcm_desktop.printing import comments_matrix, nomination_letter
from rcm_desktop.printing.briefing.pack import BriefingOptions, bare_story
from rcm_desktop.printing.briefing.writer import Writer
from rcm_desktop.printing.nomination_letter import LetterData, LetterSeat
from rcm_desktop.printing.pdf import document
from rcm_desktop.printing.pdf.styles import stylesheet


def _tables(flowables: Any) -> Iterator[Table]:
    """Every data table (its header repeated on each page) in *flowables*, nested ones too."""
    for flowable in flowables if isinstance(flowables, list | tuple) else [flowables]:
        if isinstance(flowable, Table):
            if flowable.repeatRows == 1:
                yield flowable
            for row in flowable._cellvalues:
                for cell in row:
                    if isinstance(cell, list | tuple | Table):
                        yield from _tables(cell)


def _printed_lines(paragraph: Paragraph, width: float) -> list[str]:
    """The lines *paragraph* is broken into at *width*."""
    paragraph.wrap(width, 10_000)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [" ".join(words) for _space, words in lines]
    return ["".join(fragment.text for fragment in line.words) for line in lines]


def _check_headers(table: Table, where: str) -> int:
    """Assert each header word fits its column and no line breaks inside a word."""
    checked = 0
    for column, cell in enumerate(table._cellvalues[0]):
        if not isinstance(cell, Paragraph):
            continue
        style = table._cellStyles[0][column]
        room = table._colWidths[column] - style.leftPadding - style.rightPadding
        title = html.unescape(re.sub(r"<[^>]+>", " ", cell.text))
        words = title.split()
        for fragment in cell.frags:
            for word in fragment.text.split():
                width = stringWidth(word, fragment.fontName, fragment.fontSize)
                assert width <= room, f"{where}: “{word}” is {width:.1f} pt in {room:.1f} pt"
                checked += 1
        for line in _printed_lines(cell, room):
            for token in line.split():
                assert token in words, f"{where}: “{title}” broken as “{token}”"
    return checked


def _meeting_ids(database: Database) -> list[int]:
    with database.session() as session:
        return list(session.scalars(select(Meeting.id).order_by(Meeting.id)))


def _letter() -> LetterData:
    return LetterData(
        country_code="HN",
        addressee="Secretaría Ejecutiva de la CRM",
        meeting_title="Taller MIRPS y CRM",
        first_date=dt.date(2020, 10, 6),
        last_date=dt.date(2020, 10, 7),
        venue=None,
        limit=2,
        limit_source="nota conceptual",
        seats=(LetterSeat(1, "Autoridad migratoria"), LetterSeat(2, "Otra institución")),
        issued_on=dt.date(2020, 9, 24),
    )


def _matrix() -> CommentsMatrix:
    return CommentsMatrix(
        title="Protocolo regional",
        version="2",
        country_code="HN",
        date=dt.date(2021, 10, 13),
        rows=(MatrixRow(1, "Párrafo 1", "Añadir la niñez migrante", "Texto propuesto", "HN"),),
    )


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_header_word_fits_its_column_in_every_pdf(
    language: str, demo_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = 0
    # The briefing packs of every demo meeting, for delegations whose clock differs from the
    # organiser's or not (two time columns, one, or one naming both zones).
    for meeting_id in _meeting_ids(demo_database):
        for country, zone in (("HN", "America/Tegucigalpa"), ("CO", "America/Bogota")):
            data = gather_briefing(demo_database, meeting_id, country, zone)
            story = bare_story(data, BriefingOptions(language, prepared_on=dt.date(2021, 9, 1)))
            for table in _tables(story):
                checked += _check_headers(table, f"pack {meeting_id} {country} {language}")
    # The nomination letter and the comments matrix, as they are built for their files.
    built: list[Any] = []
    real = document.write_pdf

    def keep_story(path, story, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.extend(story())
        return real(path, story, *args, **kwargs)

    monkeypatch.setattr(document, "write_pdf", keep_story)
    nomination_letter.build_nomination_letter(_letter(), tmp_path / "letter.pdf", language)
    comments_matrix.write_pdf(_matrix(), tmp_path / "matrix.pdf", language)
    tables = list(_tables(built))
    assert len(tables) == 2
    for table in tables:
        checked += _check_headers(table, f"letter or matrix {language}")
    assert checked > 100


def test_a_narrow_column_is_widened_for_its_header_word() -> None:
    """ "Puesto" in a column given a twentieth of its width: widened, never "Pue-sto"."""
    t = messages("es")
    writer = Writer(t, stylesheet(), lambda *args: Paragraph("", stylesheet().h1), dt.date.today())
    table = writer.table(["Puesto", "Nombre e institución"], [["1", "Ana"]], [1, 30])
    assert _check_headers(table, "narrow") == 4
    assert sum(table._colWidths) == pytest.approx(sum(writer.table(["a"], [], [1])._colWidths))
