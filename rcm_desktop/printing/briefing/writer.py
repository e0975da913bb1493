"""The briefing pack's writer: its language, styles and layout helpers (tables that fit the
page, marked gaps). Every user string goes through `markup.text` before it enters a Paragraph."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from rcm_desktop.domain.timezones import zone_city, zone_name
from rcm_desktop.i18n import LABEL_MARK, VALUE_MARK, Messages, format_date
from rcm_desktop.printing.briefing.data import Moment
from rcm_desktop.printing.pdf.document import MARGIN
from rcm_desktop.printing.pdf.fonts import REGULAR
from rcm_desktop.printing.pdf.markup import labelled_markup, text
from rcm_desktop.printing.pdf.styles import RULE, WARNING, Styles
from rcm_desktop.printing.pdf.tables import data_table

WIDTH = A4[0] - 2 * MARGIN
#: Every table names the embedded font, else reportlab sets Helvetica (not embedded) on its cells.
FONT = ("FONTNAME", (0, 0), (-1, -1), REGULAR)
GAP_BACKGROUND = colors.HexColor("#fbf4e8")
HeadingFactory = Callable[..., Flowable]


def offset_text(value: str | None) -> str:
    """ "UTC−06:00" with a hyphen: the embedded font has no true minus sign."""
    return (value or "").replace("\u2212", "-")


class Writer:
    """The pack's language, styles and layout helpers."""

    def __init__(
        self, t: Messages, styles: Styles, heading: HeadingFactory, prepared_on: dt.date
    ) -> None:
        self.t = t
        self.s = styles
        self.heading = heading
        self.prepared_on = prepared_on
        self.gap_style = styles.body.clone(
            "gap", fontName=styles.muted.fontName, textColor=WARNING, spaceAfter=0
        )
        self.label_style = styles.cell.clone("label", textColor=colors.HexColor("#555555"))
        self.alarm_style = styles.cell_bold.clone("alarm", textColor=WARNING)

    # -- words --------------------------------------------------------------------------
    def _(self, message: str) -> str:
        return self.t.gettext(message)

    def date(self, value: dt.date | None, form: str = "long") -> str:
        return format_date(value, form, self.t.language) if value else ""

    def times(self, moment: Moment | None, session_day: dt.date | None) -> str:
        """ "09:00–11:00", with the day when it is not the session's day in the organiser's zone.

        When the end falls on another day than the start (across midnight in the delegation's
        zone), the end says so: "23:00–01:00 (next day)".
        """
        if moment is None or moment.start is None:
            return ""
        result = self.t.time(moment.start)
        if moment.end is not None and moment.end_day is not None and moment.end_day != moment.day:
            if session_day is not None and moment.day != session_day:
                result += " (" + self.date(moment.day, "medium") + ")"
            return (
                result
                + "\u2013"
                + self._("%(time)s (next day)") % {"time": self.t.time(moment.end)}
            )
        if moment.end is not None:
            result += "\u2013" + self.t.time(moment.end)
        if session_day is not None and moment.day != session_day:
            result += " (" + self.date(moment.day, "medium") + ")"
        return result

    def zone(self, name: str) -> str:
        """An IANA zone as CLDR words it in the pack's language ("hora de Ciudad de México")."""
        return zone_name(name, self.t.language)

    def city(self, name: str) -> str:
        """The place CLDR names an IANA zone after, in the pack's language ("Ciudad de México")."""
        return zone_city(name, self.t.language)

    def countries(self, codes: Sequence[str]) -> str:
        """The countries' names, sorted, as this language writes a list."""
        return self.t.list(sorted((self.t.country(code) for code in codes), key=str.casefold))

    def field(self, label: str, value: object) -> str:
        """Markup for a label in bold and its value ("Lead: Costa Rica and Panama")."""
        return labelled_markup(self.t.labelled(LABEL_MARK, VALUE_MARK), label, value)

    # -- flowables ----------------------------------------------------------------------
    def h1(self, title: str) -> Flowable:
        return self.heading(text(title), self.s.h1, 0)

    def h2(self, title: str, in_contents: bool = True) -> Flowable:
        return self.heading(text(title), self.s.h2, 1, in_contents)

    def para(self, value: str | None, style: Any = None) -> Paragraph:
        return Paragraph(text(value), style or self.s.body)

    def paras(self, value: str | None) -> list[Flowable]:
        """User text of several paragraphs (blank lines between them) as separate flowables."""
        blocks = [block.strip() for block in (value or "").replace("\r\n", "\n").split("\n\n")]
        return [self.para(block) for block in blocks if block]

    def gap(self, message: str) -> Flowable:
        """A marked gap: what is missing and where to record it."""
        table = Table([[Paragraph(text(message), self.gap_style)]], colWidths=[WIDTH], splitInRow=1)
        table.setStyle(
            [
                FONT,
                ("BACKGROUND", (0, 0), (-1, -1), GAP_BACKGROUND),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, WARNING),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
        table.spaceAfter = 6
        return table

    def stack(self, parts: Sequence[Flowable]) -> Table:
        """Flowables one under the other in a borderless table: one block the headings keep with."""
        table = Table([[part] for part in parts], colWidths=[WIDTH], splitInRow=1)
        table.setStyle(
            [
                FONT,
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
        table.spaceAfter = 8
        return table

    def cell(self, value: str | None, style: Any = None) -> Paragraph:
        return Paragraph(text(value), style or self.s.cell)

    def lines(self, *values: str | None, first_bold: bool = False) -> Paragraph:
        """Several short values in one cell, one a line (empty ones left out)."""
        parts = [text(value) for value in values if value]
        if first_bold and parts:
            parts[0] = f"<b>{parts[0]}</b>"
        return Paragraph("<br/>".join(parts), self.s.cell)

    def table(self, header: Sequence[str], rows: list[list[Any]], widths: Sequence[float]) -> Table:
        """A data table as wide as the page, its columns in proportion to *widths* but each wide
        enough for its header's longest word; the header is repeated on every page it spans."""
        table = data_table(header, rows, widths, WIDTH, self.s)
        table.spaceAfter = 8
        return table

    def pairs(self, rows: Sequence[tuple[str, str | Flowable | None]]) -> Table:
        """A two-column table of labels and values (the cover's facts)."""
        data = [
            [
                Paragraph(text(name), self.label_style),
                value if isinstance(value, Flowable) else self.cell(value),
            ]
            for name, value in rows
            if value
        ]
        table = Table(data, colWidths=[42 * mm, WIDTH - 42 * mm], splitInRow=1)
        table.setStyle(
            [
                FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
        return table
