"""`rcm-desktop self-test`: passes on a working installation, and names the step that fails."""

from __future__ import annotations

import io

import pytest

from rcm_desktop import self_test
from rcm_desktop.app import main


def test_self_test_passes_and_says_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["self-test"]) == 0
    output = capsys.readouterr().out
    for step in (
        "Open a new demo profile",
        "Compute deadlines",
        "Print a briefing pack",
        "Print a nomination letter",
        "Store a file",
        "Load the translations",
        "Draw the interface",
    ):
        assert f"ok    {step}" in output
    assert "2021-10-14" in output
    assert output.rstrip().endswith("All checks passed.")


def test_a_failing_step_is_named_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_scratch: self_test.Scratch) -> str:
        raise RuntimeError("the holiday data is missing")

    steps = [
        step if step.title != "Compute deadlines" else self_test.Step(step.title, broken)
        for step in self_test.STEPS
    ]
    monkeypatch.setattr(self_test, "STEPS", steps)
    out = io.StringIO()
    assert self_test.run_self_test(out) == 1
    text = out.getvalue()
    assert "FAIL  Compute deadlines: the holiday data is missing" in text
    assert "ok    Print a briefing pack" in text  # later steps still run
    assert "1 check failed" in text


def test_help_menu_runs_the_self_test_in_the_window(qtbot, open_window, profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    help_menu = next(
        action.menu() for action in window.menuBar().actions() if action.text() == "&Help"
    )
    action = next(a for a in help_menu.actions() if "self-test" in a.text())
    action.trigger()
    dialog = window.self_test_dialog
    qtbot.waitUntil(lambda: dialog.passed is not None, timeout=60000)
    assert dialog.passed is True
    report = dialog.report.toPlainText()
    assert "ok    Print a briefing pack" in report
    assert "ok    Draw the interface" in report
    assert dialog.copy_button.isEnabled()
    dialog.grab().save(str(profile.root / "self-test.png"))
