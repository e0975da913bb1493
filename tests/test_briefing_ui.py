"""Printing a briefing pack from the meetings page: the dialog, the job's signals, Cancel."""

from __future__ import annotations

import threading
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from rcm_desktop.printing.pdf.document import BuildCancelled
from rcm_desktop.ui.dialogs.print_briefing import MARKING_KEY, PrintBriefingDialog
from rcm_desktop.ui.pdf_job import PdfJob


def _meetings_page(window):  # type: ignore[no-untyped-def]
    window.open_store()
    window.show_page(1)
    return window.meetings


def test_print_from_the_meeting_view(  # type: ignore[no-untyped-def]
    qtbot, open_window, answer_dialog, profile, tmp_path: Path
) -> None:
    from rcm_desktop.ui import meeting_actions

    window = open_window(profile)
    page = _meetings_page(window)
    qtbot.waitUntil(lambda: page.view.meeting_id is not None)
    assert page.briefing_button.isEnabled()
    target = tmp_path / "pack"

    def fill(dialog: PrintBriefingDialog) -> None:
        dialog.language.set_code("es")
        dialog.marking.setText("Reservado")
        dialog.path.setText(str(tmp_path / "missing" / "x.pdf"))
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and "does not exist" in dialog.error.text()  # kept open
        dialog.path.setText(str(target))  # ".pdf" is added
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)

    answer_dialog(fill)
    jobs: list[PdfJob] = []
    original = PdfJob.start

    def spy(self, *args):  # type: ignore[no-untyped-def]
        jobs.append(self)
        self.finished.connect(lambda path, pages: done.append((path, pages)))
        original(self, *args)

    done: list[tuple[Path, int]] = []
    PdfJob.start = spy  # type: ignore[method-assign]
    try:
        meeting_actions.print_briefing(page, quiet=True)
    finally:
        PdfJob.start = original  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: bool(done))
    path, pages = done[0]
    assert path == tmp_path / "pack.pdf" and pages >= 1
    content = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert "RESERVADO" in content and "Delegación de Honduras" in content
    assert window.context.preferences.get(MARKING_KEY) == "Reservado"


def test_the_button_opens_the_dialog(qtbot, open_window, answer_dialog, profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    page = _meetings_page(window)
    qtbot.waitUntil(lambda: page.view.meeting_id is not None)
    seen: list[str] = []

    def close(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.objectName())
        dialog.reject()

    answer_dialog(close)
    qtbot.mouseClick(page.briefing_button, Qt.MouseButton.LeftButton)
    assert seen == ["printBriefingDialog"]


def test_cancel_stops_the_build(qtbot, open_window, profile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.ui.tasks import TaskRunner

    window = open_window(profile)
    window.context.tasks = TaskRunner()  # real threads for this one
    started = threading.Event()
    target = tmp_path / "never.pdf"

    def build(report, cancelled) -> int:  # type: ignore[no-untyped-def]
        started.set()
        for step in range(10_000):
            if cancelled():
                raise BuildCancelled("cancelled")
            report(step % 100, 100)
            threading.Event().wait(0.001)
        target.write_bytes(b"%PDF")
        return 1

    job = PdfJob(window.context, window, quiet=True)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.start(build, target, "Printing…")
        qtbot.waitUntil(started.is_set)
        job.progress.findChild(QPushButton).click()  # the progress dialog's Cancel
    assert not target.exists()
    assert job.progress is None
    window.context.tasks.wait()
