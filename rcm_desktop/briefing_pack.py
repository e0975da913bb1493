"""The delegation briefing pack: one PDF a head of delegation can rely on (domain layer, no Qt).

`build_briefing(data, path, options)` lays out a `BriefingData` in the language of
`options.language`, independent of the interface's: cover, summary, schedule in the
organiser's time and the delegation's, the delegation and its empty seats, guiding
questions with the delegation's positions, documents, deadlines, key contacts and
background. Every gap is marked where it shows, saying what to record.

A pack longer than four pages gets a table of contents. The first build tells how long
the pack is and on which page each heading falls; the second, with the contents, starts
from those pages (shifted by the contents' own length), so it is normally the last.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, PageBreak, Paragraph

from rcm_desktop.briefing_sections import Sections, Writer
from rcm_desktop.data.services.briefing_data import BriefingData
from rcm_desktop.errors import StorageError
from rcm_desktop.i18n import Messages, messages
from rcm_desktop.pdf.document import (
    MARGIN,
    CancelCheck,
    Heading,
    PageFurniture,
    PdfInfo,
    ProgressCallback,
    contents_table,
    write_pdf,
)
from rcm_desktop.pdf.markup import text
from rcm_desktop.pdf.styles import Styles, stylesheet

#: A pack longer than this many pages gets a table of contents.
CONTENTS_AFTER_PAGES = 4


@dataclass(frozen=True)
class BriefingOptions:
    """How to print: the pack's language, its confidentiality marking, the day it is prepared."""

    language: str = "en"
    marking: str = ""
    prepared_on: dt.date | None = None


class _RecordedHeading(Heading):
    """A heading that notes the page it is drawn on (to seed the table of contents)."""

    def __init__(self, markup: str, style: Any, level: int, log: list, in_contents: bool) -> None:
        super().__init__(markup, style, level, in_contents)
        self._log = log

    def draw(self) -> None:
        self._log.append((self.outline_level, self.in_contents, self.canv.getPageNumber(), self))
        super().draw()


def _story(
    data: BriefingData,
    options: BriefingOptions,
    t: Messages,
    styles: Styles,
    log: list,
    contents: Flowable | None,
) -> list[Flowable]:
    def heading(markup: str, style: Any, level: int, in_contents: bool = True) -> Heading:
        return _RecordedHeading(markup, style, level, log, in_contents)

    writer = Writer(t, styles, heading, options.prepared_on or dt.date.today())
    sections = Sections(data, writer, options.marking)
    story: list[Flowable] = sections.cover()
    story.append(PageBreak())
    if contents is not None:
        story.append(heading(text(t.gettext("Contents")), styles.h1, 0, in_contents=False))
        story.append(contents)
        story.append(PageBreak())
    story += sections.body()
    return story


def _contents_pages(table: Any, styles: Styles) -> int:
    """How many pages the contents take: their rows laid out as the frame will hold them."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    width, height = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN
    table._lastEntries = table._entries
    table.canv = Canvas(io.BytesIO())
    try:
        table.wrap(width, height)
    finally:
        del table.canv
    heading = Paragraph(text("Contents"), styles.h1).wrap(width, height)[1]
    pages, room = 1, height - heading - styles.h1.spaceBefore - styles.h1.spaceAfter
    for row in table._table._rowHeights:
        if row > room:
            pages, room = pages + 1, height
        room -= row
    return pages


def _seeded_contents(log: list, styles: Styles) -> Flowable:
    """A table of contents filled from the first build, its pages shifted by its own length."""
    from rcm_desktop.pdf.markup import plain

    entries = []
    for number, (level, in_contents, page, flowable) in enumerate(log, start=2):
        if in_contents:  # the contents' own heading takes bookmark h1 in the second build
            entries.append((level, text(plain(flowable.getPlainText())), page, f"h{number}"))
    table = contents_table(styles)
    table._entries = entries
    shift = _contents_pages(table, styles)
    table._entries = [(level, title, page + shift, key) for level, title, page, key in entries]
    table._lastEntries = table._entries  # what a single build draws
    return table


def build_briefing(
    data: BriefingData,
    path: Path,
    options: BriefingOptions,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> int:
    """Write the briefing pack of *data* to *path*; returns its number of pages.

    The file appears complete or not at all (a cancelled or failed build leaves nothing).
    """
    t = messages(options.language)
    styles = stylesheet()
    path = Path(path)
    prepared_on = options.prepared_on or dt.date.today()
    country = t.country(data.country)
    info = PdfInfo(
        title=t.gettext("Briefing pack: %(title)s") % {"title": data.title},
        author=t.gettext("Delegation of %(country)s") % {"country": country},
        subject=t.gettext("Briefing for the delegation of %(country)s to %(title)s")
        % {"country": country, "title": data.title},
        language=t.language,
        keywords=tuple(forum.code for forum in data.forums),
    )
    furniture = PageFurniture(
        header_left=data.title,
        header_right=options.marking.strip(),
        footer_left=t.gettext("Briefing pack · Delegation of %(country)s · prepared on %(date)s")
        % {"country": country, "date": t.date(prepared_on)},
        page_label=lambda page, total: (
            t.gettext("Page %(page)d of %(total)d") % {"page": page, "total": total}
        ),
    )

    def scaled(start: int, span: int) -> ProgressCallback | None:
        if progress is None:
            return None
        return lambda done, total: progress(start + span * done // max(total, 1), 100)

    log: list = []
    first_pass = path.with_name(f".{path.name}.first-pass")
    try:
        pages = write_pdf(
            first_pass,
            lambda: _story(data, options, t, styles, log, None),
            info,
            furniture,
            progress=scaled(0, 55),
            cancelled=cancelled,
        )
        if pages <= CONTENTS_AFTER_PAGES:
            try:
                os.replace(first_pass, path)
            except OSError as error:
                raise StorageError(
                    t.gettext(
                        "The PDF could not be written to %(path)s (%(reason)s). "
                        "Choose a folder you can write to."
                    )
                    % {"path": path, "reason": error.strerror or error}
                ) from error
        else:
            first_log = list(log)
            log.clear()
            pages = write_pdf(
                path,
                lambda: _story(data, options, t, styles, log, _seeded_contents(first_log, styles)),
                info,
                furniture,
                # The contents are seeded with the final page numbers: one build suffices.
                with_contents=False,
                progress=scaled(55, 45),
                cancelled=cancelled,
            )
    finally:
        first_pass.unlink(missing_ok=True)
    if progress is not None:
        progress(100, 100)
    return pages


def bare_story(data: BriefingData, options: BriefingOptions) -> list[Flowable]:
    """The pack's flowables with nothing of the base around them (for the benchmark's baseline)."""
    t = messages(options.language)
    styles = stylesheet()
    contents = contents_table(styles)
    return _story(data, options, t, styles, [], contents)


__all__ = ["BriefingOptions", "bare_story", "build_briefing"]
