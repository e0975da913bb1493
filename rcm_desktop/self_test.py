"""`rcm-desktop self-test`: prove, on this machine, that every part of RCM Desk works.

It is what a support person asks a user to run. Each step works in a temporary folder
(a fresh demo profile, files written there), prints what it did, and the command exits
0 when all passed, or 1 naming the step that failed and why. Nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rcm_desktop.i18n import N_, _, format_list, ngettext

if TYPE_CHECKING:
    from rcm_desktop.ui.self_check import QtProbeFailure

#: A step: given the scratch folder and what earlier steps left, do the work and say what was done.
StepFunction = Callable[["Scratch"], str]


@dataclass
class Scratch:
    """The temporary folder and what earlier steps produced for later ones."""

    folder: Path
    database: object | None = None
    plenary_id: int | None = None


@dataclass(frozen=True)
class Step:
    title: str  # marked with N_
    run: StepFunction


def _open_demo_profile(scratch: Scratch) -> str:
    from rcm_desktop.data.demo import load_demo
    from rcm_desktop.data.schema import SCHEMA_HEAD, schema_status
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.paths import Profile

    profile = Profile(scratch.folder / "profile").ensure()
    database = open_store(profile).store
    scratch.database = database
    load_demo(database)
    status = schema_status(database)
    if status.revision != SCHEMA_HEAD:
        raise RuntimeError(f"schema at {status.revision}, expected {SCHEMA_HEAD}")
    from rcm_desktop.data.services.meetings import list_meetings

    rows = list_meetings(database)
    if len(rows) < 3:
        raise RuntimeError(f"the demo holds {len(rows)} meetings, expected 3")
    scratch.plenary_id = next(row.id for row in rows if "Plenary" in row.title)
    return _("database migrated to %(revision)s; %(count)d demo meetings") % {
        "revision": status.revision,
        "count": len(rows),
    }


def _compute_deadline(scratch: Scratch) -> str:
    from rcm_desktop.data.services.deadline_lists import list_deadlines
    from rcm_desktop.data.services.due_dates import recompute_deadlines
    from rcm_desktop.domain.workdays import Calendar, add_working_days

    # The follow-up meeting's comment window: 10 working days after Thu 30 Sep 2021 under
    # Mexico's calendar is Thu 14 Oct 2021 (worked by hand; no holiday falls in between).
    result = add_working_days(dt.date(2021, 9, 30), 10, Calendar("MX"))
    if result.due != dt.date(2021, 10, 14):
        raise RuntimeError(f"10 working days after 2021-09-30 (MX) gave {result.due}")
    # Around a holiday: Guatemala's Independence Day (Wed 15 Sep 2021) is skipped.
    around = add_working_days(dt.date(2021, 9, 14), 1, Calendar("GT"))
    if around.due != dt.date(2021, 9, 16):
        raise RuntimeError(f"1 working day after 2021-09-14 (GT) gave {around.due}")
    moved = recompute_deadlines(scratch.database)  # type: ignore[arg-type]
    if moved:
        raise RuntimeError(f"{moved} stored due dates were stale")
    count = len(list_deadlines(scratch.database))  # type: ignore[arg-type]
    return ngettext(
        "10 working days after 30 Sep 2021 (Mexico): %(due)s; %(count)d demo deadline up to date",
        "10 working days after 30 Sep 2021 (Mexico): %(due)s; %(count)d demo deadlines up to date",
        count,
    ) % {"due": result.due.isoformat(), "count": count}


def _check_pdf(path: Path, pages: int) -> None:
    """A complete PDF with pages, every font it names embedded."""
    data = path.read_bytes()
    if pages < 1 or not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise RuntimeError(f"{path.name} is not a complete PDF")
    if b"FontFile2" not in data:
        raise RuntimeError(f"{path.name} has no embedded font")
    if b"/Helvetica" in data:
        raise RuntimeError(f"{path.name} names a font it does not embed")


def _print_briefing_pack(scratch: Scratch) -> str:
    from rcm_desktop.data.services.briefing_data import gather_briefing
    from rcm_desktop.printing.briefing.pack import BriefingOptions, build_briefing

    target = scratch.folder / "briefing-es.pdf"
    data = gather_briefing(scratch.database, scratch.plenary_id, "HN", "America/Tegucigalpa")  # type: ignore[arg-type]
    pages = build_briefing(data, target, BriefingOptions("es", "USO OFICIAL"))
    _check_pdf(target, pages)
    return ngettext(
        "briefing pack of the demo plenary in Spanish: %(pages)d page, %(size)d KB",
        "briefing pack of the demo plenary in Spanish: %(pages)d pages, %(size)d KB",
        pages,
    ) % {
        "pages": pages,
        "size": target.stat().st_size // 1024,
    }


def _print_nomination_letter(scratch: Scratch) -> str:
    from rcm_desktop.data.services.delegation_export import write_nomination_letter

    target = scratch.folder / "letter-en.pdf"
    pages = write_nomination_letter(scratch.database, scratch.plenary_id, "HN", target, "en")  # type: ignore[arg-type]
    _check_pdf(target, pages)
    return ngettext(
        "nomination letter of the demo plenary in English: %(pages)d page, %(size)d KB",
        "nomination letter of the demo plenary in English: %(pages)d pages, %(size)d KB",
        pages,
    ) % {
        "pages": pages,
        "size": target.stat().st_size // 1024,
    }


def _store_a_file(scratch: Scratch) -> str:
    import hashlib

    from rcm_desktop.data.services.attachments import add_attachment
    from rcm_desktop.paths import Profile

    source = scratch.folder / "nota-conceptual.txt"
    content = "Nota conceptual — reunión de prueba, año 2021.\n".encode()
    source.write_bytes(content)
    info = add_attachment(
        scratch.database, Profile(scratch.folder / "profile"), scratch.plenary_id, source
    )  # type: ignore[arg-type]
    if info.sha256 != hashlib.sha256(content).hexdigest():
        raise RuntimeError(f"the stored file's SHA-256 is {info.sha256}")
    return _("a file copied into the profile with its SHA-256 (%(digest)s…)") % {
        "digest": info.sha256[:12]
    }


def _translations(scratch: Scratch) -> str:
    from rcm_desktop.i18n import SUPPORTED_LANGUAGES, messages

    missing = [
        language
        for language in SUPPORTED_LANGUAGES[1:]
        if messages(language).gettext("Dashboard") == "Dashboard"
    ]
    if missing:
        raise RuntimeError("no compiled catalog for " + ", ".join(missing))
    return _("catalogs found for %(languages)s") % {"languages": format_list(SUPPORTED_LANGUAGES)}


STEPS: list[Step] = [
    Step(N_("Open a new demo profile"), _open_demo_profile),
    Step(N_("Compute deadlines"), _compute_deadline),
    Step(N_("Print a briefing pack"), _print_briefing_pack),
    Step(N_("Print a nomination letter"), _print_nomination_letter),
    Step(N_("Store a file"), _store_a_file),
    Step(N_("Load the translations"), _translations),
]


def _run_step(out: TextIO, step: Step, scratch: Scratch) -> bool:
    """Run *step*, printing its line (and the traceback when it fails); True if it passed."""
    started = time.perf_counter()
    title = _(step.title)
    try:
        detail = step.run(scratch)
    except Exception as error:
        out.write(f"FAIL  {title}: {error}\n")
        out.write("      " + traceback.format_exc(limit=3).replace("\n", "\n      ") + "\n")
        return False
    elapsed = (time.perf_counter() - started) * 1000
    out.write(f"ok    {title}: {detail} ({elapsed:.0f} ms)\n")
    return True


def _write_indented(out: TextIO, text: str, lines: int = 12) -> None:
    """The last *lines* lines of *text* (what Qt printed, say), indented under a step's line."""
    kept = [line for line in text.splitlines() if line.strip()][-lines:]
    for line in kept:
        out.write(f"      {line}\n")


def _has_window_system() -> bool:
    """Whether Qt's platform depends on a display server here (X11 or Wayland: Linux, the BSDs)."""
    return os.name == "posix" and sys.platform != "darwin"


def _lacks_display() -> bool:
    """No display to draw on, and no platform named for Qt: Qt's default (xcb) would abort."""
    return _has_window_system() and not any(
        os.environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    )


@dataclass(frozen=True)
class DrawingPlan:
    """How the step that draws the interface will run, decided before anything else starts."""

    step: Step
    offscreen: bool = False  # no display: QT_QPA_PLATFORM=offscreen for this process
    failure: QtProbeFailure | None = None


def _plan_drawing() -> DrawingPlan:
    """Choose the platform for the drawing step and check that Qt can start it."""
    from rcm_desktop.ui.self_check import QT_STEP, probe_qt, qt_is_running

    if qt_is_running():
        return DrawingPlan(QT_STEP)
    offscreen = _lacks_display()
    failure = None
    if _has_window_system():
        failure = probe_qt("offscreen" if offscreen else None)
    return DrawingPlan(QT_STEP, offscreen, failure)


def _draw(out: TextIO, plan: DrawingPlan, scratch: Scratch) -> tuple[bool, bool]:
    """Run the drawing step as planned; (passed, skipped)."""
    title = _(plan.step.title)
    if plan.failure is not None:
        if plan.offscreen:
            out.write(
                f"skip  {title}: "
                + _(
                    "there is no display, and Qt could not draw offscreen either "
                    "(%(reason)s); the other checks do not need it"
                )
                % {"reason": plan.failure.reason}
                + "\n"
            )
        else:
            out.write(
                f"FAIL  {title}: "
                + _("Qt could not start (%(reason)s)") % {"reason": plan.failure.reason}
                + "\n"
            )
        _write_indented(out, plan.failure.messages)
        return plan.offscreen, plan.offscreen
    if not plan.offscreen:
        return _run_step(out, plan.step, scratch), False

    def offscreen_run(scratch: Scratch) -> str:
        return plan.step.run(scratch) + "; " + _("there is no display, so it drew offscreen")

    previous = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # read once, when the QApplication is made
    try:
        return _run_step(out, Step(plan.step.title, offscreen_run), scratch), False
    finally:
        if previous is None:
            del os.environ["QT_QPA_PLATFORM"]
        else:
            os.environ["QT_QPA_PLATFORM"] = previous


def run_self_test(out: TextIO, *, gui: bool = False) -> int:
    """Run every step in a temporary folder, printing one line each; 0 if all passed, else 1.

    *gui* adds the step that draws the interface (only where Qt may run on this thread). It
    runs last, after the temporary folder is gone, once a forked probe has shown that Qt can
    start its platform (offscreen when there is no display): were Qt still to abort the
    process, nothing would be left behind. With no display, a drawing that cannot run even
    offscreen is skipped, and the output says so.
    """
    from rcm_desktop import __version__

    out.write(_("RCM Desk %(version)s self-test") % {"version": __version__} + "\n")
    out.flush()
    drawing = _plan_drawing() if gui else None
    failures = skipped = 0
    with tempfile.TemporaryDirectory(prefix="rcm-desk-self-test-") as folder:
        scratch = Scratch(Path(folder))
        try:
            for step in STEPS:
                if not _run_step(out, step, scratch):
                    failures += 1
                    if scratch.database is None:
                        break  # nothing else can run without the store
        finally:
            if scratch.database is not None:
                scratch.database.dispose()  # type: ignore[attr-defined]
    if drawing is not None:  # it needs no folder: it is given the one that is gone
        out.flush()  # what was checked is shown even if Qt ends the process
        passed, was_skipped = _draw(out, drawing, Scratch(Path(folder)))
        failures += not passed
        skipped += was_skipped
    if failures:
        out.write(
            ngettext(
                "%(count)d check failed. Send this output to whoever supports RCM Desk for you.",
                "%(count)d checks failed. Send this output to whoever supports RCM Desk for you.",
                failures,
            )
            % {"count": failures}
            + "\n"
        )
        return 1
    if skipped:
        out.write(
            ngettext(
                "All checks that could run passed; %(count)d was skipped.",
                "All checks that could run passed; %(count)d were skipped.",
                skipped,
            )
            % {"count": skipped}
            + "\n"
        )
        return 0
    out.write(_("All checks passed.") + "\n")
    return 0
