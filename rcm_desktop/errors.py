"""Errors whose message is meant for the user: already translated, naming the problem and the fix."""

from __future__ import annotations

from pathlib import Path


class RcmDeskError(Exception):
    """Base of every error the app shows to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ProfileInUseError(RcmDeskError):
    """Another RCM Desk process holds the profile."""


class NotAnRcmDatabaseError(RcmDeskError):
    """The file is not an RCM Desk database, or it is damaged."""


class NewerSchemaError(RcmDeskError):
    """The database was written by a newer RCM Desk."""


class StorageError(RcmDeskError):
    """The disk refused a write (read-only, full, locked)."""


class ReadOnlyStoreError(StorageError):
    """A healthy RCM Desk store that cannot be written where it is (a read-only folder or file).

    `path` is the database file; `blocker` is what refuses writes: its folder, or the file
    itself. It may still be opened read-only, or copied somewhere it can be written.
    """

    def __init__(self, message: str, *, path: Path, blocker: Path) -> None:
        super().__init__(message)
        self.path = path
        self.blocker = blocker

    @property
    def folder_is_read_only(self) -> bool:
        """True when the folder refuses writes (not only the file)."""
        return self.blocker != self.path


class InvalidBackupError(RcmDeskError):
    """A file offered for restore is not a usable RCM Desk backup."""


class ValidationError(RcmDeskError):
    """User input that breaks a rule; `field` names the input when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ImportFileError(ValidationError):
    """A file offered for import cannot be read as what it should hold (its bytes, its CSV
    structure, its columns or its size); nothing was written."""


class ConflictError(RcmDeskError):
    """Someone else saved the record since the form loaded it; nothing was written.

    `theirs` is the stored record as the same draft the form edits, `yours` what the
    user tried to save; `stored_version` is the version to save over theirs with
    ("keep mine"), `changed_by` and `changed_at` (UTC) say who saved it and when.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        changed_by: str | None,
        changed_at: object,
        stored_version: int,
        your_version: int | None,
        theirs: object,
        yours: object,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.stored_version = stored_version
        self.your_version = your_version
        self.theirs = theirs
        self.yours = yours
