"""Reading concept notes into plain text (rcm_desktop.exchange.notes.reading): the three seed
notes rendered as their senders' files (tests/note_render.py) in every format read back to
the seed's text; the structures the extraction needs (agenda rows, guiding questions, time
ranges) kept; every refusal naming its problem, and hostile files never escaping as anything
but ImportFileError."""

from __future__ import annotations

import codecs
import contextlib
import io
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rcm_desktop.errors import ImportFileError
from rcm_desktop.exchange.notes import reading
from rcm_desktop.exchange.notes.reading import (
    NoteFile,
    note_from_text,
    read_note_bytes,
    read_note_file,
)
from tests.note_render import (
    FAMILY,
    odt_content,
    pdf_font,
    render_docx,
    render_docx_xml,
    render_drawn_pdf,
    render_eml,
    render_html,
    render_odt,
    render_pdf,
    zip_package,
)

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED_NAMES = (
    "mirps-workshop-2020",
    "rcm-sacm-plenary-2021",
    "irregular-mass-migration-followup-2021",
)
RENDERERS: dict[str, tuple[Callable[[str], bytes], str, str]] = {
    "docx": (render_docx, "note.docx", reading.DOCX),
    "odt": (render_odt, "note.odt", reading.ODT),
    "pdf": (render_pdf, "note.pdf", reading.PDF),
    "html": (lambda text: render_html(text).encode("utf-8"), "note.html", reading.HTML),
    "eml": (render_eml, "note.eml", reading.EMAIL),
    "eml-html": (lambda text: render_eml(text, html_only=True), "note.eml", reading.EMAIL),
}
_BLOCK_TAGS = re.compile(r"</?(?:p|ul|li|div)\b[^>]*>", re.IGNORECASE)
_INLINE_TAGS = re.compile(r"</?(?:i|b|em|strong)>", re.IGNORECASE)
#: Pictographs the seeds put before headings (📁, 📄): the PDF's font has none to print.
_EMOJI = re.compile("[\U0001f000-\U0001faff\ufe0f]")
_RANGE = re.compile(r"\b\d{1,2}:\d{2} ?[-–] ?\d{1,2}:\d{2}\b")
_READ: dict[tuple[str, str], NoteFile] = {}


def seed(name: str) -> str:
    return (SEEDS / f"{name}-concept-note.txt").read_text(encoding="utf-8")


def read_rendered(name: str, form: str) -> NoteFile:
    """The seed *name* rendered as *form* and read back (once per test run)."""
    if (name, form) not in _READ:
        render, file_name, _media = RENDERERS[form]
        _READ[(name, form)] = read_note_bytes(render(seed(name)), file_name)
    return _READ[(name, form)]


def normalise(text: str) -> list[str]:
    """The lines of *text* as compared: Markdown asterisks, inline tags and pictographs
    dropped; a leading "-" or "–" list marker written "•" (Word, OpenDocument and HTML draw
    their own bullet); cells (TAB), `<p>` items and "•" items split into parts that are
    stripped and joined by " | " (a cell's list is "• a • b" in a seed, `<p>• a</p> <p>• b</p>`
    when read); white space collapsed; blank lines dropped."""
    lines = []
    for line in text.split("\n"):
        line = _EMOJI.sub("", line).replace("*", "")
        line = re.sub(r"^\s*[-–]\s+", "• ", line)
        line = _BLOCK_TAGS.sub("|", _INLINE_TAGS.sub("", line)).replace("\t", "|")
        parts = [" ".join(part.split()) for part in line.replace("•", "|•").split("|")]
        if any(parts):
            lines.append(" | ".join(part for part in parts if part))
    return lines


# --- the seeds in every format --------------------------------------------------------------


@pytest.mark.parametrize("form", RENDERERS)
@pytest.mark.parametrize("name", SEED_NAMES)
def test_each_seed_reads_back_as_its_text(name: str, form: str) -> None:
    note = read_rendered(name, form)
    # Every format, PDF included, gives the seed's lines: a paragraph on one line however it
    # was wrapped, a table row on one line with its cells. What normalise() sets aside is
    # what the formats cannot carry: emphasis, pictographs, which bullet character is drawn.
    assert normalise(note.text) == normalise(seed(name))
    _render, file_name, media_type = RENDERERS[form]
    assert (note.file_name, note.media_type) == (file_name, media_type)
    assert note.size == len(note.data) and len(note.sha256) == 64
    assert "\r" not in note.text and "\n\n\n" not in note.text


@pytest.mark.parametrize("form", RENDERERS)
def test_agenda_rows_keep_their_three_cells(form: str) -> None:
    lines = read_rendered("mirps-workshop-2020", form).text.split("\n")
    rows = [line.split("\t") for line in lines if _RANGE.match(line)]
    assert len(rows) == 11
    assert all(len(row) == 3 and all(cell.strip() for cell in row) for row in rows)
    assert rows[0] == [
        "09:00-09:10",
        "Opening remarks (10min): – RCM Pro-tempore Presidency; – MIRPS Pro-tempore Presidency.",
        "RCM Executive Secretariat",
    ]
    assert rows[-1][0] == "10:50-11:00" and rows[-1][2] == "RCM Executive Secretariat"
    assert "Time\tActivity\tCoordinator" in lines


def _question_groups(text: str) -> list[list[str]]:
    """Under each GUIDING QUESTIONS heading: the `<p>` items of the next line, else the next
    three lines."""
    lines = [line for line in text.split("\n") if line.strip()]
    groups = []
    for index, line in enumerate(lines):
        if line.strip().startswith("GUIDING QUESTIONS"):
            following = lines[index + 1]
            items = re.findall(r"<p>(.*?)</p>", following)
            if items:
                groups.append([_INLINE_TAGS.sub("", item).strip() for item in items])
            else:
                groups.append(
                    [_INLINE_TAGS.sub("", x).strip() for x in lines[index + 1 : index + 4]]
                )
    return groups


@pytest.mark.parametrize("form", RENDERERS)
def test_guiding_questions_stay_one_per_item(form: str) -> None:
    text = read_rendered("rcm-sacm-plenary-2021", form).text
    expected = _question_groups(seed("rcm-sacm-plenary-2021"))
    assert len(expected) == 6 and all(len(group) == 3 for group in expected)
    assert _question_groups(text) == expected
    cells = [line for line in text.split("\n") if line.startswith("<p>") and "?" in line]
    assert len(cells) == 4  # sessions 2, 3, 5 and 6 hold their questions in one table cell


@pytest.mark.parametrize("form", RENDERERS)
@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_time_range_opens_its_row(name: str, form: str) -> None:
    text = read_rendered(name, form).text
    found = [match for line in text.split("\n") for match in _RANGE.findall(line)]
    assert found == _RANGE.findall(seed(name))
    for line in text.split("\n"):
        if _RANGE.search(line):
            assert _RANGE.match(line), line


def test_pdf_page_furniture_is_dropped_and_symbols_kept() -> None:
    text = read_rendered("rcm-sacm-plenary-2021", "pdf").text
    assert "Page 1" not in text and "Concept note" not in text.replace("CONCEPT NOTE", "")
    assert "• ✓ To promote increased collaboration" in text
    assert "Conferencia Regional sobre Migración" in text  # á from the embedded font


# --- refusals ---------------------------------------------------------------------------------


@pytest.fixture
def nothing_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working folder and a temporary folder that must stay empty."""
    work, scratch = tmp_path / "work", tmp_path / "scratch"
    work.mkdir()
    scratch.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    yield work
    assert list(work.iterdir()) == [] and list(scratch.iterdir()) == []


def _xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Name", "Institution"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_pdf("A note\n\nIt has text."))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _scanned_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    picture = Image.new("L", (40, 60), 200)
    page.drawImage(ImageReader(picture), 72, 300, width=400, height=500)
    page.rect(72, 72, 200, 100, fill=1)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _ole(*streams: str) -> bytes:
    body = b"".join(stream.encode("utf-16-le") + b"\0" * 8 for stream in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + body + b"\0" * 500


def _garbage_docx() -> bytes:
    with zipfile.ZipFile(io.BytesIO(render_docx("Title\n\nText"))) as package:
        parts: dict[str, bytes | str] = {name: package.read(name) for name in package.namelist()}
    return zip_package({**parts, "word/document.xml": b"<w:document>\x00\x01 not < xml"})


REFUSALS: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("empty", lambda: b"", "note.txt", "is empty"),
    ("blank", lambda: b"  \r\n\t \n", "note.txt", "is empty"),
    ("xlsx", _xlsx, "participants.xlsx", "is a spreadsheet, not a concept note"),
    ("xlsx named docx", _xlsx, "note.docx", "is a spreadsheet"),
    ("ods", lambda: zip_package({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
     "sheet.ods", "is a spreadsheet"),
    ("xls", lambda: _ole("Workbook"), "list.xls", "is a spreadsheet"),
    ("csv", lambda: b"Name;Institution\nAna;OIM\n", "people.csv", "is a spreadsheet"),
    ("png", lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), "scan.png", "is a picture"),
    ("jpeg", lambda: b"\xff\xd8\xff\xe0" + bytes(200), "scan.jpg", "is a picture"),
    ("gif", lambda: b"GIF89a" + bytes(200), "scan.gif", "is a picture"),
    ("tiff", lambda: b"II*\x00" + bytes(200), "scan.tif", "is a picture"),
    ("bmp", lambda: b"BM" + bytes(4) + bytes(4) + bytes(200), "scan.bmp", "is a picture"),
    ("webp", lambda: b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(200), "scan.webp", "is a picture"),
    ("encrypted pdf", _encrypted_pdf, "note.pdf", "protected by a password"),
    ("protected docx", lambda: _ole("EncryptedPackage", "EncryptionInfo"), "note.docx",
     "protected by a password"),
    ("scanned pdf", _scanned_pdf, "scan.pdf", "holds only images of pages, no text"),
    ("garbage docx", _garbage_docx, "note.docx", "is damaged or incomplete: it cannot be read as Word (.docx)"),
    ("truncated pdf", lambda: render_pdf(seed("mirps-workshop-2020"))[:30_000], "note.pdf",
     "cannot be read as PDF"),
    ("garbage odt", lambda: zip_package({"mimetype": reading.ODT, "content.xml": "<office:doc"}),
     "note.odt", "cannot be read as OpenDocument (.odt)"),
    ("doctype odt", lambda: zip_package({"mimetype": reading.ODT, "content.xml":
     '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}), "note.odt",
     "cannot be read as OpenDocument"),
    ("doc", lambda: _ole("WordDocument", "1Table"), "note.doc", "old Word document (.doc)"),
    ("msg", lambda: _ole("__substg1.0_0037001F"), "mail.msg", "Outlook message"),
    ("rtf", lambda: b"{\\rtf1\\ansi Concept note}", "note.rtf", "is not a Word (.docx), PDF"),
    ("pptx", lambda: zip_package({"ppt/presentation.xml": "<p/>"}), "slides.pptx", "is not a Word"),
    ("binary", lambda: random.Random(7).randbytes(5000), "note.txt", "is not a Word (.docx), PDF"),
    ("nul-filled", lambda: b"Agenda\x00\x00\x00\x00\x00" * 50, "agenda.txt", "is not a Word"),
    ("e-mail without a body", lambda: b"From: a@example.org\nMIME-Version: 1.0\nContent-Type: "
     b"application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n", "note.eml",
     "has no text in its body"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "name", "says"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_refusals_name_the_problem(
    make: Callable[[], bytes], name: str, says: str, nothing_written: Path
) -> None:
    with pytest.raises(ImportFileError) as refused:
        read_note_bytes(make(), name)
    assert says in str(refused.value) and name in str(refused.value)
    assert refused.value.__class__ is ImportFileError


def test_a_zip_bomb_is_refused_before_it_is_unpacked(nothing_written: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            block = bytes(1024 * 1024)
            for _megabyte in range(101):
                part.write(block)
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(ImportFileError, match="would unpack to more than 100 MB"):
        read_note_bytes(buffer.getvalue(), "bomb.docx")


def test_a_file_too_large_is_refused_with_its_size(
    nothing_written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_NOTE_BYTES", 1024 * 1024)
    big = nothing_written.parent / "big.txt"
    big.write_bytes(b"A line of the note.\n" * 110_000)
    with pytest.raises(ImportFileError) as refused:
        read_note_file(big)
    assert "big.txt is 2.1 MB, larger than the 1 MB a concept note may be" in str(refused.value)
    with pytest.raises(ImportFileError, match="larger than the 1 MB"):
        read_note_bytes(big.read_bytes(), "big.txt")


def test_a_missing_file_is_refused(nothing_written: Path) -> None:
    with pytest.raises(ImportFileError, match=r"missing\.pdf could not be opened"):
        read_note_file(nothing_written / "missing.pdf")


# --- hostile and unusual text -----------------------------------------------------------------


TEXTS = [
    ("utf-16", codecs.BOM_UTF16_LE + "Reunión 6–7 oct\r\nSesión 1".encode("utf-16-le"), "n.txt",
     "Reunión 6–7 oct\nSesión 1"),
    ("cp1252", "“Seeking joint actions” – 9–10 Sept\r\n".encode("cp1252"), "n.txt",
     "“Seeking joint actions” – 9–10 Sept"),
    ("1 MB line", b"word " * 200_000, "long.txt", "word " * 199_999 + "word"),
    ("nul and bidi", "Due\x00: 30\u202e Sept\u2066 2021\x07".encode(), "n.txt", "Due: 30 Sept 2021"),
    ("markup in .txt", b"<p>Agenda</p>\n<b>09:00</b> Opening", "n.txt",
     "<p>Agenda</p>\n<b>09:00</b> Opening"),
    ("markup, no hint", b"<p>Agenda</p>\n<b>09:00</b> Opening", "note", "Agenda\n\n09:00 Opening"),
    ("form feeds", b"Page one\fPage two\r\rEnd", "n.txt", "Page one\nPage two\n\nEnd"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "name", "text"), [t[1:] for t in TEXTS], ids=[t[0] for t in TEXTS]
)
def test_unusual_text_files(data: bytes, name: str, text: str) -> None:
    note = read_note_bytes(data, name)
    assert note.text == text
    assert note.media_type == (reading.HTML if name == "note" else reading.TEXT)


def test_the_bytes_decide_the_format_not_the_name() -> None:
    docx = render_docx("CONCEPT NOTE\n\nThe meeting is on 6 October 2020.")
    note = read_note_bytes(docx, "note.pdf")
    assert note.media_type == reading.DOCX and "6 October 2020" in note.text


def test_pasted_text() -> None:
    note = note_from_text("Dear colleagues,\r\n\r\nThe workshop\u202e is on 6 October.\x00")
    assert note.text == "Dear colleagues,\n\nThe workshop is on 6 October."
    assert (note.file_name, note.media_type) == ("pasted-note.txt", reading.TEXT)
    assert note.data == note.text.encode() and note.size == len(note.data)
    with pytest.raises(ImportFileError, match="There is no text to read"):
        note_from_text(" \n\t ")


def test_read_note_file_reads_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "nota conceptual.docx"
    path.write_bytes(render_docx("NOTA CONCEPTUAL\n\nTaller: 6 de octubre de 2020."))
    note = read_note_file(path)
    assert note == read_note_bytes(path.read_bytes(), "nota conceptual.docx")
    assert note.text == "NOTA CONCEPTUAL\n\nTaller: 6 de octubre de 2020."


def _mutations(data: bytes, count: int, rng: random.Random) -> Iterator[bytes]:
    for _copy in range(count):
        mutated = bytearray(data)
        for _flip in range(rng.randint(1, 40)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        yield bytes(mutated[: rng.randint(len(data) // 2, len(data))])


@pytest.mark.parametrize("form", ["docx", "odt", "pdf", "html", "eml"])
def test_damaged_files_end_in_a_reading_or_an_import_error(form: str) -> None:
    rng = random.Random(form)
    render, file_name, _media = RENDERERS[form]
    original = render(seed("mirps-workshop-2020"))
    for data in _mutations(original, 25, rng):
        try:
            note = read_note_bytes(data, file_name)
        except ImportFileError as error:
            assert error.__class__ is ImportFileError and str(error)
        else:
            assert isinstance(note.text, str) and note.text.strip()


def test_random_bytes_behind_every_magic() -> None:
    rng = random.Random(11)
    heads = [b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html><body>",
             b"From: a@b\nMIME-Version: 1.0\n\n", b"\xff\xfe", b"\xef\xbb\xbf", b""]  # fmt: skip
    for head in heads:
        for size in (0, 10, 3000):
            data = head + rng.randbytes(size)
            with contextlib.suppress(ImportFileError):
                read_note_bytes(data, "x")


def test_reading_loads_no_parser_until_a_file_needs_it() -> None:
    code = (
        "import sys, rcm_desktop.exchange.notes.reading as r; "
        "print(sorted(m for m in ('docx', 'pypdf', 'lxml', 'email.parser', 'html.parser')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- what each format does with footnotes, merged cells, lists --------------------------------

_DOCX_BODY = """<w:p><w:r><w:t>Comments are due</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:br/><w:t xml:space="preserve">by e-mail.</w:t><w:tab/><w:t>Thanks</w:t></w:r>
<w:del><w:r><w:delText>removed</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr><w:r><w:t>First</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr><w:r><w:t>Second</w:t></w:r></w:p>
<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>SESSION 1</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Day 1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>09:00-09:10</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>Opening</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>Welcome</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
<w:tc><w:p><w:r><w:t>09:10-10:00</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Panel</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Chair: Mexico</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>"""
_DOCX_NOTES = """<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> The deadline is 30 September 2021.</w:t></w:r></w:p></w:footnote></w:footnotes>"""
_ODT_BODY = """<office:automatic-styles><text:list-style style:name="N"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/></text:list-style></office:automatic-styles>
<office:body><office:text><text:p>Comments are due<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>The deadline is 30 September 2021.</text:p></text:note-body></text:note><text:s text:c="3"/>by<text:line-break/>e-mail.<text:tab/>Thanks<office:annotation><text:p>a comment</text:p></office:annotation></text:p>
<text:list text:style-name="N"><text:list-item><text:p>First</text:p></text:list-item><text:list-item><text:p>Second</text:p></text:list-item></text:list>
<table:table><table:table-column table:number-columns-repeated="3"/><table:table-row><table:table-cell table:number-columns-spanned="3"><text:p>SESSION 1</text:p></table:table-cell><table:covered-table-cell/><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>Day 1</text:p></table:table-cell><table:table-cell><text:p>09:00-09:10</text:p></table:table-cell><table:table-cell><text:p>Opening</text:p><text:p>Welcome</text:p></table:table-cell></table:table-row>
<table:table-row><table:covered-table-cell/><table:table-cell><text:p>09:10-10:00</text:p></table:table-cell><table:table-cell><table:table><table:table-row><table:table-cell><text:p>Panel</text:p></table:table-cell>
<table:table-cell><text:p>Chair: Mexico</text:p></table:table-cell></table:table-row></table:table></table:table-cell></table:table-row></table:table></office:text></office:body>"""
_HTML = """<html><head><title>Invitation</title><style>p{color:red}</style></head><body><script>document.write("no")</script>
<table><tr><td><p>Comments are due¹<br>by e-mail. Thanks</p><ol><li>First</li><li>Second</li></ol><table><tr><td colspan="3">SESSION 1</td></tr>
<tr><td rowspan="2">Day 1</td><td>09:00-09:10</td><td><p>Opening</p><p>Welcome</p></td></tr><tr><td>09:10-10:00</td><td><table><tr><td>Panel</td>
<td>Chair: Mexico</td></tr></table></td></tr></table><p>¹ The deadline is 30 September 2021.</p></td></tr></table></body></html>"""
FORMATS = {
    "docx": lambda: read_note_bytes(render_docx_xml(_DOCX_BODY, _DOCX_NOTES), "n.docx"),
    "odt": lambda: read_note_bytes(zip_package({"mimetype": reading.ODT, "content.xml": odt_content(_ODT_BODY)}), "n.odt"),
    "html": lambda: read_note_bytes(_HTML.encode(), "invitation.htm"),  # a layout table around it
}  # fmt: skip


@pytest.mark.parametrize("form", FORMATS)
def test_footnotes_merged_cells_nested_tables_and_numbered_lists(form: str) -> None:
    text = FORMATS[form]().text
    assert text == (
        "Comments are due¹ by e-mail. Thanks\n\n1. First\n2. Second\n\nSESSION 1\n"
        "Day 1\t09:00-09:10\t<p>Opening</p> <p>Welcome</p>\n\t09:10-10:00\tPanel; Chair: Mexico\n\n"
        "¹ The deadline is 30 September 2021."
    ).replace("due¹ by", "due¹\n\nby" if form == "html" else "due¹ by")  # <br> ends a line


def test_an_email_reads_its_plain_body_in_its_charset() -> None:
    message = (
        "From: ST <st@example.org>\nTo: fp@example.org\nSubject: Nota\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain; '
        "charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nReuni=F3n: 6 de oct=\n"
        "ubre\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=a.pdf\n"
        "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQ=\n--b--\n"
    ).encode("ascii")
    note = read_note_bytes(message, "forwarded")  # no .eml: its headers tell
    assert (note.text, note.media_type) == ("Reunión: 6 de octubre", reading.EMAIL)
    flowed = b"From: a@b.org\nMIME-Version: 1.0\nContent-Type: text/plain; format=flowed\n\nA long \nline.\n"
    assert read_note_bytes(flowed, "n.eml").text == "A long line."
    memo = b"To: Member Countries\nFrom: Executive Secretariat\nSubject: Workshop\n\nDear all"
    assert read_note_bytes(memo, "memo").text.startswith("To: Member Countries")  # a note


def test_pdf_table_without_rules_is_read_from_its_columns() -> None:
    cells = [(730, ["Time", "Activity", "Coordinator"]),
             (714, ["09:00-09:10", "Opening remarks – RCM Pro-", "RCM Executive"]),
             (702, ["", "tempore Presidency", "Secretariat"]),
             (686, ["09:10-09:20", "Introduction to the workshop", "MIRPS Technical"]),
             (674, ["", "", "Secretariat"])]  # fmt: skip
    items = [(72.0, 760.0, "DRAFT AGENDA", 11.0), (72.0, 650.0, "It is held online.", 10.0)]
    items += [
        (x, y, t, 10.0) for y, row in cells for x, t in zip((72, 160, 400), row, strict=True) if t
    ]
    assert read_note_bytes(render_drawn_pdf([items], []), "agenda.pdf").text == (
        "DRAFT AGENDA\n\nTime\tActivity\tCoordinator\n"
        "09:00-09:10\tOpening remarks – RCM Pro-tempore Presidency\tRCM Executive Secretariat\n"
        "09:10-09:20\tIntroduction to the workshop\tMIRPS Technical Secretariat\n\n"
        "It is held online."
    )


def test_pdf_paragraph_over_a_page_break_and_footnotes_under_their_rule() -> None:
    from reportlab.lib.utils import simpleSplit

    pdf_font()
    sentence = "The Member Countries will review the proposed Regional Strategy in working groups. "
    lines = [*simpleSplit(sentence * 60, FAMILY, 10, 451)[:50], "Comments are due¹ by June."]
    first = [(72.0, 740.0 - 13 * i, line, 10.0) for i, line in enumerate(lines[:-2])]
    second = [(72.0, 760.0 - 13 * i, line, 10.0) for i, line in enumerate(lines[-2:])]
    footnote = (72.0, 82.0, "¹ Comments by 30 September 2021.", 8.0)
    pages = [
        [(72.0, 760.0, "CONTEXT", 11.0), *first, footnote],
        [*second, (72.0, 720.0, "End.", 10.0)],
    ]
    assert 100 < first[-1][1] < 140  # the page is full: the paragraph goes on over the page
    text = read_note_bytes(render_drawn_pdf(pages, [(0, 95.0, 72.0, 216.0)]), "note.pdf").text
    assert text == f"CONTEXT\n\n{' '.join(lines)}\n\nEnd.\n\n¹ Comments by 30 September 2021."
