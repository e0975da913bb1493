"""The concept note's text beside its review: every value read from it highlighted where it was
found, one colour per group of fields (with a legend), and `show_source(path)` to bring a
field's source into view and flash it when the user picks that field.

A source is `Source(line, text, column)` over the note's lines: the exact span when the column
is known and matches, else the text found in that line, else the whole line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QWidget

from rcm_desktop.domain.note_text.found import Source, fold_keep_length
from rcm_desktop.i18n import N_, _

#: The groups of fields, each with its caption (the review's tab of the same name) and colour.
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("general", N_("General"), "#cfe2ff"),
    ("sessions", N_("Sessions and agenda"), "#cdeccd"),
    ("participants", N_("Participants"), "#ffe0b2"),
    ("questions", N_("Questions"), "#e6d9fb"),
    ("deadlines", N_("Deadlines and documents"), "#fbd3de"),
)
_GROUP_OF_HEAD = {
    "sessions": "sessions",
    "limit_per_country": "participants",
    "observers_invited": "participants",
    "civil_society_invited": "participants",
    "seats": "participants",
    "guiding_questions": "questions",
    "deadlines": "deadlines",
    "documents": "deadlines",
}
#: Where a field of the revision plan was read, when its name differs from the draft's.
_PLAN_FIELDS = {"convening_body": "body"}
FLASH_COLOUR = "#ffd23f"
FLASH_MS = 1500


def group_of(path: str) -> str:
    """The group of a field path ("sessions.0.agenda.2" → "sessions")."""
    return _GROUP_OF_HEAD.get(path.split(".")[0], "general")


def _units(text: str) -> int:
    """The length of *text* in the UTF-16 units a QTextDocument counts."""
    return len(text.encode("utf-16-le")) // 2


class NoteTextView(QPlainTextEdit):
    """The note, read-only and wrapped, with its sources highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteText")
        self.setAccessibleName(_("The concept note's text"))
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # read-only, but the keyboard can still move through it and select text to copy
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._lines: list[str] = []
        #: (start, length) of each field's sources in the document, by field path.
        self.spans: dict[str, list[tuple[int, int]]] = {}
        self._base: list[QTextEdit.ExtraSelection] = []
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.setInterval(FLASH_MS)
        self._flash.timeout.connect(lambda: self.setExtraSelections(self._base))

    def set_note(
        self,
        text: str,
        sources: Mapping[str, Sequence[Source]],
        also: Iterable[tuple[str, Source]] = (),
    ) -> None:
        """Show *text* with every source of *sources* (and the field, source pairs of *also*:
        the other values of a conflict) highlighted in its group's colour."""
        # one block per line, as the extraction counts them (CR LF and CR end a line; a
        # paragraph separator would start a block of its own)
        plain = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", " ")
        self._lines = plain.split("\n")
        self.setPlainText(plain)
        self.spans = {}
        pairs = [(path, source) for path, found in sources.items() for source in found]
        for path, source in [*pairs, *also]:
            span = self._span(source)
            if span is not None and span not in self.spans.setdefault(path, []):
                self.spans[path].append(span)
        colours = {key: colour for key, _caption, colour in GROUPS}
        self._base = []
        for path, spans in self.spans.items():
            for start, length in spans:
                self._base.append(self._selection(start, length, colours[group_of(path)]))
        self.setExtraSelections(self._base)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _span(self, source: Source) -> tuple[int, int] | None:
        """Where *source* is in the document: (position, length), or None off the text."""
        if not 1 <= source.line <= len(self._lines):
            return None
        line = self._lines[source.line - 1]
        wanted = source.text.split("\n")[0].strip()
        start = -1
        if wanted and source.column >= 0 and line[source.column :].startswith(wanted):
            start = source.column
        elif wanted:
            start = line.find(wanted)
            if start < 0:
                start = fold_keep_length(line).find(fold_keep_length(wanted))
        if start < 0:  # not found as such: the whole line, without its blanks
            stripped = line.strip()
            start, wanted = (line.find(stripped), stripped) if stripped else (0, line)
        block = self.document().findBlockByNumber(source.line - 1)
        if not block.isValid():
            return None
        return block.position() + _units(line[:start]), max(_units(wanted), 1)

    def _selection(
        self, start: int, length: int, colour: str, *, bold: bool = False
    ) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        text_format = QTextCharFormat()
        text_format.setBackground(QColor(colour))
        text_format.setForeground(QColor("black"))  # readable on the light colour in a dark theme
        if bold:
            text_format.setFontWeight(700)
        selection.format = text_format
        return selection

    def source_spans(self, path: str) -> list[tuple[int, int]]:
        """The spans of *path*, or of the first field under it ("sessions" → its first title)."""
        path = _PLAN_FIELDS.get(path, path)
        if path in self.spans:
            return self.spans[path]
        under = sorted(key for key in self.spans if key.startswith(path + "."))
        return self.spans[under[0]] if under else []

    def show_source(self, path: str) -> bool:
        """Scroll to where *path* was read, put the cursor there and flash it; False when the
        note gave no place for it."""
        return self._flash_spans(self.source_spans(path))

    def show_place(self, source: Source) -> bool:
        """Scroll to *source* and flash it (one of a conflict's values); False off the text."""
        span = self._span(source)
        return self._flash_spans([span] if span is not None else [])

    def _flash_spans(self, spans: list[tuple[int, int]]) -> bool:
        if not spans:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(spans[0][0])
        self.setTextCursor(cursor)
        self.centerCursor()
        flashes = [
            self._selection(start, length, FLASH_COLOUR, bold=True) for start, length in spans
        ]
        self.setExtraSelections(self._base + flashes)
        self._flash.start()
        return True


class NoteLegend(QLabel):
    """What each colour of the note's highlights stands for, in words (wrapped when narrow)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteLegend")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        swatch = '<span style="background-color: %s; color: black;">&nbsp;%s&nbsp;</span>'
        swatches = [swatch % (colour, escape(_(title))) for _key, title, colour in GROUPS]
        caption = escape(_("Found in the note:"))
        self.setText(" ".join([caption, *swatches]))
