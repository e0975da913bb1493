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
