"""The user's data folder for RCM Desk (Qt's standard paths), where the profiles live."""

from __future__ import annotations

from pathlib import Path


def qt_data_root() -> Path:
    """The user's data folder for RCM Desk, from Qt's standard paths."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    from rcm_desktop import APP_NAME, ORGANIZATION_NAME

    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location)
