"""A document as its editor holds it before saving, and the checks it must pass."""

from __future__ import annotations

from dataclasses import dataclass

from rcm_desktop.domain.vocabulary import DocumentKind, DocumentPurpose
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _


@dataclass
class DocumentDraft:
    title: str
    kind: DocumentKind = DocumentKind.OTHER
    version: str = ""
    meeting_id: int | None = None
    notes: str = ""
    id: int | None = None
    #: The stored record's version when loaded (`version` above is the sender's name for it).
    row_version: int | None = None
    #: What the sender asks of countries: comments, approval, or information only.
    purpose: DocumentPurpose = DocumentPurpose.COMMENTS


def document_problems(draft: DocumentDraft) -> dict[str, str]:
    """Every problem of *draft*, by field (empty when it can be saved)."""
    found: dict[str, str] = {}
    if not draft.title.strip():
        found["title"] = _(
            "The document needs a title, e.g. “Regional Strategy to Address Irregular Migration”."
        )
    elif len(draft.title.strip()) > 500:
        found["title"] = _("The title is longer than 500 characters; shorten it.")
    if len(draft.version.strip()) > 100:
        found["version"] = _(
            "The version is longer than 100 characters; write e.g. “draft” or “v2”."
        )
    return found


def check_document(draft: DocumentDraft) -> None:
    """Refuse a draft that cannot be saved, naming the field to fix (the first problem)."""
    for field, message in document_problems(draft).items():
        raise ValidationError(message, field=field)
