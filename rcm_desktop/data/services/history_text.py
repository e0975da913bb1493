"""The journal in sentences: what each field is called and how a change reads.

Pure functions over a journal change's plain values; the names of the records a change
points at (a person, a seat, a meeting) come from a `Names` lookup the caller fills.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rcm_desktop.domain import vocabulary
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    DeadlineKind,
    DeadlineRule,
    DocumentKind,
    DocumentPurpose,
    Gender,
    MeetingKind,
    MeetingStatus,
    Modality,
    NominationRole,
    NominationStatus,
    ReviewStage,
)
from rcm_desktop.i18n import N_, _, format_date, format_time

#: Longest value quoted in a sentence; longer ones are cut with an ellipsis.
QUOTED = 60

#: What one record of each table is called.
THINGS = {
    "meetings": N_("Meeting"), "sessions": N_("Session"), "agenda_items": N_("Agenda line"),
    "guiding_questions": N_("Guiding question"), "meeting_status_changes": N_("Status"),
    "attachments": N_("Attached file"), "people": N_("Directory entry"), "seats": N_("Seat"),
    "nominations": N_("Nomination"), "documents": N_("Document"),
    "document_files": N_("Document file"), "document_reviews": N_("Review"),
    "review_consultations": N_("Consultation"), "document_comments": N_("Comment"),
    "calendar_closures": N_("Closure day"), "deadlines": N_("Deadline"),
}  # fmt: skip

#: The kinds of change the history can be filtered by, with the tables of each.
CATEGORIES = {
    "details": (N_("Details"), ("meetings", "meeting_status_changes", "attachments", "people")),
    "agenda": (N_("Sessions and agenda"), ("sessions", "agenda_items")),
    "questions": (N_("Questions and positions"), ("guiding_questions",)),
    "delegation": (N_("Seats and nominations"), ("seats", "nominations")),
    "documents": (
        N_("Documents and comments"),
        ("documents", "document_files", "document_reviews", "review_consultations",
         "document_comments"),
    ),
    "deadlines": (N_("Deadlines"), ("deadlines", "calendar_closures")),
}  # fmt: skip

_FIELDS = {
    "title": N_("title"), "kind": N_("kind"), "modality": N_("modality"), "venue": N_("venue"),
    "platform": N_("platform"), "time_zone": N_("time zone"),
    "time_zone_label": N_("time zone as the note says it"), "start_date": N_("first day"),
    "end_date": N_("last day"), "context": N_("context"), "objectives": N_("objectives"),
    "methodology": N_("methodology"), "interpretation": N_("interpretation"),
    "participants": N_("participants"), "max_participants_per_country": N_("limit per country"),
    "limit_source": N_("source of the limit"), "observers_invited": N_("observers invited"),
    "civil_society_invited": N_("civil society invited"), "status": N_("status"),
    "notes": N_("notes"), "note": N_("note"), "source_key": N_("source"),
    "convening_body_id": N_("convening body"), "forums": N_("forums"),
    "meeting_id": N_("meeting"), "session_id": N_("session"), "position": N_("order"),
    "date": N_("day"), "start_time": N_("start time"), "end_time": N_("end time"),
    "description": N_("description"), "lead_countries": N_("lead countries"),
    "activity": N_("activity"), "coordinator": N_("speaker or coordinator"),
    "phase": N_("phase"), "text": N_("question"),
    "delegation_position": N_("delegation's position"), "changed_on": N_("changed on"),
    "file_name": N_("file name"), "sha256": N_("fingerprint"), "size_bytes": N_("size"),
    "media_type": N_("file type"), "added_at": N_("added on"), "country_code": N_("country"),
    "honorific": N_("honorific"), "full_name": N_("full name"), "institution": N_("institution"),
    "agency": N_("ministry or agency"), "email": N_("e-mail"), "phone": N_("telephone"),
    "languages": N_("languages"), "gender": N_("gender"), "profile": N_("required profile"),
    "forum_id": N_("forum"), "beyond_limit": N_("beyond the limit"), "source": N_("source"),
    "seat_id": N_("seat"), "person_id": N_("person"), "role": N_("role"),
    "submitted_on": N_("submitted on"), "status_changed_on": N_("status changed on"),
    "replaced_by_id": N_("replaced by"), "purpose": N_("purpose"), "version": N_("version"),
    "document_id": N_("document"), "stage": N_("stage"), "received_on": N_("received on"),
    "review_started_on": N_("review started on"), "comments_sent_on": N_("comments sent on"),
    "approval_submitted_on": N_("approval submitted on"), "decided_on": N_("decided on"),
    "review_id": N_("review"), "due_on": N_("due on"), "answered_on": N_("answered on"),
    "section": N_("section"), "comment": N_("comment"),
    "proposed_wording": N_("proposed wording"), "day": N_("day"), "reason": N_("reason"),
    "rule": N_("how it is counted"), "fixed_date": N_("fixed date"), "days": N_("days"),
    "anchor_kind": N_("counted from"), "anchor_session_id": N_("session counted from"),
    "anchor_date": N_("date counted from"),
    "anchor_document_review_id": N_("receipt counted from"),
    "calendar_country": N_("calendar"), "calendar_categories": N_("holidays counted"),
    "due_date": N_("due date"), "done_on": N_("done on"), "documents": N_("documents"),
}  # fmt: skip
#: A person's "position" is their post, not an order.
_PERSON_FIELDS = {"position": N_("post")}

_ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("meetings", "kind"): MeetingKind, ("meetings", "modality"): Modality,
    ("meetings", "status"): MeetingStatus, ("meeting_status_changes", "status"): MeetingStatus,
    ("nominations", "role"): NominationRole, ("nominations", "status"): NominationStatus,
    ("people", "gender"): Gender, ("documents", "kind"): DocumentKind,
    ("documents", "purpose"): DocumentPurpose, ("document_reviews", "stage"): ReviewStage,
    ("deadlines", "kind"): DeadlineKind, ("deadlines", "rule"): DeadlineRule,
    ("deadlines", "anchor_kind"): AnchorKind,
}  # fmt: skip
#: Fields whose values are long texts: a sentence names them without quoting.
LONG_FIELDS = frozenset(
    {"context", "objectives", "methodology", "interpretation", "participants", "notes",
     "description", "delegation_position", "comment", "proposed_wording", "profile", "text"}
)  # fmt: skip
#: Fields never shown: machine values.
HIDDEN = frozenset({"sha256", "source_key", "position", "meeting_id", "document_id",
                    "session_id", "review_id", "time_zone_label"})  # fmt: skip


def thing(table: str) -> str:
    """What a record of *table* is called."""
    return _(THINGS.get(table, N_("Record")))


def field_label(table: str, name: str) -> str:
    """What a field is called, in the interface language."""
    if table == "people" and name in _PERSON_FIELDS:
        return _(_PERSON_FIELDS[name])
    return _(_FIELDS.get(name, N_("another field")))


_REFERENCE = {"convening_body_id": "bodies", "forum_id": "forums"}


@dataclass
class Names:
    """The names of the records changes point at, by global id; the rest asked of `lookup`."""

    by_gid: dict[str, str] = field(default_factory=dict)

    def of(self, gid: Any, field_name: str = "") -> str:
        """The name of the record *gid* (a deleted one is named as such, never guessed)."""
        if gid is None:
            return _("none")
        if field_name in _REFERENCE and isinstance(gid, int):
            gid = f"{_REFERENCE[field_name]}:{gid}"
        if isinstance(gid, str) and gid in self.by_gid:
            return self.by_gid[gid]
        if field_name in ("person_id", "replaced_by_id"):
            return _("a deleted person")
        return _("a deleted record")


def shown(value: Any, *, cut: bool = True) -> str:
    """A value quoted in a sentence (cut to `QUOTED` characters)."""
    text = " ".join(str(value).split())
    if cut and len(text) > QUOTED:
        text = text[: QUOTED - 1].rstrip() + "…"
    return f"“{text}”"


def value_text(table: str, name: str, value: Any, names: Names, *, cut: bool = True) -> str:
    """A field's value as a person reads it (a long text cut, unless *cut* is False)."""
    if value is None or value == "" or value == []:
        return _("empty")
    if (table, name) in _ENUMS:
        try:
            return vocabulary.label(_ENUMS[table, name](value))
        except ValueError:
            return shown(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name.endswith("_id"):
        return names.of(value, name)
    if isinstance(value, list):
        return ", ".join(names.of(item) if len(str(item)) == 36 else str(item) for item in value)
    if isinstance(value, str) and name not in LONG_FIELDS:
        parsed = _as_date_or_time(value)
        if parsed is not None:
            return parsed
    return shown(value, cut=cut)


def _as_date_or_time(value: str) -> str | None:
    try:
        if len(value) == 10:
            return format_date(dt.date.fromisoformat(value))
        if len(value) == 8 and value[2] == ":":
            return format_time(dt.time.fromisoformat(value))
    except ValueError:
        return None
    return None


def record_name(table: str, values: dict[str, Any], names: Names) -> str:
    """The words that name a record in a sentence: its title, its person, its seat…"""
    if table == "nominations":
        return names.of(values.get("person_id"), "person_id")
    if table == "people" and not values.get("full_name"):
        return _("a deleted person")
    if table == "seats":
        return _("seat %(n)s") % {"n": values.get("position", "?")}
    for key in ("title", "full_name", "activity", "text", "file_name", "institution", "comment"):
        if values.get(key):
            return shown(values[key])
    if table == "meeting_status_changes" and values.get("status"):
        return value_text(table, "status", values["status"], names)
    if table == "calendar_closures" and values.get("day"):
        return value_text(table, "day", values["day"], names)
    return ""


def sentence(
    table: str,
    operation: str,
    old: dict[str, Any],
    new: dict[str, Any],
    current: dict[str, Any],
    names: Names,
) -> str:
    """One change in words: "Seat 2: Ana Peña replaced by Luis Mora", "Title changed…"."""
    values = {**current, **old, **new} if operation != "delete" else {**current, **old}
    if table == "nominations":
        special = _nomination_sentence(operation, old, new, values, names)
        if special:
            return special
    what, name = thing(table), record_name(table, values, names)
    if operation == "insert":
        return (
            _("%(thing)s added: %(name)s") % {"thing": what, "name": name}
            if name
            else (_("%(thing)s added") % {"thing": what})
        )
    if operation == "delete":
        return (
            _("%(thing)s deleted: %(name)s") % {"thing": what, "name": name}
            if name
            else (_("%(thing)s deleted") % {"thing": what})
        )
    parts = [
        _field_change(table, key, old.get(key), new.get(key), names)
        for key in new
        if key not in HIDDEN or (table == "people" and key == "position")
    ]
    parts = [part for part in parts if part]
    if not parts:
        parts = [_("order changed")]
    subject = f"{what} {name}".strip() if table != "meetings" else what
    return _("%(subject)s: %(changes)s") % {"subject": subject, "changes": "; ".join(parts)}


def _field_change(table: str, key: str, before: Any, after: Any, names: Names) -> str:
    label = field_label(table, key)
    if key in LONG_FIELDS:
        if not after:
            return _("%(field)s cleared") % {"field": label}
        return _("%(field)s changed") % {"field": label}
    return _("%(field)s %(old)s → %(new)s") % {
        "field": label,
        "old": value_text(table, key, before, names),
        "new": value_text(table, key, after, names),
    }


def _seat(values: dict[str, Any], names: Names) -> str:
    seat = values.get("seat_id")
    return names.of(seat) if seat else _("No seat")


def _nomination_sentence(
    operation: str, old: dict[str, Any], new: dict[str, Any], values: dict[str, Any], names: Names
) -> str | None:
    person = names.of(values.get("person_id"), "person_id")
    seat = _seat(values, names)
    if operation == "insert":
        return _("%(seat)s: %(person)s nominated") % {"seat": seat, "person": person}
    if operation == "delete":
        return _("%(seat)s: nomination of %(person)s deleted") % {"seat": seat, "person": person}
    if new.get("replaced_by_id"):
        return _("%(seat)s: %(person)s replaced by %(other)s") % {
            "seat": seat,
            "person": person,
            "other": names.of(new["replaced_by_id"], "replaced_by_id"),
        }
    if "status" in new and set(new) <= {"status", "status_changed_on", "submitted_on"}:
        return _("%(seat)s: nomination of %(person)s now %(status)s") % {
            "seat": seat,
            "person": person,
            "status": value_text("nominations", "status", new["status"], names),
        }
    return None
