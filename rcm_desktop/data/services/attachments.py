"""Files attached to a meeting: copied into the profile under their SHA-256 (`data.file_store`)."""

from __future__ import annotations

import mimetypes
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.file_store import copy_into_profile
from rcm_desktop.data.models import Attachment, Meeting
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    file_name: str
    sha256: str
    size_bytes: int
    media_type: str
    stored_path: Path


def stored_path(profile: Profile, sha256: str, file_name: str) -> Path:
    """Where the copy of a file lives in the profile: attachments/ab/<sha256>/<name>."""
    return profile.attachments_dir / sha256[:2] / sha256 / file_name


def add_attachment(
    database: Database, profile: Profile, meeting_id: int, source: Path
) -> AttachmentInfo:
    """Attach *source* to the meeting: refuse it with the reason when it cannot be read."""
    with (
        copy_into_profile(
            source,
            profile.attachments_dir,
            lambda sha256, name: stored_path(profile, sha256, name),
            "attach",
        ) as copy,
        database.session() as session,
    ):
        if session.get(Meeting, meeting_id) is None:
            raise ValidationError(_("This meeting no longer exists; it may have been deleted."))
        existing = session.scalar(
            select(Attachment).where(
                Attachment.meeting_id == meeting_id, Attachment.sha256 == copy.sha256
            )
        )
        if existing is not None:
            raise ValidationError(
                _("This file is already attached to the meeting, as “%(name)s”.")
                % {"name": existing.file_name}
            )
        media_type = mimetypes.guess_type(copy.file_name)[0] or "application/octet-stream"
        attachment = Attachment(
            meeting_id=meeting_id,
            file_name=copy.file_name,
            sha256=copy.sha256,
            size_bytes=copy.size_bytes,
            media_type=media_type,
        )
        session.add(attachment)
        session.flush()
        return AttachmentInfo(
            attachment.id, copy.file_name, copy.sha256, copy.size_bytes, media_type, copy.path
        )


def list_attachments(database: Database, profile: Profile, meeting_id: int) -> list[AttachmentInfo]:
    """The meeting's attachments, oldest first."""
    with database.session() as session:
        rows = session.scalars(
            select(Attachment).where(Attachment.meeting_id == meeting_id).order_by(Attachment.id)
        )
        return [
            AttachmentInfo(
                row.id,
                row.file_name,
                row.sha256,
                row.size_bytes,
                row.media_type,
                stored_path(profile, row.sha256, row.file_name),
            )
            for row in rows
        ]


def remove_attachment(database: Database, profile: Profile, attachment_id: int) -> None:
    """Detach a file; its copy is deleted when no other meeting uses the same content."""
    with database.session() as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            return
        sha256, name = row.sha256, row.file_name
        session.delete(row)
        session.flush()
        still_used = session.scalar(
            select(Attachment.id).where(Attachment.sha256 == sha256).limit(1)
        )
    if still_used is None:
        shutil.rmtree(stored_path(profile, sha256, name).parent, ignore_errors=True)
