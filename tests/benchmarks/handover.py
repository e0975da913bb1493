"""Handover benchmark: the dossier and the archive of the demo plus 10,000 meetings.

The profile holds the demo, the responsiveness benchmark's data set (10,000 meetings with
their sessions and agenda, 50,000 people) and 20 MB of attached files. A fresh process
(so that its memory is the handover's alone) then hands it over as File ▸ Hand over does:
the dossier in Spanish and the archive. It prints the time of each part, the progress
reports received, and the process's peak memory (goal: <= 10 s together, <= 300 MB).
It then opens the archive as a new profile and checks the round trip: the store and
every file byte-identical to what was archived.

Run on purpose:
    .venv/bin/python -m tests.benchmarks.handover
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "una frase larga para el benchmark"


def build(folder: Path) -> None:
    """The profile: the demo, 10,000 meetings, 50,000 people, 20 MB of attachments."""
    from rcm_desktop.data.services.attachments import add_attachment
    from rcm_desktop.data.services.settings import set_profile_country
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.paths import Profile
    from tests.benchmarks.responsiveness import fill

    profile = Profile(folder).ensure()
    store = open_store(profile).store
    fill(store)
    set_profile_country(store, "HN")
    scratch = folder.parent / "scratch"
    scratch.mkdir(exist_ok=True)
    for number in range(20):
        note = scratch / f"Nota conceptual {number}.pdf"
        note.write_bytes(os.urandom(1024 * 1024))
        add_attachment(store, profile, 1 + number % 3, note)
    store.dispose()


def hand_over(folder: Path, out: Path) -> dict[str, object]:
    """Hand the profile over (run in a fresh process); returns the figures."""
    from rcm_desktop.data.services.handover import hand_over as run
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.paths import Profile

    profile = Profile(folder)
    store = open_store(profile).store
    reports: list[int] = []
    started = time.perf_counter()
    result = run(
        store,
        profile,
        out / "dossier.pdf",
        "es",
        archive=out / "archive.rcmhandover",
        passphrase=PASSPHRASE,
        progress=lambda done, total: reports.append(done * 100 // max(total, 1)),
    )
    total = time.perf_counter() - started
    store.dispose()
    return {
        "seconds": round(total, 2),
        "pages": result.pages,
        "archive_mb": round(result.archive_bytes / 1e6, 1),
        "files": result.files,
        "progress_reports": len(reports),
        "progress_steps": sorted(set(reports))[:3] + sorted(set(reports))[-2:],
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            sha.update(block)
    return sha.hexdigest()


def round_trip(folder: Path, out: Path) -> str:
    """Open the archive as a new profile; compare every file with the archived one."""
    from rcm_desktop.data.services.handover import open_handover
    from rcm_desktop.exchange.handover_archive import verify_archive
    from rcm_desktop.paths import Profile

    archive = out / "archive.rcmhandover"
    manifest = verify_archive(archive, PASSPHRASE)
    started = time.perf_counter()
    opened = open_handover(archive, PASSPHRASE, Profile(out / "successor"), "Sucesor")
    seconds = time.perf_counter() - started
    different = [
        item.name
        for item in manifest.files
        if item.name != "preferences.json"  # holds the successor's name, by design
        and digest(opened.profile.root / item.name) != item.sha256
    ]
    originals = [
        item.name
        for item in manifest.files
        if item.name.startswith("attachments/") and digest(folder / item.name) != item.sha256
    ]
    return (
        f"opened in {seconds:.2f} s; {len(manifest.files)} files; "
        f"differing from the archive: {len(different)}; attachments differing from the "
        f"profile's: {len(originals)}"
    )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(hand_over(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        folder, out = root / "profile", root / "out"
        out.mkdir()
        started = time.perf_counter()
        build(folder)
        print(f"data set built in {time.perf_counter() - started:.1f} s")
        child = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.handover", "--child", str(folder), str(out)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        print("handover (dossier + archive):", figures)
        print("goal: <= 10 s and <= 300 MB")
        print("round trip:", round_trip(folder, out))


if __name__ == "__main__":
    main()
