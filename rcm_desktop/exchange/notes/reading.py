"""A concept note's file read into plain text: the one form the extraction reads line by line.

The format is told by the bytes, the name's extension only a hint: `%PDF` is a PDF, a ZIP
package with `word/document.xml` a Word document, one whose `mimetype` is OpenDocument text an
.odt; text opening with markup is a web page, text opening with an e-mail's headers an e-mail;
any other text is plain text. Spreadsheets, pictures, old .doc files, Outlook .msg files,
password-protected and scanned files, damaged files, ZIP bombs and binary files are refused
with an ImportFileError that names the problem and the fix; nothing else escapes, and nothing
is written anywhere.

The text: a paragraph per line, blank lines between blocks, list items on consecutive lines,
a table row per line with its cells joined by TAB (a cell of several paragraphs as
`<p>…</p> <p>…</p>`), footnotes at the end led by their number ("¹ …"); control and bidi
characters removed, NFC.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rcm_desktop.errors import ImportFileError
from rcm_desktop.i18n import _

#: The largest note file read.
MAX_NOTE_BYTES = 50 * 1024 * 1024
PASTED_NAME = "pasted-note.txt"

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
ODT = "application/vnd.oasis.opendocument.text"
TEXT = "text/plain"
HTML = "text/html"
EMAIL = "message/rfc822"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".numbers")
_ODF_SPREADSHEETS = ("application/vnd.oasis.opendocument.spreadsheet",)


@dataclass(frozen=True)
class NoteFile:
    """A note as read: its plain text, and the file it came from (name, media type, SHA-256,
    size and bytes, to attach to the meeting)."""

    text: str
    file_name: str
    media_type: str
    sha256: str
    size: int
    data: bytes = field(repr=False)


def read_note_file(path: Path) -> NoteFile:
    """The note in the file at *path*; ImportFileError when it cannot be read as a note."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_NOTE_BYTES + 1)
            if len(data) > MAX_NOTE_BYTES:
                stream.seek(0, 2)
                size = stream.tell()
                from rcm_desktop.exchange.notes.read_common import too_large

                raise too_large(path.name, size, MAX_NOTE_BYTES)
    except OSError as error:
        raise ImportFileError(
            _(
                "%(name)s could not be opened (%(reason)s). Check that the file is still there "
                "and that you may read it, then try again."
            )
            % {"name": path.name, "reason": error.strerror or error}
        ) from error
    return read_note_bytes(data, path.name)


def read_note_bytes(data: bytes, file_name: str) -> NoteFile:
    """The note in *data*, a file called *file_name*; ImportFileError when it cannot be read
    as a note."""
    from rcm_desktop.exchange.notes import read_common

    if len(data) > MAX_NOTE_BYTES:
        raise read_common.too_large(file_name, len(data), MAX_NOTE_BYTES)
    if not data.strip():
        raise read_common.empty(file_name)
    try:
        media_type, text = _read(data, file_name)
    except ImportFileError:
        raise
    except Exception as error:  # whatever a parser raised: the file is not what it claims
        raise read_common.not_a_note(file_name) from error
    if not text.strip():
        if media_type == EMAIL:
            raise read_common.no_body(file_name)
        raise read_common.empty(file_name)
    return NoteFile(text, file_name, media_type, hashlib.sha256(data).hexdigest(), len(data), data)


def note_from_text(text: str) -> NoteFile:
    """A note pasted as text (an e-mail's body, say), kept as the file "pasted-note.txt"."""
    from rcm_desktop.exchange.notes import read_common
    from rcm_desktop.exchange.notes.read_text import plain_text

    data = text.encode("utf-8", "surrogatepass")
    if len(data) > MAX_NOTE_BYTES:
        raise read_common.too_large(_("The pasted text"), len(data), MAX_NOTE_BYTES)
    cleaned = plain_text(text)
    if not cleaned.strip():
        raise ImportFileError(
            _(
                "There is no text to read. Paste the concept note's text (for example from "
                "the organiser's e-mail) and try again."
            )
        )
    data = cleaned.encode("utf-8")
    return NoteFile(cleaned, PASTED_NAME, TEXT, hashlib.sha256(data).hexdigest(), len(data), data)


def _read(data: bytes, name: str) -> tuple[str, str]:
    """The media type and the plain text of *data*."""
    from rcm_desktop.exchange.notes import read_common

    suffix = Path(name).suffix.lower()
    head = data[:16]
    if data[:1024].lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF"):
        from rcm_desktop.exchange.notes.read_pdf import read_pdf

        return PDF, read_pdf(data, name)
    if head.startswith(_ZIP):
        return _read_package(data, name, suffix)
    if head.startswith(_OLE):
        raise _ole_refusal(data, name, suffix)
    if _is_picture(head):
        raise read_common.picture(name)
    if head.startswith(b"{\\rtf"):
        raise read_common.not_a_note(name)
    from rcm_desktop.exchange.notes import read_text

    text = read_text.decode_text(data)
    read_text.check_text(text, name)
    if suffix in _SPREADSHEETS:
        raise read_common.spreadsheet(name)
    if suffix in (".htm", ".html", ".xhtml") or (suffix != ".txt" and read_text.looks_html(text)):
        from rcm_desktop.exchange.notes.read_html import html_text

        return HTML, html_text(text)
    if suffix == ".eml" or (suffix != ".txt" and read_text.looks_email(text)):
        from rcm_desktop.exchange.notes.read_email import read_email

        return EMAIL, read_email(data, name)
    return TEXT, read_text.plain_text(text)


def _read_package(data: bytes, name: str, suffix: str) -> tuple[str, str]:
    from rcm_desktop.exchange.notes import read_common

    kind = "Word (.docx)" if suffix in (".docx", ".docm", ".dotx") else "OpenDocument (.odt)"
    package = read_common.open_package(data, name, kind)
    parts = set(package.namelist())
    if "word/document.xml" in parts:
        from rcm_desktop.exchange.notes.read_docx import read_docx

        return DOCX, read_docx(data, name)
    mimetype = ""
    if "mimetype" in parts:
        raw = read_common.read_part(package, "mimetype", name, kind)[:200]
        mimetype = raw.decode("ascii", "replace").strip()
    if mimetype.startswith(ODT):
        from rcm_desktop.exchange.notes.read_odt import read_odt

        return ODT, read_odt(data, name)
    if "xl/workbook.xml" in parts or mimetype.startswith(_ODF_SPREADSHEETS):
        raise read_common.spreadsheet(name)
    if suffix in _SPREADSHEETS:
        raise read_common.spreadsheet(name)
    raise read_common.not_a_note(name)


def _ole_refusal(data: bytes, name: str, suffix: str) -> ImportFileError:
    """What an OLE compound file (the Office 97-2003 container) is refused as."""
    from rcm_desktop.exchange.notes import read_common

    def holds(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if holds("EncryptedPackage"):
        return read_common.protected(name)  # a .docx or .xlsx saved with a password
    if suffix in _SPREADSHEETS or holds("Workbook") or holds("Book"):
        return read_common.spreadsheet(name)
    if suffix == ".msg" or holds("__substg1.0_"):
        return read_common.outlook_message(name)
    if suffix in (".doc", ".dot") or holds("WordDocument"):
        return read_common.old_word(name)
    return read_common.not_a_note(name)


def _is_picture(head: bytes) -> bool:
    """True when *head* opens a PNG, JPEG, GIF, TIFF, BMP, WebP or HEIC picture."""
    return (
        head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*"))
        or (head.startswith(b"BM") and head[6:10] == b"\x00\x00\x00\x00")
        or (head.startswith(b"RIFF") and head[8:12] == b"WEBP")
        or head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1")
    )
