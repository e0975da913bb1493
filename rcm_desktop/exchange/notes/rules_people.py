"""Rules for who takes part: the limit per country, each seat's required profile (and a seat
a forum's members may add beyond the limit), and the guiding questions."""

from __future__ import annotations

import re

from rcm_desktop.domain.note_text.found import Source, fold_keep_length, sentences
from rcm_desktop.domain.note_text.limits import find_limits
from rcm_desktop.domain.note_text.questions import find_questions
from rcm_desktop.exchange.notes.draft import Conflict, DraftQuestion, DraftSeat, NoteDraft
from rcm_desktop.exchange.notes.layout import NoteLayout
from rcm_desktop.exchange.notes.reference import FORUM_NAMES

_ORDINALS = (
    r"(?P<ordinal>first|second|third|fourth|primer|primera|primero|segund[oa]|tercer[oa]?|"
    r"cuart[oa]|premier|premiere|deuxieme|troisieme)"
)
_SEAT = re.compile(
    r"(?:the\s+)?profile\s+of\s+the\s+(?:first\s+)?participant\s+(?:should|must|shall)\s+be\s+"
    r"(?:that\s+of\s+)?(?P<a>.+)"
    r"|(?:the\s+)?" + _ORDINALS + r"\s+(?:participant|person|delegate|seat)\s+(?:should|must|shall|"
    r"will|is to)\s+(?:be|come\s+from)\s+(?:that\s+of\s+)?(?P<b>.+)"
    r"|(?:el|la)\s+perfil\s+de(?:l|\s+la)\s+(?:primer[oa]?\s+)?(?:participante|persona)\s+"
    r"(?:debera|debe|deberia)\s+ser\s+(?:el\s+de\s+|la\s+de\s+)?(?P<c>.+)"
    r"|(?:el|la)\s+" + _ORDINALS.replace("ordinal", "ordinal_es") + r"\s+(?:participante|persona|"
    r"delegad[oa])\s+(?:debera|debe|deberia)\s+(?:ser|provenir\s+de|venir\s+de)\s+"
    r"(?:el\s+de\s+|la\s+de\s+)?(?P<d>.+)"
)
_EXTRA = re.compile(
    r"\b(?:(?:are|is)\s+invited\s+to|may|can|could|podran|pueden|podra)\s+"
    r"(?:include|add|incluir|agregar|sumar|anadir)\b[^.]*?"
    r"(?P<profile>\b(?:a|an|one|un|una)\s+(?:representative|member|official|representante|"
    r"miembro|integrante|funcionari[oa])\b.+)"
)


def limit_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """The participants' limit per country; none when the note sets none, and a conflict when
    it gives two."""
    found = [limit for limit in find_limits(layout.text) if limit.per_country]
    if not found:
        return
    draft.limit_per_country = found[0].value
    draft.note_source("limit_per_country", found[0].source)
    others = list(dict.fromkeys(f.value for f in found if f.value != found[0].value))
    if others:
        draft.conflicts.append(
            Conflict("limit_per_country", [found[0].value, *others], [f.source for f in found])
        )


def seats_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """Seats with a required profile ("The profile of the participant should be that of …",
    "The second participant should come from …"), and a seat a forum's members may add."""
    for number, plain in enumerate(layout.plain, 1):
        for offset, sentence in sentences(plain):
            folded = fold_keep_length(sentence)
            seat = _SEAT.search(folded)
            if seat:
                group = next(name for name in "abcd" if seat[name])
                profile = _profile(sentence[seat.start(group) :])
                _add(draft, DraftSeat(profile), Source(number, profile, offset + seat.start(group)))
                continue
            extra = _EXTRA.search(folded)
            if extra and draft.seats:
                profile = _profile(sentence[extra.start("profile") :])
                forum = _forum_in(fold_keep_length(profile))
                _add(
                    draft,
                    DraftSeat(profile, beyond_limit=True, forum=forum),
                    Source(number, profile, offset + extra.start("profile")),
                )


def _profile(text: str) -> str:
    return text.strip().rstrip(".;:").strip()


def _forum_in(folded: str) -> str | None:
    for code, names in FORUM_NAMES.items():
        if any(re.search(r"\b" + re.escape(name) + r"\b", folded) for name in names):
            return code
    return None


def _add(draft: NoteDraft, seat: DraftSeat, source: Source) -> None:
    draft.note_source(f"seats.{len(draft.seats)}", source)
    draft.seats.append(seat)


#: How far above a question its session or phase heading is looked for, in lines.
_GROUP_REACH = 400
_PHASE = re.compile(r"^(?:phase|fase|topic|tema|eje|segment|segmento|block|bloque)\b")
_SESSION = re.compile(r"^(?:session|sesion|seance|sessao)\b")


def questions_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """Guiding questions, numbered through the note, with the session or phase each belongs
    to; the sentences before the question itself are its context."""
    headings = [number for number, name in layout.headings if name == "questions"]
    for place, found in enumerate(find_questions(layout.text), 1):
        group = fold_keep_length(found.group or "")
        group_line = _group_line(layout, found.source.line, found.group)
        if len(headings) == 1 and group_line is not None and group_line < headings[0]:
            group = ""  # one list of questions after the agenda: not the last session's
        session = found.group_number if _SESSION.match(group) else None
        phase = None
        if _PHASE.match(group):  # the whole heading: "Phase II. Monitoring system"
            phase = layout.plain_at(group_line).strip() if group_line else found.group
        if session is None and len(draft.sessions) == 1:
            session = 1
        context, text = _split_context(" ".join(found.text.split()))
        draft.guiding_questions.append(DraftQuestion(place, text, session, phase, context))
        draft.note_source(f"guiding_questions.{place - 1}", found.source)


def _group_line(layout: NoteLayout, line: int, label: str | None) -> int | None:
    """The line of the session or phase heading a question is under."""
    if not label:
        return None
    for number in range(line, max(0, line - _GROUP_REACH), -1):
        if (
            fold_keep_length(layout.plain_at(number))
            .lstrip(" -•*")
            .startswith(fold_keep_length(label))
        ):
            return number
    return None


def _split_context(text: str) -> tuple[str, str]:
    """("statement sentences", "the question") when the item opens with statements."""
    parts = [part for _offset, part in sentences(text)]
    first_question = next((i for i, part in enumerate(parts) if "?" in part), None)
    if not first_question:
        return "", text
    return " ".join(parts[:first_question]).strip(), " ".join(parts[first_question:]).strip()


#: Observer organisations: the forums' observers are international organisations (IOM,
#: UNHCR…), which a note also names as such.
_OBSERVERS = re.compile(
    r"\b(?:observers?|observadora?s?|observateurs?|observadores|international organi[sz]ations|"
    r"organismos internacionales|organizaciones internacionales|organisations internationales)\b"
)
_CIVIL_SOCIETY = re.compile(
    r"\b(?:civil society|sociedad civil|societe civile|sociedade civil|rrocm|ngos?|ong)\b"
)
_NOT_INVITED = re.compile(
    r"\b(?:will not be (?:convened|invited)|are not (?:invited|convened)|no (?:seran|sera) "
    r"(?:convocad|invitad)\w*|no se convocara|ne seront pas)\b"
)
_INVITED = re.compile(
    r"\b(?:encouraged to participate|(?:will be able|are invited|may|can) (?:to )?participate|"
    r"are (?:also )?invited|(?:podran|pueden) participar|se invita|estan invitad\w*|"
    r"pourront participer|poderao participar)\b"
)


def invitations_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """Whether observer organisations and civil society are invited: a sentence naming them
    with an invitation ("are also encouraged to participate") or a refusal ("will not be
    convened"); None when the note says neither."""
    for number, plain in enumerate(layout.plain, 1):
        for offset, sentence in sentences(plain):
            folded = fold_keep_length(sentence)
            refused, invited = _NOT_INVITED.search(folded), _INVITED.search(folded)
            if not (refused or invited):
                continue
            answer = refused is None
            for name, pattern in (
                ("observers_invited", _OBSERVERS),
                ("civil_society_invited", _CIVIL_SOCIETY),
            ):
                found = pattern.search(folded)
                if found and getattr(draft, name) is None:
                    setattr(draft, name, answer)
                    draft.note_source(name, Source(number, sentence.strip(), offset))
