"""Writing the files RCM Desk hands to people: complete or not at all, with a clear refusal."""

from __future__ import annotations

from pathlib import Path

from rcm_desktop.errors import StorageError
from rcm_desktop.i18n import _
from rcm_desktop.paths import write_atomically


def write_text_file(
    path: Path, text: str, encoding: str = "utf-8", *, make_folder: bool = False
) -> Path:
    """Write *text* to *path* atomically; StorageError names the path and the reason."""
    return write_bytes_file(path, text.encode(encoding), make_folder=make_folder)


def write_bytes_file(path: Path, data: bytes, *, make_folder: bool = False) -> Path:
    """Write *data* to *path* atomically; StorageError names the path and the reason.

    A missing folder is refused (a file dialog's choice has one), or created with *make_folder*
    (a path typed on the command line).
    """
    path = Path(path)
    if not make_folder and not path.parent.is_dir():
        raise StorageError(
            _("The folder %(folder)s does not exist. Choose another folder.")
            % {"folder": path.parent}
        )
    try:
        return write_atomically(path, data)
    except OSError as error:
        raise StorageError(
            _("The file could not be written to %(path)s (%(reason)s). Choose another folder.")
            % {"path": path, "reason": error.strerror or error}
        ) from error
