"""A country's workflow for one document, as rules with no storage and no interface.

received → in internal review → comments sent → approval submitted → approved / not approved.
Comments are optional (a country with nothing to add goes from review to approval). Every step
keeps its day; a day may not lie in the future nor before the step it follows. A refusal raises
`ValidationError` naming the problem and the fix, and leaves the state as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from rcm_desktop.domain.vocabulary import DocumentKind, DocumentPurpose, ReviewStage, label
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, format_date, format_list

#: The stages in workflow order.
ORDER: tuple[ReviewStage, ...] = tuple(ReviewStage)
#: Stages after which the country has nothing left to decide.
FINAL_STAGES = frozenset({ReviewStage.APPROVED, ReviewStage.NOT_APPROVED})

#: The stages at which the country still owes what the document's purpose asks: its comments
#: until they are sent, its approval until decided; nothing for a document for information.
ACTION_STAGES: dict[DocumentPurpose, frozenset[ReviewStage]] = {
    DocumentPurpose.COMMENTS: frozenset({ReviewStage.RECEIVED, ReviewStage.IN_REVIEW}),
    DocumentPurpose.APPROVAL: frozenset(set(ReviewStage) - FINAL_STAGES),
    DocumentPurpose.INFORMATION: frozenset(),
}

#: What a document of each kind is usually sent for (the editor's first choice).
USUAL_PURPOSE: dict[DocumentKind, DocumentPurpose] = {
    DocumentKind.CONCEPT_NOTE: DocumentPurpose.INFORMATION,
    DocumentKind.DIRECTORY: DocumentPurpose.INFORMATION,
    DocumentKind.PROTOCOL: DocumentPurpose.APPROVAL,
    DocumentKind.STRATEGY: DocumentPurpose.APPROVAL,
    DocumentKind.RECOMMENDATIONS: DocumentPurpose.COMMENTS,
    DocumentKind.REPORT: DocumentPurpose.COMMENTS,
    DocumentKind.OTHER: DocumentPurpose.COMMENTS,
}


def awaits_action(purpose: DocumentPurpose, stage: ReviewStage | None) -> bool:
    """True while the country still owes what the document was sent for."""
    return stage is not None and stage in ACTION_STAGES[purpose]


#: Where each stage may go next.
NEXT: dict[ReviewStage, tuple[ReviewStage, ...]] = {
    ReviewStage.RECEIVED: (ReviewStage.IN_REVIEW,),
    ReviewStage.IN_REVIEW: (ReviewStage.COMMENTS_SENT, ReviewStage.APPROVAL_SUBMITTED),
    ReviewStage.COMMENTS_SENT: (ReviewStage.APPROVAL_SUBMITTED,),
    ReviewStage.APPROVAL_SUBMITTED: (ReviewStage.APPROVED, ReviewStage.NOT_APPROVED),
    ReviewStage.APPROVED: (),
    ReviewStage.NOT_APPROVED: (),
}

#: The attribute of `ReviewState` holding the day each stage was reached.
DATE_FIELD: dict[ReviewStage, str] = {
    ReviewStage.RECEIVED: "received_on",
    ReviewStage.IN_REVIEW: "review_started_on",
    ReviewStage.COMMENTS_SENT: "comments_sent_on",
    ReviewStage.APPROVAL_SUBMITTED: "approval_submitted_on",
    ReviewStage.APPROVED: "decided_on",
    ReviewStage.NOT_APPROVED: "decided_on",
}

_DATE_FIELDS = ("received_on", "review_started_on", "comments_sent_on", "approval_submitted_on")


@dataclass(frozen=True)
class ReviewState:
    """Where a country stands on a document, with the day of each step reached."""

    stage: ReviewStage
    received_on: dt.date
    review_started_on: dt.date | None = None
    comments_sent_on: dt.date | None = None
    approval_submitted_on: dt.date | None = None
    decided_on: dt.date | None = None

    def day_of(self, stage: ReviewStage) -> dt.date | None:
        """The day *stage* was reached, or None."""
        if stage in FINAL_STAGES and self.stage != stage:
            return None
        return getattr(self, DATE_FIELD[stage])

    def steps(self) -> list[tuple[ReviewStage, dt.date]]:
        """The steps taken so far, in order, with their days."""
        taken = []
        for stage in ORDER[: ORDER.index(self.stage) + 1]:
            day = self.day_of(stage)
            if day is not None:
                taken.append((stage, day))
        return taken


def _step_name(stage: ReviewStage) -> str:
    return label(stage).lower() if stage != ReviewStage.RECEIVED else _("receipt")


def start(received_on: dt.date | None, today: dt.date) -> ReviewState:
    """A new review: the document was received on *received_on*."""
    _check_day(ReviewStage.RECEIVED, received_on, None, today)
    assert received_on is not None
    return ReviewState(ReviewStage.RECEIVED, received_on)


def _check_day(
    stage: ReviewStage,
    day: dt.date | None,
    previous: tuple[ReviewStage, dt.date] | None,
    today: dt.date,
) -> None:
    if day is None:
        raise ValidationError(
            _("Choose the day of this step (%(step)s).") % {"step": label(stage)}, field="date"
        )
    if day > today:
        raise ValidationError(
            _(
                "%(step)s on %(day)s is in the future (today is %(today)s). "
                "Record a step once it has happened, with the day it happened."
            )
            % {
                "step": label(stage),
                "day": format_date(day, "full"),
                "today": format_date(today, "full"),
            },
            field="date",
        )
    if previous is not None and day < previous[1]:
        raise ValidationError(
            _(
                "%(step)s on %(day)s would come before the previous step, %(previous)s, "
                "on %(previous_day)s. Choose %(previous_day)s or a later day, or correct "
                "the previous step first."
            )
            % {
                "step": label(stage),
                "day": format_date(day, "full"),
                "previous": _step_name(previous[0]),
                "previous_day": format_date(previous[1], "full"),
            },
            field="date",
        )


def allowed_next(state: ReviewState) -> tuple[ReviewStage, ...]:
    """The stages the review may move to from where it stands."""
    return NEXT[state.stage]


def advance(state: ReviewState, to: ReviewStage, on: dt.date | None, today: dt.date) -> ReviewState:
    """The review moved to stage *to* on day *on*; refuses moves the workflow does not allow."""
    if to not in NEXT[state.stage]:
        if state.stage in FINAL_STAGES:
            reason = _("The review is closed (%(stage)s). To change it, step back first.") % {
                "stage": label(state.stage)
            }
        elif to == state.stage:
            reason = _("The review is already at this stage (%(stage)s).") % {
                "stage": label(state.stage)
            }
        else:
            reason = _(
                "A review at “%(stage)s” cannot go to “%(to)s”. Next it can go to: %(next)s."
            ) % {
                "stage": label(state.stage),
                "to": label(to),
                "next": format_list([f"“{label(stage)}”" for stage in NEXT[state.stage]], "or"),
            }
        raise ValidationError(reason, field="stage")
    _check_day(to, on, state.steps()[-1], today)
    return replace(state, stage=to, **{DATE_FIELD[to]: on})


def step_back(state: ReviewState) -> ReviewState:
    """Undo the last step (a step recorded by mistake); its day is forgotten."""
    steps = state.steps()
    if len(steps) < 2:
        raise ValidationError(
            _("The review is at its first step (received); there is no step to undo."),
            field="stage",
        )
    previous = steps[-2][0]
    return replace(state, stage=previous, **{DATE_FIELD[state.stage]: None})


def change_received(state: ReviewState, on: dt.date | None, today: dt.date) -> ReviewState:
    """Correct the day the document was received; later steps must not come before it."""
    _check_day(ReviewStage.RECEIVED, on, None, today)
    assert on is not None
    following = state.steps()[1:]
    if following and following[0][1] < on:
        stage, day = following[0]
        raise ValidationError(
            _(
                "The document cannot have been received on %(day)s: %(step)s was recorded on "
                "%(step_day)s, before it. Choose %(step_day)s or an earlier day."
            )
            % {
                "day": format_date(on, "full"),
                "step": _step_name(stage),
                "step_day": format_date(day, "full"),
            },
            field="received_on",
        )
    return replace(state, received_on=on)


def problems(state: ReviewState, today: dt.date) -> list[str]:
    """What is inconsistent in a state (empty when it is sound); for checks and tests."""
    found = []
    reached = ORDER[: ORDER.index(state.stage) + 1]
    for stage in (ReviewStage.RECEIVED, ReviewStage.IN_REVIEW, ReviewStage.APPROVAL_SUBMITTED):
        if stage in reached and state.day_of(stage) is None:
            found.append(f"{stage} reached without a day")
    for name in _DATE_FIELDS:
        stage = next(stage for stage, field in DATE_FIELD.items() if field == name)
        if stage not in reached and getattr(state, name) is not None:
            found.append(f"{name} set beyond the stage")
    if (state.decided_on is not None) != (state.stage in FINAL_STAGES):
        found.append("decision day and stage disagree")
    days = [day for _stage, day in state.steps()]
    if days != sorted(days):
        found.append("days out of order")
    if any(day > today for day in days):
        found.append("a day in the future")
    return found


def check_consultation(
    institution: str, due_on: dt.date | None, answered_on: dt.date | None, received_on: dt.date | None,
    today: dt.date,
) -> str:  # fmt: skip
    """The institution's name, cleaned; refuses a consultation whose days make no sense."""
    name = " ".join((institution or "").split())
    if not name:
        raise ValidationError(
            _("Name the institution consulted, e.g. “Ministry of Foreign Affairs”."),
            field="institution",
        )
    if due_on is not None and received_on is not None and due_on < received_on:
        raise ValidationError(
            _(
                "The internal due date, %(due)s, is before the document was received "
                "(%(received)s). Choose a later day."
            )
            % {"due": format_date(due_on, "full"), "received": format_date(received_on, "full")},
            field="due_on",
        )
    if answered_on is not None and answered_on > today:
        raise ValidationError(
            _("The answer's day, %(day)s, is in the future. Record the day it arrived.")
            % {"day": format_date(answered_on, "full")},
            field="answered_on",
        )
    if answered_on is not None and received_on is not None and answered_on < received_on:
        raise ValidationError(
            _(
                "The answer's day, %(day)s, is before the document was received "
                "(%(received)s). Choose a later day."
            )
            % {
                "day": format_date(answered_on, "full"),
                "received": format_date(received_on, "full"),
            },
            field="answered_on",
        )
    return name
