"""The nomination letter: a note verbale naming the delegation, in a chosen language (PDF).

Pure domain: the data comes in as plain values, the text through `Messages` of the
chosen language (never the interface's global `_`, since it is built off the UI thread
and may be printed in Spanish from an English interface). Every user string is escaped
with `pdf.markup.text` before it enters a Paragraph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rcm_desktop.i18n import N_, Messages

ROLE_LABELS = {
    "head": N_("Head of delegation"),
    "delegate": N_("Delegate"),
    "alternate": N_("Alternate"),
    "technical_advisor": N_("Technical advisor"),
}


@dataclass(frozen=True)
class LetterSeat:
    """A line of the letter: the seat, its profile, and who fills it (if anyone)."""

    position: int | None
    profile: str
    honorific: str | None = None
    full_name: str | None = None
    job: str | None = None
    institution: str | None = None
    email: str | None = None
    phone: str | None = None
    role: str | None = None  # a NominationRole value


@dataclass(frozen=True)
class LetterData:
    """What the letter says: who writes, to whom, for which meeting, and the delegation."""

    country_code: str
    addressee: str  # the convening body, in the letter's language
    meeting_title: str
    first_date: dt.date
    last_date: dt.date | None
    venue: str | None
    limit: int | None
    limit_source: str | None
    seats: tuple[LetterSeat, ...]
    issued_on: dt.date


def _dates(t: Messages, data: LetterData) -> str:
    if data.last_date and data.last_date != data.first_date:
        return t.gettext("from %(start)s to %(end)s") % {
            "start": t.date(data.first_date),
            "end": t.date(data.last_date),
        }
    return t.gettext("on %(date)s") % {"date": t.date(data.first_date)}


def build_nomination_letter(
    data: LetterData,
    path: Path,
    language: str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the letter to *path* (atomically) in *language*; returns the number of pages."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    from rcm_desktop.printing.pdf.document import PageFurniture, PdfInfo, write_pdf
    from rcm_desktop.printing.pdf.markup import bold, text
    from rcm_desktop.printing.pdf.styles import RULE, stylesheet
    from rcm_desktop.printing.pdf.tables import data_table

    t = Messages(language)
    styles = stylesheet(10)
    country = t.country(data.country_code)

    def story() -> list[object]:
        items: list[object] = [
            Paragraph(text(t.gettext("NOTE VERBALE")), styles.title),
            Paragraph(
                text(t.gettext("Delegation of %(country)s") % {"country": country}),
                styles.subtitle,
            ),
            Paragraph(
                text(
                    t.gettext(
                        "The Government of %(country)s presents its compliments to the "
                        "%(addressee)s and has the honour to communicate the delegation of "
                        "%(country)s to the meeting “%(meeting)s”, to be held %(dates)s%(venue)s."
                    )
                    % {
                        "country": country,
                        "addressee": data.addressee,
                        "meeting": data.meeting_title,
                        "dates": _dates(t, data),
                        "venue": (
                            t.gettext(" in %(venue)s") % {"venue": data.venue} if data.venue else ""
                        ),
                    }
                ),
                styles.body,
            ),
        ]
        if data.limit is not None:
            items.append(
                Paragraph(
                    text(
                        t.ngettext(
                            "In keeping with the limit of %(n)d participant per country "
                            "(%(source)s), the delegation is made up as follows:",
                            "In keeping with the limit of %(n)d participants per country "
                            "(%(source)s), the delegation is made up as follows:",
                            data.limit,
                        )
                        % {
                            "n": data.limit,
                            "source": data.limit_source
                            or t.gettext("as recorded for this meeting"),
                        }
                    ),
                    styles.body,
                )
            )
        else:
            items.append(
                Paragraph(text(t.gettext("The delegation is made up as follows:")), styles.body)
            )
        header = [
            t.gettext("Seat"),
            t.gettext("Required profile"),
            t.gettext("Nominee"),
            t.gettext("Role"),
        ]
        rows = []
        for seat in data.seats:
            if seat.full_name:
                lines = [bold(" ".join(filter(None, (seat.honorific, seat.full_name))))]
                lines += [text(value) for value in (seat.job, seat.institution) if value]
                contact = t.separator().join(value for value in (seat.email, seat.phone) if value)
                if contact:
                    lines.append(text(contact))
                nominee = "<br/>".join(lines)
            else:
                nominee = "<i>" + text(t.gettext("(to be confirmed)")) + "</i>"
            rows.append(
                [
                    Paragraph(text(seat.position if seat.position else "—"), styles.cell),
                    Paragraph(text(seat.profile or "—"), styles.cell),
                    Paragraph(nominee, styles.cell),
                    Paragraph(
                        text(t.gettext(ROLE_LABELS[seat.role]) if seat.role else ""), styles.cell
                    ),
                ]
            )
        table = data_table(header, rows, (14, 62, 64, 30), 170 * mm, styles)
        items += [
            Spacer(1, 4 * mm),
            table,
            Spacer(1, 5 * mm),
            Paragraph(
                text(
                    t.gettext(
                        "The Government of %(country)s avails itself of this opportunity to renew "
                        "to the %(addressee)s the assurances of its highest consideration."
                    )
                    % {"country": country, "addressee": data.addressee}
                ),
                styles.body,
            ),
            Spacer(1, 4 * mm),
            Paragraph(text(t.date(data.issued_on, "long")), styles.body),
        ]
        signature = Table(
            [
                [
                    Paragraph(text(t.gettext("Signature")), styles.muted),
                    Paragraph(text(t.gettext("Stamp")), styles.muted),
                ],
                [Spacer(1, 28 * mm), Spacer(1, 28 * mm)],
                [
                    Paragraph(text(t.gettext("Name and position")), styles.muted),
                    "",
                ],
            ],
            colWidths=(90 * mm, 60 * mm),
        )
        signature.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 1), (0, 1), 0.6, RULE),
                    ("BOX", (1, 1), (1, 1), 0.6, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        items += [Spacer(1, 10 * mm), KeepTogether([signature])]
        return items

    title = t.gettext("Nomination letter — %(meeting)s") % {"meeting": data.meeting_title}
    return write_pdf(
        path,
        story,
        PdfInfo(
            title=title,
            author=t.gettext("Delegation of %(country)s") % {"country": country},
            subject=data.meeting_title,
            language=t.language,
        ),
        PageFurniture(
            header_left=t.gettext("Delegation of %(country)s") % {"country": country},
            header_right=data.meeting_title,
            page_label=lambda page, total: (
                t.gettext("Page %(page)d of %(total)d") % {"page": page, "total": total}
            ),
        ),
        progress=progress,
        cancelled=cancelled,
    )
