"""Writing the files RCM Desk hands to people: complete or not at all, with a clear refusal."""

from __future__ import annotations

from pathlib import Path

from rcm_desktop.errors import StorageError
from rcm_desktop.i18n import _
from rcm_desktop.paths import write_atomically


def write_text_file(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write *text* to *path* atomically; StorageError names the path and the reason."""
    return write_bytes_file(path, text.encode(encoding))


def write_bytes_file(path: Path, data: bytes) -> Path:
    """Write *data* to *path* atomically; StorageError names the path and the reason."""
    path = Path(path)
    if not path.parent.is_dir():
        raise StorageError(
            _("The folder %(folder)s does not exist. Choose another place to save the file.")
            % {"folder": path.parent}
        )
    try:
        return write_atomically(path, data)
    except OSError as error:
        raise StorageError(
            _("The file could not be written to %(path)s (%(reason)s). Choose another folder.")
            % {"path": path, "reason": error.strerror or error}
        ) from error
