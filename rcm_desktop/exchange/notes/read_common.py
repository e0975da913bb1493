"""What the note readers share: the refusals (translated, naming the problem and the fix), the
guarded opening of a ZIP package and of its XML parts, and `TextBuilder`, which writes the one
plain-text form every reader produces (a paragraph per line, blank lines between blocks, list
items on consecutive lines, a table row per line with its cells joined by TAB)."""

from __future__ import annotations

import io
import re
import zipfile

from rcm_desktop.domain.text import clean_text
from rcm_desktop.errors import ImportFileError
from rcm_desktop.i18n import _, format_number

#: The most a package (docx, odt) may unpack to, all parts together.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: The most parts a package may hold.
MAX_PARTS = 10_000

_SPACES = re.compile(r"[ \t\n\r\f\v\u2028\u2029\x85]+")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def megabytes(size: int) -> str:
    """*size* in bytes as people read it: "52.3 MB"."""
    return f"{format_number(round(size / (1024 * 1024), 1))} MB"


# --- Refusals -------------------------------------------------------------------------------


def empty(name: str) -> ImportFileError:
    """The file holds nothing to read."""
    return ImportFileError(
        _(
            "%(name)s is empty: it holds no text. Choose the file that holds the concept note, "
            "or copy the note's text and use Meetings › Paste a concept note's text."
        )
        % {"name": name}
    )


def too_large(name: str, size: int, limit: int) -> ImportFileError:
    """The file is larger than a note may be."""
    return ImportFileError(
        _(
            "%(name)s is %(size)s, larger than the %(limit)s a concept note may be. Choose the "
            "note itself, or save it again without its pictures and try again."
        )
        % {"name": name, "size": megabytes(size), "limit": megabytes(limit)}
    )


def spreadsheet(name: str) -> ImportFileError:
    """A workbook was chosen instead of a note."""
    return ImportFileError(
        _(
            "%(name)s is a spreadsheet, not a concept note. Open the note itself (Word, PDF, "
            "OpenDocument, text or e-mail)."
        )
        % {"name": name}
    )


def picture(name: str) -> ImportFileError:
    """An image was chosen instead of a note."""
    return ImportFileError(
        _(
            "%(name)s is a picture, not a text RCM Desk can read. Ask the sender for the Word "
            "or PDF version of the note, or copy its text from the sender's e-mail and use Meetings › "
            "Paste a concept note's text."
        )
        % {"name": name}
    )


def protected(name: str) -> ImportFileError:
    """The file is encrypted with a password."""
    return ImportFileError(
        _(
            "%(name)s is protected by a password, so its text cannot be read. Remove the "
            "password in the program that made it, or ask the sender for an unprotected copy."
        )
        % {"name": name}
    )


def scanned(name: str) -> ImportFileError:
    """A PDF of page images, without a text layer."""
    return ImportFileError(
        _(
            "%(name)s holds only images of pages, no text: it was scanned or saved as "
            "pictures. Copy the text from the sender's e-mail or ask for the Word version; "
            "then use Meetings › Paste a concept note's text."
        )
        % {"name": name}
    )


def damaged(name: str, kind: str) -> ImportFileError:
    """The file claims a format but cannot be read in it."""
    return ImportFileError(
        _(
            "%(name)s is damaged or incomplete: it cannot be read as %(kind)s. Ask the sender "
            "for a new copy, or open it in its program and save it again."
        )
        % {"name": name, "kind": kind}
    )


def zip_bomb(name: str) -> ImportFileError:
    """A package that would unpack to far more than any note."""
    return ImportFileError(
        _(
            "%(name)s would unpack to more than %(limit)s, far more than any concept note: it "
            "is damaged or made to fill the disk, and was not read. Ask the sender for a new "
            "copy."
        )
        % {"name": name, "limit": megabytes(MAX_UNPACKED_BYTES)}
    )


def old_word(name: str) -> ImportFileError:
    """A Word 97-2003 binary document."""
    return ImportFileError(
        _(
            "%(name)s is an old Word document (.doc), which RCM Desk cannot read. Open it in "
            "Word and save it as .docx first (File › Save As › Word Document), then try again."
        )
        % {"name": name}
    )


def outlook_message(name: str) -> ImportFileError:
    """An Outlook .msg file."""
    return ImportFileError(
        _(
            "%(name)s is an Outlook message (.msg), which RCM Desk cannot read. In Outlook, "
            "save the e-mail as text (File › Save As › Text Only), or copy its text and use Meetings › "
            "Paste a concept note's text."
        )
        % {"name": name}
    )


def not_a_note(name: str) -> ImportFileError:
    """Binary bytes, or a format no reader handles (RTF, a presentation, an archive)."""
    return ImportFileError(
        _(
            "%(name)s is not a Word (.docx), PDF, OpenDocument (.odt), text, web page or "
            "e-mail file. Save the note in one of these formats in its program, or copy its "
            "text and use Meetings › Paste a concept note's text."
        )
        % {"name": name}
    )


def no_body(name: str) -> ImportFileError:
    """An e-mail whose body holds no text."""
    return ImportFileError(
        _(
            "The e-mail %(name)s has no text in its body; the concept note is probably "
            "attached to it. Save the attachment from your e-mail program and open it instead."
        )
        % {"name": name}
    )


# --- Packages -------------------------------------------------------------------------------


def open_package(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """The ZIP package in *data*, its parts' unpacked sizes checked (`zip_bomb`); a password
    on any part is `protected`, a damaged archive `damaged(kind)`."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = package.infolist()
    except Exception as error:
        raise damaged(name, kind) from error
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise zip_bomb(name)
    if any(part.flag_bits & 0x1 for part in parts):
        raise protected(name)
    return package


def read_part(package: zipfile.ZipFile, part: str, name: str, kind: str) -> bytes:
    """The bytes of *part*, never more than its declared size (which `open_package` checked);
    a missing or damaged part is `damaged(kind)`."""
    try:
        with package.open(part) as stream:
            return stream.read(MAX_UNPACKED_BYTES + 1)
    except Exception as error:
        raise damaged(name, kind) from error


def refuse_dtd(data: bytes, name: str, kind: str) -> None:
    """Refuse XML that declares a DOCTYPE or entities (entity expansion, external files)."""
    if _DTD.search(data):
        raise damaged(name, kind)


# --- Text -----------------------------------------------------------------------------------


def one_line(text: str) -> str:
    """*text* on one line: every run of white space (tabs and line breaks too) one space."""
    return _SPACES.sub(" ", text).strip()


def superscript(number: int) -> str:
    """*number* in superscript digits, as a footnote mark: 12 → "¹²"."""
    return str(number).translate(_SUPERSCRIPTS)


def counter_text(value: int, form: str) -> str:
    """*value* as a list counts it: form "lowerLetter" (a, b… z, aa), "upperLetter",
    "lowerRoman" (i, ii), "upperRoman", "decimalZero" (01), anything else decimal."""
    if value <= 0:
        return str(value)
    if form == "decimalZero":
        return f"{value:02d}"
    if form in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if form == "upperLetter" else letters
    if form not in ("lowerRoman", "upperRoman"):
        return str(value)
    written = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        written.append(letters * count)
    roman = "".join(written)
    return roman.upper() if form == "upperRoman" else roman


def cell_text(paragraphs: list[str]) -> str:
    """A table cell's text: one paragraph as it is, several as `<p>…</p>` joined by a space."""
    kept = [line for line in (one_line(paragraph) for paragraph in paragraphs) if line]
    if len(kept) == 1:
        return kept[0]
    return " ".join(f"<p>{line}</p>" for line in kept)


def finish(text: str) -> str:
    """The final form of a note's text: cleaned (`clean_text`, tabs and line breaks kept),
    without trailing spaces, at most one blank line in a row, none at either end."""
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"), multiline=True)
    lines = [line.rstrip(" ") for line in text.split("\n")]
    kept: list[str] = []
    for line in lines:
        if line.strip() or (kept and kept[-1].strip()):
            kept.append(line if line.strip() else "")
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept)


class TextBuilder:
    """Collects a note's blocks in reading order and writes the plain text."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._last = ""

    def _start(self, kind: str) -> None:
        if self._lines and (kind != self._last or kind == "paragraph"):
            self._lines.append("")
        self._last = kind

    def paragraph(self, text: str) -> None:
        """A paragraph (heading, prose, footnote) on a line of its own."""
        line = one_line(text)
        if line:
            self._start("paragraph")
            self._lines.append(line)

    def item(self, text: str) -> None:
        """A list item; items that follow each other stay on consecutive lines."""
        line = one_line(text)
        if line:
            self._start("item")
            self._lines.append(line)

    def row(self, cells: list[str]) -> None:
        """A table row: its cells (each already one line) joined by TAB; an empty row is left
        out. Rows follow each other until `end_table`."""
        texts = [one_line(cell) for cell in cells]
        if any(texts):
            self._start("row")
            self._lines.append("\t".join(texts))

    def end_table(self) -> None:
        """The table is over: the next row starts another one."""
        if self._last == "row":
            self._last = "table"

    def text(self) -> str:
        """The note's plain text (`finish`ed)."""
        return finish("\n".join(self._lines))
