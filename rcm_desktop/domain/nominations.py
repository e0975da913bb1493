"""What a nomination's status may become, as one table (like the document workflow's).

A nomination is a draft until it is sent (submitted, with its day), then the organisers
confirm it; an active one (draft, submitted, confirmed) may be withdrawn, which frees its
seat, or replaced by another person, which keeps the history. Only a draft entered by
mistake may be deleted. Every action names the statuses it starts from; a refusal is one
whole sentence per action, saying which statuses allow it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
    NominationStatus,
    label,
)
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import N_, _


class NominationAction(StrEnum):
    SUBMIT = "submit"
    CONFIRM = "confirm"
    WITHDRAW = "withdraw"
    REPLACE = "replace"
    DELETE_DRAFT = "delete_draft"


@dataclass(frozen=True)
class StatusChange:
    """An action on a nomination: the statuses it starts from, the status it leads to."""

    starts_from: frozenset[NominationStatus]
    #: The status the nomination takes; None when the action deletes it.
    becomes: NominationStatus | None
    #: Why it is refused from another status (takes %(status)s), marked with N_.
    refusal: str


_DRAFT_OR_SUBMITTED = frozenset({NominationStatus.DRAFT, NominationStatus.SUBMITTED})

#: Every status change a nomination may go through.
TRANSITIONS: dict[NominationAction, StatusChange] = {
    NominationAction.SUBMIT: StatusChange(
        _DRAFT_OR_SUBMITTED,
        NominationStatus.SUBMITTED,
        N_(
            "This nomination is %(status)s; only a draft or submitted nomination can be "
            "marked as submitted."
        ),
    ),
    NominationAction.CONFIRM: StatusChange(
        _DRAFT_OR_SUBMITTED,
        NominationStatus.CONFIRMED,
        N_("This nomination is %(status)s; only a draft or submitted nomination can be confirmed."),
    ),
    NominationAction.WITHDRAW: StatusChange(
        ACTIVE_NOMINATION_STATUSES,
        NominationStatus.WITHDRAWN,
        N_(
            "This nomination is %(status)s; only a draft, submitted or confirmed nomination "
            "can be withdrawn."
        ),
    ),
    NominationAction.REPLACE: StatusChange(
        ACTIVE_NOMINATION_STATUSES,
        NominationStatus.REPLACED,
        N_(
            "This nomination is %(status)s; only a draft, submitted or confirmed nomination "
            "can be replaced."
        ),
    ),
    NominationAction.DELETE_DRAFT: StatusChange(
        frozenset({NominationStatus.DRAFT}),
        None,
        N_(
            "This nomination is %(status)s; only a draft can be deleted. Withdraw it "
            "instead, so that it stays in the delegation's history."
        ),
    ),
}


def may(action: NominationAction, status: NominationStatus) -> bool:
    """Whether *action* may be taken on a nomination at *status*."""
    return status in TRANSITIONS[action].starts_from


def check_action(action: NominationAction, status: NominationStatus) -> NominationStatus | None:
    """The status *action* leads to from *status*; ValidationError when it is not allowed."""
    change = TRANSITIONS[action]
    if status not in change.starts_from:
        raise ValidationError(_(change.refusal) % {"status": label(status).lower()}, field="status")
    return change.becomes
