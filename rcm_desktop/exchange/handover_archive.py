"""A handover archive: a whole profile folder in one file, encrypted with a passphrase.

A focal point carries it on a USB stick to their successor. Inside (see `handover_format` for
the encryption) is a tar stream of regular files under safe relative POSIX names, whose last
member, MANIFEST.json, lists each with its size and SHA-256. Everything is streamed, a block
at a time: no member is ever held whole in memory. Writing leaves the archive complete or
nothing; opening checks every byte of the file before writing anything, then checks again
while writing, into a temporary folder renamed into place at the end.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import stat
import tarfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any, BinaryIO

from rcm_desktop.errors import RcmDeskError, StorageError, ValidationError
from rcm_desktop.exchange import handover_format as fmt
from rcm_desktop.exchange.handover_format import FORMAT_VERSION as FORMAT_VERSION
from rcm_desktop.exchange.handover_format import MANIFEST as MANIFEST
from rcm_desktop.exchange.handover_format import ArchivedFile as ArchivedFile
from rcm_desktop.exchange.handover_format import Manifest as Manifest
from rcm_desktop.exchange.handover_format import Refusal, damaged
from rcm_desktop.i18n import _
from rcm_desktop.paths import replace_through_temporary, temporary_folder

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SUFFIX = ".rcmhandover"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Member:
    """One file to put in the archive: its relative POSIX name inside, and where it is now."""

    name: str
    source: Path


class ArchiveRefused(RcmDeskError):
    """The file cannot be opened; nothing was created. `reason` is "not-archive", "newer",
    "passphrase", "damaged" or "unreadable".

    An altered header reads as a wrong passphrase: the key check covers it, and without the
    key nobody can tell the two apart.
    """

    def __init__(self, message: str, *, reason: str, path: Path) -> None:
        super().__init__(message)
        self.reason = reason
        self.path = path


class ArchiveCancelled(RcmDeskError):
    """Writing the archive was cancelled; nothing was left behind."""


class _FileFailed(Exception):
    """A file could not be read or written: its path (or name inside) and why."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason


class _Unreadable(_FileFailed):
    """A member's file, while writing (not the target's fault)."""


class _CannotWrite(_FileFailed):
    """A file of the destination, while opening (not the archive's fault)."""


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


class _Meter:
    """Counts bytes for *progress*: pass *this* of *passes*, each over `total` bytes; and asks
    *cancelled* before each step."""

    def __init__(
        self,
        progress: Progress | None,
        *,
        cancelled: Callable[[], bool] | None = None,
        this: int = 0,
        passes: int = 1,
    ) -> None:
        self._progress, self._cancelled = progress, cancelled
        self._this, self._passes = this, passes
        self.total = self.done = 0

    def add(self, count: int) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ArchiveCancelled(_("The handover archive was not written: it was cancelled."))
        self.done += count
        if self._progress is not None:
            done = self._this * self.total + min(self.done, self.total)
            self._progress(done, self._passes * self.total)


def _usable_on_windows(parts: list[str]) -> bool:
    """False for a name Windows would read otherwise: a drive or stream (":"), a device (CON),
    or a trailing dot or space it drops."""
    return not any(
        ":" in part or part.rstrip(". ") != part or PureWindowsPath(part).is_reserved()
        for part in parts
    )


# Writing -------------------------------------------------------------------------------------


def write_archive(
    target: Path,
    passphrase: str,
    members: Sequence[Member],
    about: dict[str, Any],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    log2_n: int = fmt.LOG2_N,
) -> Manifest:
    """Write *members* and their manifest to *target*, encrypted with *passphrase*.

    Through a temporary file beside *target*: it appears complete or not at all. StorageError
    when a member or the target cannot be read or written, ArchiveCancelled when *cancelled*
    says so, ValidationError for an empty passphrase; ValueError for bad names or settings.
    """
    target = Path(target)
    if not passphrase.strip():
        raise ValidationError(_("Type a passphrase to protect the handover archive."), "passphrase")
    members = tuple(members)
    _check_request(members, about, log2_n)
    meter = _Meter(progress, cancelled=cancelled)
    written: list[Manifest] = []
    try:
        meter.total = sum(_size_of(member.source) for member in members)
        header, aead = fmt.new_header(passphrase, log2_n)

        def write(temporary: Path) -> None:
            with temporary.open("wb") as out:
                written.append(_write_stream(out, header, aead, members, about, meter))
                out.flush()
                os.fsync(out.fileno())

        replace_through_temporary(target, write)
    except _Unreadable as failure:
        raise StorageError(
            _(
                "%(path)s could not be put into the handover archive (%(reason)s). Check that "
                "it is still there and can be read, then try again. No archive was written."
            )
            % {"path": failure.path, "reason": failure.reason}
        ) from failure
    except OSError as error:
        raise StorageError(
            _(
                "The handover archive could not be written to %(path)s (%(reason)s). Check "
                "that the folder exists, that you may write there and that the disk has room, "
                "or choose another folder. No archive was written."
            )
            % {"path": target, "reason": _reason(error)}
        ) from error
    return written[0]


def _check_request(members: tuple[Member, ...], about: dict[str, Any], log2_n: int) -> None:
    """ValueError (a caller's mistake) for an unsafe or repeated name, or a bad setting."""
    if log2_n not in fmt.LOG2_N_RANGE:
        raise ValueError(f"log2_n must be within {fmt.LOG2_N_RANGE}")
    names: set[str] = {MANIFEST}
    folders: set[str] = set()
    for member in members:
        if not fmt.is_safe_name(member.name) or not fmt.claim(member.name, names, folders):
            raise ValueError(f"unsafe or repeated member name: {member.name!r}")
    json.dumps(about, allow_nan=False)  # TypeError or ValueError now, not half-way


def _size_of(path: Path) -> int:
    try:
        status = path.stat()
    except OSError as error:
        raise _Unreadable(path, _reason(error)) from error
    if not stat.S_ISREG(status.st_mode):
        raise _Unreadable(path, _("it is not a file"))
    return status.st_size


def _write_stream(
    out: BinaryIO,
    header: fmt.Header,
    aead: AESGCM,
    members: tuple[Member, ...],
    about: dict[str, Any],
    meter: _Meter,
) -> Manifest:
    sealing = fmt.Sealing(out, header, aead)
    files = []
    with _tar_writer(sealing) as tar:
        for member in members:
            files.append(_add_member(tar, member, meter))
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        data = fmt.manifest_bytes(
            Manifest(FORMAT_VERSION, now.strftime("%Y-%m-%dT%H:%M:%SZ"), about, tuple(files))
        )
        tar.addfile(_tar_info(MANIFEST, len(data), now.timestamp()), io.BytesIO(data))
    sealing.finish()
    return fmt.parse_manifest(data)  # as a reader will see it (JSON's own types)


def _tar_writer(sealing: fmt.Sealing) -> tarfile.TarFile:
    return tarfile.open(
        fileobj=sealing,  # type: ignore[arg-type]
        mode="w|",
        format=tarfile.PAX_FORMAT,
        encoding="utf-8",
        bufsize=fmt.TAR_BUFFER,
        copybufsize=fmt.TAR_BUFFER,
    )


def _tar_info(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o644
    return info


class _Hashing:
    """A member's bytes for tarfile, hashed and counted as they are read."""

    def __init__(self, stream: BinaryIO, path: Path, meter: _Meter) -> None:
        self._stream, self._path, self._meter = stream, path, meter
        self._digest = hashlib.sha256()
        try:
            status = os.fstat(stream.fileno())  # the size tar's header promises
        except OSError as error:
            raise _Unreadable(path, _reason(error)) from error
        self.size, self.mtime = status.st_size, status.st_mtime

    def read(self, size: int) -> bytes:
        try:
            data = fmt.read_exactly(self._stream, size)
        except OSError as error:
            raise _Unreadable(self._path, _reason(error)) from error
        if len(data) < size:  # tarfile asks only for what the size it wrote promised
            raise _Unreadable(self._path, _("it became shorter while it was read"))
        self._digest.update(data)
        self._meter.add(len(data))
        return data

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def _add_member(tar: tarfile.TarFile, member: Member, meter: _Meter) -> ArchivedFile:
    try:
        stream = member.source.open("rb")
    except OSError as error:
        raise _Unreadable(member.source, _reason(error)) from error
    with stream:
        reader = _Hashing(stream, member.source, meter)
        tar.addfile(_tar_info(member.name, reader.size, reader.mtime), reader)  # type: ignore[arg-type]
    return ArchivedFile(member.name, reader.size, reader.hexdigest())


# Reading -------------------------------------------------------------------------------------

#: The header and cipher of a file already opened, so that a second pass needs no scrypt.
_Opened = tuple[bytes, "AESGCM"]


def verify_archive(source: Path, passphrase: str, *, progress: Progress | None = None) -> Manifest:
    """Read the whole archive, authenticating every chunk and checking every member against the
    manifest; write nothing. ArchiveRefused says why it cannot be opened."""
    return _read(Path(source), passphrase, _Meter(progress))[0]


def extract_archive(
    source: Path, passphrase: str, destination: Path, *, progress: Progress | None = None
) -> Manifest:
    """Check the whole archive, then write its files into *destination*, a new folder.

    Written into a temporary folder beside it, checked again as written, then renamed: on any
    failure nothing is left. ArchiveRefused for the archive, StorageError for the destination
    (already there, or not writable). *progress* spans both passes.
    """
    source, destination = Path(source), Path(destination)
    _check_destination(destination)
    manifest, opened = _read(source, passphrase, _Meter(progress, passes=2))
    try:
        folder = temporary_folder(destination.parent, ".handover")
    except OSError as error:
        raise _cannot_open_into(destination, destination.name, _reason(error)) from error
    try:
        try:
            meter = _Meter(progress, this=1, passes=2)
            _read(source, passphrase, meter, folder=folder, expected=manifest, opened=opened)
            _check_destination(destination)
            os.rename(folder, destination)
        except _CannotWrite as failure:
            raise _cannot_open_into(destination, str(failure.path), failure.reason) from failure
        except OSError as error:
            raise _cannot_open_into(destination, destination.name, _reason(error)) from error
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return manifest


def _check_destination(destination: Path) -> None:
    if destination.exists() or destination.is_symlink():
        raise StorageError(
            _(
                "%(path)s already exists. Choose a new folder name: a handover archive is only "
                "ever opened into a folder of its own. Nothing was changed."
            )
            % {"path": destination}
        )
    if not destination.parent.is_dir():
        raise StorageError(
            _("The folder %(folder)s does not exist. Choose another folder.")
            % {"folder": destination.parent}
        )


def _cannot_open_into(destination: Path, name: str, reason: str) -> StorageError:
    return StorageError(
        _(
            "The handover archive could not be opened into %(path)s: %(name)s could not be "
            "written (%(reason)s). Check that you may write there and that the disk has room, "
            "or choose another folder. Nothing was created."
        )
        % {"path": destination, "name": name, "reason": reason}
    )


def _read(
    source: Path,
    passphrase: str,
    meter: _Meter,
    *,
    folder: Path | None = None,
    expected: Manifest | None = None,
    opened: _Opened | None = None,
) -> tuple[Manifest, _Opened]:
    """Read *source* through; with *folder*, write its files there and check them against
    *expected* (the first pass's manifest), with the cipher *opened* then."""
    try:
        with source.open("rb") as stream:
            meter.total = os.fstat(stream.fileno()).st_size
            header = fmt.read_header(stream)
            meter.add(len(header.raw))
            aead = _open(header, passphrase, opened)
            plain = fmt.Inflating(fmt.opened_chunks(stream, header, aead, meter.add))
            manifest = fmt.walk(plain, _opener(folder), expected)
            plain.finish()
    except Refusal as refusal:
        raise _refused(source, refusal) from None
    except (tarfile.TarError, zlib.error, ValueError, EOFError, OverflowError) as error:
        detail = _("its contents are not a valid archive")
        raise _refused(source, damaged(detail)) from error
    except OSError as error:
        raise _refused(source, Refusal("unreadable", _reason(error))) from error
    return manifest, (header.raw, aead)


def _open(header: fmt.Header, passphrase: str, opened: _Opened | None) -> AESGCM:
    if opened is None:
        return fmt.open_key(header, passphrase)
    if header.raw != opened[0]:
        raise fmt.changed()
    return opened[1]


def _refused(path: Path, refusal: Refusal) -> ArchiveRefused:
    messages = {
        "not-archive": _(
            "%(path)s is not an RCM Desk handover archive. Choose the .rcmhandover file your "
            "predecessor gave you."
        ),
        "newer": _(
            "%(path)s was written by a newer version of RCM Desk (archive format "
            "%(version)d). Install the latest RCM Desk and open it again. Nothing was created."
        ),
        "passphrase": _(
            "The passphrase does not open %(path)s. Check it (capitals, accents, spaces) and "
            "try again. Nothing was created."
        ),
        "damaged": _(
            "%(path)s is incomplete or has been altered since it was written (%(detail)s). "
            "Copy it again from where your predecessor left it. Nothing was created."
        ),
        "unreadable": _("%(path)s cannot be read (%(detail)s)."),
    }
    place = {"path": path, "detail": refusal.detail, "version": refusal.version}
    return ArchiveRefused(messages[refusal.reason] % place, reason=refusal.reason, path=path)


def _opener(folder: Path | None) -> fmt.Opener | None:
    """What opens each member's file in *folder* (None: verify only, write nothing)."""
    return None if folder is None else lambda name: _Output(folder, name)


class _Output:
    """A member's new file in *folder*; _CannotWrite for any refusal of the disk."""

    def __init__(self, folder: Path, name: str) -> None:
        self._name = name
        parts = name.split("/")
        if os.name == "nt" and not _usable_on_windows(parts):
            raise _CannotWrite(name, _("Windows cannot use this name"))
        target = folder.joinpath(*parts)
        with self._guard():
            target.parent.mkdir(parents=True, exist_ok=True)
            self._file = target.open("xb")

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except OSError as error:
            raise _CannotWrite(self._name, _reason(error)) from error

    def write(self, data: bytes) -> None:
        with self._guard():
            self._file.write(data)

    def close(self) -> None:
        with self._guard():
            try:
                self._file.flush()
                os.fsync(self._file.fileno())  # on the disk before the folder is renamed
            finally:
                self._file.close()
