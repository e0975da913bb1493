"""The handover dossier: what a successor reads to take over in an afternoon (no Qt).

`build_dossier(data, path, language)` lays out a `HandoverData` on the briefing pack's PDF
base (fonts, escaping, contents, page furniture): a cover, the meetings ahead and recent,
the delegations and their contacts, deadlines pending with how each is counted, documents
by stage, positions drafted, the last 90 days in sentences, where files are kept and the
settings that matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from rcm_desktop.i18n import Messages, messages
from rcm_desktop.printing.briefing.writer import Writer
from rcm_desktop.printing.handover import record, work
from rcm_desktop.printing.handover.data import HandoverData
from rcm_desktop.printing.pdf.document import (
    CancelCheck,
    Heading,
    PageFurniture,
    PdfInfo,
    ProgressCallback,
)
from rcm_desktop.printing.pdf.styles import Styles, stylesheet
from rcm_desktop.printing.pdf.with_contents import (
    cover_then_contents,
    heading_maker,
    write_with_contents,
)

#: The body's sections, in the order the dossier prints them.
BODY = (
    work.meetings,
    work.delegations,
    work.deadlines,
    work.documents,
    record.positions,
    record.history,
    record.places,
    record.settings,
)


def _story(
    data: HandoverData,
    t: Messages,
    styles: Styles,
    headings: list[Heading],
    contents: Sequence[Flowable] | None,
) -> list[Flowable]:
    heading = heading_maker(headings)
    writer = Writer(t, styles, heading, data.prepared_on)
    story = cover_then_contents(
        record.cover(data, writer), heading, contents, t.gettext("Contents"), styles
    )
    for section in BODY:
        story.append(CondPageBreak(60 * mm))
        story += section(data, writer)
    return story


def build_dossier(
    data: HandoverData,
    path: Path,
    language: str,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> int:
    """Write the handover dossier of *data* in *language* to *path*; returns its pages.

    The file appears complete or not at all (a cancelled or failed build leaves nothing).
    """
    t = messages(language)
    styles = stylesheet()
    country = t.country(data.country) if data.country else ""
    title = t.gettext("Handover dossier")
    if country:
        title = t.gettext("Handover dossier · Delegation of %(country)s") % {"country": country}
    info = PdfInfo(
        title=title,
        author=data.prepared_by,
        subject=t.gettext("What a successor needs to take over the work of a focal point"),
        language=t.language,
    )
    furniture = PageFurniture(
        header_left=title,
        footer_left=t.gettext("Prepared on %(date)s by %(name)s")
        % {"date": t.date(data.prepared_on), "name": data.prepared_by},
        page_label=lambda page, total: (
            t.gettext("Page %(page)d of %(total)d") % {"page": page, "total": total}
        ),
    )
    return write_with_contents(
        Path(path),
        lambda headings, contents: _story(data, t, styles, headings, contents),
        styles,
        t.gettext("Contents"),
        info,
        furniture,
        contents_after_pages=2,
        progress=progress,
        cancelled=cancelled,
    )


__all__ = ["build_dossier"]
