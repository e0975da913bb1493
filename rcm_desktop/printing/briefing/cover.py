"""The pack's cover: the confidentiality marking, the title, forums and the meeting's facts."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.printing.briefing.data import BriefingData
from rcm_desktop.printing.briefing.writer import FONT, WIDTH, Writer
from rcm_desktop.printing.pdf.markup import text
from rcm_desktop.printing.pdf.styles import ACCENT, WARNING


def cover(d: BriefingData, w: Writer, marking: str) -> list[Flowable]:
    """The cover page: marking, title, forums, delegation and the meeting's facts."""
    _ = w._
    t = w.t
    s = w.s
    story: list[Flowable] = []
    if marking:
        box = Table(
            [
                [
                    Paragraph(
                        text(marking.upper()),
                        s.warning.clone("mark", alignment=1, spaceAfter=0),
                    )
                ]
            ],
            colWidths=[WIDTH],
        )
        box.setStyle(
            [
                FONT,
                ("BOX", (0, 0), (-1, -1), 1, WARNING),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
        story.append(box)
    story.append(Spacer(1, 38 * mm))
    eyebrow = s.small.clone(
        "eyebrow", textColor=ACCENT, fontName=s.cell_bold.fontName, fontSize=10, leading=14
    )
    story.append(Paragraph(text(_("Briefing pack for the head of delegation").upper()), eyebrow))
    rule = Table([[""]], colWidths=[WIDTH], rowHeights=[2])
    rule.setStyle([FONT, ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT)])
    story += [rule, Spacer(1, 4 * mm), Paragraph(text(d.title), s.title)]
    forums = t.list([t.pick(forum.names) or forum.code for forum in d.forums])
    if forums:
        story.append(Paragraph(text(forums), s.subtitle))
    story.append(Spacer(1, 10 * mm))
    delegation = _("Delegation of %(country)s") % {"country": t.country(d.country)}
    story.append(Paragraph(text(delegation), s.h2))
    story.append(Spacer(1, 3 * mm))
    story.append(w.pairs(_facts(d, w)))
    return story


def _facts(d: BriefingData, w: Writer) -> list[tuple[str, str | None]]:
    _ = w._
    t = w.t
    body = None
    if d.convening_body is not None:
        body = t.pick(d.convening_body.names)
        if d.convening_body.seat:
            body += f" ({d.convening_body.seat})"
    return [
        (_("Convened by"), body or _("Not recorded")),
        (_("Dates"), _dates(d, w)),
        (_("Kind"), label(d.kind, t.gettext)),
        (_("Modality"), label(d.modality, t.gettext)),
        (_("Venue"), d.venue),
        (_("Platform"), d.platform),
        (_("Organiser's time"), _organiser_zone(d, w) or _("Not recorded")),
        (_("Your time"), _delegation_zone(d, w)),
        (_("Status"), label(d.status, t.gettext)),
        (_("Prepared on"), w.date(w.prepared_on, "long")),
    ]


def _dates(d: BriefingData, w: Writer) -> str:
    _ = w._
    if d.end_date and d.end_date != d.start_date:
        return _("%(start)s to %(end)s") % {
            "start": w.date(d.start_date, "full"),
            "end": w.date(d.end_date, "full"),
        }
    return w.date(d.start_date, "full")


def _organiser_zone(d: BriefingData, w: Writer) -> str:
    """The organiser's zone in CLDR's words in the pack's language, not as the note typed it."""
    if not d.organiser_zone:
        return ""
    return f"{w.zone(d.organiser_zone)} ({d.organiser_zone})"


def _delegation_zone(d: BriefingData, w: Writer) -> str | None:
    if not d.delegation_zone:
        return None
    return f"{w.zone(d.delegation_zone)} ({d.delegation_zone})"
