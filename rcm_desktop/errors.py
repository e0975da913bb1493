"""Errors whose message is meant for the user: already translated, naming the problem and the fix."""

from __future__ import annotations


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


class InvalidBackupError(RcmDeskError):
    """A file offered for restore is not a usable RCM Desk backup."""


class ValidationError(RcmDeskError):
    """User input that breaks a rule; `field` names the input when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


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
