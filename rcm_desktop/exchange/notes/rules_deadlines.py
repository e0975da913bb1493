"""Rules for what countries must do by when: deadlines (working or calendar days after a
date, or a fixed date) with their purpose, and the documents named for comments, approval or
information, each linked to the deadline that governs it."""

from __future__ import annotations

import re

from babel.core import get_global

from rcm_desktop.domain.note_text.deadlines import find_deadlines
from rcm_desktop.domain.note_text.found import Source, fold_keep_length, sentences
from rcm_desktop.exchange.notes.draft import DraftDeadline, DraftDocument, NoteDraft
from rcm_desktop.exchange.notes.layout import NoteLayout

_DOCUMENT_NOUNS = (
    r"Strategy|Report|Protocol|Guidelines|Guide|Plan of Action|Action Plan|Work Plan|Workplan|"
    r"Roadmap|Road Map|Declaration|Recommendations|Manual|Terms of Reference|Framework|"
    r"Estrategia|Informe|Protocolo|Lineamientos|Gu[ií]a|Plan de Acci[oó]n|Plan de Trabajo|"
    r"Hoja de Ruta|Declaraci[oó]n|Recomendaciones|Manual|T[eé]rminos de Referencia|"
    r"Protocole|Rapport|Strat[ée]gie|Lignes directrices|Plan d.action|D[ée]claration|"
    r"Relat[oó]rio|Estrat[ée]gia|Diretrizes|Plano de A[cç][aã]o"
)
_LINK = r"(?:to|on|for|of|and|the|in|de|del|la|las|el|los|y|para|sobre|en|a|du|des|le|les|et|do|da|dos|das|e)"
_NOUN = re.compile(r"\b(?:" + _DOCUMENT_NOUNS + r")\b")
#: The capitalised words before a document noun ("Regional Strategy"), read in a short
#: window so that a line of a million capitalised words costs no more than a short one.
_BEFORE_NOUN = re.compile(r"(?:[A-ZÁÉÍÓÚÑ][\w-]*\s+(?:(?:de|del|du|do|da)\s+)?){0,8}$")
_AFTER_NOUN = re.compile(
    r"(?:\s+(?:" + _LINK + r"|[A-ZÁÉÍÓÚÑ][\w-]*|(?:19|20)\d{2}(?:[-–](?:19|20)\d{2})?)){0,16}"
)
_SHORT = re.compile(r"\b(?:[Tt]he|[Ll]a|[Ee]l)\s+(" + _DOCUMENT_NOUNS + r")\b")
_QUOTED = re.compile(r"[“\"«]([^”\"»]{8,200})[”\"»]")
_PURPOSES = (
    ("approval", re.compile(r"\b(?:for (?:its |their )?approval|to approve|para su aprobacion|"
                            r"para aprobacion|a aprobar|pour approbation)\b")),
    ("comments", re.compile(r"\b(?:comments?|review|feedback|observaciones|comentarios|"
                            r"revision|aportes|insumos|commentaires)\b")),
    ("information", re.compile(r"\b(?:for (?:your )?information|for reference|"
                               r"para (?:su )?informacion|para conocimiento)\b")),
)  # fmt: skip
#: The note-text rule names as the store's (a bare "days" counts calendar days).
_RULES = {"date": "fixed", "days": "calendar_days"}
_AFTER_MEETING = re.compile(
    r"\b(?:after|following|posterior(?:es)?\s+a|despues\s+de|luego\s+de|apres)\s+"
    r"(?:the\s+|la\s+|el\s+|l')?(?:al\s+)?(?:meeting|workshop|session|event|activity|reunion|"
    r"taller|sesion|evento|actividad)\b|\bposteriores\s+al\s+(?:taller|evento|encuentro)\b"
)
_ARTICLE = re.compile(r"^(?:The|La|El|Los|Las|Le|Les)\s+")
_SPLIT = re.compile(r"\s+(?:and|y|et|e)\s+(?:the\s+|la\s+|el\s+|los\s+|las\s+)?(?=[A-ZÁÉÍÓÚÑ])")
_SMALL_END = re.compile(r"(?:\s+" + _LINK + r")+$")


def deadlines_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """Each deadline, counted on the organiser's calendar (the country of its time zone)."""
    calendar = None
    if draft.time_zone:
        calendar = get_global("zone_territories").get(draft.time_zone)
    for index, found in enumerate(find_deadlines(layout.text, layout.year)):
        rule = _RULES.get(found.rule, found.rule)
        after = found.after
        if rule != "fixed" and after is None and draft.dates:
            line = fold_keep_length(layout.line(found.source.line))
            if _AFTER_MEETING.search(line[found.source.column :]):
                after = max(draft.dates)  # "15 días hábiles posteriores al taller"
        deadline = DraftDeadline(
            purpose=found.purpose or "other",
            rule=rule,
            due=found.due,
            days=found.days,
            after=after,
            calendar=calendar if rule == "working_days" else None,
        )
        draft.deadlines.append(deadline)
        draft.note_source(f"deadlines.{index}", found.source)


def documents_rule(layout: NoteLayout, draft: NoteDraft) -> None:
    """Documents a sentence asks countries to comment on, approve or read, and the deadline
    whose sentence names each one."""
    titles = _document_titles(layout)
    deadline_lines = {
        source.line: int(path.split(".")[1])
        for path, found in draft.sources.items()
        if path.startswith("deadlines.")
        for source in found
    }
    for number, plain in enumerate(layout.plain, 1):
        for _offset, sentence in sentences(plain):
            folded = fold_keep_length(sentence)
            named = _named_documents(sentence, titles)
            if not named:
                continue
            if number in deadline_lines and _mentions_deadline(folded):
                deadline = draft.deadlines[deadline_lines[number]]
                for title in named:
                    if title not in deadline.documents:
                        deadline.documents.append(title)
                purpose = deadline.purpose if deadline.purpose in ("comments", "approval") else None
            else:
                purpose = next((name for name, rule in _PURPOSES if rule.search(folded)), None)
            if purpose is None:
                continue
            for title in named:
                if all(document.title != title for document in draft.documents):
                    draft.note_source(
                        f"documents.{len(draft.documents)}",
                        Source(number, title, sentence.find(title)),
                    )
                    draft.documents.append(DraftDocument(title, purpose))


def _mentions_deadline(folded: str) -> bool:
    return bool(
        re.search(
            r"\b(?:days?|dias?|jours?|by|before|antes|a mas tardar|hasta|ate|au plus tard|avant)\b",
            folded,
        )
    )


def _document_titles(layout: NoteLayout) -> list[str]:
    """Every document title written out in the note (longest first)."""
    titles: set[str] = set()
    for plain in layout.plain:
        for noun in _NOUN.finditer(plain):
            window = plain[max(0, noun.start() - 120) : noun.start()]
            before = _BEFORE_NOUN.search(window)
            after = _AFTER_NOUN.match(plain, noun.end())
            text = (before[0] if before else "") + plain[noun.start() : after.end()]
            for part in _split_titles(text):
                title = _SMALL_END.sub("", _ARTICLE.sub("", part)).strip()
                if len(title.split()) >= 3 and title[:1].isupper():
                    titles.add(title)
    return sorted(titles, key=len, reverse=True)


def _split_titles(text: str) -> list[str]:
    """ "Draft Protocol for X and the Draft Guidelines for Y" as two titles when each part
    names a document; one title otherwise ("Plan of Action and Cooperation")."""
    parts = _SPLIT.split(text)
    nouns = re.compile(r"\b(?:" + _DOCUMENT_NOUNS + r")\b")
    if len(parts) > 1 and all(nouns.search(part) for part in parts):
        return parts
    return [text]


def _named_documents(sentence: str, titles: list[str]) -> list[str]:
    """The documents *sentence* names: full titles, or "the Strategy" for the one title
    with that noun."""
    named = [title for title in titles if title in sentence]
    for match in _SHORT.finditer(sentence):
        noun = match[1]
        if any(noun in title for title in named):
            continue
        word = re.compile(r"\b" + re.escape(noun) + r"\b")
        candidates = [title for title in titles if word.search(title)]
        if candidates and candidates[0] not in named:
            named.append(candidates[0])  # the longest title with that noun
    return named
