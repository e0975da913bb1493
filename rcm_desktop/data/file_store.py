"""Files copied into the profile under their SHA-256: the concept notes attached to meetings and
the versions of documents. One way to do it, for both.

A copy is made beside its final place under a temporary name while it is hashed, then moved
into place, then recorded in the store. When recording fails or is refused, the copy is
removed again, unless the same content was already there before (another meeting's or
document's copy): the profile never keeps a file that no record names.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rcm_desktop.domain.text import clean_text
from rcm_desktop.errors import StorageError, ValidationError
from rcm_desktop.i18n import N_, _
from rcm_desktop.paths import discard_temporary, temporary_file

#: Largest file accepted (a concept note is a few MB; this refuses a video dropped by mistake).
MAX_FILE_BYTES = 200 * 1024 * 1024
_CHUNK = 1024 * 1024

#: How a refusal says what was being done, by purpose: not a file, too large, unreadable.
REFUSALS: dict[str, tuple[str, str, str]] = {
    "attach": (
        N_("“%(name)s” cannot be attached: it is not a file."),
        N_("“%(name)s” cannot be attached: it is larger than %(limit)d MB."),
        N_("“%(name)s” cannot be attached: it cannot be read (%(reason)s)."),
    ),
    "add": (
        N_("“%(name)s” cannot be added: it is not a file."),
        N_("“%(name)s” cannot be added: it is larger than %(limit)d MB."),
        N_("“%(name)s” cannot be added: it cannot be read (%(reason)s)."),
    ),
}


@dataclass(frozen=True)
class StoredCopy:
    """A file copied into the profile: its name, digest, size and where the copy is."""

    file_name: str
    sha256: str
    size_bytes: int
    path: Path


class _CannotWrite(Exception):
    """The profile's folder refused the copy (not the source's fault)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def _copy_with_digest(
    source: Path, folder: Path, data: bytes | None = None
) -> tuple[Path, str, int]:
    """Copy *source* (or *data*) into *folder* under a temporary name, hashing as it goes.

    OSError: *source* could not be read; _CannotWrite: *folder* could not be written."""
    with io.BytesIO(data) if data is not None else source.open("rb") as reader:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary = temporary_file(folder)
        except OSError as error:
            raise _CannotWrite(error) from error
        return _copy_into(reader, temporary)


def _copy_into(reader: BinaryIO, temporary: Path) -> tuple[Path, str, int]:
    digest = hashlib.sha256()
    size = 0
    try:
        with temporary.open("wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                try:
                    writer.write(chunk)
                except OSError as error:  # a full disk, a folder gone read-only
                    raise _CannotWrite(error) from error
    except BaseException:
        discard_temporary(temporary)
        raise
    return temporary, digest.hexdigest(), size


def remove_copy(path: Path, levels: int = 2) -> None:
    """Remove a copy and the folders it leaves empty (up to *levels* of them)."""
    try:
        path.unlink(missing_ok=True)
        folder = path.parent
        for _level in range(levels):
            folder.rmdir()
            folder = folder.parent
    except OSError:
        pass  # a folder still holds another copy, or the file cannot be removed: keep it


@contextmanager
def copy_into_profile(
    source: Path,
    scratch: Path,
    place: Callable[[str, str], Path],
    purpose: str,
    *,
    data: bytes | None = None,
) -> Iterator[StoredCopy]:
    """Copy *source* to `place(sha256, name)`, for the caller to record inside the `with` block.

    *scratch* is a folder on the same disk for the temporary copy; *purpose* ("attach" or
    "add") chooses the wording of the refusals. If the block raises, the copy is removed
    unless the same content was already there. With *data*, those bytes are stored under
    *source*'s name (a file already read, or pasted text), and *source* is not opened.
    """
    not_a_file, too_large, unreadable = REFUSALS[purpose]
    # The name as the store keeps it (no control or bidi characters, NFC), so that the copy is
    # found again under the name its record gives.
    name = clean_text(source.name).strip() or _("file")
    if data is None and not source.is_file():
        raise ValidationError(_(not_a_file) % {"name": name})
    if (len(data) if data is not None else source.stat().st_size) > MAX_FILE_BYTES:
        raise ValidationError(
            _(too_large) % {"name": name, "limit": MAX_FILE_BYTES // (1024 * 1024)}
        )
    try:
        temporary, sha256, size = _copy_with_digest(source, scratch, data)
    except _CannotWrite as refusal:
        raise StorageError(
            _(
                "RCM Desk cannot write into its profile folder %(folder)s (%(reason)s). Check "
                "that you may write there, or copy the profile to a folder you may write to."
            )
            % {"folder": scratch, "reason": refusal.error.strerror or refusal.error}
        ) from refusal.error
    except OSError as error:
        raise ValidationError(
            _(unreadable) % {"name": name, "reason": error.strerror or error}
        ) from error
    target = place(sha256, name)
    existed = target.exists()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, target)
        yield StoredCopy(name, sha256, size, target)
    except BaseException:
        if not existed:
            remove_copy(target)
        raise
    finally:
        discard_temporary(temporary)
