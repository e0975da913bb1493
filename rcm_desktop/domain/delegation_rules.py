"""The rules of a country's delegation to a meeting, on plain values (no database, no Qt).

A meeting offers each country a `SeatPlan`: an optional limit of participants per
country, with where it comes from, and ordered seats, each with the profile it
requires, perhaps reserved to the members of a forum at the meeting's date, perhaps
an extra seat that does not count towards the limit. The country's active
nominations (draft, submitted, confirmed) hold their seats; withdrawn and replaced
ones hold nothing. `check_nomination` says whether one more nomination (or a
replacement) fits, and when it does not, a `Refusal` whose message cites the rule
and its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rcm_desktop.i18n import _, country_name, ngettext


@dataclass(frozen=True)
class SeatRule:
    """One seat of a meeting, as the rules see it."""

    id: int
    position: int
    profile: str | None = None
    #: Reserved to the members of this forum (its code, e.g. "MIRPS") at the meeting's date.
    forum_code: str | None = None
    beyond_limit: bool = False
    source: str | None = None


@dataclass(frozen=True)
class SeatPlan:
    """What a meeting offers each country: a limit (or none) and its seats, in order."""

    limit: int | None
    limit_source: str | None = None
    seats: tuple[SeatRule, ...] = ()

    def seat(self, seat_id: int | None) -> SeatRule | None:
        for seat in self.seats:
            if seat.id == seat_id:
                return seat
        return None


@dataclass(frozen=True)
class HeldSeat:
    """An active nomination of the country: who holds which seat (None: no particular seat)."""

    nomination_id: int
    person_id: int
    person_name: str
    seat_id: int | None


@dataclass(frozen=True)
class Proposal:
    """A nomination asked for: this person in this seat, perhaps replacing an active nomination."""

    person_id: int
    person_name: str
    seat_id: int | None
    replacing: int | None = None


@dataclass(frozen=True)
class Refusal:
    """Why a nomination is refused: the rule broken (a short code), the message, the field."""

    rule: str
    message: str
    field: str | None = None


@dataclass(frozen=True)
class Membership:
    """A country's membership of a forum from the year it joined (to the year it left)."""

    forum_code: str
    joined_year: int
    left_year: int | None = None


def forums_at(memberships: Iterable[Membership], day: dt.date) -> frozenset[str]:
    """The forums a country belongs to on *day*, by the years of its memberships."""
    return frozenset(
        item.forum_code
        for item in memberships
        if item.joined_year <= day.year and (item.left_year is None or item.left_year >= day.year)
    )


def open_to(seat: SeatRule, member_of: frozenset[str]) -> bool:
    """Whether a country belonging to *member_of* may use *seat*."""
    return seat.forum_code is None or seat.forum_code in member_of


def counts_towards_limit(plan: SeatPlan, seat_id: int | None) -> bool:
    """Whether a nomination in this seat counts towards the per-country limit."""
    seat = plan.seat(seat_id)
    return seat is None or not seat.beyond_limit


def capacity(plan: SeatPlan, member_of: frozenset[str]) -> int | None:
    """How many people the country may send (None: no limit and no seats, so no number)."""
    usable = [seat for seat in plan.seats if open_to(seat, member_of)]
    extra = sum(1 for seat in usable if seat.beyond_limit)
    counted = len(usable) - extra
    if plan.limit is None:
        return counted + extra if usable else None
    return plan.limit + extra


def regular_seats_over_limit(limit: int | None, beyond_limit: Iterable[bool]) -> int | None:
    """How many regular seats (those counting towards the limit) a plan has when they are
    more than its *limit*; None when they fit. Seats beyond the limit (for a forum's members)
    do not count."""
    regular = sum(1 for beyond in beyond_limit if not beyond)
    return regular if limit is not None and regular > limit else None


def seats_over_limit_message(limit: int, regular: int) -> str:
    """Why a plan with more regular seats than its limit is refused, and the ways out."""
    return _(
        "This meeting allows %(limit)d people per country, but %(seats)d seats count towards "
        "that limit. Remove a seat, mark one as beyond the limit (for a forum's members), or "
        "raise the limit to %(seats)d."
    ) % {"limit": limit, "seats": regular}


def limit_source(plan: SeatPlan) -> str:
    """Where the limit comes from, as the refusal cites it."""
    return plan.limit_source or _("as recorded for this meeting")


def _seat_number(seat: SeatRule) -> str:
    return str(seat.position)


def check_nomination(
    plan: SeatPlan,
    held: Iterable[HeldSeat],
    proposal: Proposal,
    *,
    country_code: str,
    member_of: frozenset[str],
) -> Refusal | None:
    """None if *proposal* fits the delegation's rules, else the first rule it breaks.

    *held* are the country's active nominations for the meeting; the one being
    replaced (if any) no longer counts, since the replacement frees its seat.
    """
    others = [item for item in held if item.nomination_id != proposal.replacing]
    for item in held:
        if item.nomination_id == proposal.replacing and item.person_id == proposal.person_id:
            return Refusal(
                "same_replacement",
                _(
                    "%(name)s already holds this nomination; to replace it, choose another "
                    "person from the directory."
                )
                % {"name": proposal.person_name},
                "person",
            )
    seat = plan.seat(proposal.seat_id)
    if proposal.seat_id is not None and seat is None:
        return Refusal(
            "unknown_seat",
            _("This seat no longer exists for this meeting; choose another one."),
            "seat",
        )
    if seat is not None and not open_to(seat, member_of):
        return Refusal(
            "reserved_seat",
            _(
                "Seat %(seat)s is reserved to the members of %(forum)s at the meeting's date, "
                "and %(country)s is not one (%(source)s)."
            )
            % {
                "seat": _seat_number(seat),
                "forum": seat.forum_code,
                "country": country_name(country_code),
                "source": seat.source or _("as recorded for this meeting"),
            },
            "seat",
        )
    for item in others:
        if item.person_id == proposal.person_id:
            where = plan.seat(item.seat_id)
            return Refusal(
                "same_person",
                (
                    _(
                        "%(name)s already holds seat %(seat)s of this delegation; one person "
                        "cannot hold two seats in the same meeting."
                    )
                    % {"name": proposal.person_name, "seat": _seat_number(where)}
                    if where is not None
                    else _(
                        "%(name)s is already in this delegation; one person cannot hold two "
                        "seats in the same meeting."
                    )
                    % {"name": proposal.person_name}
                ),
                "person",
            )
    if seat is not None:
        for item in others:
            if item.seat_id == seat.id:
                return Refusal(
                    "seat_taken",
                    _(
                        "Seat %(seat)s is already held by %(name)s; withdraw or replace that "
                        "nomination first."
                    )
                    % {"seat": _seat_number(seat), "name": item.person_name},
                    "seat",
                )
    if plan.limit is not None and counts_towards_limit(plan, proposal.seat_id):
        counted = sum(1 for item in others if counts_towards_limit(plan, item.seat_id))
        if counted >= plan.limit:
            return Refusal(
                "limit",
                ngettext(
                    "This meeting allows at most %(n)d participant per country (%(source)s).",
                    "This meeting allows at most %(n)d participants per country (%(source)s).",
                    plan.limit,
                )
                % {"n": plan.limit, "source": limit_source(plan)},
                "seat",
            )
    return None


def first_free_seat(
    plan: SeatPlan, held: Iterable[HeldSeat], member_of: frozenset[str]
) -> SeatRule | None:
    """The first seat, in order, open to the country and held by nobody."""
    taken = {item.seat_id for item in held}
    for seat in plan.seats:
        if seat.id not in taken and open_to(seat, member_of):
            return seat
    return None
