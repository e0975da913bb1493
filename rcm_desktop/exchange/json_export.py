"""Every table of a store as one JSON file (`rcm-desktop export`, and a server's backup when
pg_dump is not installed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rcm_desktop.domain.plain import to_plain
from rcm_desktop.exchange.files import write_bytes_file


def write_export(data: dict[str, Any], target: Path) -> Path:
    """Write an export's *data* (tables, columns, rows, revision) to *target*, atomically."""
    text = json.dumps(data, ensure_ascii=False, default=to_plain, indent=1)
    return write_bytes_file(Path(target), text.encode("utf-8"), make_folder=True)
