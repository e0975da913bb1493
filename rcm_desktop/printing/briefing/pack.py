"""The delegation briefing pack: one PDF a head of delegation can rely on (domain layer, no Qt).

`build_briefing(data, path, options)` lays out a `BriefingData` in the language of
`options.language`, independent of the interface's: cover, summary, schedule in the
organiser's time and the delegation's, the delegation and its empty seats, guiding
questions with the delegation's positions, documents, deadlines, key contacts and
background. Every gap is marked where it shows, saying what to record.

A pack longer than four pages gets a table of contents, in one build: pages measured to
hold the contents are reserved after the cover, and the entries are drawn on them when the
build ends and every heading's page is known. A pack that turns out short is built again
without them, which is cheap because it is short.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from rcm_desktop.i18n import Messages, messages
from rcm_desktop.printing.briefing.data import BriefingData
from rcm_desktop.printing.briefing.sections import body_of, cover_of
from rcm_desktop.printing.briefing.writer import Writer
from rcm_desktop.printing.pdf.document import (
    MARGIN,
    CancelCheck,
    ContentsOverflow,
    Heading,
    PageFurniture,
    PdfInfo,
    ProgressCallback,
    ReservedContents,
    contents_table,
    write_pdf,
)
from rcm_desktop.printing.pdf.markup import text
from rcm_desktop.printing.pdf.styles import Styles, stylesheet

#: A pack longer than this many pages gets a table of contents.
CONTENTS_AFTER_PAGES = 4


@dataclass(frozen=True)
class BriefingOptions:
    """How to print: the pack's language, its confidentiality marking, the day it is prepared."""

    language: str = "en"
    marking: str = ""
    prepared_on: dt.date | None = None


def _story(
    data: BriefingData,
    options: BriefingOptions,
    t: Messages,
    styles: Styles,
    headings: list[Heading],
    contents: Sequence[Flowable] | None,
) -> list[Flowable]:
    """The pack's flowables; *headings* collects every heading made, in order."""

    def heading(markup: str, style: Any, level: int, in_contents: bool = True) -> Heading:
        made = Heading(markup, style, level, in_contents)
        headings.append(made)
        return made

    writer = Writer(t, styles, heading, options.prepared_on or dt.date.today())
    story: list[Flowable] = cover_of(data, writer, options.marking)
    story.append(PageBreak())
    if contents is not None:
        story.append(heading(text(t.gettext("Contents")), styles.h1, 0, in_contents=False))
        story.extend(contents)
        story.append(PageBreak())
    story += body_of(data, writer)
    return story


def _contents_pages(headings: Sequence[Heading], styles: Styles, title: str) -> int:
    """Pages the contents of *headings* take, measured as the body frame will hold them."""
    padding = 6  # reportlab's default frame padding, on each side
    width = A4[0] - 2 * MARGIN - 2 * padding
    full = A4[1] - 2 * MARGIN - 2 * padding - 1
    heading_height = Paragraph(text(title), styles.h1).wrap(width, full)[1] + styles.h1.spaceAfter
    titles = [
        (heading.outline_level, text(heading.title)) for heading in headings if heading.in_contents
    ]
    return ReservedContents(styles, 1).pages_needed(titles, width, full - heading_height, full)


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

    title = t.gettext("Contents")

    def story_with_contents(contents: ReservedContents) -> list[Flowable]:
        marker = Spacer(0, 0)  # where the contents go, once the headings say how long they are
        headings: list[Heading] = []
        story = _story(data, options, t, styles, headings, [marker])
        contents.pages = max(contents.pages, _contents_pages(headings, styles, title))
        at = next(index for index, flowable in enumerate(story) if flowable is marker)
        story[at : at + 1] = contents.reserve()
        return story

    # One build with the contents reserved. A pack that turns out short is built again without
    # them (cheaply, being short); a reservation that fell short gets one more page.
    contents = ReservedContents(styles, 1)
    while True:
        try:
            pages = write_pdf(
                path,
                lambda reserved=contents: story_with_contents(reserved),
                info,
                furniture,
                reserved_contents=contents,
                progress=scaled(0, 90),
                cancelled=cancelled,
            )
            break
        except ContentsOverflow:
            contents = ReservedContents(styles, contents.pages + 1)
    if pages - contents.pages <= CONTENTS_AFTER_PAGES:
        pages = write_pdf(
            path,
            lambda: _story(data, options, t, styles, [], None),
            info,
            furniture,
            progress=scaled(90, 10),
            cancelled=cancelled,
        )
    if progress is not None:
        progress(100, 100)
    return pages


def bare_story(data: BriefingData, options: BriefingOptions) -> list[Flowable]:
    """The pack's flowables with nothing of the base around them (for the benchmark's baseline)."""
    t = messages(options.language)
    styles = stylesheet()
    return _story(data, options, t, styles, [], [contents_table(styles)])


__all__ = ["BriefingOptions", "bare_story", "build_briefing"]
