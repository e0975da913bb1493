"""Per-user preferences of one profile (language, window geometry), kept in a small JSON file.

These belong to the person at this computer, not to the shared database: a
secretariat on PostgreSQL shares meetings, not each user's window size.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rcm_desktop.paths import write_atomically

#: The folder a PDF was last saved in, offered for the next one.
PDF_FOLDER_KEY = "pdf.folder"


class Preferences:
    """A JSON-backed mapping saved atomically on every change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._values = loaded
        except (OSError, ValueError):
            self._values = {}

    def get(self, key: str, default: Any = None) -> Any:
        """The stored value of *key*, or *default*."""
        return self._values.get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Store *value* under *key* and save; a disk error leaves the old file intact."""
        self._values[key] = value
        self.save()

    def forget(self, key: str) -> None:
        """Remove *key* (when present) and save; a disk error leaves the old file intact."""
        if key in self._values:
            del self._values[key]
            self.save()

    def remember(self, key: str, value: Any) -> bool:
        """Like `set`, but a disk error only means the value is not kept for next time."""
        try:
            self.set(key, value)
        except OSError:
            return False
        return True

    def save(self) -> None:
        """Write the file atomically (temporary file, then rename)."""
        text = json.dumps(self._values, ensure_ascii=False, indent=2)
        write_atomically(self.path, text.encode("utf-8"))
