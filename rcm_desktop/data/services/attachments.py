"""Files attached to a meeting: copied into the profile under their SHA-256, never moved or changed."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Attachment, Meeting
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile

#: Largest file accepted (a concept note is a few MB; this refuses a video dropped by mistake).
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
_CHUNK = 1024 * 1024


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


def _copy_with_digest(source: Path, folder: Path) -> tuple[Path, str, int]:
    """Copy *source* into *folder* (a temporary name), hashing as it goes."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".partial-")
    try:
        with source.open("rb") as reader, os.fdopen(handle, "wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                writer.write(chunk)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary), digest.hexdigest(), size


def add_attachment(
    database: Database, profile: Profile, meeting_id: int, source: Path
) -> AttachmentInfo:
    """Attach *source* to the meeting: refuse it with the reason when it cannot be read."""
    name = source.name
    if not source.is_file():
        raise ValidationError(
            _("“%(name)s” cannot be attached: it is not a file.") % {"name": name}
        )
    size = source.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("“%(name)s” cannot be attached: it is larger than %(limit)d MB.")
            % {"name": name, "limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
        )
    try:
        temporary, sha256, size = _copy_with_digest(source, profile.attachments_dir)
    except OSError as error:
        raise ValidationError(
            _("“%(name)s” cannot be attached: it cannot be read (%(reason)s).")
            % {"name": name, "reason": error.strerror or error}
        ) from error
    target = stored_path(profile, sha256, name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, target)
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with database.session() as session:
            if session.get(Meeting, meeting_id) is None:
                raise ValidationError(_("This meeting no longer exists; it may have been deleted."))
            existing = session.scalar(
                select(Attachment).where(
                    Attachment.meeting_id == meeting_id, Attachment.sha256 == sha256
                )
            )
            if existing is not None:
                raise ValidationError(
                    _("This file is already attached to the meeting, as “%(name)s”.")
                    % {"name": existing.file_name}
                )
            attachment = Attachment(
                meeting_id=meeting_id,
                file_name=name,
                sha256=sha256,
                size_bytes=size,
                media_type=media_type,
            )
            session.add(attachment)
            session.flush()
            return AttachmentInfo(attachment.id, name, sha256, size, media_type, target)
    finally:
        Path(temporary).unlink(missing_ok=True)


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
