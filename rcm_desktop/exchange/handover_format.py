"""The bytes of a handover archive, format 1, and the tar stream inside them.

    header     magic (16) · version u16 · KDF u8 (1 = scrypt) · log2 N u8 · r u8 · p u8 ·
               salt (16) · nonce prefix (7) · chunk size u32, big-endian · key check (16):
               AES-GCM's tag of nothing, nonce prefix + ffffffff + 02, aad the bytes before
    body       the plaintext in chunks of exactly the chunk size, each AES-256-GCM with nonce
               prefix + counter u32 + flag (0 more follow, 1 the last), aad the whole header;
               the last chunk is always short (maybe empty), and the file ends with it
    plaintext  zlib of a tar stream of regular files, MANIFEST.json last

The key is scrypt's, from the passphrase in NFC. The key check covers the header: an altered
salt, setting or prefix reads as a wrong passphrase (nobody can tell them apart without the
key). A file's settings are bounded before scrypt runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
import tarfile
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from rcm_desktop.i18n import _

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"RCMDESK-HANDOVER"
MANIFEST = "MANIFEST.json"
FORMAT_VERSION = 1
KDF_SCRYPT = 1
#: scrypt's cost as written: 2**17 with r = 8 takes 128 MiB and about 0.4 s.
LOG2_N = 17
_R, _P = 8, 1
_CHUNK_SIZE = 1024 * 1024
#: zlib's level: on an SQLite file, 1 keeps 54 % of its size against 48 % at 6, 2.5 times faster.
_ZLIB_LEVEL = 1
_FIELDS = struct.Struct(">16sHBBBB16s7sI")
_TAG = 16
HEADER_SIZE = _FIELDS.size + _TAG
#: What a file may ask for: nothing larger is ever allocated or computed.
LOG2_N_RANGE = range(14, 19)
_R_RANGE = range(1, 17)
_P_RANGE = range(1, 3)
_CHUNK_RANGE = range(64 * 1024, 8 * 1024 * 1024 + 1)
_MAX_SCRYPT_MEMORY = 128 * 1024 * 1024  # what N = 2^17, r = 8 takes: this version's
_KEY_CHECK_NONCE = b"\xff\xff\xff\xff\x02"
#: Compressed bytes handed to zlib at a time (its unconsumed tail is copied on every call).
_FEED = 16 * 1024
#: Bytes copied at a time, and tarfile's own buffer.
BLOCK = 256 * 1024
TAR_BUFFER = 64 * 1024
#: The largest MANIFEST.json read (100,000 files take about 15 MB).
_MANIFEST_LIMIT = 32 * 1024 * 1024
#: More files than a list of contents within that limit can name (about 100 bytes each).
_MEMBER_LIMIT = 350_000
_NAME_LIMIT = 1024
#: The largest PAX or GNU long-name header read (tarfile reads one whole; the writer's largest
#: is about 4.1 KB), and how many may precede a file (tarfile reads each by recursion).
_TAR_HEADER_LIMIT = 8 * 1024
_TAR_HEADERS_IN_A_ROW = 4
_TAR_HEADER_TYPES = (
    tarfile.GNUTYPE_LONGNAME,
    tarfile.GNUTYPE_LONGLINK,
    tarfile.XHDTYPE,
    tarfile.XGLTYPE,
    tarfile.SOLARIS_XHDTYPE,
)


class Refusal(Exception):
    """The bytes are refused: *reason* as `ArchiveRefused` names it, *detail* a translated phrase."""

    def __init__(self, reason: str, detail: str = "", version: int = 0) -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail
        self.version = version


def damaged(detail: str) -> Refusal:
    """The refusal of a file altered or cut short, *detail* saying where."""
    return Refusal("damaged", detail)


def ends_early() -> Refusal:
    return damaged(_("it ends early"))


@dataclass(frozen=True)
class Header:
    """A header's settings, and its bytes (`raw`, the key check included)."""

    log2_n: int
    r: int
    p: int
    salt: bytes
    prefix: bytes
    chunk_size: int
    raw: bytes

    def nonce(self, counter: int, flag: int) -> bytes:
        return self.prefix + struct.pack(">IB", counter, flag)


def read_exactly(stream: BinaryIO, size: int) -> bytes:
    """*size* bytes from *stream*, fewer only at its end."""
    data = stream.read(size)
    while 0 < len(data) < size:
        more = stream.read(size - len(data))
        if not more:
            break
        data += more
    return data


def _scrypt(secret: bytes, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    """The 256-bit key scrypt derives from *secret* (tests replace this to derive it once)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(secret)


def _secret(passphrase: str) -> bytes:
    """The passphrase as scrypt reads it: NFC, so that "é" typed either way opens the file."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


def new_header(passphrase: str, log2_n: int = LOG2_N) -> tuple[Header, AESGCM]:
    """A fresh header (random salt and nonce prefix) and the cipher of its key."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, prefix = os.urandom(16), os.urandom(7)
    fields = _FIELDS.pack(
        MAGIC, FORMAT_VERSION, KDF_SCRYPT, log2_n, _R, _P, salt, prefix, _CHUNK_SIZE
    )
    aead = AESGCM(_scrypt(_secret(passphrase), salt, log2_n, _R, _P))
    check = aead.encrypt(prefix + _KEY_CHECK_NONCE, b"", fields)
    return Header(log2_n, _R, _P, salt, prefix, _CHUNK_SIZE, fields + check), aead


def _bounded(log2_n: int, r: int, p: int, chunk_size: int) -> bool:
    return (
        log2_n in LOG2_N_RANGE
        and r in _R_RANGE
        and p in _P_RANGE
        and chunk_size in _CHUNK_RANGE
        and 128 * r * (1 << log2_n) <= _MAX_SCRYPT_MEMORY
    )


def read_header(stream: BinaryIO) -> Header:
    """The header at the start of *stream*, its settings bounded; Refusal otherwise.

    The version is read right after the magic: a newer file is refused before anything else.
    """
    raw = read_exactly(stream, HEADER_SIZE)
    if raw[: len(MAGIC)] != MAGIC:
        raise Refusal("not-archive")
    if len(raw) < len(MAGIC) + 2:
        raise ends_early()
    (version,) = struct.unpack_from(">H", raw, len(MAGIC))
    if version > FORMAT_VERSION:
        raise Refusal("newer", version=version)
    if len(raw) < HEADER_SIZE:
        raise ends_early()
    _magic, version, kdf, log2_n, r, p, salt, prefix, chunk_size = _FIELDS.unpack_from(raw)
    if version != FORMAT_VERSION or kdf != KDF_SCRYPT or not _bounded(log2_n, r, p, chunk_size):
        raise damaged(_("its header asks for settings RCM Desk does not use"))
    return Header(log2_n, r, p, salt, prefix, chunk_size, raw)


def open_key(header: Header, passphrase: str) -> AESGCM:
    """The cipher of *passphrase*'s key, once the key check accepts it; Refusal otherwise."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    secret = _secret(passphrase)
    aead = AESGCM(_scrypt(secret, header.salt, header.log2_n, header.r, header.p))
    try:
        aead.decrypt(header.prefix + _KEY_CHECK_NONCE, header.raw[-_TAG:], header.raw[:-_TAG])
    except InvalidTag:
        raise Refusal("passphrase") from None
    return aead


class Sealing:
    """A file object for tarfile: compresses what it is given, cuts it into chunks and writes
    each sealed to *out*, after the header. `finish` writes the last chunk."""

    def __init__(self, out: BinaryIO, header: Header, aead: AESGCM) -> None:
        self._out, self._header, self._aead = out, header, aead
        self._deflate = zlib.compressobj(_ZLIB_LEVEL)
        self._buffer = bytearray()
        self._counter = 0
        out.write(header.raw)

    def write(self, data: bytes) -> int:
        self._add(self._deflate.compress(data))
        return len(data)

    def finish(self) -> None:
        self._add(self._deflate.flush())
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _add(self, compressed: bytes) -> None:
        self._buffer += compressed
        size = self._header.chunk_size
        while len(self._buffer) >= size:  # a full chunk is never the last
            self._seal(bytes(self._buffer[:size]), last=False)
            del self._buffer[:size]

    def _seal(self, plain: bytes, *, last: bool) -> None:
        nonce = self._header.nonce(self._counter, int(last))
        self._out.write(self._aead.encrypt(nonce, plain, self._header.raw))
        self._counter += 1


def opened_chunks(
    stream: BinaryIO, header: Header, aead: AESGCM, counted: Callable[[int], None]
) -> Iterator[bytes]:
    """The plaintext of each chunk after the header, each authenticated; Refusal when one fails,
    when the file ends before its last chunk, or when anything follows that one."""
    from cryptography.exceptions import InvalidTag

    block = header.chunk_size + _TAG
    counter = 0
    while True:
        sealed = read_exactly(stream, block)
        counted(len(sealed))
        last = len(sealed) < block
        if len(sealed) < _TAG:
            raise ends_early()
        try:
            plain = aead.decrypt(header.nonce(counter, int(last)), sealed, header.raw)
        except InvalidTag:
            detail = _("part %(number)d fails its check") % {"number": counter + 1}
            raise damaged(detail) from None
        if last and stream.read(1):
            raise damaged(_("it has bytes after its end"))
        yield plain
        if last:
            return
        counter += 1


class Inflating:
    """A file object for tarfile: the uncompressed plaintext of *chunks*, in pieces no larger
    than asked. `finish` checks that the stream ends where the tar does."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._inflate = zlib.decompressobj()
        self._chunk = memoryview(b"")
        self._tail = b""

    def read(self, size: int = -1) -> bytes:
        limit = size if size > 0 else _FEED
        while not self._inflate.eof:
            if not self._tail:
                self._tail = self._next_input()
            out = self._inflate.decompress(self._tail, limit)
            self._tail = self._inflate.unconsumed_tail
            if out:
                return out
        return b""

    def _next_input(self) -> bytes:
        while not self._chunk:
            chunk = next(self._chunks, None)
            if chunk is None:
                raise ends_early()
            self._chunk = memoryview(chunk)
        piece, self._chunk = self._chunk[:_FEED], self._chunk[_FEED:]
        return bytes(piece)

    def finish(self) -> None:
        """Refuse anything after the tar's end but its padding, and read the file to its end."""
        while data := self.read(_FEED):
            if data.count(0) != len(data):
                raise damaged(_("it has bytes after its end"))
        if self._inflate.unused_data or self._chunk or any(self._chunks):
            raise damaged(_("it has bytes after its end"))


# The tar stream --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchivedFile:
    """One file as the manifest lists it."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What an archive holds: its format, when it was written (ISO, UTC), the writer's `about`
    (app version, schema revision, country, who) and its files, in order."""

    format: int
    created: str
    about: dict[str, Any]
    files: tuple[ArchivedFile, ...]


def is_safe_name(name: object) -> bool:
    """A relative POSIX path of plain parts: nothing absolute, no ".", ".." or empty part, no
    backslash or control character, and UTF-8."""
    if not isinstance(name, str) or not name or len(name) > _NAME_LIMIT:
        return False
    if "\\" in name or any(ord(character) < 32 or character == "\x7f" for character in name):
        return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def claim(name: str, names: set[str], folders: set[str]) -> bool:
    """Note *name* as taken; False when it, or a folder of it, was already taken otherwise."""
    parts = name.split("/")
    parents = {"/".join(parts[:end]) for end in range(1, len(parts))}
    if name in names or name in folders or not names.isdisjoint(parents):
        return False
    names.add(name)
    folders.update(parents)
    return True


def manifest_bytes(manifest: Manifest) -> bytes:
    files = [
        {"name": file.name, "size": file.size, "sha256": file.sha256} for file in manifest.files
    ]
    content = {"format": manifest.format, "created": manifest.created, "about": manifest.about}
    content["files"] = files
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=1).encode("utf-8")


def parse_manifest(data: bytes) -> Manifest:
    """The manifest MANIFEST.json holds; Refusal unless it has the shape `manifest_bytes` gives
    (each file's types are checked with it against the member read)."""
    try:
        content = json.loads(data.decode("utf-8"))
        files = tuple(
            ArchivedFile(entry["name"], entry["size"], entry["sha256"])
            for entry in content["files"]
        )
        manifest = Manifest(content["format"], content["created"], content["about"], files)
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        raise damaged(_("its list of contents cannot be read")) from error
    if (
        type(manifest.format) is not int
        or manifest.format != FORMAT_VERSION
        or not isinstance(manifest.created, str)
        or not isinstance(manifest.about, dict)
    ):
        raise damaged(_("its list of contents cannot be read"))
    return manifest


def changed() -> Refusal:
    return damaged(_("it changed while it was being opened"))


#: Opens a member's output by name: an object with `write` and `close`.
Opener = Callable[[str], Any]


def walk(plain: Inflating, create: Opener | None, expected: Manifest | None) -> Manifest:
    """Read the tar stream: each member checked, hashed (and written to `create(name)`), then
    the manifest, which must list exactly those members (and be *expected*, when given)."""
    names: set[str] = set()
    folders: set[str] = set()
    found: list[ArchivedFile] = []
    listing: bytes | None = None
    with tarfile.open(
        fileobj=plain,  # type: ignore[arg-type]
        mode="r|",
        encoding="utf-8",
        errors="strict",
        bufsize=TAR_BUFFER,
        tarinfo=_BoundedInfo,
    ) as tar:
        while (info := tar.next()) is not None:
            tar.members.clear()  # streamed: each header is forgotten once read
            if listing is not None:
                raise damaged(_("a file follows its list of contents"))
            if len(found) >= _MEMBER_LIMIT:
                raise damaged(_("its list of contents cannot be read"))
            name = _checked(info, names, folders)
            data = tar.extractfile(info)
            assert data is not None  # a regular file, checked
            if name == MANIFEST:
                if info.size > _MANIFEST_LIMIT:
                    raise damaged(_("its list of contents cannot be read"))
                listing = data.read()
            else:
                want = _expected(expected, len(found), info)
                found.append(_copy(data, name, create(name) if create else None, want))
    if listing is None:
        raise damaged(_("its list of contents is missing"))
    manifest = parse_manifest(listing)
    if manifest.files != tuple(found):
        raise damaged(_("its list of contents does not match its files"))
    if expected is not None and manifest != expected:
        raise changed()
    return manifest


class _BoundedInfo(tarfile.TarInfo):
    """A tar header read with bounds. tarfile reads an extended header's body whole, the
    header after it by recursion, and a sparse file's map entry by entry, so a crafted stream
    could exhaust memory, time (Python before 3.11.10 parses a long PAX header in quadratic
    time) or the stack. The archive's writer never makes sparse files, headers over 4.1 KB
    (a 1,024-character name) or more than one extended header per file: those are refused
    before tarfile reads them."""

    def _proc_member(self, tar: tarfile.TarFile) -> tarfile.TarInfo:  # type: ignore[override]
        if self.type == tarfile.GNUTYPE_SPARSE:
            self._not_plain()
        if self.type not in _TAR_HEADER_TYPES:
            return super()._proc_member(tar)  # type: ignore[misc,no-any-return]
        depth = tar.__dict__.get("_rcm_header_depth", 0)
        if self.size > _TAR_HEADER_LIMIT or depth >= _TAR_HEADERS_IN_A_ROW:
            raise damaged(_("a file's description in it is too long"))
        tar.__dict__["_rcm_header_depth"] = depth + 1
        try:
            return super()._proc_member(tar)  # type: ignore[misc,no-any-return]
        finally:
            tar.__dict__["_rcm_header_depth"] = depth

    def _not_plain(self, described: tarfile.TarInfo | None = None, *_rest: object) -> None:
        """Refuse a sparse file (*described* by this PAX header, or this one), which tarfile
        would otherwise map in memory first."""
        name = (described or self).name
        raise damaged(
            _("it holds %(name)s, which is not a plain file") % {"name": repr(name[:100])}
        )

    # GNU sparse files in PAX form, whose map tarfile reads from the member's data
    _proc_gnusparse_00 = _proc_gnusparse_01 = _proc_gnusparse_10 = _not_plain


def _checked(info: tarfile.TarInfo, names: set[str], folders: set[str]) -> str:
    """*info*'s name, once it is a regular file with a safe name not taken yet; else Refusal."""
    shown = repr(info.name[:100])
    if info.type not in (tarfile.REGTYPE, tarfile.AREGTYPE) or info.sparse is not None:
        raise damaged(_("it holds %(name)s, which is not a plain file") % {"name": shown})
    if not is_safe_name(info.name):
        raise damaged(_("it holds a file with an unsafe name, %(name)s") % {"name": shown})
    if not claim(info.name, names, folders):
        raise damaged(_("it holds %(name)s twice") % {"name": shown})
    return info.name


def _expected(expected: Manifest | None, index: int, info: tarfile.TarInfo) -> ArchivedFile | None:
    if expected is None:
        return None
    files = expected.files
    if index >= len(files) or (files[index].name, files[index].size) != (info.name, info.size):
        raise changed()
    return files[index]


def _copy(data: BinaryIO, name: str, out: Any, want: ArchivedFile | None) -> ArchivedFile:
    """Hash a member's bytes (and write them to *out*); Refusal unless they are *want*."""
    digest, size = hashlib.sha256(), 0
    try:
        while block := data.read(BLOCK):
            digest.update(block)
            size += len(block)
            if out is not None:
                out.write(block)
    except BaseException:
        if out is not None:
            with contextlib.suppress(Exception):
                out.close()
        raise
    if out is not None:
        out.close()
    found = ArchivedFile(name, size, digest.hexdigest())
    if want is not None and found != want:
        raise changed()
    return found
