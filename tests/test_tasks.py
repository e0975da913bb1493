"""The task runner with real threads: results on the UI thread, never to a widget that is gone,
only the newest of a page's loads, and one path for failures (logged, then shown)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from rcm_desktop.errors import StorageError
from rcm_desktop.ui.tasks import TaskRunner


def test_results_arrive_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    owner = QWidget()
    qtbot.addWidget(owner)
    worker_threads, seen = [], []
    runner.run(
        lambda _report: worker_threads.append(threading.get_ident()) or 42,
        owner=owner,
        on_success=lambda result: seen.append((result, QThread.currentThread())),
    )
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, QApplication.instance().thread())]
    assert worker_threads[0] != threading.get_ident(), "the work ran off the UI thread"


def test_a_closed_dialog_is_never_called_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    release = threading.Event()
    called, done = [], []
    runner.run(
        lambda _report: release.wait(5) and "read",
        owner=dialog,
        on_success=called.append,
        on_done=lambda: done.append(True),
    )
    dialog.reject()  # the user closes it while the store is being read
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert called == [] and done == []


def test_a_destroyed_page_is_never_called_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    page = QWidget()
    release = threading.Event()
    called: list[object] = []
    runner.run(lambda _report: release.wait(5), owner=page, on_success=called.append)
    page.deleteLater()
    qtbot.waitUntil(lambda: not runner._owners.alive(page))
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert called == []


def test_only_the_newest_load_of_a_key_is_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    page = QWidget()
    qtbot.addWidget(page)
    first_may_end = threading.Event()
    shown: list[str] = []
    runner.run(
        lambda _r: first_may_end.wait(5) and "old", owner=page, on_success=shown.append, key="page"
    )
    runner.run(lambda _r: "new", owner=page, on_success=shown.append, key="page")
    qtbot.waitUntil(lambda: shown == ["new"])
    first_may_end.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert shown == ["new"], "the older read, arriving late, does not replace the newer one"


def _box(qtbot) -> QMessageBox:  # type: ignore[no-untyped-def]
    found: list[QMessageBox] = []

    def visible() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(visible)
    return found[0]


def test_a_refusal_without_a_handler_is_shown_with_what_failed(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    page = QWidget()
    qtbot.addWidget(page)

    def full(_report: object) -> None:
        raise StorageError("The disk is full. Nothing was saved.")

    runner.run(full, owner=page, what="The meeting could not be saved.")
    box = _box(qtbot)
    assert box.text() == "The meeting could not be saved."
    assert box.informativeText() == "The disk is full. Nothing was saved."
    box.close()


def test_a_bug_is_logged_with_its_traceback_and_offers_its_report(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = logging.getLogger("rcm_desktop")
    handler = logging.FileHandler(tmp_path / "rcm-desk.log", encoding="utf-8")
    log.addHandler(handler)
    runner = TaskRunner()
    runner.log_path = tmp_path / "rcm-desk.log"
    page = QWidget()
    qtbot.addWidget(page)

    def broken(_report: object) -> None:
        raise KeyError("a bug")

    try:
        runner.run(broken, owner=page, on_error=lambda _e: None, what="The list could not be read.")
        box = _box(qtbot)
    finally:
        log.removeHandler(handler)
        handler.close()
    assert box.text() == "The list could not be read."
    assert "This is a bug in RCM Desk" in box.informativeText()
    assert str(tmp_path / "rcm-desk.log") in box.informativeText()
    copy = next(b for b in box.buttons() if "Copy the report" in b.text())
    copy.click()
    assert "KeyError: 'a bug'" in QApplication.clipboard().text()
    assert box.isVisible(), "copying keeps the box open"
    logged = (tmp_path / "rcm-desk.log").read_text(encoding="utf-8")
    assert "The list could not be read. failed" in logged and "Traceback" in logged
    box.close()
