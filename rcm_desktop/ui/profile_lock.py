"""One RCM Desk process per profile, enforced with QLockFile (stale locks of dead processes are taken over).

The lock file lives in the profile folder. A folder that cannot be written (a profile on a
read-only share, to be opened read-only) has its lock in the user's temporary folder instead,
named after the profile's path, so a second RCM Desk on this computer is still refused.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLockFile

from rcm_desktop.errors import ProfileInUseError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


def fallback_lock_path(profile: Profile) -> Path:
    """Where the lock of a profile whose folder cannot be written lives: the temporary folder."""
    digest = hashlib.sha256(str(profile.root.resolve()).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"rcm-desk-{digest}.lock"


class ProfileLock:
    """Holds the profile's lock file for as long as it is entered (or until `release`)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._lock: QLockFile | None = None

    def acquire(self) -> None:
        """Take the lock, or raise ProfileInUseError saying which process holds it."""
        self.profile.root.mkdir(parents=True, exist_ok=True)
        if os.access(self.profile.root, os.W_OK | os.X_OK):
            lock = self._try(self.profile.lock_path)
            if self._lock is not None:
                return
            if lock.error() == QLockFile.LockError.LockFailedError:
                raise ProfileInUseError(self._held_message(lock))
        lock = self._try(fallback_lock_path(self.profile))  # a folder that cannot be written
        if self._lock is not None:
            return
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise ProfileInUseError(self._held_message(lock))
        raise ProfileInUseError(
            _(
                "RCM Desk cannot create its lock file in %(path)s. Check that you may "
                "write to that folder, or choose another with --profile."
            )
            % {"path": self.profile.root}
        )

    def _try(self, path: Path) -> QLockFile:
        """Try the lock file at *path*; on success it is held (`self._lock`)."""
        lock = QLockFile(str(path))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            self._lock = lock
        return lock

    def _held_message(self, lock: QLockFile) -> str:
        info = lock.getLockInfo()
        held = isinstance(info, tuple) and len(info) == 3 and bool(info[0])
        pid, host = (info[0], info[1]) if held else (None, None)
        who = (
            _("process %(pid)s on %(host)s") % {"pid": pid, "host": host or "?"}
            if held
            else _("another process")
        )
        return _(
            "This profile (%(path)s) is already open in RCM Desk (%(who)s). "
            "Switch to that window, or close it and try again."
        ) % {"path": self.profile.root, "who": who}

    def release(self) -> None:
        """Give the lock back (safe to call twice)."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def __enter__(self) -> ProfileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
