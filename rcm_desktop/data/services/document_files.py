"""The versions of a document's file, copied into the profile under their SHA-256; old ones kept."""

from __future__ import annotations

import datetime as dt
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.file_store import copy_into_profile
from rcm_desktop.data.models import Document, DocumentFile
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


@dataclass(frozen=True)
class DocumentFileInfo:
    id: int
    version: str | None
    file_name: str
    sha256: str
    size_bytes: int
    media_type: str
    added_at: dt.datetime
    stored_path: Path


def document_file_path(profile: Profile, sha256: str, file_name: str) -> Path:
    """Where a document file's copy lives: attachments/documents/ab/<sha256>/<name>."""
    return profile.attachments_dir / "documents" / sha256[:2] / sha256 / file_name


def _file_info(profile: Profile, row: DocumentFile) -> DocumentFileInfo:
    return DocumentFileInfo(
        row.id,
        row.version,
        row.file_name,
        row.sha256,
        row.size_bytes,
        row.media_type,
        row.added_at,
        document_file_path(profile, row.sha256, row.file_name),
    )


def add_document_file(
    database: Database, profile: Profile, document_id: int, source: Path, version: str = ""
) -> DocumentFileInfo:
    """Copy a new version of the document's file into the profile; earlier versions are kept.

    The version given (or the file's name) becomes the document's current version.
    """
    with (
        copy_into_profile(
            source,
            profile.attachments_dir / "documents",
            lambda sha256, name: document_file_path(profile, sha256, name),
            "add",
        ) as copy,
        database.session() as session,
    ):
        document = session.get(Document, document_id)
        if document is None:
            raise ValidationError(_("This document no longer exists; it may have been deleted."))
        existing = session.scalar(
            select(DocumentFile).where(
                DocumentFile.document_id == document_id, DocumentFile.sha256 == copy.sha256
            )
        )
        if existing is not None:
            raise ValidationError(
                _("This file is already a version of the document (“%(version)s”, %(name)s).")
                % {"version": existing.version or "—", "name": existing.file_name}
            )
        row = DocumentFile(
            document_id=document_id,
            version=version.strip() or None,
            file_name=copy.file_name,
            sha256=copy.sha256,
            size_bytes=copy.size_bytes,
            media_type=mimetypes.guess_type(copy.file_name)[0] or "application/octet-stream",
        )
        session.add(row)
        if version.strip():
            document.version = version.strip()
        session.flush()
        return _file_info(profile, row)


def list_document_files(
    database: Database, profile: Profile, document_id: int
) -> list[DocumentFileInfo]:
    """Every version of the document's file, newest first."""
    with database.session() as session:
        rows = session.scalars(
            select(DocumentFile)
            .where(DocumentFile.document_id == document_id)
            .order_by(DocumentFile.id.desc())
        )
        return [_file_info(profile, row) for row in rows]


def openable_file(database: Database, profile: Profile, file_id: int) -> Path:
    """The copy of a file version, to open with the system viewer; says so when it is missing."""
    with database.session() as session:
        row = session.get(DocumentFile, file_id)
        if row is None:
            raise ValidationError(_("This version no longer exists; it may have been deleted."))
        path = document_file_path(profile, row.sha256, row.file_name)
    if not path.is_file():
        raise ValidationError(
            _(
                "The copy of “%(name)s” is missing from the profile folder (%(path)s). "
                "Add the file again as a new version."
            )
            % {"name": path.name, "path": path.parent}
        )
    return path
