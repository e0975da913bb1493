"""The delegation briefing pack: one PDF a head of delegation can rely on (domain layer, no Qt).

`build_briefing(data, path, options)` lays out a `BriefingData` in the language of
`options.language`, independent of the interface's: cover, summary, schedule in the
organiser's time and the delegation's, the delegation and its empty seats, guiding
questions with the delegation's positions, documents, deadlines, key contacts and
background. Every gap is marked where it shows, saying what to record.

A pack longer than four pages gets a table of contents after its cover
(`printing.pdf.with_contents`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable

from rcm_desktop.i18n import Messages, messages
from rcm_desktop.printing.briefing.data import BriefingData
from rcm_desktop.printing.briefing.sections import body_of, cover_of
from rcm_desktop.printing.briefing.writer import Writer
from rcm_desktop.printing.pdf.document import (
    CancelCheck,
    Heading,
    PageFurniture,
    PdfInfo,
    ProgressCallback,
    contents_table,
)
from rcm_desktop.printing.pdf.styles import Styles, stylesheet
from rcm_desktop.printing.pdf.with_contents import (
    cover_then_contents,
    heading_maker,
    write_with_contents,
)

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
    heading = heading_maker(headings)
    writer = Writer(t, styles, heading, options.prepared_on or dt.date.today())
    story = cover_then_contents(
        cover_of(data, writer, options.marking), heading, contents, t.gettext("Contents"), styles
    )
    story += body_of(data, writer)
    return story


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
    return write_with_contents(
        Path(path),
        lambda headings, contents: _story(data, options, t, styles, headings, contents),
        styles,
        t.gettext("Contents"),
        info,
        furniture,
        contents_after_pages=CONTENTS_AFTER_PAGES,
        progress=progress,
        cancelled=cancelled,
    )


def bare_story(data: BriefingData, options: BriefingOptions) -> list[Flowable]:
    """The pack's flowables with nothing of the base around them (for the benchmark's baseline)."""
    t = messages(options.language)
    styles = stylesheet()
    return _story(data, options, t, styles, [], [contents_table(styles)])


__all__ = ["BriefingOptions", "bare_story", "build_briefing"]
