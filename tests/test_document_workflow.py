"""A country's document workflow: allowed moves, days in order, clear refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rcm_desktop.domain.document_workflow import (
    ReviewState,
    advance,
    allowed_next,
    change_received,
    check_consultation,
    problems,
    start,
    step_back,
)
from rcm_desktop.domain.vocabulary import ReviewStage
from rcm_desktop.errors import ValidationError

TODAY = dt.date(2021, 11, 30)
D = dt.date


def test_the_whole_way_with_comments() -> None:
    state = start(D(2021, 10, 4), TODAY)
    state = advance(state, ReviewStage.IN_REVIEW, D(2021, 10, 5), TODAY)
    state = advance(state, ReviewStage.COMMENTS_SENT, D(2021, 10, 14), TODAY)
    state = advance(state, ReviewStage.APPROVAL_SUBMITTED, D(2021, 11, 20), TODAY)
    state = advance(state, ReviewStage.APPROVED, D(2021, 11, 29), TODAY)
    assert state.stage == ReviewStage.APPROVED and state.decided_on == D(2021, 11, 29)
    assert [stage for stage, _day in state.steps()] == list(ReviewStage)[:5]
    assert problems(state, TODAY) == []
    assert allowed_next(state) == ()


def test_comments_are_optional_but_the_review_is_not() -> None:
    state = start(D(2021, 10, 4), TODAY)
    with pytest.raises(ValidationError) as refused:
        advance(state, ReviewStage.APPROVAL_SUBMITTED, D(2021, 10, 6), TODAY)
    assert "cannot go to “Approval submitted”" in refused.value.message
    assert "“In internal review”" in refused.value.message and refused.value.field == "stage"
    state = advance(state, ReviewStage.IN_REVIEW, D(2021, 10, 4), TODAY)  # same day is fine
    state = advance(state, ReviewStage.APPROVAL_SUBMITTED, D(2021, 10, 6), TODAY)
    assert state.comments_sent_on is None and problems(state, TODAY) == []


def test_days_in_the_future_or_before_the_previous_step_are_refused() -> None:
    state = advance(start(D(2021, 10, 4), TODAY), ReviewStage.IN_REVIEW, D(2021, 10, 8), TODAY)
    with pytest.raises(ValidationError) as future:
        advance(state, ReviewStage.COMMENTS_SENT, D(2021, 12, 1), TODAY)
    assert "in the future" in future.value.message and "Tuesday, November 30, 2021" in (
        future.value.message
    )
    with pytest.raises(ValidationError) as early:
        advance(state, ReviewStage.COMMENTS_SENT, D(2021, 10, 7), TODAY)
    assert "before the previous step, in internal review" in early.value.message
    assert "Choose Friday, October 8, 2021 or a later day" in early.value.message
    with pytest.raises(ValidationError) as missing:
        advance(state, ReviewStage.COMMENTS_SENT, None, TODAY)
    assert missing.value.field == "date"
    with pytest.raises(ValidationError):
        start(D(2022, 1, 1), TODAY)


def test_closed_reviews_and_repeated_stages_say_why() -> None:
    state = ReviewState(
        ReviewStage.NOT_APPROVED, D(2021, 10, 1), D(2021, 10, 2), None, D(2021, 10, 3),
        D(2021, 10, 4),
    )  # fmt: skip
    assert problems(state, TODAY) == []
    with pytest.raises(ValidationError, match="closed"):
        advance(state, ReviewStage.APPROVED, D(2021, 10, 5), TODAY)
    with pytest.raises(ValidationError, match="already at this stage"):
        advance(start(D(2021, 10, 1), TODAY), ReviewStage.RECEIVED, D(2021, 10, 1), TODAY)


def test_step_back_forgets_the_last_day_and_skips_the_missing_comments() -> None:
    state = advance(start(D(2021, 10, 4), TODAY), ReviewStage.IN_REVIEW, D(2021, 10, 5), TODAY)
    state = advance(state, ReviewStage.APPROVAL_SUBMITTED, D(2021, 10, 6), TODAY)
    back = step_back(state)
    assert back.stage == ReviewStage.IN_REVIEW and back.approval_submitted_on is None
    with pytest.raises(ValidationError, match="no step to undo"):
        step_back(step_back(back))


def test_receipt_day_cannot_move_after_the_next_step() -> None:
    state = advance(start(D(2021, 10, 4), TODAY), ReviewStage.IN_REVIEW, D(2021, 10, 5), TODAY)
    assert change_received(state, D(2021, 10, 1), TODAY).received_on == D(2021, 10, 1)
    with pytest.raises(ValidationError) as refused:
        change_received(state, D(2021, 10, 6), TODAY)
    assert refused.value.field == "received_on"
    assert "Choose Tuesday, October 5, 2021 or an earlier day" in refused.value.message


def test_consultation_days() -> None:
    received = D(2021, 10, 4)
    assert check_consultation("  Ministry of\tLabour ", None, None, received, TODAY) == (
        "Ministry of Labour"
    )
    with pytest.raises(ValidationError) as empty:
        check_consultation(" ", None, None, received, TODAY)
    assert empty.value.field == "institution"
    with pytest.raises(ValidationError) as early:
        check_consultation("INM", D(2021, 10, 1), None, received, TODAY)
    assert early.value.field == "due_on"
    with pytest.raises(ValidationError) as future:
        check_consultation("INM", None, D(2021, 12, 24), received, TODAY)
    assert future.value.field == "answered_on"


_OPERATIONS = st.one_of(
    st.tuples(st.just("advance"), st.sampled_from(list(ReviewStage)), st.integers(-5, 40)),
    st.tuples(st.just("back"), st.none(), st.none()),
    st.tuples(st.just("received"), st.none(), st.integers(-20, 40)),
)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 30), st.lists(_OPERATIONS, max_size=25))
def test_random_sequences_never_reach_an_inconsistent_state(
    received_offset: int, operations: list[tuple[str, ReviewStage | None, int | None]]
) -> None:
    base = D(2021, 9, 1)
    today = base + dt.timedelta(days=40)
    state = start(base + dt.timedelta(days=received_offset), today)
    for operation, stage, offset in operations:
        before = state
        day = None if offset is None else base + dt.timedelta(days=received_offset + offset)
        try:
            if operation == "advance":
                assert stage is not None
                state = advance(state, stage, day, today)
                assert stage in allowed_next(before) and state.stage == stage
            elif operation == "back":
                state = step_back(state)
            else:
                state = change_received(state, day, today)
        except ValidationError as error:
            assert error.message and error.field in ("stage", "date", "received_on")
            assert state == before  # a refusal changes nothing
        assert problems(state, today) == [], (operation, stage, offset, state)
