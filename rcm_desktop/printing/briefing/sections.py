"""The briefing pack's sections in order: the cover, then the body, one module per section.

Each section is a function of the pack's data and its `Writer` (language, styles,
helpers) that returns platypus flowables.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from rcm_desktop.printing.briefing import (
    contacts,
    cover,
    delegation,
    documents,
    questions,
    schedule,
    summary,
)
from rcm_desktop.printing.briefing.data import BriefingData
from rcm_desktop.printing.briefing.writer import Writer

#: The body's sections, in the order the pack prints them.
BODY = (
    summary.summary,
    schedule.schedule,
    delegation.delegation,
    questions.questions,
    documents.documents,
    documents.deadlines,
    contacts.contacts,
    contacts.background,
)


def cover_of(data: BriefingData, writer: Writer, marking: str) -> list[Flowable]:
    """The cover page's flowables."""
    return cover.cover(data, writer, marking.strip())


def body_of(data: BriefingData, writer: Writer) -> list[Flowable]:
    """Every section of the body, each starting on a new page unless 60 mm remain."""
    story: list[Flowable] = []
    for section in BODY:
        story.append(CondPageBreak(60 * mm))
        story += section(data, writer)
    return story
