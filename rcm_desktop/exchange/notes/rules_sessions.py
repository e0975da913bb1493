"""Rules for sessions and their agenda: session headings and their titles, agenda lines with
their times and speakers (table rows or dashed lines), lead countries, session days."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rcm_desktop.domain.note_text.dates import find_dates
from rcm_desktop.domain.note_text.found import Source
from rcm_desktop.domain.note_text.times import FoundTime, find_times
from rcm_desktop.domain.text import fold
from rcm_desktop.exchange.notes.draft import Conflict, DraftAgendaLine, DraftSession, NoteDraft
from rcm_desktop.exchange.notes.layout import NoteLayout, heading_name
from rcm_desktop.exchange.notes.reference import country_list

_SESSION = re.compile(r"^[-•–*·\s]*(?:session|sesion|seance|sessao)\s+(\d{1,2})\b[\s.:)-]*(.*)$")
_DATASHEET = re.compile(
    r"^(?:technical\s+datasheet|technical\s+data\s+sheet|datasheet|ficha\s+tecnica)\s*:?\s*"
)
_DURATION = re.compile(r"^\(\s*[^)]{0,30}\)\s*")
_LEAD = re.compile(
    r"^(?:lead|leads|lead countr(?:y|ies)|leading countr(?:y|ies)|lidera|lideran|"
    r"pais(?:es)? lider(?:es)?|pais(?:es)? que lidera(?:n)?|moderat(?:ed by|es))\s*[:\t]\s*"
)
_BULLET = re.compile(r"^\s*[-•–*·▪]\s+")
_LETTERED = re.compile(r"^\s*[-•–*·▪]?\s*[a-h]\)\s+")
_ROW_SEPARATOR = re.compile(r"^\s*[–—:-]\s*")
_AGENDA_END = re.compile(r"^(?:moderat|facilitat|moderacion|modera)\w*\s*:")
#: Title sources, best first: a datasheet heading, a described session, a list item.
_RANKS = {"datasheet": 0, "heading": 1, "list": 2}
#: Keys of the sessions an agenda's day column makes (after any numbered session).
_DAY_KEYS = 1000


@dataclass
class _Session:
    number: int
    titles: list[tuple[int, str, Source]] = field(default_factory=list)  # (rank, title, where)
    leads: list[str] = field(default_factory=list)
    lead_source: Source | None = None
    agenda: list[tuple[DraftAgendaLine, Source]] = field(default_factory=list)
    date: dt.date | None = None  # from an agenda table's day column


def sessions_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """Sessions from "Session N …" headings and agenda lines; a note with an agenda and no
    session heading has one session named after the meeting."""
    sessions: dict[int, _Session] = {}
    current: _Session | None = None
    number = 1
    while number <= len(layout.lines):
        plain = layout.plain_at(number)
        folded = layout.folded[number - 1]
        heading = _SESSION.match(folded)
        if heading and "\t" not in plain.strip("\t"):
            current = sessions.setdefault(int(heading[1]), _Session(int(heading[1])))
            _note_title(layout, number, plain, heading, current)
        elif heading:  # a table's header row: "SESSION 1 \t Time \t …"
            current = sessions.setdefault(int(heading[1]), _Session(int(heading[1])))
        elif current is not None and (lead := _LEAD.match(folded)):
            leads = country_list(plain[lead.end() :].replace("\t", " "))
            if leads and not current.leads:
                current.leads = leads
                current.lead_source = Source(number, plain[lead.end() :].strip(), -1)
        elif (day := _day_row(plain, layout.year)) is not None:
            # A table's day column: "Martes 9 de junio \t 9:00 – 9:30 \t …", the day's cell
            # merged down over its rows, which come out with that cell empty.
            label, date, offset, row = day
            if date is not None:
                key = _DAY_KEYS + len(sessions)
                current = sessions.setdefault(key, _Session(key, date=date))
                current.titles.append((_RANKS["heading"], label, Source(number, label, 0)))
            elif current is None:
                current = sessions.setdefault(0, _Session(0))
            number = _read_row(layout, number, row, current, offset)
            continue
        elif (row := _agenda_row(plain)) is not None:
            if current is None:
                current = sessions.setdefault(0, _Session(0))
            number = _read_row(layout, number, row, current)
            continue
        elif heading_name(plain) not in (None, "agenda", "other"):
            current = None  # a new section: agenda lines after it need their own heading
        number += 1
    _to_draft(sessions, draft)
    _cover_times(layout, draft)


def _cover_times(layout: NoteLayout, draft: NoteDraft) -> None:
    """A time range on the cover ("10:00 a 12:00", "9:00 a.m.- 11:00 a.m.") times the sessions
    that have no agenda; a note with no session at all has one on each of its days."""
    cover = "\n".join(layout.lines[: layout.cover_end])
    ranges = [found for found in find_times(cover) if found.end is not None]
    if not ranges or not draft.dates:
        return
    if not draft.sessions:
        draft.sessions = [DraftSession(title=draft.title or "", date=day) for day in draft.dates]
    for index, session in enumerate(draft.sessions):
        if not session.agenda:
            session.start, session.end = ranges[0].start, ranges[0].end
            draft.note_source(f"sessions.{index}.time", ranges[0].source)


def _note_title(
    layout: NoteLayout, number: int, plain: str, heading: re.Match[str], into: _Session
) -> None:
    rest = plain[len(plain) - len(heading[2]) :] if heading[2] else ""
    rank = _RANKS["list"] if _BULLET.match(plain) else _RANKS["heading"]
    datasheet = _DATASHEET.match(fold(rest))
    if datasheet:
        rank, rest = _RANKS["datasheet"], rest[datasheet.end() :]
        following = number + 1  # the title on the next line written (blank lines between)
        while not rest.strip() and following <= min(number + 3, len(layout.lines)):
            rest = layout.plain_at(following)
            number, following = following, following + 1
    rest = _DURATION.sub("", rest.strip(" *:.-–")).strip(" *:.")
    if rest and "\t" not in rest:
        into.titles.append((rank, rest, Source(number, rest, -1)))


def _day_row(plain: str, year: int | None) -> tuple[str, dt.date | None, int, FoundTime] | None:
    """(the day cell, its date, where the time cell starts, the time) of a table row whose first
    cell is a day (or empty: a merged day) and whose second cell starts with a time."""
    first, tab, rest = plain.partition("\t")
    if not tab or not rest.strip() or _agenda_row(first) is not None:
        return None
    offset = len(first) + 1 + (len(rest) - len(rest.lstrip()))
    time = _agenda_row(plain[offset:])
    if time is None:
        return None
    dates = find_dates(first, year) if first.strip() else []
    if first.strip() and not dates:
        return None
    return first.strip(), dates[0].start if dates else None, offset, time


def _agenda_row(plain: str) -> FoundTime | None:
    """The time range an agenda line starts with, or None."""
    head = plain[:40]
    times = find_times(head)
    if times and times[0].source.column <= 2:
        return times[0]
    return None


def _read_row(
    layout: NoteLayout, number: int, time: FoundTime, into: _Session, offset: int = 0
) -> int:
    """Read the agenda line at *number* whose time starts at *offset* (and the speaker lines
    under it); returns the number of the first line after it."""
    plain = layout.plain_at(number)
    rest = plain[offset + time.source.column + len(time.source.text) :]
    cells = [cell.strip() for cell in rest.split("\t")]
    if len(cells) > 1 and not cells[0]:
        cells = cells[1:]
    text = _ROW_SEPARATOR.sub("", cells[0]).strip() if cells else ""
    speakers = [cell for cell in cells[1:] if cell]
    subitems: list[str] = []
    following = number + 1
    while following <= len(layout.lines):
        line = layout.plain_at(following)
        if not line:
            following += 1
            continue
        if _AGENDA_END.match(fold(line)) or _agenda_row(line) or "\t" in line:
            break
        if _LETTERED.match(line):
            subitems.append(_BULLET.sub("", line).strip())
        elif _BULLET.match(line) and len(cells) == 1:
            speakers.append(_BULLET.sub("", line).strip())
        else:
            break
        following += 1
    if subitems:
        text = "\n".join([text, *subitems])
    line = DraftAgendaLine(time.start, time.end, text, "; ".join(speakers) or None)
    into.agenda.append((line, Source(number, plain[:120], -1)))
    return following


def _to_draft(sessions: dict[int, _Session], draft: NoteDraft) -> None:
    first = min((key for key in sessions if key), default=None)
    if 0 in sessions and first is not None and not sessions[first].agenda:
        sessions[first].agenda = sessions.pop(0).agenda  # one agenda, for the first session
    ordered = [sessions[key] for key in sorted(sessions)]
    for index, found in enumerate(ordered):
        titles = sorted(found.titles, key=lambda item: item[0])
        title = titles[0][1] if titles else (draft.title or "") if found.number == 0 else ""
        session = DraftSession(title=title, leads=list(found.leads), date=found.date)
        session.agenda = [line for line, _source in found.agenda]
        draft.sessions.append(session)
        if titles:
            draft.note_source(f"sessions.{index}.title", titles[0][2])
            others = list(
                dict.fromkeys(t for _r, t, _s in titles[1:] if fold(t) != fold(titles[0][1]))
            )
            if others:
                draft.conflicts.append(
                    Conflict(f"sessions.{index}.title", [titles[0][1], *others],
                             [source for _r, _t, source in titles])
                )  # fmt: skip
        draft.note_source(f"sessions.{index}.leads", found.lead_source)
        for position, (_line, source) in enumerate(found.agenda):
            draft.note_source(f"sessions.{index}.agenda.{position}", source)
    _session_days(draft)


def _session_days(draft: NoteDraft) -> None:
    """One session a day when the counts agree; every session on the one day of a one-day
    meeting; otherwise no day (the note does not say)."""
    if any(session.date for session in draft.sessions):
        return  # the agenda gives each session its day
    if len(draft.dates) == len(draft.sessions):
        for session, day in zip(draft.sessions, draft.dates, strict=True):
            session.date = day
    elif len(draft.dates) == 1:
        for session in draft.sessions:
            session.date = draft.dates[0]
