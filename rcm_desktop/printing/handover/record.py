"""The dossier's cover and its record: positions drafted, the recent history in sentences,
where files are kept and the settings that matter."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from rcm_desktop.domain.document_workflow import awaits_action
from rcm_desktop.i18n import language_name
from rcm_desktop.printing.briefing.writer import FONT, WIDTH, Writer
from rcm_desktop.printing.handover.data import HandoverData, JournalLine
from rcm_desktop.printing.pdf.markup import text
from rcm_desktop.printing.pdf.styles import ACCENT


def cover(d: HandoverData, w: Writer) -> list[Flowable]:
    """The cover: what the dossier is, whose it is, and what to read first."""
    _ = w._
    t = w.t
    s = w.s
    eyebrow = s.small.clone(
        "eyebrow", textColor=ACCENT, fontName=s.cell_bold.fontName, fontSize=10, leading=14
    )
    rule = Table([[""]], colWidths=[WIDTH], rowHeights=[2])
    rule.setStyle([FONT, ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT)])
    country = t.country(d.country) if d.country else _("country not chosen yet")
    story: list[Flowable] = [
        Spacer(1, 38 * mm),
        Paragraph(text(_("Handover dossier").upper()), eyebrow),
        rule,
        Spacer(1, 4 * mm),
        Paragraph(
            text(_("Focal point of the delegation of %(country)s") % {"country": country}), s.title
        ),
        Spacer(1, 8 * mm),
        w.pairs(
            [
                (_("Prepared by"), d.prepared_by),
                (_("Printed on"), w.date(d.prepared_on, "long")),
                (_("Meetings ahead"), t.number(len(d.meetings_ahead))),
                (_("Deadlines pending"), t.number(len(d.deadlines))),
                (
                    _("Documents awaiting the country"),
                    t.number(
                        sum(1 for line in d.documents if awaits_action(line.purpose, line.stage))
                    ),
                ),
                (_("History covered"), _("since %(date)s") % {"date": w.date(d.since, "long")}),
            ]
        ),
        Spacer(1, 8 * mm),
        w.para(
            _(
                "This dossier is what the focal point knew on the day it was printed. The work "
                "itself goes on in RCM Desk: in the menu File ▸ Open a handover archive…, "
                "choose the archive you were given and type its passphrase and your name, "
                "which is then recorded with each of your changes."
            )
        ),
    ]
    return story


def positions(d: HandoverData, w: Writer) -> list[Flowable]:
    """The guiding questions of the meetings ahead and recent, with the positions drafted."""
    _ = w._
    story = [w.h1(_("Positions on the guiding questions"))]
    if not d.positions:
        return [*story, w.para(_("No guiding question is recorded for these meetings."), w.s.muted)]
    for block in d.positions:
        story.append(
            w.h2(
                _("%(title)s (%(date)s)")
                % {"title": block.meeting_title, "date": w.date(block.first_day, "medium")}
            )
        )
        if not any(line.position for line in block.questions):
            story.append(
                w.gap(
                    w.t.ngettext(
                        "No position drafted yet on this question.",
                        "No position drafted yet on any of these %(n)d questions.",
                        len(block.questions),
                    )
                    % {"n": len(block.questions)}
                )
            )
            story += [
                Paragraph(f"<b>{number}.</b> " + text(line.question), w.s.body)
                for number, line in enumerate(block.questions, start=1)
            ]
            continue
        for number, line in enumerate(block.questions, start=1):
            parts: list[Flowable] = [
                Paragraph(f"<b>{number}.</b> " + text(line.question), w.s.body)
            ]
            if line.position:
                parts += w.paras(line.position)
            else:
                parts.append(w.gap(_("No position drafted yet.")))
            # The question kept with the start of its position; the rest flows over pages.
            story.append(KeepTogether(parts[:2]))
            story += parts[2:]
    return story


def _journal_row(w: Writer, line: JournalLine) -> list[Flowable]:
    sentences = [f"• {sentence}" for sentence in line.sentences]
    if line.more:
        sentences.append(
            w.t.ngettext("… and %(n)d more change", "… and %(n)d more changes", line.more)
            % {"n": line.more}
        )
    when = w.date(line.at.date(), "medium") + ", " + w.t.time(line.at.time())
    return [w.lines(when, line.who, first_bold=True), w.lines(*sentences)]


def history(d: HandoverData, w: Writer) -> list[Flowable]:
    """The last 90 days of work, newest first, one row a unit of work."""
    _ = w._
    story = [
        w.h1(_("What was done since %(date)s") % {"date": w.date(d.since, "long")}),
        w.para(
            _(
                "Newest first. Each record's whole history is in RCM Desk: select it and "
                "press History…"
            ),
            w.s.muted,
        ),
    ]
    if not d.journal:
        return [*story, w.para(_("Nothing was recorded in this period."), w.s.muted)]
    rows = [_journal_row(w, line) for line in d.journal]
    story.append(w.table([_("When and who"), _("What changed")], rows, [44, 126]))
    if d.journal_left_out:
        story.append(
            w.para(
                w.t.ngettext(
                    "%(n)d earlier change in this period is not printed here.",
                    "%(n)d earlier changes in this period are not printed here.",
                    d.journal_left_out,
                )
                % {"n": d.journal_left_out},
                w.s.muted,
            )
        )
    return story


def places(d: HandoverData, w: Writer) -> list[Flowable]:
    """Where the profile keeps its data and files."""
    _ = w._
    names = {
        "profile": _("Profile folder"),
        "database": _("Database"),
        "attachments": _("Concept notes and document files"),
        "backups": _("Automatic backups"),
        "logs": _("Log files"),
        "preferences": _("Preferences"),
    }
    rows = [(names.get(place.kind, place.kind), place.where) for place in d.places]
    return [w.h1(_("Where files are kept")), KeepTogether([w.pairs(rows)])]


def settings(d: HandoverData, w: Writer) -> list[Flowable]:
    """The settings a successor needs to know."""
    _ = w._
    t = w.t
    facts = d.settings
    if facts.calendar_country:
        calendar = (
            t.ngettext(
                "The country's own calendar is that of %(country)s, with %(n)d closure recorded.",
                "The country's own calendar is that of %(country)s, with %(n)d closures recorded.",
                facts.closures,
            )
            if facts.closures
            else _("The country's own calendar is that of %(country)s, with no closure recorded.")
        ) % {"country": t.country(facts.calendar_country), "n": facts.closures}
        calendar += " " + _(
            "Each deadline is counted on the calendar its rule names (often the organiser's)."
        )
    else:
        calendar = _("No holiday calendar: choose the country in Settings.")
    database = (
        _(
            "A shared database: %(address)s (its password is not printed here; ask its administrator for your own account)."
        )
        % {"address": facts.shared_database}
        if facts.shared_database
        else _("The profile's own file, on this computer.")
    )
    rows = [
        (_("Country"), t.country(facts.country) if facts.country else _("Not chosen yet")),
        (_("Calendar"), calendar),
        (_("Database"), database),
        (
            _("Taken home from"),
            _("%(address)s: bring the work back with File ▸ Bring back to the shared database…")
            % {"address": facts.taken_home_from}
            if facts.taken_home_from
            else None,
        ),
        (_("Interface language"), language_name(facts.language) if facts.language else None),
        (
            _("Your time zone"),
            f"{w.zone(facts.time_zone)} ({facts.time_zone})" if facts.time_zone else None,
        ),
        (
            _("Name recorded with each change"),
            facts.user_name or _("Not set: the computer's login is recorded."),
        ),
        (
            _("Last automatic backup"),
            w.date(facts.last_backup.date(), "long") + ", " + t.time(facts.last_backup.time())
            if facts.last_backup
            else None,
        ),
    ]
    return [w.h1(_("Settings that matter")), KeepTogether([w.pairs(rows)])]
