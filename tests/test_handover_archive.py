"""The handover archive: a profile folder in one encrypted file, complete or refused.

scrypt runs at 2**14 here (one test keeps the default), and its key is kept per salt and
passphrase (`_scrypt_once`): the alteration test opens a thousand altered copies of one file.
"""

from __future__ import annotations

import filecmp
import functools
import hashlib
import io
import itertools
import os
import random
import sqlite3
import struct
import tarfile
import time
import tracemalloc
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rcm_desktop.errors import StorageError, ValidationError
from rcm_desktop.exchange import handover_archive as archive
from rcm_desktop.exchange import handover_format as fmt
from rcm_desktop.exchange.handover_archive import (
    MANIFEST,
    ArchiveCancelled,
    ArchivedFile,
    ArchiveRefused,
    Manifest,
    Member,
    extract_archive,
    verify_archive,
    write_archive,
)

PASSPHRASE = "Traspaso de la delegación 2026"
ABOUT = {"app": "0.1.0", "revision": "abc123", "country": "CR", "who": "Ana Pérez"}
SMALL_CHUNK = 64 * 1024  # the smallest chunk a file may ask for
REASONS = {"not-archive", "newer", "passphrase", "damaged", "unreadable"}


@pytest.fixture(autouse=True)
def _scrypt_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Derive each (passphrase, salt, settings) key once per test: scrypt is the slow part."""
    monkeypatch.setattr(fmt, "_scrypt", functools.cache(fmt._scrypt))


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(fmt, "_CHUNK_SIZE", SMALL_CHUNK)
    return SMALL_CHUNK


@pytest.fixture
def no_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt fails the test if it runs at all."""
    from cryptography.hazmat.primitives.kdf import scrypt

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("scrypt ran")

    monkeypatch.setattr(scrypt, "Scrypt", refuse)


def _profile(root: Path, chunk: int = SMALL_CHUNK) -> list[Member]:
    """A profile folder: a database, preferences, attachments in nested folders, odd names."""
    rng = random.Random(7)
    files = {
        "rcm-desk.sqlite3": _sqlite_bytes(root),
        "preferences.json": b'{"language": "es"}',
        "empty.txt": b"",
        "attachments/ab/abcd1234/nota conceptual ñá 🎉.pdf": rng.randbytes(150_000),
        "attachments/ab/exact": rng.randbytes(chunk),
        "attachments/ab/one less": rng.randbytes(chunk - 1),
        "attachments/cd/one more": rng.randbytes(chunk + 1),
        "attachments/cd/ef/deeper/Reunión en Tegucigalpa.docx": b"PK\x03\x04" * 1000,
    }
    members = []
    for name, data in files.items():
        path = root.joinpath("profile", *name.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        members.append(Member(name, path))
    return members


def _sqlite_bytes(root: Path) -> bytes:
    path = root / "scratch.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
        connection.executemany(
            "INSERT INTO note (text) VALUES (?)",
            [(f"Nota {n} de la reunión",) for n in range(2000)],
        )
    connection.close()
    data = path.read_bytes()
    path.unlink()
    return data


def _small_archive(tmp_path: Path, name: str = "handover.rcmhandover") -> Path:
    """An archive of about three chunks of SMALL_CHUNK (random bytes do not compress)."""
    folder = tmp_path / f"{name}.files"
    folder.mkdir()
    (folder / "a.bin").write_bytes(random.Random(3).randbytes(150_000))
    (folder / "b.txt").write_text("hola " * 100, "utf-8")
    members = [Member("a.bin", folder / "a.bin"), Member("docs/b.txt", folder / "b.txt")]
    target = tmp_path / name
    write_archive(target, PASSPHRASE, members, ABOUT, log2_n=14)
    return target


def _listing(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def _refusal(source: Path, destination: Path, passphrase: str = PASSPHRASE) -> ArchiveRefused:
    """The refusal of *source*, checked to leave nothing beside *destination*."""
    before = _listing(destination.parent)
    with pytest.raises(ArchiveRefused) as caught:
        extract_archive(source, passphrase, destination)
    assert _listing(destination.parent) == before
    assert caught.value.reason in REASONS
    return caught.value


def _refusal_and_peak(source: Path, destination: Path) -> tuple[ArchiveRefused, int]:
    """`_refusal`, and the most memory Python held while refusing."""
    tracemalloc.start()
    try:
        refusal = _refusal(source, destination)
        return refusal, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_profile_comes_back_byte_for_byte(tmp_path: Path, small_chunks: int) -> None:
    members = _profile(tmp_path)
    target = tmp_path / "handover.rcmhandover"
    written: list[tuple[int, int]] = []
    manifest = write_archive(
        target, PASSPHRASE, members, ABOUT, log2_n=14, progress=lambda *p: written.append(p)
    )
    total = sum(member.source.stat().st_size for member in members)
    assert written[-1] == (total, total)
    assert [done for done, _total in written] == sorted(done for done, _total in written)
    assert manifest.format == 1 and manifest.about == ABOUT and manifest.created.endswith("Z")
    assert manifest.files == tuple(
        ArchivedFile(
            m.name, m.source.stat().st_size, hashlib.sha256(m.source.read_bytes()).hexdigest()
        )
        for m in members
    )
    assert verify_archive(target, PASSPHRASE) == manifest
    opened: list[tuple[int, int]] = []
    destination = tmp_path / "successor"
    assert (
        extract_archive(target, PASSPHRASE, destination, progress=lambda *p: opened.append(p))
        == manifest
    )
    size = target.stat().st_size
    assert opened[-1] == (2 * size, 2 * size)
    assert [done for done, _total in opened] == sorted(done for done, _total in opened)
    for member in members:
        assert (
            destination.joinpath(*member.name.split("/")).read_bytes() == member.source.read_bytes()
        )
    assert len([path for path in destination.rglob("*") if path.is_file()]) == len(members)
    assert not (destination / MANIFEST).exists()
    assert sorted(os.listdir(tmp_path)) == ["handover.rcmhandover", "profile", "successor"]


def test_the_default_cost_writes_and_opens(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("Acta", "utf-8")
    target = tmp_path / f"x{archive.SUFFIX}"
    write_archive(target, PASSPHRASE, [Member("note.txt", tmp_path / "note.txt")], {})
    header = target.read_bytes()[: fmt.HEADER_SIZE]
    assert header[:16] == b"RCMDESK-HANDOVER"
    assert struct.unpack(">HBBBB", header[16:22]) == (1, 1, 17, 8, 1)
    assert struct.unpack(">I", header[45:49]) == (1024 * 1024,)
    assert [file.name for file in verify_archive(target, PASSPHRASE).files] == ["note.txt"]


def test_an_exact_multiple_of_the_chunk_ends_with_an_empty_chunk(tmp_path: Path) -> None:
    header, aead = fmt.new_header(PASSPHRASE, 14)
    path = tmp_path / "chunks"
    with path.open("wb") as out:
        sealing = fmt.Sealing(out, header, aead)
        sealing._add(b"x" * (2 * header.chunk_size))  # past zlib: the chunk layer alone
        sealing._seal(b"", last=True)
    assert path.stat().st_size == fmt.HEADER_SIZE + 2 * (header.chunk_size + 16) + 16
    with path.open("rb") as stream:
        read = fmt.read_header(stream)
        chunks = list(
            fmt.opened_chunks(stream, read, fmt.open_key(read, PASSPHRASE), lambda _n: None)
        )
    assert [len(chunk) for chunk in chunks] == [header.chunk_size, header.chunk_size, 0]


def test_a_thousand_single_byte_alterations_are_all_refused(
    tmp_path: Path, small_chunks: int
) -> None:
    original = _small_archive(tmp_path).read_bytes()
    assert 2 * small_chunks < len(original) < 4 * small_chunks
    folder = tmp_path / "usb"
    folder.mkdir()
    altered = folder / "altered.rcmhandover"
    rng = random.Random(2026)
    every_header_byte = [(position, 0x01) for position in range(fmt.HEADER_SIZE)]
    anywhere = [(rng.randrange(len(original)), rng.randrange(1, 256)) for _ in range(1000)]
    reasons = []
    for position, flip in every_header_byte + anywhere:
        data = bytearray(original)
        data[position] ^= flip
        altered.write_bytes(data)
        reasons.append(_refusal(altered, folder / "successor").reason)
    assert set(reasons) <= {"not-archive", "newer", "passphrase", "damaged"}
    assert {"not-archive", "passphrase", "damaged"} <= set(reasons)
    assert os.listdir(folder) == ["altered.rcmhandover"]


def test_a_cut_or_lengthened_file_is_refused(tmp_path: Path, small_chunks: int) -> None:
    original = _small_archive(tmp_path).read_bytes()
    block = small_chunks + 16
    ends = [fmt.HEADER_SIZE + count * block for count in range(1, len(original) // block + 1)]
    cuts = {0, 1, 10, 15, 16, 17, 18, 30, fmt.HEADER_SIZE - 1, fmt.HEADER_SIZE}
    cuts |= {end + step for end in ends for step in (-1, 0, 1)}
    cuts |= {len(original) - 1, len(original) - 16, len(original) - 17}
    folder = tmp_path / "usb"
    folder.mkdir()
    cut = folder / "cut.rcmhandover"
    for length in sorted(cuts):
        cut.write_bytes(original[:length])
        expected = "not-archive" if length < 16 else "damaged"
        assert _refusal(cut, folder / "successor").reason == expected, length
    last = original[ends[-1] :]
    for tail in (b"\0", b"garbage" * 3, bytes(block), last):
        cut.write_bytes(original + tail)
        assert _refusal(cut, folder / "successor").reason == "damaged"


def test_a_wrong_passphrase_has_its_own_refusal(tmp_path: Path) -> None:
    target = _small_archive(tmp_path)
    for wrong in ("", "traspaso de la delegación 2026", PASSPHRASE + " "):
        refusal = _refusal(target, tmp_path / "successor", wrong)
        assert refusal.reason == "passphrase"
        assert "passphrase does not open" in str(refusal) and str(target) in str(refusal)


def test_the_passphrase_opens_however_its_accents_were_typed(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"a")
    target = tmp_path / "x.rcmhandover"
    composed = unicodedata.normalize("NFC", "Contraseña café")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    write_archive(target, decomposed, [Member("a", tmp_path / "a")], {}, log2_n=14)
    assert [file.name for file in verify_archive(target, composed).files] == ["a"]


def test_a_newer_format_is_refused_before_scrypt(tmp_path: Path, no_scrypt: None) -> None:
    data = bytearray(_fake_archive(tmp_path).read_bytes())
    data[16:18] = struct.pack(">H", 2)
    newer = tmp_path / "newer.rcmhandover"
    newer.write_bytes(data)
    refusal = _refusal(newer, tmp_path / "successor")
    assert refusal.reason == "newer"
    assert "archive format 2" in str(refusal) and "newer version of RCM Desk" in str(refusal)


def _fake_archive(tmp_path: Path) -> Path:
    """A file with a sound header (its key check and body are zeros): the header is all that
    matters to a refusal before scrypt."""
    header = fmt._FIELDS.pack(fmt.MAGIC, 1, 1, 14, 8, 1, bytes(16), bytes(7), SMALL_CHUNK)
    path = tmp_path / "plain.rcmhandover"
    path.write_bytes(header + bytes(16) + bytes(SMALL_CHUNK))
    return path


@pytest.mark.parametrize(
    "fields",
    [
        {"log2_n": 40},
        {"log2_n": 255},
        {"log2_n": 13},
        {"r": 255},
        {"r": 0},
        {"p": 0},
        {"p": 200},
        {"log2_n": 18, "r": 16},  # 512 MiB: above what a file may ask for
        {"chunk": 0xFFFFFFFF},
        {"chunk": 1},
        {"kdf": 2},
        {"version": 0},
    ],
)
def test_a_hostile_header_is_refused_at_once(
    tmp_path: Path, no_scrypt: None, fields: dict[str, int]
) -> None:
    values = {"version": 1, "kdf": 1, "log2_n": 14, "r": 8, "p": 1, "chunk": SMALL_CHUNK} | fields
    settings = [values[key] for key in ("version", "kdf", "log2_n", "r", "p")]
    header = fmt._FIELDS.pack(fmt.MAGIC, *settings, bytes(16), bytes(7), values["chunk"])
    hostile = tmp_path / "hostile.rcmhandover"
    hostile.write_bytes(header + bytes(16) + bytes(1000))
    started = time.perf_counter()
    refusal, peak = _refusal_and_peak(hostile, tmp_path / "successor")
    assert refusal.reason == "damaged" and "settings" in str(refusal)
    assert time.perf_counter() - started < 1 and peak < 1024 * 1024


def test_random_files_are_refused(tmp_path: Path) -> None:
    rng = random.Random(11)
    folder = tmp_path / "usb"
    folder.mkdir()
    candidate = folder / "candidate.rcmhandover"
    contents = [rng.randbytes(size) for size in (0, 1, 15, 16, 64, 65, 1000, 200_000)]
    contents += [b"%PDF-1.7\n" + rng.randbytes(5000), b"PK\x03\x04" + rng.randbytes(5000)]
    for data in contents:
        candidate.write_bytes(data)
        assert _refusal(candidate, folder / "successor").reason == "not-archive"
    for size in (0, 2, 100, 100_000):
        candidate.write_bytes(fmt.MAGIC + rng.randbytes(size))
        assert _refusal(candidate, folder / "successor").reason in {"newer", "damaged"}
        if size >= 2:
            candidate.write_bytes(fmt.MAGIC + b"\x00\x01" + rng.randbytes(size))
            assert _refusal(candidate, folder / "successor").reason == "damaged"
    missing = _refusal(folder / "nowhere.rcmhandover", folder / "successor")
    assert missing.reason == "unreadable" and "cannot be read" in str(missing)


def test_an_existing_destination_is_left_alone(tmp_path: Path) -> None:
    target = _small_archive(tmp_path)
    for name in ("full", "empty"):
        destination = tmp_path / name
        destination.mkdir()
        if name == "full":
            (destination / "mine.txt").write_text("mine", "utf-8")
        before = _listing(tmp_path)
        with pytest.raises(StorageError, match="already exists"):
            extract_archive(target, PASSPHRASE, destination)
        assert _listing(tmp_path) == before
    with pytest.raises(StorageError, match="does not exist"):
        extract_archive(target, PASSPHRASE, tmp_path / "missing" / "successor")
    assert not (tmp_path / "missing").exists()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("needs a POSIX user whose folders can be made read-only")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def test_a_read_only_folder_gets_a_clear_refusal(tmp_path: Path, read_only_folder: Path) -> None:
    (tmp_path / "a").write_bytes(b"a")
    with pytest.raises(StorageError, match="could not be written to") as caught:
        write_archive(
            read_only_folder / "x.rcmhandover",
            PASSPHRASE,
            [Member("a", tmp_path / "a")],
            {},
            log2_n=14,
        )
    assert str(read_only_folder) in str(caught.value)
    target = _small_archive(tmp_path)
    with pytest.raises(StorageError, match="could not be opened into"):
        extract_archive(target, PASSPHRASE, read_only_folder / "successor")
    assert os.listdir(read_only_folder) == []


def test_a_full_disk_while_opening_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _small_archive(tmp_path)
    before = _listing(tmp_path)

    monkeypatch.setattr(archive._Output, "write", _failing_write)
    with pytest.raises(StorageError, match="No space left on device"):
        extract_archive(target, PASSPHRASE, tmp_path / "successor")
    assert _listing(tmp_path) == before


def _failing_write(self: archive._Output, data: bytes) -> None:
    with self._guard():
        raise OSError(28, "No space left on device")


def test_an_archive_changed_between_the_two_passes_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _small_archive(tmp_path)
    other = _small_archive(tmp_path, "other.rcmhandover")
    real_read, calls = archive._read, itertools.count()

    def swapped_before_the_second_pass(*args: object, **kwargs: object) -> object:
        if next(calls) == 1:
            target.write_bytes(other.read_bytes())  # same passphrase, another salt
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(archive, "_read", swapped_before_the_second_pass)
    before = _listing(tmp_path)
    with pytest.raises(ArchiveRefused, match="changed while it was being opened"):
        extract_archive(target, PASSPHRASE, tmp_path / "successor")
    assert _listing(tmp_path) == before


def _craft(path: Path, add: Callable[[tarfile.TarFile], None]) -> Path:
    """An archive of whatever tar *add* writes, sealed with the real header and chunks."""
    header, aead = fmt.new_header(PASSPHRASE, 14)
    with path.open("wb") as out:
        sealing = fmt.Sealing(out, header, aead)
        with tarfile.open(fileobj=sealing, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[arg-type]
            add(tar)
        sealing.finish()
    return path


def _put(
    tar: tarfile.TarFile,
    name: str,
    data: bytes = b"",
    kind: bytes = tarfile.REGTYPE,
    link: str = "",
) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.type, info.linkname = len(data), kind, link
    tar.addfile(info, io.BytesIO(data))


def _manifest(*files: tuple[str, bytes]) -> bytes:
    listed = tuple(
        ArchivedFile(name, len(data), hashlib.sha256(data).hexdigest()) for name, data in files
    )
    return fmt.manifest_bytes(Manifest(1, "2026-01-01T00:00:00Z", {}, listed))


def _tar(*entries: tuple[Any, ...]) -> Callable[[tarfile.TarFile], None]:
    """Writes each entry (`_put`'s arguments after the tar) in order."""

    def add(tar: tarfile.TarFile) -> None:
        for entry in entries:
            _put(tar, *entry)

    return add


def _listed(*files: tuple[str, bytes]) -> tuple[str, bytes]:
    """The MANIFEST.json entry listing *files* truly."""
    return (MANIFEST, _manifest(*files))


def _honest(*files: tuple[str, bytes]) -> Callable[[tarfile.TarFile], None]:
    return _tar(*files, _listed(*files))


@pytest.mark.parametrize(
    ("add", "detail"),
    [
        (_honest(("../escaped.txt", b"x")), "unsafe name"),
        (_honest(("/tmp/escaped.txt", b"x")), "unsafe name"),
        (_honest(("a/../../escaped.txt", b"x")), "unsafe name"),
        (_honest(("a\\..\\escaped.txt", b"x")), "unsafe name"),
        (_honest(("a/./b", b"x")), "unsafe name"),
        (_tar(("link", b"", tarfile.SYMTYPE, "/etc/passwd"), _listed()), "not a plain file"),
        (_tar(("hard", b"", tarfile.LNKTYPE, "a"), _listed()), "not a plain file"),
        (_tar(("folder", b"", tarfile.DIRTYPE), _listed()), "not a plain file"),
        (_tar(("device", b"", tarfile.CHRTYPE), _listed()), "not a plain file"),
        (_tar(("fifo", b"", tarfile.FIFOTYPE), _listed()), "not a plain file"),
        (_honest(("twice", b"1"), ("twice", b"2")), "twice"),
        (_honest(("a", b"1"), ("a/b", b"2")), "twice"),
        (_honest(("a/b", b"1"), ("a", b"2")), "twice"),
        (_tar(("a", b"1")), "missing"),
        (_tar(("a", b"1"), _listed(("a", b"2"))), "does not match"),
        (_tar(("a", b"1"), _listed()), "does not match"),
        (_tar(("b", b"1"), _listed(("a", b"1"))), "does not match"),
        (_tar(_listed(("a", b"1")), ("a", b"1")), "follows"),
        (_tar((MANIFEST, b"{not json")), "cannot be read"),
        (
            _tar((MANIFEST, b'{"format": 2, "created": "", "about": {}, "files": []}')),
            "cannot be read",
        ),
        (
            _tar((MANIFEST, b'{"format": true, "created": "", "about": {}, "files": []}')),
            "cannot be read",
        ),
        (_tar((MANIFEST, b"[1, 2]")), "cannot be read"),
        (_tar((MANIFEST, b"[" * 100_000)), "cannot be read"),
    ],
)
def test_a_hostile_tar_inside_is_refused_and_nothing_escapes(
    tmp_path: Path, add: Callable[[tarfile.TarFile], None], detail: str
) -> None:
    folder = tmp_path / "deep" / "er"
    folder.mkdir(parents=True)
    crafted = _craft(folder / "crafted.rcmhandover", add)
    before, outside = _listing(tmp_path), Path("/tmp/escaped.txt").exists()
    refusal = _refusal(crafted, folder / "successor")
    assert refusal.reason == "damaged" and detail in str(refusal)
    assert _listing(tmp_path) == before
    assert Path("/tmp/escaped.txt").exists() == outside


def _block(info: tarfile.TarInfo, data: bytes = b"") -> bytes:
    """One tar member as raw bytes: *info*'s header, then *data* padded to whole blocks."""
    info.size = len(data)
    return info.tobuf(tarfile.GNU_FORMAT) + data + bytes(-len(data) % tarfile.BLOCKSIZE)


def _extended(kind: bytes, data: bytes) -> bytes:
    info = tarfile.TarInfo("././@LongLink" if kind in b"LK" else "extended")
    info.type = kind
    return _block(info, data)


def _pax_record(key: str, value: str) -> bytes:
    body = f" {key}={value}\n".encode()
    size = len(body)
    while len(str(size).encode()) + len(body) != size:
        size = len(str(size).encode()) + len(body)
    return str(size).encode() + body


def _sealed(path: Path, raw: bytes) -> Path:
    """An archive whose plaintext is *raw*, sealed with the real header and chunks."""
    header, aead = fmt.new_header(PASSPHRASE, 14)
    with path.open("wb") as out:
        sealing = fmt.Sealing(out, header, aead)
        sealing.write(raw + bytes(2 * tarfile.BLOCKSIZE))
        sealing.finish()
    return path


A_FILE = _block(tarfile.TarInfo("a"), b"1")


def _old_sparse(extensions: int) -> bytes:
    """A GNU sparse member ("S") followed by *extensions* blocks of 21 map entries each."""
    info = tarfile.TarInfo("sparse")
    info.type = tarfile.GNUTYPE_SPARSE
    header = bytearray(info.tobuf(tarfile.GNU_FORMAT))
    header[482] = 1  # "is extended": map blocks follow
    header[148:156] = b" " * 8
    header[148:156] = b"%06o\0 " % sum(header)
    entry = b"%011o\0%011o\0" % (1, 1)
    more = entry * 21 + bytes(504 - 21 * 24) + b"\x01" + bytes(7)
    last = entry * 21 + bytes(512 - 21 * 24)
    return bytes(header) + more * (extensions - 1) + last


def _pax_sparse(entries: int) -> bytes:
    """A GNU sparse file in PAX form (1.0), its map of *entries* at the start of its data."""
    records = b"".join(
        _pax_record(key, value)
        for key, value in (
            ("GNU.sparse.major", "1"),
            ("GNU.sparse.minor", "0"),
            ("GNU.sparse.name", "a"),
            ("GNU.sparse.realsize", "1"),
        )
    )
    data = b"%d\n" % entries + b"0\n" * (2 * entries)
    return _extended(tarfile.XHDTYPE, records) + _block(tarfile.TarInfo("GNUSparseFile.0/a"), data)


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        # tarfile would read each next header by recursion: thousands overflow the stack
        (_extended(tarfile.XHDTYPE, _pax_record("comment", "x")) * 5000 + A_FILE, "too long"),
        (_extended(tarfile.XGLTYPE, _pax_record("comment", "x")) * 5000 + A_FILE, "too long"),
        (_extended(tarfile.GNUTYPE_LONGNAME, b"a\0") * 5000 + A_FILE, "too long"),
        # tarfile would read these whole into memory
        (_extended(tarfile.XHDTYPE, _pax_record("comment", "x" * 10_000_000)) + A_FILE, "too long"),
        (_extended(tarfile.GNUTYPE_LONGNAME, b"n" * 10_000_000) + A_FILE, "too long"),
        (_extended(tarfile.GNUTYPE_LONGLINK, b"n" * 10_000_000) + A_FILE, "too long"),
        # tarfile would map these sparse files in memory, entry by entry
        (_old_sparse(extensions=20_000), "plain file"),
        (_pax_sparse(entries=400_000), "plain file"),
    ],
    ids=[
        "pax-chain",
        "global-chain",
        "longname-chain",
        "pax-10MB",
        "longname-10MB",
        "longlink-10MB",
        "sparse",
        "pax-sparse",
    ],
)
def test_crafted_tar_headers_are_refused_within_bounds(
    tmp_path: Path, raw: bytes, detail: str
) -> None:
    crafted = _sealed(tmp_path / "crafted.rcmhandover", raw)
    refusal, peak = _refusal_and_peak(crafted, tmp_path / "successor")
    assert refusal.reason == "damaged" and detail in str(refusal)
    assert peak < 4 * 1024 * 1024, f"{peak:,} bytes allocated"


def test_the_longest_names_the_writer_accepts_pass_the_header_bounds(tmp_path: Path) -> None:
    # 1,024 characters of four bytes each, in folders of 252 bytes: the largest PAX header
    # the writer makes (about 4.1 KB)
    parts = ["𝄞" * 63] * 15 + ["𝄞" * 62, "x"]
    name = "/".join(parts)
    assert len(name) == 1024 and fmt.is_safe_name(name)
    source = tmp_path / "source.txt"
    source.write_bytes(b"hola")
    target = tmp_path / "long.rcmhandover"
    write_archive(target, PASSPHRASE, [Member(name, source)], ABOUT, log2_n=14)
    # read through (a path of 4 KB is more than Linux can open; reading is what is tested)
    assert [item.name for item in verify_archive(target, PASSPHRASE).files] == [name]


def test_an_honest_crafted_archive_opens(tmp_path: Path) -> None:
    crafted = _craft(tmp_path / "crafted.rcmhandover", _honest(("a/b.txt", b"hola"), ("c", b"")))
    extract_archive(crafted, PASSPHRASE, tmp_path / "successor")
    assert (tmp_path / "successor" / "a" / "b.txt").read_bytes() == b"hola"


def test_cancelling_leaves_no_file(tmp_path: Path) -> None:
    (tmp_path / "big.bin").write_bytes(random.Random(1).randbytes(2_000_000))
    calls = itertools.count()
    with pytest.raises(ArchiveCancelled):
        write_archive(
            tmp_path / "x.rcmhandover",
            PASSPHRASE,
            [Member("big.bin", tmp_path / "big.bin")],
            {},
            log2_n=14,
            cancelled=lambda: next(calls) >= 5,  # a few blocks in
        )
    assert os.listdir(tmp_path) == ["big.bin"]


def test_a_missing_or_odd_member_is_named_and_nothing_is_left(tmp_path: Path) -> None:
    (tmp_path / "here.txt").write_text("ok", "utf-8")
    (tmp_path / "a folder").mkdir()
    for source in (tmp_path / "gone.pdf", tmp_path / "a folder"):
        members = [Member("here.txt", tmp_path / "here.txt"), Member("x", source)]
        with pytest.raises(StorageError, match="could not be put into") as caught:
            write_archive(tmp_path / "x.rcmhandover", PASSPHRASE, members, {}, log2_n=14)
        assert str(source) in str(caught.value)
        assert sorted(os.listdir(tmp_path)) == ["a folder", "here.txt"]


def test_a_target_that_cannot_be_written_is_named_and_nothing_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").write_bytes(b"a")
    (tmp_path / "not a folder").write_bytes(b"")
    target = tmp_path / "not a folder" / "x.rcmhandover"
    with pytest.raises(StorageError, match="could not be written to") as caught:
        write_archive(target, PASSPHRASE, [Member("a", tmp_path / "a")], {}, log2_n=14)
    assert str(target) in str(caught.value)

    def full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError, match="No space left on device"):
        write_archive(
            tmp_path / "x.rcmhandover", PASSPHRASE, [Member("a", tmp_path / "a")], {}, log2_n=14
        )
    assert sorted(os.listdir(tmp_path)) == ["a", "not a folder"]


def test_a_file_that_shrinks_while_written_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "db").write_bytes(b"x" * 300_000)
    real_read = archive._Hashing.read

    def shrink(self: archive._Hashing, size: int) -> bytes:
        (tmp_path / "db").write_bytes(b"x" * 10)
        return real_read(self, size)

    monkeypatch.setattr(archive._Hashing, "read", shrink)
    with pytest.raises(StorageError, match="became shorter"):
        write_archive(
            tmp_path / "x.rcmhandover", PASSPHRASE, [Member("db", tmp_path / "db")], {}, log2_n=14
        )
    assert os.listdir(tmp_path) == ["db"]


def test_an_empty_passphrase_or_a_bad_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"a")
    member = Member("a", tmp_path / "a")
    for empty in ("", "   "):
        with pytest.raises(ValidationError, match="passphrase") as caught:
            write_archive(tmp_path / "x.rcmhandover", empty, [member], {})
        assert caught.value.field == "passphrase"
    for bad in ("../a", "/a", "a//b", "a/", "a\\b", "a\0b", "a\nb", "", MANIFEST):
        with pytest.raises(ValueError):
            write_archive(tmp_path / "x.rcmhandover", PASSPHRASE, [Member(bad, member.source)], {})
    with pytest.raises(ValueError):
        write_archive(tmp_path / "x.rcmhandover", PASSPHRASE, [member, member], {})
    assert os.listdir(tmp_path) == ["a"]


def test_windows_names_that_mean_something_else_are_caught() -> None:
    assert archive._usable_on_windows(["attachments", "Acta ñ 🎉.pdf"])
    for parts in (["C:x"], ["a", "b:stream"], ["CON"], ["a", "nul.txt"], ["dot."], ["space "]):
        assert not archive._usable_on_windows(parts)


def test_memory_stays_small_for_a_large_member(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    rng = random.Random(64)
    with big.open("wb") as out:
        for _block in range(64):
            out.write(rng.randbytes(1024 * 1024))
    target = tmp_path / "big.rcmhandover"
    tracemalloc.start()
    try:
        write_archive(target, PASSPHRASE, [Member("big.bin", big)], {}, log2_n=14)
        writing = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        extract_archive(target, PASSPHRASE, tmp_path / "successor")
        opening = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert writing < 40 * 1024 * 1024 and opening < 40 * 1024 * 1024, (writing, opening)
    assert filecmp.cmp(big, tmp_path / "successor" / "big.bin", shallow=False)
