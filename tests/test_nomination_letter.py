"""The nomination letter PDF: its text (accents included) in the chosen language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from rcm_desktop.printing.nomination_letter import LetterData, LetterSeat, build_nomination_letter


def data(**changes: object) -> LetterData:
    values = dict(
        country_code="HN",
        addressee="Secretaría Ejecutiva de la CRM",
        meeting_title="Taller MIRPS & CRM <conjunto>",
        first_date=dt.date(2020, 10, 6),
        last_date=dt.date(2020, 10, 7),
        venue=None,
        limit=2,
        limit_source="nota conceptual, sección Participantes",
        seats=(
            LetterSeat(1, "Autoridad migratoria", "Abg.", "José Ángel Cárcamo Ruíz",
                       "Jefe de la Unidad de Refugio", "Instituto Nacional de Migración",
                       "jose@inm.example", None, "head"),
            LetterSeat(2, "Otra institución"),
        ),
        issued_on=dt.date(2020, 9, 24),
    )  # fmt: skip
    values.update(changes)
    return LetterData(**values)  # type: ignore[arg-type]


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_letter_text_in_spanish(tmp_path: Path) -> None:
    out = tmp_path / "carta.pdf"
    assert build_nomination_letter(data(), out, "es") == 1
    text = text_of(out)
    for expected in (
        "José Ángel Cárcamo Ruíz",
        "Secretaría Ejecutiva de la CRM",
        "Taller MIRPS & CRM <conjunto>",  # user text escaped, printed literally
        "nota conceptual, sección Participantes",
        "24 de septiembre de 2020",
        "6 de octubre de 2020",
        "Honduras",
    ):
        assert expected in " ".join(text.split()), expected
    assert PdfReader(out).metadata.title.startswith("Nota de designación")  # type: ignore[union-attr]


def test_letter_in_english_without_limit(tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    build_nomination_letter(data(limit=None, venue="San José"), out, "en")
    text = " ".join(text_of(out).split())
    assert "The delegation is made up as follows" in text
    assert "in San José" in text and "(to be confirmed)" in text
    assert "October 6, 2020" in text
