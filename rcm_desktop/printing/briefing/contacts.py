"""Key contacts (presidencies, secretariats) and background (members, observers, context)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from rcm_desktop.printing.briefing.data import BriefingData
from rcm_desktop.printing.briefing.writer import Writer


def contacts(d: BriefingData, w: Writer) -> list[Flowable]:
    """Each forum's Presidency Pro-Tempore and secretariat, and the convening body."""
    _ = w._
    t = w.t
    year = d.start_date.year
    story = [w.h1(_("Key contacts"))]
    rows = []
    for forum in d.forums:
        presidency = (
            w.cell(t.country(forum.presidency))
            if forum.presidency
            else w.cell(_("Not recorded for %(year)d") % {"year": year}, w.gap_style)
        )
        secretariats = [b for b in d.secretariats if b.forum_code == forum.code]
        secretariat = (
            w.lines(*[t.pick(b.names) + (f" ({b.seat})" if b.seat else "") for b in secretariats])
            if secretariats
            else w.cell(_("Not recorded"), w.gap_style)
        )
        rows.append(
            [
                w.lines(t.pick(forum.names), forum.code, first_bold=True),
                presidency,
                secretariat,
            ]
        )
    if rows:
        header = [
            _("Forum"),
            _("Presidency Pro-Tempore %(year)d") % {"year": year},
            _("Secretariat"),
        ]
        story.append(w.table(header, rows, [60, 40, 70]))
    else:
        story.append(w.gap(_("No forum recorded for this meeting — add it in the meeting editor.")))
    if d.convening_body is not None:
        story.append(w.para(_("Convened by %(body)s.") % {"body": t.pick(d.convening_body.names)}))
    return story


def background(d: BriefingData, w: Writer) -> list[Flowable]:
    """Members of each forum at the meeting's date, invited observers, context."""
    _ = w._
    t = w.t
    story = [w.h1(_("Background"))]
    for forum in d.forums:
        story.append(
            w.h2(
                _("Members of %(forum)s on %(date)s")
                % {"forum": forum.code, "date": w.date(d.start_date, "long")},
                in_contents=False,
            )
        )
        story.append(w.para(w.countries(forum.members) if forum.members else "—"))
        if d.country not in forum.members:
            story.append(w.para(_("Your country was not a member on that date."), w.s.muted))
    story.append(w.h2(_("Invited observers"), in_contents=False))
    if d.observers_invited is False and d.civil_society_invited is False:
        story.append(
            w.para(
                _("Observers and civil society are not invited (intergovernmental dialogue only)."),
                w.s.muted,
            )
        )
    elif d.observers:
        if d.observers_invited is None:
            story.append(
                w.para(
                    _(
                        "The concept note does not say whether observers are invited; the forums' observers are listed."
                    ),
                    w.s.muted,
                )
            )
        story += [
            w.para("• " + t.pick(org.names), w.s.body.clone("item", spaceAfter=2))
            for org in d.observers
        ]
    else:
        story.append(w.gap(_("No observer organisations recorded for these forums.")))
    if d.context:
        story.append(w.h2(_("Context"), in_contents=False))
        story += w.paras(d.context)
    return story
