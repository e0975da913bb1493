"""The working-day engine against worked cases and an independent oracle (numpy.busday_offset)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rcm_desktop.domain.workdays import (
    SUPPORTED_CALENDARS,
    Calendar,
    add_working_days,
    count_working_days,
    due_after,
    holidays_in,
)
from rcm_desktop.errors import ValidationError


@pytest.mark.parametrize(
    ("country", "anchor", "days", "due", "skipped_holiday"),
    [
        (
            "MX",
            dt.date(2021, 9, 30),
            10,
            dt.date(2021, 10, 14),
            None,
        ),  # the follow-up meeting's window
        (
            "MX",
            dt.date(2021, 9, 14),
            2,
            dt.date(2021, 9, 17),
            dt.date(2021, 9, 16),
        ),  # Independence Day
        (
            "CR",
            dt.date(2021, 9, 10),
            1,
            dt.date(2021, 9, 14),
            dt.date(2021, 9, 13),
        ),  # 15 Sept moved to Monday 13
        (
            "US",
            dt.date(2021, 11, 24),
            1,
            dt.date(2021, 11, 26),
            dt.date(2021, 11, 25),
        ),  # Thanksgiving
        (
            "AR",
            dt.date(2021, 11, 19),
            1,
            dt.date(2021, 11, 23),
            dt.date(2021, 11, 22),
        ),  # bridge holiday
        (
            "BR",
            dt.date(2021, 11, 12),
            1,
            dt.date(2021, 11, 16),
            dt.date(2021, 11, 15),
        ),  # Proclamation of the Republic
        ("CA", dt.date(2021, 6, 30), 1, dt.date(2021, 7, 2), dt.date(2021, 7, 1)),  # Canada Day
        (
            "HN",
            dt.date(2021, 10, 5),
            1,
            dt.date(2021, 10, 11),
            dt.date(2021, 10, 6),
        ),  # Semana Morazánica
        (
            "PA",
            dt.date(2021, 11, 2),
            1,
            dt.date(2021, 11, 4),
            dt.date(2021, 11, 3),
        ),  # Separation Day
    ],
)
def test_worked_cases_around_national_holidays(
    country: str, anchor: dt.date, days: int, due: dt.date, skipped_holiday: dt.date | None
) -> None:
    result = add_working_days(anchor, days, Calendar(country))
    assert result.due == due
    if skipped_holiday:
        assert skipped_holiday in {item.day for item in result.skipped if item.reason != "weekend"}


def test_explanation_names_the_calendar_and_each_skipped_day() -> None:
    result = add_working_days(dt.date(2021, 9, 14), 2, Calendar("MX"))
    assert result.explain() == (
        "2 working days after Tue 14 Sep 2021, Mexico's calendar: Fri 17 Sep 2021"
        "; skipped: Thu 16 Sep (Independence Day)"
    )


def test_anchor_day_is_not_counted_and_weekend_anchor_starts_on_monday() -> None:
    assert add_working_days(dt.date(2021, 10, 1), 1, Calendar("GT")).due == dt.date(2021, 10, 4)
    assert add_working_days(dt.date(2021, 10, 2), 1, Calendar("GT")).due == dt.date(2021, 10, 4)


def test_closures_added_by_the_user_are_skipped() -> None:
    bridge = Calendar("HN", closures=frozenset({dt.date(2021, 10, 14)}))
    assert add_working_days(dt.date(2021, 10, 13), 1, bridge).due == dt.date(2021, 10, 15)
    assert add_working_days(dt.date(2021, 10, 13), 1, Calendar("HN")).due == dt.date(2021, 10, 14)


def test_optional_days_count_only_when_chosen() -> None:
    public = Calendar("CR")
    with_optional = Calendar("CR", categories=("public", "optional"))
    optional_days = set(holidays_in(with_optional, 2021)) - set(holidays_in(public, 2021))
    assert optional_days, "Costa Rica's data has optional days (e.g. Army Abolition Day)"
    day = min(day for day in optional_days if day.weekday() < 5)
    before = day - dt.timedelta(days=1)
    assert add_working_days(before, 1, public).due == day
    assert add_working_days(before, 1, with_optional).due > day


def test_count_working_days_is_the_inverse_of_adding() -> None:
    calendar = Calendar("MX")
    result = add_working_days(dt.date(2021, 9, 10), 15, calendar)
    assert count_working_days(dt.date(2021, 9, 10), result.due, calendar) == 15
    assert count_working_days(result.due, dt.date(2021, 9, 10), calendar) == 0


@pytest.mark.parametrize("days", [0, -3])
def test_zero_or_negative_days_are_refused(days: int) -> None:
    with pytest.raises(ValidationError, match="must be 1 or more"):
        add_working_days(dt.date(2021, 9, 30), days, Calendar("MX"))


def test_unknown_calendar_lists_the_supported_ones() -> None:
    with pytest.raises(ValidationError, match="Use one of: AR, BO, BR"):
        add_working_days(dt.date(2021, 9, 30), 5, Calendar("XX"))


def test_year_outside_the_holiday_data_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"covers 1901 to 2100; 2101 is outside"):
        add_working_days(dt.date(2100, 12, 28), 5, Calendar("MX"))


def test_unknown_holiday_category_is_refused() -> None:
    with pytest.raises(ValidationError, match="has no “bank” days"):
        add_working_days(dt.date(2021, 9, 30), 5, Calendar("MX", categories=("public", "bank")))


def _oracle(anchor: dt.date, days: int, calendar: Calendar) -> dt.date:
    """numpy's business-day arithmetic with the same holiday list: an independent implementation."""
    years = range(anchor.year, anchor.year + 3)
    holidays = sorted({day for year in years for day in holidays_in(calendar, year)})
    due = np.busday_offset(
        np.datetime64(anchor), days, roll="backward", weekmask="1111100", holidays=holidays
    )
    return due.astype(dt.date)


@settings(max_examples=400, deadline=None)
@given(
    country=st.sampled_from(SUPPORTED_CALENDARS),
    anchor=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31)),
    days=st.integers(min_value=1, max_value=60),
)
def test_engine_agrees_with_numpy_for_every_country_2015_to_2035(
    country: str, anchor: dt.date, days: int
) -> None:
    calendar = Calendar(country)
    assert add_working_days(anchor, days, calendar).due == _oracle(anchor, days, calendar)


@settings(max_examples=300, deadline=None)
@given(
    country=st.sampled_from(SUPPORTED_CALENDARS),
    anchor=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31)),
    days=st.integers(min_value=1, max_value=120),
    closure_offsets=st.lists(st.integers(min_value=1, max_value=60), max_size=3),
)
def test_fast_index_agrees_with_the_day_by_day_count(
    country: str, anchor: dt.date, days: int, closure_offsets: list[int]
) -> None:
    closures = frozenset(anchor + dt.timedelta(days=offset) for offset in closure_offsets)
    calendar = Calendar(country, closures=closures)
    assert due_after(anchor, days, calendar) == add_working_days(anchor, days, calendar).due


@settings(max_examples=200, deadline=None)
@given(
    country=st.sampled_from(SUPPORTED_CALENDARS),
    start=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31)),
    span=st.integers(min_value=-10, max_value=700),
)
def test_counting_agrees_with_numpy(country: str, start: dt.date, span: int) -> None:
    calendar = Calendar(country)
    end = start + dt.timedelta(days=span)
    years = range(start.year, end.year + 1)
    holidays = sorted({day for year in years for day in holidays_in(calendar, year)})
    expected = (
        int(
            np.busday_count(
                np.datetime64(start + dt.timedelta(days=1)),
                np.datetime64(end + dt.timedelta(days=1)),
                weekmask="1111100",
                holidays=holidays,
            )
        )
        if end > start
        else 0
    )
    assert count_working_days(start, end, calendar) == expected
