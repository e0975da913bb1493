"""Rules for the meeting itself: title, forums, convening body, kind, modality, platform,
time zone and dates. Each rule reads the laid-out note and writes into the draft with the
places it read, never guessing: what is not found stays None."""

from __future__ import annotations

import datetime as dt
import re

from rcm_desktop.domain.note_text.dates import FoundDate, find_dates
from rcm_desktop.domain.note_text.found import Source, sentences
from rcm_desktop.domain.note_text.zones import find_zones
from rcm_desktop.domain.text import fold
from rcm_desktop.exchange.notes.draft import Conflict, NoteDraft
from rcm_desktop.exchange.notes.layout import NoteLayout, heading_name
from rcm_desktop.exchange.notes.reference import FORUM_NAMES, bodies

_NOT_TITLE = re.compile(
    r"^(?:date|dates|fecha|fechas|hour|time|hora|venue|lugar|place|modality|modalidad|"
    r"organi[sz]ed by|organiza|convoca|to|para|from|de|subject|asunto)\b.{0,3}[:]"
)
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "de",
        "del",
        "la",
        "las",
        "el",
        "los",
        "y",
        "e",
        "en",
        "para",
        "por",
        "sobre",
        "con",
        "al",
    ]
)
_ROMAN = re.compile(r"^[IVXLC]+$")
#: A page header's label beside a forum's name: "Regional Conference on Migration · Concept note".
_LABEL = re.compile(r"\b(?:concept note|nota conceptual|note conceptuelle|nota conceitual)\b")
_ACRONYM_AFTER = re.compile(r"\s*\([a-z]{2,6}\)\s*$")


def title_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """The first line of the cover that reads as a title (not a forum's name, a date, a
    "Concept note" label or a quotation); an all-capitals title takes the mixed-case spelling
    the note uses elsewhere, else title case."""
    names = {name for names in FORUM_NAMES.values() for name in names} | set(bodies())
    for number in range(1, min(layout.cover_end, 60) + 1):
        plain = layout.plain_at(number).replace("\t", " ").strip(" *")
        folded = _ACRONYM_AFTER.sub("", _LABEL.sub(" ", fold(plain))).strip(" ·|–—-:,")
        if len(plain.split()) < 4 or folded in names or heading_name(plain):
            continue
        if plain[:1] in "“\"«'" or _NOT_TITLE.match(folded) or find_dates(plain):
            continue
        draft.title = _cased_title(plain, layout, number, layout.language)
        draft.note_source("title", Source(number, plain, -1))
        return


def _cased_title(title: str, layout: NoteLayout, at: int, language: str) -> str:
    """An all-capitals title as the note spells it elsewhere, else in the language's usual
    case: title case in English, sentence case in Spanish, French and Portuguese (acronyms
    and numerals kept)."""
    if title != title.upper() or not any(char.isalpha() for char in title):
        return title
    pattern = re.compile(re.escape(title), re.IGNORECASE)
    for number, plain in enumerate(layout.plain, 1):
        if number != at and (match := pattern.search(plain)) and match[0] != match[0].upper():
            return match[0]
    words = title.lower().split()
    cased = []
    for index, (word, original) in enumerate(zip(words, title.split(), strict=True)):
        bare = original.strip('()[],.:;“”"')
        if _ROMAN.match(bare) or (original.startswith("(") and bare.isupper()):
            cased.append(original)
        elif index and (word in _SMALL_WORDS or language != "en"):
            cased.append(word)
        else:
            cased.append(word[:1].upper() + word[1:])
    return " ".join(cased)


def _title_source(draft: NoteDraft) -> Source | None:
    """Where the title was read: the source of a value the title gives (kind, modality…)."""
    return (draft.sources.get("title") or [None])[0]


def forums_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """Forums named in the title or on the cover, or at least twice in the note outside its
    participants' section."""
    cover = fold(" ".join(layout.plain[: layout.cover_end]) + " " + (draft.title or ""))
    participants = layout.section("participants") or (0, -1)
    for code, names in FORUM_NAMES.items():
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
        hits: list[Source] = []
        for number, (plain, folded) in enumerate(zip(layout.plain, layout.folded, strict=True), 1):
            if participants[0] <= number <= participants[1]:
                continue  # "MIRPS countries may add…" names a forum the meeting is not of
            hits.extend(
                Source(number, plain[m.start() : m.end()], m.start())
                for m in pattern.finditer(folded)
            )
        if hits and (pattern.search(cover) or len(hits) >= 2):
            draft.forums.append(code)
            draft.note_source("forums", hits[0])
    draft.forums.sort()


_BODY_NAME = re.compile(
    r"\b(?:working group on|grupo de trabajo (?:sobre|de|en)|regional consultation group|"
    r"grupo regional de consulta)\b[^.;:()\t]{0,80}"
)


def body_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """The convening body: a reference body named in the title, else the first working
    group (or the RCGM) the note names that is a reference body."""
    known = bodies()
    title = fold(draft.title or "")
    for name, code in known.items():
        if name in title:
            draft.body = code
            draft.note_source("body", _title_source(draft))
            return
    for number, (plain, folded) in enumerate(zip(layout.plain, layout.folded, strict=True), 1):
        for match in _BODY_NAME.finditer(folded):
            for name, code in sorted(known.items(), key=lambda item: -len(item[0])):
                if match[0].startswith(name):
                    draft.body = code
                    draft.note_source(
                        "body",
                        Source(
                            number, plain[match.start() : match.start() + len(name)], match.start()
                        ),
                    )
                    return


_KINDS = (
    ("follow_up", r"follow[- ]?up|seguimiento|suivi"),
    ("workshop", r"workshop|taller|atelier|oficina"),
    ("plenary", r"plenary|plenaria|pleniere|plenaria"),
    ("dialogue", r"dialogue|dialogo|dialog|conversatorio"),
)


def kind_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """The kind the title names (a follow-up meeting, a workshop, a plenary, a dialogue)."""
    title = fold(draft.title or "")
    for kind, pattern in _KINDS:
        if re.search(r"\b(?:" + pattern + r")\b", title):
            draft.kind = kind
            draft.note_source("kind", _title_source(draft))
            return


_FUTURE = re.compile(
    r"\b(?:will|shall|is planned|modality|modalidad|se (?:llevara|realizara|desarrollara|"
    r"efectuara|hara)|sera|tendra lugar|se celebrara|aura lieu|se tiendra|sera realise|sera realizad[oa]|acontecera)\b"
)
_VIRTUAL = re.compile(
    r"\b(?:virtual(?:ly|mente)?|virtuel(?:le)?|online|en linea|on-line|en ligne|remot[ae])\b"
)
_IN_PERSON = re.compile(
    r"\b(?:in[- ]person|face[- ]to[- ]face|presencial(?:mente)?|en persona|en presentiel)\b"
)
_HYBRID = re.compile(r"\b(?:hybrid|hibrid[ao]|hybride)\b")
_PLATFORMS = ("Microsoft Teams", "Zoom", "Webex", "Google Meet", "Teams", "Kudo", "Interprefy")
_PLATFORM = re.compile(r"\b(?:" + "|".join(map(re.escape, _PLATFORMS)) + r")\b", re.IGNORECASE)


def modality_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """Virtual, in person or hybrid, from the first sentence saying how the meeting *will* be
    held (a past meeting "held virtually" is history, not this meeting)."""
    title = fold(draft.title or "")
    for pattern, value in ((_HYBRID, "hybrid"), (_VIRTUAL, "virtual"), (_IN_PERSON, "in_person")):
        if pattern.search(title):
            draft.modality = value
            draft.note_source("modality", _title_source(draft))
            return
    for number, plain in enumerate(layout.plain, 1):
        for offset, sentence in sentences(plain):
            folded = fold(sentence)
            if not _FUTURE.search(folded):
                continue
            hybrid = _HYBRID.search(folded)
            virtual, in_person = _VIRTUAL.search(folded), _IN_PERSON.search(folded)
            found = hybrid or (virtual and in_person) or virtual or in_person
            if found:
                draft.modality = (
                    "hybrid" if hybrid or (virtual and in_person)
                    else "virtual" if virtual else "in_person"
                )  # fmt: skip
                draft.note_source(
                    "modality",
                    Source(number, sentence[found.start() : found.end()], offset + found.start()),
                )
                return


def platform_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """The video platform the note names (Zoom, Microsoft Teams, Webex…), if any."""
    for number, plain in enumerate(layout.plain, 1):
        match = _PLATFORM.search(plain)
        if match:
            name = next(name for name in _PLATFORMS if name.lower() == match[0].lower())
            draft.platform = name
            draft.note_source("platform", Source(number, match[0], match.start()))
            return


def zone_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """The organiser's time zone; a second, different zone is a conflict. An offset written
    alone ("(GMT-6)") is the fixed-offset zone it names (Etc/GMT+6), never a guessed city."""
    on = draft.dates[0] if draft.dates else None
    every = find_zones(layout.text, on)
    found = [zone for zone in every if zone.zone]
    if not found:
        offsets = [zone for zone in every if zone.offset is not None]
        whole = offsets and offsets[0].offset.total_seconds() % 3600 == 0
        if whole:
            hours = int(offsets[0].offset.total_seconds() // 3600)
            draft.time_zone = "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"
            draft.time_zone_label = _balanced(offsets[0].source.text)
            draft.note_source("time_zone", offsets[0].source)
        return
    draft.time_zone = found[0].zone
    draft.time_zone_label = _balanced(found[0].source.text)
    draft.note_source("time_zone", found[0].source)
    others = list(dict.fromkeys(zone.zone for zone in found if zone.zone != draft.time_zone))
    if others:
        draft.conflicts.append(
            Conflict("time_zone", [draft.time_zone, *others], [zone.source for zone in found])
        )


def _balanced(label: str) -> str:
    """*label* with the bracket its match stopped before: "Guatemala (GMT-6" → "… (GMT-6)"."""
    label = label.strip(" (")
    return label + ")" if label.count("(") > label.count(")") else label


_MEETING_ON = re.compile(
    r"(?:\b(?:activity|meeting|session|workshop|event|actividad|reunion|sesion|taller|evento)"
    r"|will be held(?: online| virtually| in person)?|se (?:realizara|llevara a cabo)|"
    r"tendra lugar)\s+(?:on|el|los dias|del|the)\s*$"
)


def dates_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """The meeting's days: the first date on the cover, else the first date a sentence gives
    the meeting ("will be held online on 9-10 September"); another date given to the
    meeting is a conflict."""
    found = find_dates(layout.text, layout.year)
    cover = [date for date in found if date.source.line <= layout.cover_end]
    stated = [date for date in found if _states_meeting_date(layout, date)]
    candidates = cover + [date for date in stated if date not in cover]
    if not candidates:
        return
    chosen = candidates[0]
    draft.dates = list(chosen.days)
    for date in candidates:
        if date.days == chosen.days:
            draft.note_source("dates", date.source)
    others: list[list[dt.date]] = []
    for date in candidates:
        if date.days != chosen.days and list(date.days) not in others:
            others.append(list(date.days))
    if others:
        draft.conflicts.append(
            Conflict("dates", [list(chosen.days), *others], [date.source for date in candidates])
        )


def _states_meeting_date(layout: NoteLayout, date: FoundDate) -> bool:
    line = layout.line(date.source.line)
    column = max(date.source.column, 0)
    return bool(_MEETING_ON.search(fold(line[max(0, column - 60) : column])))
