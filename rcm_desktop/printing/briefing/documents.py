"""The documents under discussion with the country's stage, and every deadline with how it is counted."""

from __future__ import annotations

from reportlab.platypus import Flowable

from rcm_desktop.domain.document_workflow import awaits_action
from rcm_desktop.domain.vocabulary import DeadlineRule, DocumentPurpose, label
from rcm_desktop.printing.briefing.data import (
    BriefingData,
    DeadlineData,
)
from rcm_desktop.printing.briefing.writer import Writer


def documents(d: BriefingData, w: Writer) -> list[Flowable]:
    """The meeting's documents with the country's stage, days and deadlines."""
    _ = w._
    t = w.t
    story = [w.h1(_("Documents under discussion"))]
    if not d.documents:
        return [*story, w.gap(_("No documents recorded for this meeting."))]
    story.append(w.para(_awaiting_sentence(d, w)))
    rows = []
    for document in d.documents:
        dates = [
            (_("Received %(date)s"), document.received_on),
            (_("Comments sent %(date)s"), document.comments_sent_on),
            (_("Approval submitted %(date)s"), document.approval_submitted_on),
            (_("Decided %(date)s"), document.decided_on),
        ]
        rows.append(
            [
                w.lines(
                    document.title,
                    label(document.kind, t.gettext) + " · " + label(document.purpose, t.gettext),
                    document.version,
                    first_bold=True,
                ),
                w.lines(
                    label(document.stage, t.gettext)
                    if document.stage
                    else _("Receipt not recorded"),
                    *[pattern % {"date": w.date(day, "medium")} for pattern, day in dates if day],
                ),
                w.lines(*[_deadline_line(d, w, item) for item in document.deadlines])
                if document.deadlines
                else w.cell("—"),
            ]
        )
    story.append(w.table([_("Document"), _("Our stage"), _("Deadlines")], rows, [70, 50, 50]))
    return story


def _awaiting_sentence(d: BriefingData, w: Writer) -> str:
    """What awaits the country's action among these documents, counted by purpose as the
    dashboard counts them: comments due (and overdue on the day the pack is prepared),
    approvals pending."""
    t = w.t
    comments = [
        doc for doc in d.documents
        if doc.purpose == DocumentPurpose.COMMENTS and awaits_action(doc.purpose, doc.stage)
    ]  # fmt: skip
    overdue = sum(
        1
        for doc in comments
        if any(item.due and item.due < w.prepared_on and not item.done_on for item in doc.deadlines)
    )
    approvals = sum(
        1
        for doc in d.documents
        if doc.purpose == DocumentPurpose.APPROVAL and awaits_action(doc.purpose, doc.stage)
    )
    return t.ngettext(
        "Awaiting your country: comments on %(n)d document (%(late)d overdue), ",
        "Awaiting your country: comments on %(n)d documents (%(late)d overdue), ",
        len(comments),
    ) % {"n": len(comments), "late": overdue} + t.ngettext(
        "approval of %(n)d document.", "approval of %(n)d documents.", approvals
    ) % {"n": approvals}


def _deadline_line(d: BriefingData, w: Writer, item: DeadlineData) -> str:
    _ = w._
    due = w.date(item.due, "medium") if item.due else _("date not known yet")
    return f"{item.title}: {due}"


def rule_text(w: Writer, item: DeadlineData) -> str:
    """How a deadline is counted, in the pack's language ("10 working days after …")."""
    _ = w._
    t = w.t
    if item.rule == DeadlineRule.FIXED:
        return _("Fixed date")
    anchor = w.date(item.anchor, "medium") if item.anchor else _("a date not known yet")
    if item.rule == DeadlineRule.CALENDAR_DAYS:
        return t.ngettext(
            "%(n)d calendar day after %(anchor)s",
            "%(n)d calendar days after %(anchor)s",
            item.days or 0,
        ) % {"n": item.days or 0, "anchor": anchor}
    return t.ngettext(
        "%(n)d working day after %(anchor)s, on the calendar of %(country)s",
        "%(n)d working days after %(anchor)s, on the calendar of %(country)s",
        item.days or 0,
    ) % {
        "n": item.days or 0,
        "anchor": anchor,
        "country": t.country(item.calendar_country or ""),
    }


def deadline_state(w: Writer, item: DeadlineData) -> tuple[str, bool]:
    """A deadline's state in words (done, unknown, overdue, open), and whether it alarms."""
    _ = w._
    if item.done_on:
        return _("Done on %(date)s") % {"date": w.date(item.done_on, "medium")}, False
    if item.due is None:
        return _("Due date unknown"), True
    if item.due < w.prepared_on:
        return _("Overdue"), True
    return _("Open"), False


def deadlines(d: BriefingData, w: Writer) -> list[Flowable]:
    """Every deadline of the meeting: due date, how it is counted, its state."""
    _ = w._
    t = w.t
    story = [w.h1(_("Deadlines"))]
    if not d.deadlines:
        return [*story, w.gap(_("No deadlines recorded for this meeting."))]
    rows = []
    for item in d.deadlines:
        state, alarm = deadline_state(w, item)
        rows.append(
            [
                w.lines(item.title, label(item.kind, t.gettext), first_bold=True),
                w.cell(w.date(item.due, "full") if item.due else "—", w.s.cell_bold),
                w.lines(rule_text(w, item), item.notes),
                w.cell(state, w.alarm_style if alarm else w.s.cell),
            ]
        )
    story.append(
        w.table(
            [_("Deadline"), _("Due"), _("How it is counted"), _("State")],
            rows,
            [44, 34, 70, 22],
        )
    )
    return story
