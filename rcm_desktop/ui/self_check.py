"""The self-test's Qt step: the widgets, fonts and image plugins the window needs are present."""

from __future__ import annotations

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
