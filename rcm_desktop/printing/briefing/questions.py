"""The guiding questions, grouped by session or phase, with the delegation's positions."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Table

from rcm_desktop.printing.briefing.data import (
    BriefingData,
    QuestionGroup,
)
from rcm_desktop.printing.briefing.writer import (
    FONT,
    WIDTH,
    Writer,
)
from rcm_desktop.printing.pdf.markup import bold
from rcm_desktop.printing.pdf.styles import ACCENT, SHADE


def questions(d: BriefingData, w: Writer) -> list[Flowable]:
    """Every guiding question by session or phase, with the delegation's position."""
    _ = w._
    story = [w.h1(_("Guiding questions and our positions"))]
    if not d.question_groups:
        return [
            *story,
            w.gap(_("No guiding questions recorded — add them in the meeting editor.")),
        ]
    number = 0
    for group in d.question_groups:
        story.append(w.h2(_group_title(d, w, group)))
        if group.leads:
            story.append(Paragraph(w.field(_("Lead"), w.countries(group.leads)), w.s.body))
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
                                w.field(_("Our position"), question.delegation_position),
                                w.s.body.clone("pos", spaceAfter=0),
                            )
                        ]
                    ],
                    colWidths=[WIDTH],
                    splitInRow=1,  # a position longer than a page goes on to the next
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
                block.append(w.gap(_("No position recorded yet.")))
            story.append(w.stack(block))
    return story


def _group_title(d: BriefingData, w: Writer, group: QuestionGroup) -> str:
    _ = w._
    if group.session_title:
        return group.session_title
    if group.phase:
        return group.phase
    return _("General questions")
