"""One RCM Desk process per profile, enforced with QLockFile (stale locks of dead processes are taken over)."""

from __future__ import annotations

from types import TracebackType

from PySide6.QtCore import QLockFile

from rcm_desktop.errors import ProfileInUseError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


class ProfileLock:
    """Holds the profile's lock file for as long as it is entered (or until `release`)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._lock: QLockFile | None = None

    def acquire(self) -> None:
        """Take the lock, or raise ProfileInUseError saying which process holds it."""
        self.profile.root.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(self.profile.lock_path))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            info = lock.getLockInfo()
            held = isinstance(info, tuple) and len(info) == 3 and bool(info[0])
            pid, host = (info[0], info[1]) if held else (None, None)
            if lock.error() == QLockFile.LockError.PermissionError:
                reason = _(
                    "RCM Desk cannot create its lock file in %(path)s. Check that you may "
                    "write to that folder, or choose another with --profile."
                ) % {"path": self.profile.root}
            else:
                who = (
                    _("process %(pid)s on %(host)s") % {"pid": pid, "host": host or "?"}
                    if held
                    else _("another process")
                )
                reason = _(
                    "This profile (%(path)s) is already open in RCM Desk (%(who)s). "
                    "Switch to that window, or close it and try again."
                ) % {"path": self.profile.root, "who": who}
            raise ProfileInUseError(reason)
        self._lock = lock

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
