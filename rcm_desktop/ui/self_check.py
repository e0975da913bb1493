"""The self-test's Qt step: the widgets, fonts and image plugins the window needs are present."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import traceback
from dataclasses import dataclass
from typing import NoReturn

from rcm_desktop.i18n import N_, _
from rcm_desktop.self_test import Scratch, Step


def _draw_widgets(scratch: Scratch) -> str:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QLabel

    from rcm_desktop.paths import resources_dir

    app = QApplication.instance() or QApplication(["rcm-desktop"])
    label = QLabel("Reunión plenaria — ¿Qué posición tendrá la delegación? Ñandú")
    label.adjustSize()
    image = label.grab().toImage()
    if image.isNull() or image.width() < 100:
        raise RuntimeError("Qt could not draw a label")
    icon = QIcon(str(resources_dir() / "icons" / "rcm-desk.png"))
    if icon.isNull():
        raise RuntimeError("the application icon could not be loaded")
    label.deleteLater()
    return _("Qt %(version)s on the “%(platform)s” platform drew a label with accents") % {
        "version": __import__("PySide6").__version__,
        "platform": app.platformName(),
    }


QT_STEP = Step(N_("Draw the interface"), _draw_widgets)


def qt_is_running() -> bool:
    """A Qt application already exists in this process (the window, or a test's)."""
    if "PySide6.QtCore" not in sys.modules:
        return False
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.instance() is not None


#: How long the platform probe may take before it is given up.
PROBE_SECONDS = 30


@dataclass(frozen=True)
class QtProbeFailure:
    """Why Qt could not start its platform, and what Qt printed about it."""

    reason: str
    messages: str = ""


def _start_qt_and_exit(platform: str | None, messages: int) -> NoReturn:
    """In the forked child: start Qt's platform, with stderr into *messages*, then leave at once.

    Qt aborts the process when its platform plugin cannot load; here that kills only the
    child. os._exit skips everything the parent registered (its temporary folders, buffers).
    """
    status = 1
    try:
        os.dup2(messages, 2)
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort leaves no core file behind
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(PROBE_SECONDS)  # a platform that hangs (an unreachable display) ends here
        if platform is not None:
            os.environ["QT_QPA_PLATFORM"] = platform
        from PySide6.QtGui import QGuiApplication

        QGuiApplication(["rcm-desktop"])
        status = 0
    except BaseException:
        os.write(2, traceback.format_exc().encode(errors="replace"))
    finally:
        os._exit(status)


def probe_qt(platform: str | None) -> QtProbeFailure | None:
    """Start Qt's platform in a forked copy of this process; None if it started, else why not.

    Called before the temporary folder exists, so the copy holds nothing open in it.
    """
    try:
        with tempfile.TemporaryFile() as messages:  # unlinked at once: nothing left in TMPDIR
            pid = os.fork()
            if pid == 0:
                _start_qt_and_exit(platform, messages.fileno())
            try:
                status = os.waitpid(pid, 0)[1]
            except BaseException:  # Ctrl+C while waiting: the child goes too
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise
            messages.seek(0)
            printed = messages.read().decode(errors="replace")
    except OSError as error:
        return QtProbeFailure(str(error))
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        return None
    if code == -signal.SIGALRM:
        reason = _("it did not start within %(seconds)d seconds") % {"seconds": PROBE_SECONDS}
    elif code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        reason = _("it stopped with signal %(signal)s") % {"signal": name}
    else:
        reason = _("it exited with status %(status)d") % {"status": code}
    return QtProbeFailure(reason, printed)
