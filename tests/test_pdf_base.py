"""The shared PDF base: fonts embedded, page X of Y, bookmarks on the right pages, escaping, atomic write."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import PageBreak, Paragraph

from rcm_desktop.errors import StorageError
from rcm_desktop.printing.pdf.document import (
    BuildCancelled,
    Heading,
    PageFurniture,
    PdfInfo,
    write_pdf,
)
from rcm_desktop.printing.pdf.markup import REPLACEMENT, plain, text
from rcm_desktop.printing.pdf.styles import stylesheet

HOSTILE = [
    "<b>not bold</b> & 'quotes' \"double\"",
    "Peña & Núñez <ministerio>",
    "x" * 400,
    "Emoji 😀👍🏽 here",
    "עברית ועוד",  # Hebrew: the font lacks it
    "العربية",
    "n\u0303o",  # n + combining tilde
    "tab\there\nnew line\r\nwindows",
    "\x00\x07control",
    "</para><para>",
    "&amp; already escaped?",
]


def _info() -> PdfInfo:
    return PdfInfo(title="Título de prueba", author="Honduras", subject="Prueba", language="es")


def _furniture() -> PageFurniture:
    return PageFurniture(
        header_left="Cabecera — reunión",
        header_right="CONFIDENCIAL",
        footer_left="Preparado el 24 de noviembre de 2026",
        page_label=lambda page, total: f"Página {page} de {total}",
    )


def test_text_escapes_markup_and_replaces_missing_glyphs() -> None:
    assert text("<b>&") == "&lt;b&gt;&amp;"
    assert text("\"x'") == "&quot;x&#39;"
    assert text("a\nb") == "a<br/>b"
    assert plain("Emoji 😀👍🏽") == f"Emoji {REPLACEMENT}{REPLACEMENT}"
    assert plain("n\u0303") == "ñ"
    assert plain("\x00bell\x07") == "bell"
    assert text(None) == ""


def test_hostile_strings_build_and_read_back(tmp_path: Path) -> None:
    styles = stylesheet()

    def story() -> list:
        flowables: list = [Heading(text("Sección ¿Qué? ñ"), styles.h1, 0)]
        for value in HOSTILE:
            flowables.append(Paragraph(text(value), styles.body))
        return flowables

    target = tmp_path / "hostile.pdf"
    write_pdf(target, story, _info(), _furniture())
    content = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "<b>not bold</b> & 'quotes'" in content
    assert "Peña & Núñez <ministerio>" in content
    assert "Sección ¿Qué? ñ" in content
    assert REPLACEMENT in content


def test_pages_numbered_bookmarked_and_fonts_embedded(tmp_path: Path) -> None:
    styles = stylesheet()

    def story() -> list:
        flowables: list = []
        for number in range(1, 4):
            flowables.append(Heading(text(f"Parte {number}"), styles.h1, 0))
            flowables.append(Heading(text(f"Detalle {number}"), styles.h2, 1))
            flowables.append(
                Paragraph(text("Texto con acentos: información, reunión."), styles.body)
            )
            flowables.append(PageBreak())
        return flowables[:-1]

    target = tmp_path / "numbered.pdf"
    pages = write_pdf(target, story, _info(), _furniture())
    reader = PdfReader(target)
    assert pages == len(reader.pages) == 3
    assert "Página 2 de 3" in reader.pages[1].extract_text()
    assert "CONFIDENCIAL" in reader.pages[2].extract_text()
    assert "CONFIDENCIAL" not in reader.pages[0].extract_text()  # plain first page
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [item.title for item in top] == ["Parte 1", "Parte 2", "Parte 3"]
    assert [reader.get_destination_page_number(item) for item in top] == [0, 1, 2]
    assert reader.metadata.title == "Título de prueba"
    assert str(reader.trailer["/Root"]["/Lang"]) == "es"
    embedded, not_embedded = set(), set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            name = str(font.get_object()["/BaseFont"])
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(name.split("+")[-1])
            else:
                not_embedded.add(name)
    assert {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"} <= embedded
    assert not not_embedded


def test_unwritable_target_leaves_nothing(tmp_path: Path) -> None:
    styles = stylesheet()
    with pytest.raises(StorageError, match="does not exist"):
        write_pdf(
            tmp_path / "missing" / "x.pdf",
            lambda: [Paragraph("x", styles.body)],
            _info(),
            _furniture(),
        )


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    styles = stylesheet()
    target = tmp_path / "cancelled.pdf"
    with pytest.raises(BuildCancelled):
        write_pdf(
            target,
            lambda: [Paragraph(text(f"line {n}"), styles.body) for n in range(200)],
            _info(),
            _furniture(),
            cancelled=lambda: True,
        )
    assert list(tmp_path.iterdir()) == []


def test_failed_build_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "kept.pdf"
    target.write_bytes(b"previous")

    def story() -> list:
        raise ValueError("boom")

    with pytest.raises(ValueError):
        write_pdf(target, story, _info(), _furniture())
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.pdf"]


def test_contents_lists_headings_with_their_pages(tmp_path: Path) -> None:
    from rcm_desktop.printing.pdf.document import ReservedContents

    styles = stylesheet()
    contents = ReservedContents(styles, 1)

    def story() -> list:
        flowables: list = [*contents.reserve(), PageBreak()]
        for number in range(1, 4):
            flowables += [Heading(text(f"Capítulo {number}"), styles.h1, 0), PageBreak()]
        return flowables[:-1]

    target = tmp_path / "contents.pdf"
    assert write_pdf(target, story, _info(), _furniture(), reserved_contents=contents) == 4
    first = PdfReader(target).pages[0].extract_text()
    assert "Capítulo 1" in first and "Capítulo 3" in first
    assert [entry[2] for entry in contents.entries] == [2, 3, 4]


def test_tables_with_plain_cells_name_no_unembedded_font(tmp_path: Path) -> None:
    from reportlab.platypus import Table, TableStyle

    target = tmp_path / "table.pdf"
    write_pdf(
        target,
        lambda: [Table([["Nombre", "Institución"], ["Peña", "Cancillería"]], style=TableStyle([]))],
        _info(),
        _furniture(),
    )
    assert b"Helvetica" not in target.read_bytes()
