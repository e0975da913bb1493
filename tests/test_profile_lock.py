"""One RCM Desk per profile: a second instance is refused; a dead process's lock is taken over."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rcm_desktop.errors import ProfileInUseError
from rcm_desktop.paths import Profile
from rcm_desktop.ui.profile_lock import ProfileLock

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rcm_desktop.paths import Profile
    from rcm_desktop.ui.profile_lock import ProfileLock
    lock = ProfileLock(Profile(Path(sys.argv[1])))
    lock.acquire()
    print("locked", flush=True)
    sys.stdin.readline()
    lock.release()
    """
)


def test_second_instance_in_another_process_is_refused(profile: Profile) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(profile.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(ProfileInUseError, match=rf"already open.*process {holder.pid}"):
            ProfileLock(profile).acquire()
    finally:
        holder.communicate("\n", timeout=30)
    with ProfileLock(profile):
        pass


def test_second_lock_in_the_same_process_is_refused(profile: Profile) -> None:
    with ProfileLock(profile), pytest.raises(ProfileInUseError):
        ProfileLock(profile).acquire()


def test_lock_of_a_process_that_died_is_taken_over(profile: Profile) -> None:
    crashed = subprocess.run(
        [
            sys.executable,
            "-c",
            HOLDER.replace("sys.stdin.readline()", "import os; os._exit(0)"),
            str(profile.root),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "locked" in crashed.stdout and profile.lock_path.exists()
    with ProfileLock(profile):
        pass


def test_gui_refuses_a_profile_in_use(
    profile: Profile, monkeypatch: pytest.MonkeyPatch, qapp
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from rcm_desktop.app import main

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    with ProfileLock(profile):
        assert main(["--profile", str(profile.root)]) == 1
    assert shown and "already open" in shown[0]


def test_missing_profile_folder_is_created(tmp_path: Path) -> None:
    profile = Profile(tmp_path / "deep" / "new")
    with ProfileLock(profile):
        assert profile.lock_path.exists()
