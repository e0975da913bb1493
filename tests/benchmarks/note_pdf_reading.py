"""Reading a 20-page PDF concept note into plain text (goal: well under 1 s).

The note is the three seed notes one after the other, and again, one more each time, until the rendered PDF
(tests/note_render.py: Noto Sans, ruled tables, running header, page numbers) has 20 pages or
more. Prints the median time of `read_note_bytes` over 7 runs, and the time per page.
Run on purpose: `.venv/bin/python tests/benchmarks/note_pdf_reading.py`.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pypdf import PdfReader

from rcm_desktop.exchange.notes.reading import read_note_bytes
from tests.note_render import render_pdf

GOAL_SECONDS = 1.0
PAGES = 20
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def twenty_pages() -> tuple[bytes, int]:
    """The PDF of at least PAGES pages, and its page count."""
    seeds = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    count = len(seeds)
    while True:
        pdf = render_pdf("\n\n".join(seeds[index % len(seeds)] for index in range(count)))
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        if pages >= PAGES:
            return pdf, pages
        count += 1


def main() -> int:
    pdf, pages = twenty_pages()
    read_note_bytes(pdf, "note.pdf")  # the first reading imports pypdf: not timed
    times = []
    for _run in range(7):
        started = time.perf_counter()
        note = read_note_bytes(pdf, "note.pdf")
        times.append(time.perf_counter() - started)
    seconds = statistics.median(times)
    print(
        f"{pages}-page PDF ({len(pdf) / 1024:.0f} KB, {len(note.text.splitlines())} lines of "
        f"text): {seconds:.3f} s, {seconds / pages * 1000:.1f} ms a page "
        f"(goal < {GOAL_SECONDS:.0f} s)"
    )
    return 0 if seconds < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
