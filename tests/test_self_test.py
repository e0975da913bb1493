"""`rcm-desktop self-test`: passes on a working installation, and names the step that fails."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

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


def _without_display(tmp_path: Path, **extra: str) -> tuple[dict[str, str], Path]:
    """This environment with no display and no Qt platform named, TMPDIR a fresh empty folder."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment.update(TMPDIR=str(temporary), **extra)
    return environment, temporary


def _run_cli_self_test(environment: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rcm_desktop", "--lang", "en", "self-test"],
        capture_output=True,
        text=True,
        timeout=200,
        env=environment,
        cwd=cwd,
    )


needs_window_system = pytest.mark.skipif(
    os.name != "posix" or sys.platform == "darwin", reason="Qt needs no display server here"
)


@needs_window_system
def test_without_a_display_it_draws_offscreen_and_leaves_nothing(tmp_path: Path) -> None:
    environment, temporary = _without_display(tmp_path)
    result = _run_cli_self_test(environment, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr  # it was -6 (SIGABRT)
    assert "ok    Draw the interface" in result.stdout
    assert "there is no display, so it drew offscreen" in result.stdout
    assert result.stdout.rstrip().endswith("All checks passed.")
    assert list(temporary.iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tmp"]  # no core file either


@needs_window_system
def test_a_platform_qt_cannot_start_fails_that_check_without_aborting(tmp_path: Path) -> None:
    environment, temporary = _without_display(tmp_path, QT_QPA_PLATFORM="no-such-platform")
    result = _run_cli_self_test(environment, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ok    Print a briefing pack" in result.stdout
    assert "FAIL  Draw the interface: Qt could not start (it stopped with signal SIGABRT)" in (
        result.stdout
    )
    assert '"no-such-platform"' in result.stdout  # what Qt said, for whoever supports the user
    assert "1 check failed." in result.stdout
    assert list(temporary.iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tmp"]


@pytest.fixture
def temporary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The folder where the self-test makes its temporary folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _with_broken(monkeypatch: pytest.MonkeyPatch, title: str, error: BaseException) -> list[Path]:
    """Make the step *title* leave a file in the temporary folder, then raise *error*."""
    seen: list[Path] = []

    def broken(scratch: self_test.Scratch) -> str:
        (scratch.folder / "half-written.pdf").write_bytes(b"%PDF-")
        seen.append(scratch.folder)
        raise error

    steps = [
        step if step.title != title else self_test.Step(step.title, broken)
        for step in self_test.STEPS
    ]
    monkeypatch.setattr(self_test, "STEPS", steps)
    return seen


@pytest.mark.parametrize("title", ["Open a new demo profile", "Print a briefing pack"])
def test_the_temporary_folder_goes_when_a_check_fails(
    monkeypatch: pytest.MonkeyPatch, temporary: Path, title: str
) -> None:
    seen = _with_broken(monkeypatch, title, RuntimeError("the disk is full"))
    out = io.StringIO()
    assert self_test.run_self_test(out) == 1
    assert f"FAIL  {title}: the disk is full" in out.getvalue()
    assert seen and seen[0].parent == temporary
    assert list(temporary.iterdir()) == []


def test_the_temporary_folder_goes_on_ctrl_c(
    monkeypatch: pytest.MonkeyPatch, temporary: Path
) -> None:
    _with_broken(monkeypatch, "Print a briefing pack", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        self_test.run_self_test(io.StringIO())
    assert list(temporary.iterdir()) == []


@needs_window_system
def test_a_drawing_that_cannot_run_offscreen_is_skipped_and_said_so(
    monkeypatch: pytest.MonkeyPatch, temporary: Path
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    probed: list[tuple[str | None, list[Path]]] = []

    from rcm_desktop.ui import self_check

    def probe(platform: str | None) -> self_check.QtProbeFailure:
        probed.append((platform, list(temporary.iterdir())))
        return self_check.QtProbeFailure(
            "it stopped with signal SIGABRT",
            'qt.qpa.plugin: Could not find the Qt platform plugin "offscreen" in ""\n',
        )

    monkeypatch.setattr(self_check, "qt_is_running", lambda: False)
    monkeypatch.setattr(self_check, "probe_qt", probe)
    out = io.StringIO()
    assert self_test.run_self_test(out, gui=True) == 0
    text = out.getvalue()
    assert "skip  Draw the interface: there is no display, and Qt could not draw offscreen" in text
    assert '      qt.qpa.plugin: Could not find the Qt platform plugin "offscreen"' in text
    assert "ok    Load the translations" in text
    assert text.rstrip().endswith("All checks that could run passed; 1 was skipped.")
    # Probed offscreen, before the temporary folder existed: the fork held nothing open in it.
    assert probed == [("offscreen", [])]
    assert list(temporary.iterdir()) == []
    assert "QT_QPA_PLATFORM" not in os.environ
