"""From a note's text to a draft: the rules run in order, each on the laid-out note.

    draft = extract_draft(text)            # language detected
    draft = extract_draft(text, "es")      # or given

The text is what `reading` makes of any file (one paragraph per line, table rows as cells
joined by TABs). Nothing here touches the store, Qt or the file system beyond the reference
names in `resources/`.
"""

from __future__ import annotations

from collections.abc import Callable

from rcm_desktop.exchange.notes.draft import NoteDraft
from rcm_desktop.exchange.notes.layout import NoteLayout
from rcm_desktop.exchange.notes.rules_deadlines import deadlines_rule, documents_rule
from rcm_desktop.exchange.notes.rules_meeting import (
    body_rule,
    dates_rule,
    forums_rule,
    kind_rule,
    modality_rule,
    platform_rule,
    title_rule,
    zone_rule,
)
from rcm_desktop.exchange.notes.rules_people import (
    invitations_rule,
    limit_rule,
    questions_rule,
    seats_rule,
)
from rcm_desktop.exchange.notes.rules_sessions import sessions_rule

Rule = Callable[[NoteLayout, NoteDraft], None]

#: The rules in the order they run: later rules read what earlier ones found (the sessions
#: take the meeting's days, questions the sessions, deadlines the time zone's country).
RULES: tuple[Rule, ...] = (
    title_rule,
    forums_rule,
    body_rule,
    kind_rule,
    modality_rule,
    platform_rule,
    dates_rule,
    zone_rule,
    sessions_rule,
    limit_rule,
    seats_rule,
    invitations_rule,
    questions_rule,
    deadlines_rule,
    documents_rule,
)
_TEXT_SECTIONS = ("context", "objectives", "methodology", "participants")
#: Longest text a draft's section field holds (the meeting's text columns take more, but a
#: section this long is a reading error, not a section).
_SECTION_LIMIT = 20000


def extract_draft(text: str, language: str | None = None) -> NoteDraft:
    """The draft meeting *text* describes, with the line each value came from."""
    layout = NoteLayout(text)
    draft = NoteDraft(language=language or layout.language)
    for rule in RULES:
        rule(layout, draft)
    for name in _TEXT_SECTIONS:
        found = layout.section_text(name)
        if found and len(found[0]) <= _SECTION_LIMIT:
            setattr(draft, name, found[0])
    return draft
