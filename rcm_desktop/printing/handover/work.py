"""The dossier's account of the work in hand: meetings, delegations, deadlines and documents."""

from __future__ import annotations

from reportlab.platypus import Flowable

from rcm_desktop.domain.text import excerpt
from rcm_desktop.domain.vocabulary import DocumentPurpose, ReviewStage, label
from rcm_desktop.printing.briefing.delegation import delegate_table
from rcm_desktop.printing.briefing.documents import deadline_state, rule_text
from rcm_desktop.printing.briefing.writer import Writer
from rcm_desktop.printing.handover.data import (
    DocumentLine,
    HandoverData,
    MeetingLine,
)

#: The longest notes printed in a table cell (a cell cannot break across pages cheaply).
NOTES = 1500


def _dates(w: Writer, line: MeetingLine) -> str:
    if line.last_day and line.last_day != line.first_day:
        return w._("%(start)s to %(end)s") % {
            "start": w.date(line.first_day, "medium"),
            "end": w.date(line.last_day, "medium"),
        }
    return w.date(line.first_day, "medium")


def _delegation_state(w: Writer, line: MeetingLine) -> str:
    _ = w._
    t = w.t
    if line.limit and line.nominated > line.limit:  # seats beyond the limit (MIRPS teams)
        state = _("%(n)d nominated (limit: %(limit)d, seats beyond it included)") % {
            "n": line.nominated,
            "limit": line.limit,
        }
    elif line.limit:
        state = _("%(n)d of %(limit)d nominated") % {"n": line.nominated, "limit": line.limit}
    elif line.nominated:
        state = t.ngettext("%(n)d person nominated", "%(n)d people nominated", line.nominated) % {
            "n": line.nominated
        }
    else:
        state = _("Nobody nominated")
    if line.drafts:
        state += "\n" + t.ngettext("%(n)d not sent yet", "%(n)d not sent yet", line.drafts) % {
            "n": line.drafts
        }
    return state


def _to_do(w: Writer, line: MeetingLine) -> str:
    t = w.t
    parts = []
    if line.open_deadlines:
        parts.append(
            t.ngettext("%(n)d deadline open", "%(n)d deadlines open", line.open_deadlines)
            % {"n": line.open_deadlines}
        )
    if line.documents_awaiting:
        parts.append(
            t.ngettext(
                "%(n)d document awaits the country",
                "%(n)d documents await the country",
                line.documents_awaiting,
            )
            % {"n": line.documents_awaiting}
        )
    return "\n".join(parts) or "—"


def _meeting_table(w: Writer, lines: tuple[MeetingLine, ...]) -> Flowable:
    _ = w._
    t = w.t
    rows = [
        [
            w.cell(_dates(w, line)),
            w.lines(line.title, t.pick(line.body) if line.body else None, first_bold=True),
            w.lines(label(line.status, t.gettext), label(line.modality, t.gettext)),
            w.lines(*_delegation_state(w, line).split("\n")),
            w.lines(*_to_do(w, line).split("\n")),
        ]
        for line in lines
    ]
    header = [_("Dates"), _("Meeting"), _("Status"), _("Delegation"), _("To do")]
    return w.table(header, rows, [32, 60, 26, 28, 28])


def meetings(d: HandoverData, w: Writer) -> list[Flowable]:
    """The meetings ahead, then those held in the last 90 days, with where the country stands."""
    _ = w._
    story = [w.h1(_("Meetings ahead"))]
    if d.meetings_ahead:
        story.append(_meeting_table(w, d.meetings_ahead))
    else:
        story.append(w.gap(_("No meeting ahead is recorded.")))
    if d.meetings_recent and all(line.first_day < d.since for line in d.meetings_recent):
        story.append(w.h1(_("Latest meetings held")))  # none in the period: the latest before
    else:
        story.append(w.h1(_("Meetings held since %(date)s") % {"date": w.date(d.since, "long")}))
    if d.meetings_recent:
        story.append(_meeting_table(w, d.meetings_recent))
    else:
        story.append(w.para(_("No meeting was held in this period."), w.s.muted))
    return story


def delegations(d: HandoverData, w: Writer) -> list[Flowable]:
    """Each delegation of the country, with its people and how to reach them."""
    _ = w._
    t = w.t
    story = [w.h1(_("Delegations and contacts"))]
    if not d.delegations:
        return [*story, w.gap(_("No delegation is being prepared for a meeting ahead."))]
    for block in d.delegations:
        heading = _("%(title)s (held on %(date)s)") if block.held else _("%(title)s (%(date)s)")
        story.append(
            w.h2(
                heading % {"title": block.meeting_title, "date": w.date(block.first_day, "medium")}
            )
        )
        if block.delegates:
            story.append(delegate_table(w, block.delegates))
        if block.held:
            continue  # its empty seats are history, not work to do
        for seat in block.empty_seats:
            story.append(
                w.gap(
                    _("Seat %(n)d is still empty: %(profile)s")
                    % {"n": seat.position, "profile": seat.profile or _("no profile recorded")}
                )
            )
        if block.unfilled:
            story.append(
                w.gap(
                    t.ngettext(
                        "%(n)d more place can be filled within the limit.",
                        "%(n)d more places can be filled within the limit.",
                        block.unfilled,
                    )
                    % {"n": block.unfilled}
                )
            )
    return story


def deadlines(d: HandoverData, w: Writer) -> list[Flowable]:
    """Every deadline not done yet, soonest first, with how its due date is counted."""
    _ = w._
    t = w.t
    story = [w.h1(_("Deadlines pending"))]
    if not d.deadlines:
        return [*story, w.para(_("No deadline is pending."), w.s.muted)]
    rows = []
    for item in d.deadlines:
        state, alarm = deadline_state(w, item.deadline)
        deadline = item.deadline
        rows.append(
            [
                w.lines(
                    deadline.title,
                    label(deadline.kind, t.gettext),
                    item.meeting_title,
                    first_bold=True,
                ),
                w.cell(w.date(deadline.due, "medium") if deadline.due else "—", w.s.cell_bold),
                w.lines(
                    item.explanation or rule_text(w, deadline), excerpt(deadline.notes or "", NOTES)
                ),
                w.cell(state, w.alarm_style if alarm else w.s.cell),
            ]
        )
    header = [_("Deadline"), _("Due"), _("How it is counted"), _("State")]
    story.append(w.table(header, rows, [50, 26, 72, 22]))
    return story


#: What remains for the country, by the document's purpose and its stage.
def remains(w: Writer, line: DocumentLine) -> str:
    """What the country still has to do on a document, in the dossier's language."""
    _ = w._
    stage = line.stage
    if stage in (ReviewStage.APPROVED, ReviewStage.NOT_APPROVED):
        return _("Nothing: decided.")
    if line.purpose == DocumentPurpose.INFORMATION:
        return _("Nothing: sent for information.")
    if line.purpose == DocumentPurpose.COMMENTS:
        if stage in (ReviewStage.RECEIVED, ReviewStage.IN_REVIEW, None):
            return _("Review it and send the country's comments.")
        return _("Nothing: comments sent.")
    if stage == ReviewStage.APPROVAL_SUBMITTED:
        return _("Wait for the decision on the approval submitted.")
    return _("Review it and submit the country's approval.")


def documents(d: HandoverData, w: Writer) -> list[Flowable]:
    """The country's documents at each stage of its review, and what remains to do."""
    _ = w._
    t = w.t
    story = [w.h1(_("Documents"))]
    if not d.documents:
        return [*story, w.para(_("No document is under review by the country."), w.s.muted)]
    for stage in (*ReviewStage, None):
        lines = [line for line in d.documents if line.stage == stage]
        if not lines:
            continue
        story.append(w.h2(label(stage, t.gettext) if stage else _("Stage not recorded")))
        rows = []
        for line in lines:
            waiting = (
                _("Waiting for: %(names)s") % {"names": t.list(list(line.consultations_open))}
                if line.consultations_open
                else None
            )
            rows.append(
                [
                    w.lines(
                        line.title,
                        line.version,
                        line.meeting_title,
                        first_bold=True,
                    ),
                    w.cell(w.date(line.stage_day, "medium") if line.stage_day else "—"),
                    w.lines(remains(w, line), waiting),
                    w.cell(w.date(line.next_due, "medium") if line.next_due else "—"),
                ]
            )
        header = [_("Document"), _("Since"), _("What remains"), _("Next due")]
        story.append(w.table(header, rows, [62, 24, 60, 24]))
    return story
