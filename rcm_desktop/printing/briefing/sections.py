"""The sections of the briefing pack, as platypus flowables in the pack's language (no Qt).

`Writer` holds the language, the styles and the small layout helpers (tables that fit the
page, marked gaps); `Sections` turns a `BriefingData` into the cover and the body.
Every user string goes through `markup.text` before it enters a Paragraph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from rcm_desktop.data.services.briefing_data import (
    BriefingData,
    DeadlineData,
    Moment,
    QuestionGroup,
    SessionData,
)
from rcm_desktop.domain.vocabulary import DeadlineRule, label
from rcm_desktop.i18n import Messages, format_date
from rcm_desktop.printing.pdf.document import MARGIN
from rcm_desktop.printing.pdf.fonts import REGULAR
from rcm_desktop.printing.pdf.markup import bold, text
from rcm_desktop.printing.pdf.styles import ACCENT, RULE, SHADE, WARNING, Styles, table_style

WIDTH = A4[0] - 2 * MARGIN
#: Every table names the embedded font, else reportlab sets Helvetica (not embedded) on its cells.
FONT = ("FONTNAME", (0, 0), (-1, -1), REGULAR)
GAP_BACKGROUND = colors.HexColor("#fbf4e8")
HeadingFactory = Callable[..., Flowable]


def zone_city(name: str) -> str:
    """A readable place for an IANA name: "America/Mexico_City" → "Mexico City"."""
    return name.rsplit("/", 1)[-1].replace("_", " ")


def _offset(value: str | None) -> str:
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

    def countries(self, codes: Sequence[str]) -> str:
        return ", ".join(sorted((self.t.country(code) for code in codes), key=str.casefold))

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
        table = Table([[Paragraph(text(message), self.gap_style)]], colWidths=[WIDTH])
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
        table = Table([[part] for part in parts], colWidths=[WIDTH])
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
        """A data table as wide as the page, its header repeated on every page it spans."""
        scale = WIDTH / sum(widths)
        data = [[Paragraph(text(title), self.s.cell_bold) for title in header], *rows]
        table = Table(data, colWidths=[w * scale for w in widths], repeatRows=1)
        table.setStyle(table_style())
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
        table = Table(data, colWidths=[42 * mm, WIDTH - 42 * mm])
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


class Sections:
    """The cover and the body of one meeting's pack."""

    def __init__(self, data: BriefingData, writer: Writer, marking: str) -> None:
        self.d = data
        self.w = writer
        self.marking = marking.strip()
        self.t = writer.t

    def _(self, message: str) -> str:
        return self.t.gettext(message)

    # -- cover --------------------------------------------------------------------------
    def cover(self) -> list[Flowable]:
        d, w, s = self.d, self.w, self.w.s
        story: list[Flowable] = []
        if self.marking:
            box = Table(
                [
                    [
                        Paragraph(
                            text(self.marking.upper()),
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
        story.append(
            Paragraph(text(self._("Briefing pack for the head of delegation").upper()), eyebrow)
        )
        rule = Table([[""]], colWidths=[WIDTH], rowHeights=[2])
        rule.setStyle([FONT, ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT)])
        story += [rule, Spacer(1, 4 * mm), Paragraph(text(d.title), s.title)]
        forums = " · ".join(self.t.pick(forum.names) or forum.code for forum in d.forums)
        if forums:
            story.append(Paragraph(text(forums), s.subtitle))
        story.append(Spacer(1, 10 * mm))
        delegation = self._("Delegation of %(country)s") % {"country": self.t.country(d.country)}
        story.append(Paragraph(text(delegation), s.h2))
        story.append(Spacer(1, 3 * mm))
        story.append(w.pairs(self._facts()))
        return story

    def _facts(self) -> list[tuple[str, str | None]]:
        d, w = self.d, self.w
        body = None
        if d.convening_body is not None:
            body = self.t.pick(d.convening_body.names)
            if d.convening_body.seat:
                body += f" ({d.convening_body.seat})"
        return [
            (self._("Convened by"), body or self._("Not recorded")),
            (self._("Dates"), self._dates()),
            (self._("Kind"), label(d.kind, self.t.gettext)),
            (self._("Modality"), label(d.modality, self.t.gettext)),
            (self._("Venue"), d.venue),
            (self._("Platform"), d.platform),
            (self._("Organiser's time"), self._organiser_zone() or self._("Not recorded")),
            (self._("Your time"), self._delegation_zone()),
            (self._("Status"), label(d.status, self.t.gettext)),
            (self._("Prepared on"), w.date(w.prepared_on, "long")),
        ]

    def _dates(self) -> str:
        d, w = self.d, self.w
        if d.end_date and d.end_date != d.start_date:
            return self._("%(start)s to %(end)s") % {
                "start": w.date(d.start_date, "full"),
                "end": w.date(d.end_date, "full"),
            }
        return w.date(d.start_date, "full")

    def _organiser_zone(self) -> str:
        d = self.d
        if not d.organiser_zone:
            return ""
        name = d.organiser_zone_label or zone_city(d.organiser_zone)
        return f"{name} ({d.organiser_zone})"

    def _delegation_zone(self) -> str | None:
        d = self.d
        if not d.delegation_zone:
            return None
        return zone_city(d.delegation_zone) + f" ({d.delegation_zone})"

    # -- body ---------------------------------------------------------------------------
    def body(self) -> list[Flowable]:
        story: list[Flowable] = []
        for part in (
            self.summary,
            self.schedule,
            self.delegation,
            self.questions,
            self.documents,
            self.deadlines,
            self.contacts,
            self.background,
        ):
            story.append(CondPageBreak(60 * mm))
            story += part()
        return story

    def summary(self) -> list[Flowable]:
        d, w = self.d, self.w
        story = [w.h1(self._("Summary"))]
        story.append(w.h2(self._("Objectives")))
        story += w.paras(d.objectives) or [
            w.gap(self._("No objectives recorded — add them in the meeting editor."))
        ]
        story.append(w.h2(self._("Methodology")))
        story += w.paras(d.methodology) or [
            w.gap(self._("No methodology recorded — add it in the meeting editor."))
        ]
        story.append(w.h2(self._("Interpretation")))
        story += w.paras(d.interpretation) or [
            w.para(self._("The concept note does not mention interpretation."), w.s.muted)
        ]
        story.append(w.h2(self._("Participants")))
        story += w.paras(d.participants)
        if d.max_participants:
            limit = self.t.ngettext(
                "At most %(n)d participant per country.",
                "At most %(n)d participants per country.",
                d.max_participants,
            ) % {"n": d.max_participants}
            if d.limit_source:
                limit += " " + self._("Source: %(source)s.") % {"source": d.limit_source}
            story.append(w.para(limit))
        if not d.participants and not d.max_participants:
            story.append(
                w.gap(self._("Who may take part is not recorded — add it in the meeting editor."))
            )
        if d.notes:
            story.append(w.h2(self._("Notes of the focal point")))
            story += w.paras(d.notes)
        return story

    # -- schedule -----------------------------------------------------------------------
    def _zone_intro(self) -> Flowable | None:
        d, w = self.d, self.w
        first = next(
            (s.organiser for s in d.sessions if s.organiser and s.organiser.utc_offset), None
        )
        if not d.organiser_zone:
            return w.gap(
                self._(
                    "The organiser's time zone is not recorded, so times cannot be shown in your "
                    "time — add it in the meeting editor."
                )
            )
        name = d.organiser_zone_label or zone_city(d.organiser_zone)
        if not d.zones_differ:
            return w.para(
                self._("Times are in %(zone)s, which is also your time.") % {"zone": name}
            )
        mine = next(
            (s.delegation for s in d.sessions if s.delegation and s.delegation.utc_offset), None
        )
        return w.para(
            self._(
                "Times are given in the organiser's time, %(zone)s (%(offset)s), and in your time, %(own)s (%(own_offset)s)."
            )
            % {
                "zone": name,
                "offset": _offset(first.utc_offset) if first else d.organiser_zone,
                "own": zone_city(d.delegation_zone or ""),
                "own_offset": _offset(mine.utc_offset) if mine else d.delegation_zone,
            }
        )

    def _time_headers(self) -> list[str]:
        d = self.d
        if d.zones_differ:
            return [
                self._("Organiser's time")
                + "\n"
                + (d.organiser_zone_label or zone_city(d.organiser_zone or "")),
                self._("Your time") + "\n" + zone_city(d.delegation_zone or ""),
            ]
        return [self._("Time")]

    def schedule(self) -> list[Flowable]:
        d, w = self.d, self.w
        story = [w.h1(self._("Schedule"))]
        if not d.sessions:
            return [*story, w.gap(self._("No sessions recorded — add them in the meeting editor."))]
        intro = self._zone_intro()
        if intro is not None:
            story.append(intro)
        header = [self._("Session"), self._("Day"), *self._time_headers(), self._("Lead")]
        widths = [46, 22, 34, 34, 34] if d.zones_differ else [70, 30, 34, 36]
        rows = []
        for item in d.sessions:
            day = item.organiser.day if item.organiser else None
            row = [w.cell(item.title), w.cell(w.date(day, "medium") or self._("not stated"))]
            row.append(w.cell(w.times(item.organiser, day)))
            if d.zones_differ:
                row.append(w.cell(w.times(item.delegation, day)))
            row.append(w.cell(w.countries(item.leads)))
            rows.append(row)
        story.append(w.table(header, rows, widths))
        for item in d.sessions:
            story += self._session(item)
        return story

    def _session(self, item: SessionData) -> list[Flowable]:
        d, w = self.d, self.w
        story: list[Flowable] = [w.h2(item.title)]
        day = item.organiser.day if item.organiser else None
        if day is None:
            story.append(
                w.gap(self._("Day and times not stated — add them in the meeting editor."))
            )
        facts = [w.date(day, "full")] if day else []
        when = w.times(item.organiser, day)
        if when:
            facts.append(when)
            if d.zones_differ and item.delegation and item.delegation.start:
                facts.append(
                    self._("%(times)s your time") % {"times": w.times(item.delegation, day)}
                )
        if facts:
            story.append(w.para(" · ".join(facts), w.s.muted))
        if item.leads:
            story.append(
                Paragraph(bold(self._("Lead:")) + " " + text(w.countries(item.leads)), w.s.body)
            )
        story += w.paras(item.description)
        if item.agenda:
            header = [*self._time_headers(), self._("Activity"), self._("Coordinator")]
            widths = [34, 34, 62, 40] if d.zones_differ else [34, 86, 50]
            rows = []
            for line in item.agenda:
                row = [w.cell(w.times(line.organiser, day))]
                if d.zones_differ:
                    row.append(w.cell(w.times(line.delegation, day)))
                row += [w.cell(line.activity), w.cell(line.coordinator)]
                rows.append(row)
            story.append(w.table(header, rows, widths))
        return story

    # -- delegation ---------------------------------------------------------------------
    def delegation(self) -> list[Flowable]:
        d, w = self.d, self.w
        story = [w.h1(self._("The delegation"))]
        if d.delegates:
            rows = []
            for person in d.delegates:
                name = " ".join(part for part in (person.honorific, person.name) if part)
                rows.append(
                    [
                        w.cell(str(person.seat_position) if person.seat_position else "—"),
                        w.lines(
                            name,
                            person.position,
                            person.institution,
                            person.agency,
                            first_bold=True,
                        ),
                        w.lines(person.email, person.phone),
                        w.lines(
                            label(person.role, self.t.gettext), label(person.status, self.t.gettext)
                        ),
                    ]
                )
            header = [
                self._("Seat"),
                self._("Name and institution"),
                self._("Contact"),
                self._("Role"),
            ]
            story.append(w.table(header, rows, [10, 72, 54, 34]))
        else:
            story.append(
                w.gap(self._("No delegation recorded — nominate people for this meeting."))
            )
        story += self._seats()
        return story

    def _seats(self) -> list[Flowable]:
        d, w = self.d, self.w
        story: list[Flowable] = []
        if d.seats:
            story.append(w.h2(self._("Seats offered to each country"), in_contents=False))
            held = {p.seat_position for p in d.delegates}
            rows = []
            for seat in d.seats:
                notes = []
                if seat.forum_code:
                    notes.append(
                        self._("Reserved to %(forum)s members") % {"forum": seat.forum_code}
                    )
                if seat.beyond_limit:
                    notes.append(self._("Extra seat, not counted in the limit"))
                if not seat.open_to_country:
                    state = self._("Not open to your country")
                elif seat.position in held:
                    state = self._("Filled")
                else:
                    state = self._("EMPTY")
                rows.append(
                    [
                        w.cell(str(seat.position)),
                        Paragraph(
                            "<br/>".join(
                                [text(seat.profile or self._("Any profile"))]
                                + [f"<b>{text(note)}</b>" for note in notes]
                                + (
                                    [f'<font color="#555555"><i>{text(seat.source)}</i></font>']
                                    if seat.source
                                    else []
                                )
                            ),
                            w.s.cell,
                        ),
                        w.cell(state, w.alarm_style if state == self._("EMPTY") else w.s.cell),
                    ]
                )
            story.append(
                w.table(
                    [self._("Seat"), self._("Required profile"), self._("State")],
                    rows,
                    [12, 120, 38],
                )
            )
        if d.empty_seats:
            story.append(
                w.gap(
                    self.t.ngettext(
                        "%(n)d seat is still empty: %(seats)s.",
                        "%(n)d seats are still empty: %(seats)s.",
                        len(d.empty_seats),
                    )
                    % {
                        "n": len(d.empty_seats),
                        "seats": ", ".join(str(s.position) for s in d.empty_seats),
                    }
                )
            )
        if d.unfilled_places:
            story.append(
                w.gap(
                    self.t.ngettext(
                        "%(n)d more participant may still be nominated.",
                        "%(n)d more participants may still be nominated.",
                        d.unfilled_places,
                    )
                    % {"n": d.unfilled_places}
                )
            )
        if not d.seats and not d.max_participants:
            story.append(
                w.para(self._("The meeting sets no seats and no limit per country."), w.s.muted)
            )
        return story

    # -- questions ----------------------------------------------------------------------
    def questions(self) -> list[Flowable]:
        d, w = self.d, self.w
        story = [w.h1(self._("Guiding questions and our positions"))]
        if not d.question_groups:
            return [
                *story,
                w.gap(self._("No guiding questions recorded — add them in the meeting editor.")),
            ]
        number = 0
        for group in d.question_groups:
            story.append(w.h2(self._group_title(group)))
            if group.leads:
                story.append(
                    Paragraph(
                        bold(self._("Lead:")) + " " + text(w.countries(group.leads)), w.s.body
                    )
                )
            for question in group.questions:
                number += 1
                block: list[Flowable] = []
                if question.context:
                    block.append(w.para(question.context, w.s.muted.clone("ctx", spaceAfter=0)))
                block.append(
                    Paragraph(
                        f"<b>{number}.</b> " + bold(question.text),
                        w.s.body.clone("question", spaceAfter=0),
                    )
                )
                if question.delegation_position:
                    box = Table(
                        [
                            [
                                Paragraph(
                                    bold(self._("Our position:"))
                                    + " "
                                    + text(question.delegation_position),
                                    w.s.body.clone("pos", spaceAfter=0),
                                )
                            ]
                        ],
                        colWidths=[WIDTH],
                    )
                    box.setStyle(
                        [
                            FONT,
                            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                            ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
                            ("LEFTPADDING", (0, 0), (-1, -1), 8),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                        ]
                    )
                    block.append(box)
                else:
                    block.append(w.gap(self._("No position recorded yet.")))
                story.append(w.stack(block))
        return story

    def _group_title(self, group: QuestionGroup) -> str:
        if group.session_title:
            return group.session_title
        if group.phase:
            return group.phase
        return self._("General questions")

    # -- documents and deadlines --------------------------------------------------------
    def documents(self) -> list[Flowable]:
        d, w = self.d, self.w
        story = [w.h1(self._("Documents under discussion"))]
        if not d.documents:
            return [*story, w.gap(self._("No documents recorded for this meeting."))]
        rows = []
        for document in d.documents:
            dates = [
                (self._("Received %(date)s"), document.received_on),
                (self._("Comments sent %(date)s"), document.comments_sent_on),
                (self._("Approval submitted %(date)s"), document.approval_submitted_on),
                (self._("Decided %(date)s"), document.decided_on),
            ]
            rows.append(
                [
                    w.lines(
                        document.title,
                        label(document.kind, self.t.gettext),
                        document.version,
                        first_bold=True,
                    ),
                    w.lines(
                        label(document.stage, self.t.gettext)
                        if document.stage
                        else self._("Receipt not recorded"),
                        *[
                            pattern % {"date": w.date(day, "medium")}
                            for pattern, day in dates
                            if day
                        ],
                    ),
                    w.lines(*[self._deadline_line(item) for item in document.deadlines])
                    if document.deadlines
                    else w.cell("—"),
                ]
            )
        story.append(
            w.table(
                [self._("Document"), self._("Our stage"), self._("Deadlines")], rows, [70, 50, 50]
            )
        )
        return story

    def _deadline_line(self, item: DeadlineData) -> str:
        due = self.w.date(item.due, "medium") if item.due else self._("date not known yet")
        return f"{item.title}: {due}"

    def _rule(self, item: DeadlineData) -> str:
        w = self.w
        if item.rule == DeadlineRule.FIXED:
            return self._("Fixed date")
        anchor = w.date(item.anchor, "medium") if item.anchor else self._("a date not known yet")
        if item.rule == DeadlineRule.CALENDAR_DAYS:
            return self.t.ngettext(
                "%(n)d calendar day after %(anchor)s",
                "%(n)d calendar days after %(anchor)s",
                item.days or 0,
            ) % {"n": item.days or 0, "anchor": anchor}
        return self.t.ngettext(
            "%(n)d working day after %(anchor)s, on the calendar of %(country)s",
            "%(n)d working days after %(anchor)s, on the calendar of %(country)s",
            item.days or 0,
        ) % {
            "n": item.days or 0,
            "anchor": anchor,
            "country": self.t.country(item.calendar_country or ""),
        }

    def _state(self, item: DeadlineData) -> tuple[str, bool]:
        if item.done_on:
            return self._("Done on %(date)s") % {"date": self.w.date(item.done_on, "medium")}, False
        if item.due is None:
            return self._("Due date unknown"), True
        if item.due < self.w.prepared_on:
            return self._("Overdue"), True
        return self._("Open"), False

    def deadlines(self) -> list[Flowable]:
        d, w = self.d, self.w
        story = [w.h1(self._("Deadlines"))]
        if not d.deadlines:
            return [*story, w.gap(self._("No deadlines recorded for this meeting."))]
        rows = []
        for item in d.deadlines:
            state, alarm = self._state(item)
            rows.append(
                [
                    w.lines(item.title, label(item.kind, self.t.gettext), first_bold=True),
                    w.cell(w.date(item.due, "full") if item.due else "—", w.s.cell_bold),
                    w.lines(self._rule(item), item.notes),
                    w.cell(state, w.alarm_style if alarm else w.s.cell),
                ]
            )
        story.append(
            w.table(
                [self._("Deadline"), self._("Due"), self._("How it is counted"), self._("State")],
                rows,
                [44, 34, 70, 22],
            )
        )
        return story

    # -- contacts and background --------------------------------------------------------
    def contacts(self) -> list[Flowable]:
        d, w = self.d, self.w
        year = d.start_date.year
        story = [w.h1(self._("Key contacts"))]
        rows = []
        for forum in d.forums:
            presidency = (
                w.cell(self.t.country(forum.presidency))
                if forum.presidency
                else w.cell(self._("Not recorded for %(year)d") % {"year": year}, w.gap_style)
            )
            secretariats = [b for b in d.secretariats if b.forum_code == forum.code]
            secretariat = (
                w.lines(
                    *[
                        self.t.pick(b.names) + (f" ({b.seat})" if b.seat else "")
                        for b in secretariats
                    ]
                )
                if secretariats
                else w.cell(self._("Not recorded"), w.gap_style)
            )
            rows.append(
                [
                    w.lines(self.t.pick(forum.names), forum.code, first_bold=True),
                    presidency,
                    secretariat,
                ]
            )
        if rows:
            header = [
                self._("Forum"),
                self._("Presidency Pro-Tempore %(year)d") % {"year": year},
                self._("Secretariat"),
            ]
            story.append(w.table(header, rows, [60, 40, 70]))
        else:
            story.append(
                w.gap(self._("No forum recorded for this meeting — add it in the meeting editor."))
            )
        if d.convening_body is not None:
            story.append(
                w.para(
                    self._("Convened by %(body)s.") % {"body": self.t.pick(d.convening_body.names)}
                )
            )
        return story

    def background(self) -> list[Flowable]:
        d, w = self.d, self.w
        story = [w.h1(self._("Background"))]
        for forum in d.forums:
            story.append(
                w.h2(
                    self._("Members of %(forum)s on %(date)s")
                    % {"forum": forum.code, "date": w.date(d.start_date, "long")},
                    in_contents=False,
                )
            )
            story.append(w.para(w.countries(forum.members) if forum.members else "—"))
            if d.country not in forum.members:
                story.append(
                    w.para(self._("Your country was not a member on that date."), w.s.muted)
                )
        story.append(w.h2(self._("Invited observers"), in_contents=False))
        if d.observers_invited is False and d.civil_society_invited is False:
            story.append(
                w.para(
                    self._(
                        "Observers and civil society are not invited (intergovernmental dialogue only)."
                    ),
                    w.s.muted,
                )
            )
        elif d.observers:
            if d.observers_invited is None:
                story.append(
                    w.para(
                        self._(
                            "The concept note does not say whether observers are invited; the forums' observers are listed."
                        ),
                        w.s.muted,
                    )
                )
            story += [
                w.para("• " + self.t.pick(org.names), w.s.body.clone("item", spaceAfter=2))
                for org in d.observers
            ]
        else:
            story.append(w.gap(self._("No observer organisations recorded for these forums.")))
        if d.context:
            story.append(w.h2(self._("Context"), in_contents=False))
            story += w.paras(d.context)
        return story
