"""Headless `dashboard [--json]`: what the dashboard shows, for scripts and checks."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any, TextIO

from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


def add_parsers(commands: Any) -> None:
    """Add `dashboard` to the subcommands."""
    board = commands.add_parser(
        "dashboard",
        help=_("what the dashboard shows: deadlines, documents awaiting action, empty seats"),
    )
    board.add_argument("--json", action="store_true", help=_("print JSON instead"))
    board.add_argument(
        "--today", metavar="YYYY-MM-DD", type=dt.date.fromisoformat, help=argparse.SUPPRESS
    )


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def dashboard_data(board: Any) -> dict[str, Any]:
    """The dashboard as plain data, with the ids of what it lists."""
    counts = board.attention
    documents = counts.documents

    def document(row: Any) -> dict[str, Any]:
        return {
            "id": row.document_id,
            "title": row.title,
            "version": row.version,
            "purpose": row.purpose.value,
            "stage": row.stage.value,
            "due": _day(row.due),
        }

    return {
        "country": counts.country,
        "counts": {
            "meetings": counts.meetings,
            "deadlines_overdue": counts.overdue,
            "deadlines_due_soon": counts.soon,
            "comments_due": documents.comments_due,
            "comments_overdue": documents.comments_overdue,
            "approvals_pending": documents.approvals_pending,
            "meetings_with_empty_seats": len(board.empty_seats),
        },
        "overdue": [{"id": i, "title": title, "due": _day(due)} for i, title, due in board.overdue],
        "due_soon": [{"id": r.id, "title": r.title, "due": _day(r.due)} for r in board.soon],
        "comments_due": [document(row) for row in board.comments],
        "approvals_pending": [document(row) for row in board.approvals],
        "empty_seats": [
            {
                "meeting_id": row.meeting_id,
                "title": row.title,
                "first_date": _day(row.first_date),
                "filled": row.filled,
                "seats": row.seats,
            }
            for row in board.empty_seats
        ],
        "upcoming": [
            {"id": m.id, "title": m.title, "first_date": _day(m.first_date)} for m in board.upcoming
        ],
    }


def _dashboard(args: argparse.Namespace, profile: Profile, out: TextIO) -> int:
    from rcm_desktop.cli.common import open_for_command
    from rcm_desktop.data.services.dashboard import dashboard

    with open_for_command(profile, args.database_url, args.demo) as database:
        data = dashboard_data(dashboard(database, args.today))
    if args.json:
        import json

        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    counts = data["counts"]
    lines = [
        _("Deadlines overdue: %(n)d") % {"n": counts["deadlines_overdue"]},
        _("Deadlines due within 3 working days: %(n)d") % {"n": counts["deadlines_due_soon"]},
        _("Documents awaiting your comments: %(n)d (%(late)d overdue)")
        % {"n": counts["comments_due"], "late": counts["comments_overdue"]},
        _("Documents awaiting your approval: %(n)d") % {"n": counts["approvals_pending"]},
        _("Meetings in the next 30 days with empty seats: %(n)d")
        % {"n": counts["meetings_with_empty_seats"]},
    ]
    out.write("\n".join(lines) + "\n")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Profile, TextIO], int]] = {
    "dashboard": _dashboard,
}
