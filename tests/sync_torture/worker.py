"""A bring-back in its own process, for the sync suite to kill: `python -m
tests.sync_torture.worker PROFILE URL PREFER` prints "ready" once loaded, then brings back."""

from __future__ import annotations

import sys
from pathlib import Path

from rcm_desktop.data.services.shared_database import bring_back_to
from rcm_desktop.data.store import open_database
from rcm_desktop.paths import Profile


def main() -> int:
    profile, url, prefer = Profile(Path(sys.argv[1])), sys.argv[2], sys.argv[3]
    home = open_database(profile)
    print("ready", flush=True)
    outcome = bring_back_to(home, profile, url, None if prefer == "none" else prefer)
    print("written" if outcome.report.written else "blocked", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
