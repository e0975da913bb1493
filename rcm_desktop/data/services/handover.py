"""Handing the work over to a successor: the dossier (PDF), the encrypted archive of the whole
profile, and opening that archive as a new profile on the successor's computer.

The archive holds the store (a consistent copy made with SQLite's backup API, journal
included), the attached concept notes and document files, and the preferences. Opening it
reads and checks the whole file before anything is created; the new profile appears whole
or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rcm_desktop import __version__
from rcm_desktop.data.backup import copy_database, validate_backup
from rcm_desktop.data.connection import PREFERENCE_KEY as SHARED_DATABASE_KEY
from rcm_desktop.data.db import Database, url_for_display
from rcm_desktop.data.services.handover_data import gather_handover
from rcm_desktop.data.services.settings import profile_country
from rcm_desktop.domain import identity
from rcm_desktop.errors import InvalidBackupError, StorageError, ValidationError
from rcm_desktop.exchange.handover_archive import (
    ArchiveCancelled,
    ArchiveRefused,
    Manifest,
    Member,
    extract_archive,
    write_archive,
)
from rcm_desktop.exchange.handover_format import is_safe_name
from rcm_desktop.i18n import _
from rcm_desktop.paths import (
    DATABASE_FILENAME,
    PREFERENCES_FILENAME,
    TEMPORARY_PREFIX,
    Profile,
    discard_temporary,
    sweep_temporary_files,
    temporary_file,
)
from rcm_desktop.preferences import PDF_FOLDER_KEY, Preferences
from rcm_desktop.printing.handover.dossier import build_dossier

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
#: The shortest passphrase accepted for an archive (it guards people's personal data).
MIN_PASSPHRASE = 10


@dataclass(frozen=True)
class HandoverResult:
    """What a handover wrote: the dossier and its pages, and the archive if asked for."""

    dossier: Path
    pages: int
    archive: Path | None = None
    archive_bytes: int = 0
    files: int = 0


@dataclass(frozen=True)
class OpenedHandover:
    """The profile made from an archive, and what the archive said of itself."""

    profile: Profile
    about: dict[str, Any]


def check_passphrase(passphrase: str, repeated: str | None = None) -> None:
    """Refuse a passphrase too short to protect personal data, or mistyped the second time."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise ValidationError(
            _(
                "The passphrase must have at least %(n)d characters: a sentence you will tell "
                "your successor in person, not write on the USB stick."
            )
            % {"n": MIN_PASSPHRASE},
            field="passphrase",
        )
    if repeated is not None and repeated != passphrase:
        raise ValidationError(
            _("The two passphrases differ. Type the same passphrase twice."), field="repeat"
        )


def hand_over(
    database: Database,
    profile: Profile,
    dossier: Path,
    language: str,
    *,
    archive: Path | None = None,
    passphrase: str | None = None,
    prepared_by: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: dt.date | None = None,
) -> HandoverResult:
    """Write the dossier to *dossier* and, when *archive* is given, the encrypted archive;
    *prepared_by* names the focal point handing over (default: who saves through *database*).

    Progress runs 0–100: the dossier takes the first part, the archive the rest. Each file
    appears complete or not at all; a refusal comes before either is written. Cancelled
    while the archive is written, the dossier is kept and the error says so.
    """
    if archive is not None:
        check_passphrase(passphrase or "")
        _refuse_server_store(database)
        if Path(archive).expanduser().resolve() == Path(dossier).expanduser().resolve():
            raise ValidationError(
                _("The dossier and the archive need two different files."), field="archive"
            )
    share = 40 if archive is not None else 100

    def part(start: int, span: int) -> Progress | None:
        if progress is None:
            return None
        return lambda done, total: progress(start + span * done // max(total, 1), 100)

    data = gather_handover(
        database,
        profile,
        language,
        prepared_by=prepared_by,
        today=today,
        progress=part(0, share // 4),
    )
    pages = build_dossier(
        data, dossier, language, progress=part(share // 4, share - share // 4), cancelled=cancelled
    )
    if archive is None:
        return HandoverResult(dossier, pages)
    try:
        manifest = write_handover_archive(
            database,
            profile,
            archive,
            passphrase or "",
            progress=part(share, 100 - share),
            cancelled=cancelled,
        )
    except ArchiveCancelled as error:
        raise ArchiveCancelled(
            _("The archive was not written: it was cancelled. The dossier was written to %(path)s.")
            % {"path": dossier}
        ) from error
    return HandoverResult(
        dossier,
        pages,
        archive,
        archive.stat().st_size,
        len(manifest.files),
    )


def _refuse_server_store(database: Database) -> None:
    if not database.is_sqlite:
        raise ValidationError(
            _(
                "This profile works on the shared database %(address)s, which stays there for "
                "your successor: the archive carries a profile's own database only. Give your "
                "successor the dossier, which names the database, and ask its administrator "
                "for an account for them."
            )
            % {"address": url_for_display(str(database.url))}
        )


def write_handover_archive(
    database: Database,
    profile: Profile,
    target: Path,
    passphrase: str,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Manifest:
    """Write the whole profile to *target*, encrypted with *passphrase*."""
    check_passphrase(passphrase)
    _refuse_server_store(database)
    with _store_snapshot(profile) as snapshot:
        members = [Member(DATABASE_FILENAME, snapshot)]
        if profile.preferences_path.is_file():
            members.append(Member(PREFERENCES_FILENAME, profile.preferences_path))
        members += _attachments(profile)
        about = {
            "app_version": __version__,
            "schema": validate_backup(snapshot).revision,
            "country": profile_country(database),
            "by": database.identity or identity.describe(),
            "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        return write_archive(
            target, passphrase, members, about, progress=progress, cancelled=cancelled
        )


@contextlib.contextmanager
def _store_snapshot(profile: Profile) -> Iterator[Path]:
    """A consistent copy of the profile's store in its backups folder, removed afterwards
    (its temporary name lets the next start sweep it if this process is killed)."""
    profile.backups_dir.mkdir(parents=True, exist_ok=True)
    try:
        snapshot = temporary_file(profile.backups_dir, ".sqlite3")
    except OSError as error:
        raise StorageError(
            _("No copy of the store could be made in %(folder)s (%(reason)s).")
            % {"folder": profile.backups_dir, "reason": error.strerror or error}
        ) from error
    try:
        copy_database(profile.database_path, snapshot)
        yield snapshot
    finally:
        discard_temporary(snapshot)


def _attachments(profile: Profile) -> list[Member]:
    """Every file in the attachments folder (concept notes, document versions), in order."""
    root = profile.attachments_dir
    if not root.is_dir():
        return []
    members = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.startswith(TEMPORARY_PREFIX):
            relative = path.relative_to(profile.root).as_posix()
            if not is_safe_name(relative):  # a backslash, or bytes that are not UTF-8
                raise StorageError(
                    _(
                        "The file %(path)s has a name other computers cannot hold, so it "
                        "cannot go into the archive. Remove it from its meeting or document, "
                        "add it again under a plain name, then hand over again."
                    )
                    % {"path": path}
                )
            members.append(Member(relative, path))
    return members


def open_handover(
    source: Path,
    passphrase: str,
    target: Profile,
    successor: str | None = None,
    *,
    language: str | None = None,
    progress: Progress | None = None,
) -> OpenedHandover:
    """Make a new profile at *target* from the archive *source*; the successor's name, when
    given, is recorded with every change they make from now on, and *language* (the
    successor's interface language) replaces the predecessor's.

    Raises ArchiveRefused (wrong passphrase, damaged, newer) or StorageError; then nothing is
    created and *target* is as it was.
    """
    if not source.is_file():
        raise StorageError(
            _("%(path)s does not exist or is not a file. Choose the handover archive.")
            % {"path": source}
        )
    _check_target(target)
    parent = target.root.parent
    made = [folder for folder in (parent, *parent.parents) if not folder.exists()]
    try:
        parent.mkdir(parents=True, exist_ok=True)
        sweep_temporary_files([parent])  # what a killed opening left beside it
        holder = temporary_file(parent, ".handover")  # reserves a unique name beside the target
        holder.unlink()
    except OSError as error:
        _remove_made(made)
        raise StorageError(
            _("The profile cannot be created in %(folder)s (%(reason)s). Choose another folder.")
            % {"folder": parent, "reason": error.strerror or error}
        ) from error
    staging = Profile(holder)
    try:
        manifest = extract_archive(source, passphrase, staging.root, progress=progress)
        _check_store(source, staging)
        _settle_preferences(staging, successor, language)
        _move_into_place(staging.root, target.root)
    except BaseException:
        shutil.rmtree(staging.root, ignore_errors=True)
        _remove_made(made)
        raise
    return OpenedHandover(target, dict(manifest.about))


def _remove_made(folders: list[Path]) -> None:
    """Remove the folders an opening made on its way to the target (deepest first)."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


#: The predecessor's preferences the successor must not inherit: their shared database
#: (the successor connects with their own account) and the folders of their computer.
PREDECESSOR_ONLY = (SHARED_DATABASE_KEY, PDF_FOLDER_KEY, "briefing.folder", "notes.folder")


def _settle_preferences(staging: Profile, successor: str | None, language: str | None) -> None:
    """The successor's name (never the predecessor's) and language in the new profile."""
    try:
        preferences = Preferences(staging.preferences_path)
        for key in PREDECESSOR_ONLY:
            preferences.forget(key)
        preferences.set(identity.USER_NAME_KEY, " ".join((successor or "").split()))
        if language:
            preferences.set("language", language)
        staging.ensure()
    except OSError as error:
        raise StorageError(
            _("The new profile could not be written (%(reason)s). Nothing was created.")
            % {"reason": error.strerror or error}
        ) from error


def _check_target(target: Profile) -> None:
    """Refuse a target that holds anything: a handover never mixes with another profile."""
    if target.root.exists() and (not target.root.is_dir() or any(target.root.iterdir())):
        raise StorageError(
            _(
                "The folder %(path)s is not empty. A handover archive opens as a new profile: "
                "choose a new or empty folder."
            )
            % {"path": target.root}
        )


def _check_store(source: Path, staging: Profile) -> None:
    """The archive's store must be one this version can open."""
    try:
        validate_backup(staging.database_path)
    except InvalidBackupError as error:
        raise ArchiveRefused(
            _(
                "%(path)s holds a database this version of RCM Desk cannot open: %(reason)s "
                "Nothing was created."
            )
            % {"path": source, "reason": error.message},
            reason="newer",
            path=source,
        ) from error


def _move_into_place(staging: Path, target: Path) -> None:
    """Rename the checked profile onto *target* (an empty folder there is replaced)."""
    try:
        if target.is_dir():
            target.rmdir()  # empty: checked above
        os.replace(staging, target)
    except OSError as error:
        raise StorageError(
            _("The profile could not be put in %(path)s (%(reason)s). Nothing was created.")
            % {"path": target, "reason": error.strerror or error}
        ) from error
