"""The summary: objectives, methodology, interpretation, participants and the focal point's notes."""

from __future__ import annotations

from reportlab.platypus import Flowable

from rcm_desktop.printing.briefing.data import BriefingData
from rcm_desktop.printing.briefing.writer import Writer


def summary(d: BriefingData, w: Writer) -> list[Flowable]:
    """Objectives, methodology, interpretation, participants and notes, each gap marked."""
    _ = w._
    t = w.t
    story = [w.h1(_("Summary"))]
    story.append(w.h2(_("Objectives")))
    story += w.paras(d.objectives) or [
        w.gap(_("No objectives recorded — add them in the meeting editor."))
    ]
    story.append(w.h2(_("Methodology")))
    story += w.paras(d.methodology) or [
        w.gap(_("No methodology recorded — add it in the meeting editor."))
    ]
    story.append(w.h2(_("Interpretation")))
    story += w.paras(d.interpretation) or [
        w.para(_("The concept note does not mention interpretation."), w.s.muted)
    ]
    story.append(w.h2(_("Participants")))
    story += w.paras(d.participants)
    if d.max_participants:
        limit = t.ngettext(
            "At most %(n)d participant per country.",
            "At most %(n)d participants per country.",
            d.max_participants,
        ) % {"n": d.max_participants}
        if d.limit_source:
            limit += " " + _("Source: %(source)s.") % {"source": d.limit_source}
        story.append(w.para(limit))
    if not d.participants and not d.max_participants:
        story.append(w.gap(_("Who may take part is not recorded — add it in the meeting editor.")))
    if d.notes:
        story.append(w.h2(_("Notes of the focal point")))
        story += w.paras(d.notes)
    return story
