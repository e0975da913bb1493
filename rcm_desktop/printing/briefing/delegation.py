"""The delegation: who sits where, the seats offered to each country and those still empty."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.printing.briefing.data import BriefingData, DelegateData
from rcm_desktop.printing.briefing.writer import Writer
from rcm_desktop.printing.pdf.markup import text


def delegation(d: BriefingData, w: Writer) -> list[Flowable]:
    """The delegation's people by seat, then the seats offered and those empty."""
    _ = w._
    story = [w.h1(_("The delegation"))]
    if d.delegates:
        story.append(delegate_table(w, d.delegates))
    else:
        story.append(w.gap(_("No delegation recorded — nominate people for this meeting.")))
    story += _seats(d, w)
    return story


def delegate_table(w: Writer, delegates: Sequence[DelegateData]) -> Flowable:
    """Who sits where: seat, name and institution, contact, role and status."""
    _ = w._
    t = w.t
    rows = [
        [
            w.cell(str(person.seat_position) if person.seat_position else "—"),
            w.lines(
                " ".join(part for part in (person.honorific, person.name) if part),
                person.position,
                person.institution,
                person.agency,
                first_bold=True,
            ),
            w.lines(person.email, person.phone),
            w.lines(label(person.role, t.gettext), label(person.status, t.gettext)),
        ]
        for person in delegates
    ]
    header = [_("Seat"), _("Name and institution"), _("Contact"), _("Role")]
    return w.table(header, rows, [14, 70, 53, 33])


def _seats(d: BriefingData, w: Writer) -> list[Flowable]:
    _ = w._
    t = w.t
    story: list[Flowable] = []
    if d.seats:
        story.append(w.h2(_("Seats offered to each country"), in_contents=False))
        held = {p.seat_position for p in d.delegates}
        rows = []
        for seat in d.seats:
            notes = []
            if seat.forum_code:
                notes.append(_("Reserved to %(forum)s members") % {"forum": seat.forum_code})
            if seat.beyond_limit:
                notes.append(_("Extra seat, not counted in the limit"))
            if not seat.open_to_country:
                state = _("Not open to your country")
            elif seat.position in held:
                state = _("Filled")
            else:
                state = _("EMPTY")
            rows.append(
                [
                    w.cell(str(seat.position)),
                    Paragraph(
                        "<br/>".join(
                            [text(seat.profile or _("Any profile"))]
                            + [f"<b>{text(note)}</b>" for note in notes]
                            + (
                                [f'<font color="#555555"><i>{text(seat.source)}</i></font>']
                                if seat.source
                                else []
                            )
                        ),
                        w.s.cell,
                    ),
                    w.cell(state, w.alarm_style if state == _("EMPTY") else w.s.cell),
                ]
            )
        story.append(
            w.table(
                [_("Seat"), _("Required profile"), _("State")],
                rows,
                [14, 118, 38],
            )
        )
    if d.empty_seats:
        story.append(
            w.gap(
                t.ngettext(
                    "%(n)d seat is still empty: %(seats)s.",
                    "%(n)d seats are still empty: %(seats)s.",
                    len(d.empty_seats),
                )
                % {
                    "n": len(d.empty_seats),
                    "seats": t.list([t.number(s.position) for s in d.empty_seats]),
                }
            )
        )
    if d.unfilled_places:
        story.append(
            w.gap(
                t.ngettext(
                    "%(n)d more participant may still be nominated.",
                    "%(n)d more participants may still be nominated.",
                    d.unfilled_places,
                )
                % {"n": d.unfilled_places}
            )
        )
    if not d.seats and not d.max_participants:
        story.append(w.para(_("The meeting sets no seats and no limit per country."), w.s.muted))
    return story
