"""The organiser's own forms filled (#19): header matching in four languages, and Word,
Excel and fillable PDF forms of our own making filled, read back, the originals untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcm_desktop.errors import ImportFileError
from rcm_desktop.exchange.forms.docx_form import fill_docx, inspect_docx
from rcm_desktop.exchange.forms.fields import Field, match_field_name, match_header
from rcm_desktop.exchange.forms.pdf_form import fill_pdf, list_pdf_fields
from rcm_desktop.exchange.forms.records import ParticipantRecord, value_for
from rcm_desktop.exchange.forms.xlsx_form import fill_xlsx, inspect_xlsx

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")
pypdf = pytest.importorskip("pypdf")

DELEGATION = [
    ParticipantRecord(
        given_names="Ana María",
        family_names="Pérez Gómez",
        honorific="Sra.",
        position="Ministra de Ambiente",
        institution="Ministerio del Ambiente y Desarrollo Sostenible de la República",
        country="Colombia",
        email="ana.perez@example.org",
        phone="+57 1 555 0101",
        role="Jefa de delegación",
        gender="F",
        seat="1",
    ),
    ParticipantRecord(
        full_name="João Silva", position="Asesor", institution="Cancillería", email="j@x.org"
    ),
    ParticipantRecord(full_name="Marie Dubois", position="Experte", email="m@x.org"),
    ParticipantRecord(full_name="Li Wei", position="Delegate", email="li@x.org"),
]

HEADERS = [
    ("Nombre completo", Field.FULL_NAME),
    ("Full name", Field.FULL_NAME),
    ("Nom et prénom", Field.FULL_NAME),
    ("Nome completo", Field.FULL_NAME),
    ("Cargo/Position", Field.POSITION),
    ("INSTITUCIÓN:", Field.INSTITUTION),
    ("Correo electrónico / E-mail / Courriel", Field.EMAIL),
    ("Teléfono/Phone/Téléphone/Telefone", Field.PHONE),
    ("Apellidos/Surname/Nom de famille/Sobrenome", Field.FAMILY_NAMES),
    ("Nombres/Given names/Prénom", Field.GIVEN_NAMES),
    ("País/Country/Pays", Field.COUNTRY),
    ("Sexo/Género/Gender/Genre", Field.GENDER),
    ("Perfil/Profile", Field.PROFILE),
    ("Ministère / Agence", Field.MINISTRY),
    ("Seat number", Field.SEAT),
    ("Nombre de la institución", Field.INSTITUTION),
    ("{{name}}", Field.FULL_NAME),
    ("Firma", None),
    ("N°", Field.NUMBER),
]


@pytest.mark.parametrize(("text", "expected"), HEADERS)
def test_headers_match_in_four_languages(text: str, expected: Field | None) -> None:
    assert match_header(text) is expected


def test_pdf_field_names_give_field_and_participant() -> None:
    assert match_field_name("nombre_1") == (Field.FULL_NAME, 0)
    assert match_field_name("Nombre 2") == (Field.FULL_NAME, 1)
    assert match_field_name("cargo1") == (Field.POSITION, 0)
    assert match_field_name("email_2") == (Field.EMAIL, 1)
    assert match_field_name("firma_1") is None


def test_full_name_is_built_from_its_parts() -> None:
    assert value_for(DELEGATION[0], Field.FULL_NAME) == "Ana María Pérez Gómez"


def _word_table(path: Path, headers: list[str], empty_rows: int, title: str = "") -> Path:
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    table = document.add_table(rows=1 + empty_rows, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    for row in table.rows[1:]:  # a bold font in the empty rows, to be kept
        for cell in row.cells:
            cell.paragraphs[0].add_run("").bold = True
    document.add_paragraph("Firma del jefe de delegación: ________")
    document.save(str(path))
    return path


def _score(expected: list[list[str]], actual: list[list[str]]) -> tuple[int, int]:
    right = sum(
        1
        for want_row, got_row in zip(expected, actual, strict=False)
        for want, got in zip(want_row, got_row, strict=False)
        if want == got
    )
    return right, sum(len(row) for row in expected)


FIGURES: dict[str, list[tuple[int, int]]] = {}


def test_word_table_in_spanish_with_too_few_rows(tmp_path: Path) -> None:
    headers = ["N°", "Nombre completo", "Cargo", "Institución", "Correo electrónico"]
    source = _word_table(tmp_path / "formulario.docx", headers, 3, "Formulario de inscripción")
    before = source.read_bytes()
    layout = inspect_docx(source)
    assert layout.mapping == {
        0: Field.NUMBER,
        1: Field.FULL_NAME,
        2: Field.POSITION,
        3: Field.INSTITUTION,
        4: Field.EMAIL,
    }
    assert layout.unmatched == []
    target = tmp_path / "formulario lleno.docx"
    report = fill_docx(source, target, DELEGATION)
    assert source.read_bytes() == before
    assert (report.rows_written, report.rows_added) == (4, 1)
    table = docx.Document(str(target)).tables[0]
    assert len(table.rows) == 5
    got = [[c.text for c in row.cells[1:]] for row in table.rows[1:]]
    want = [
        [value_for(r, f) for f in (Field.FULL_NAME, Field.POSITION, Field.INSTITUTION, Field.EMAIL)]
        for r in DELEGATION
    ]
    assert got == want
    assert table.rows[4].cells[1].paragraphs[0].runs[0].bold  # the added row's format
    assert "Firma del jefe" in "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    FIGURES.setdefault("docx", []).append(_score(want, got))


def test_word_table_in_english(tmp_path: Path) -> None:
    headers = ["Title", "Family name", "Given names", "Position", "Telephone", "E-mail"]
    source = _word_table(tmp_path / "form.docx", headers, 5)
    target = tmp_path / "filled.docx"
    report = fill_docx(source, target, DELEGATION[:1])
    assert report.rows_added == 0
    row = docx.Document(str(target)).tables[0].rows[1]
    got = [[c.text for c in row.cells]]
    want = [
        [
            "Sra.",
            "Pérez Gómez",
            "Ana María",
            "Ministra de Ambiente",
            "+57 1 555 0101",
            "ana.perez@example.org",
        ]
    ]
    assert got == want
    FIGURES.setdefault("docx", []).append(_score(want, got))


def test_word_placeholders_for_one_participant(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Nombre: «Nombre»")
    paragraph = document.add_paragraph("Cargo: ")
    paragraph.add_run("{{car")
    paragraph.add_run("go}}")  # a placeholder split across runs, as Word often stores it
    document.add_paragraph("E-mail: [Correo electrónico] — [1] stays")
    source = tmp_path / "nomination.docx"
    document.save(str(source))
    target = tmp_path / "out.docx"
    report = fill_docx(source, target, DELEGATION[:1])
    assert report.placeholders_replaced == 3
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    want = [
        "Nombre: Ana María Pérez Gómez",
        "Cargo: Ministra de Ambiente",
        "E-mail: ana.perez@example.org — [1] stays",
    ]
    assert texts == want
    FIGURES.setdefault("docx", []).append(_score([want], [texts]))


def _sheet_with_title(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Registro"
    sheet["A1"] = "CONFERENCIA DE LAS PARTES — FORMULARIO DE REGISTRO"
    sheet.merge_cells("A1:F2")
    sheet["A3"] = "Fecha límite: 15 de mayo"
    for column, text in enumerate(
        ["No.", "Apellidos", "Nombres", "Cargo / Position", "País", "Correo electrónico"], 1
    ):
        sheet.cell(row=5, column=column, value=text)
    for row in (6, 7):
        sheet.cell(row=row, column=1, value=row - 5)
        for column in range(1, 7):
            sheet.cell(row=row, column=column).font = openpyxl.styles.Font(italic=True)
    workbook.save(str(path))
    return path


def test_sheet_with_title_block(tmp_path: Path) -> None:
    source = _sheet_with_title(tmp_path / "registro.xlsx")
    before = source.read_bytes()
    layout = inspect_xlsx(source)
    assert layout is not None
    assert (layout.sheet, layout.header_row) == ("Registro", 5)
    target = tmp_path / "registro lleno.xlsx"
    report = fill_xlsx(source, target, DELEGATION)
    assert source.read_bytes() == before
    assert (report.rows_written, report.rows_added) == (4, 2)
    sheet = openpyxl.load_workbook(str(target))["Registro"]
    fields = (Field.FAMILY_NAMES, Field.GIVEN_NAMES, Field.POSITION, Field.COUNTRY, Field.EMAIL)
    got = [[sheet.cell(row=r, column=c).value or "" for c in range(2, 7)] for r in range(6, 10)]
    want = [[value_for(record, f) for f in fields] for record in DELEGATION]
    assert got == want
    assert sheet["A1"].value.startswith("CONFERENCIA")
    assert "A1:F2" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.cell(row=9, column=3).font.italic  # the first data row's style
    FIGURES.setdefault("xlsx", []).append(_score(want, got))


def _fillable_pdf(path: Path, participants: int = 2) -> Path:
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    page.drawString(50, 800, "Formulario de nominación")
    y = 760
    for number in range(1, participants + 1):
        for name, width in (("nombre", 300), ("cargo", 300), ("correo", 300)):
            page.acroForm.textfield(name=f"{name}_{number}", x=150, y=y, width=width, height=18)
            y -= 24
        page.acroForm.textfield(
            name=f"institucion_{number}", x=150, y=y, width=100, height=18, maxlen=10
        )
        y -= 30
    page.acroForm.textfield(name="firma", x=150, y=y, width=200, height=18)
    page.save()
    return path


def test_fillable_pdf_with_spanish_field_names(tmp_path: Path) -> None:
    source = _fillable_pdf(tmp_path / "nominacion.pdf")
    before = source.read_bytes()
    listed = {f.name: f for f in list_pdf_fields(source)}
    assert listed["institucion_1"].max_length == 10
    assert listed["nombre_2"].match == (Field.FULL_NAME, 1)
    assert listed["firma"].match is None
    target = tmp_path / "nominacion llena.pdf"
    report = fill_pdf(source, target, DELEGATION[:2])
    assert source.read_bytes() == before
    assert report.unmatched == ["firma"]
    assert [t.where for t in report.too_short] == ["institucion_1", "institucion_2"]
    values = {k: v.get("/V") for k, v in pypdf.PdfReader(str(target)).get_fields().items()}
    names = ("nombre", "cargo", "correo", "institucion")
    fields = (Field.FULL_NAME, Field.POSITION, Field.EMAIL, Field.INSTITUTION)
    got = [[str(values[f"{n}_{i + 1}"]) for n in names] for i in range(2)]
    want = [[value_for(r, f) for f in fields] for r in DELEGATION[:2]]
    assert got == want  # the 10-character box holds the whole institution, flagged
    FIGURES.setdefault("pdf", []).append(_score(want, got))


def test_form_with_nothing_recognisable(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Firma", "Sello"
    source = tmp_path / "raro.docx"
    document.save(str(source))
    before = source.read_bytes()
    with pytest.raises(ImportFileError, match=r"Nothing in raro\.docx"):
        fill_docx(source, tmp_path / "out.docx", DELEGATION)
    assert source.read_bytes() == before
    assert not (tmp_path / "out.docx").exists()
    # the user maps it by hand: column 0 gets the name
    report = fill_docx(source, tmp_path / "out.docx", DELEGATION[:2], mapping={0: Field.FULL_NAME})
    assert report.rows_written == 2
    assert docx.Document(str(tmp_path / "out.docx")).tables[0].rows[2].cells[0].text == "João Silva"


def test_pdf_without_fields(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    source = tmp_path / "plain.pdf"
    page = canvas.Canvas(str(source))
    page.drawString(50, 800, "Only text here")
    page.save()
    with pytest.raises(ImportFileError, match=r"Nothing in plain\.pdf"):
        fill_pdf(source, tmp_path / "out.pdf", DELEGATION)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
def test_corrupt_file(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"broken{suffix}"
    source.write_bytes(b"PK\x03\x04 not really a form" * 10)
    fill = {".docx": fill_docx, ".xlsx": fill_xlsx, ".pdf": fill_pdf}[suffix]
    with pytest.raises(ImportFileError, match="cannot be read"):
        fill(source, tmp_path / f"out{suffix}", DELEGATION)
    assert list(tmp_path.iterdir()) == [source]  # no temporary file left behind


def test_the_original_cannot_be_the_target(tmp_path: Path) -> None:
    source = _sheet_with_title(tmp_path / "registro.xlsx")
    with pytest.raises(ImportFileError, match="new file"):
        fill_xlsx(source, source, DELEGATION)


def test_a_delegation_of_ten_fills_every_format(tmp_path: Path) -> None:
    """Ten people into each format (the time is measured by tests/benchmarks/form_fill.py)."""
    ten = [ParticipantRecord(full_name=f"Person {i}", position="Delegate") for i in range(10)]
    word = _word_table(tmp_path / "w.docx", ["Nombre", "Cargo", "Correo"], 3)
    sheet = _sheet_with_title(tmp_path / "s.xlsx")
    pdf = _fillable_pdf(tmp_path / "p.pdf", participants=10)
    for fill, source in ((fill_docx, word), (fill_xlsx, sheet), (fill_pdf, pdf)):
        assert fill(source, tmp_path / f"out{source.suffix}", ten).rows_written == 10


def test_figures() -> None:
    for kind, scores in FIGURES.items():
        print(f"FIGURE {kind} {sum(r for r, _ in scores)}/{sum(t for _, t in scores)}")


def test_reading_a_word_form_adds_no_header_or_footer(tmp_path: Path) -> None:
    """python-docx adds a header part when an absent one is read: the copy must not gain one."""
    import zipfile

    from rcm_desktop.exchange.forms.docx_form import fill_docx

    form = _word_table(tmp_path / "form.docx", ["Nombre completo", "Cargo"], 2)
    out = tmp_path / "out.docx"
    fill_docx(form, out, [ParticipantRecord(full_name="Ana Núñez", position="Directora")])
    names = set(zipfile.ZipFile(out).namelist())
    assert not {name for name in names if "header" in name or "footer" in name}
