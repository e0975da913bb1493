"""How long filling an organiser's form takes for a delegation of ten, in each format (#19:
at most 1 s). Run on purpose: `.venv/bin/python tests/benchmarks/form_fill.py`."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rcm_desktop.exchange.forms.docx_form import fill_docx
from rcm_desktop.exchange.forms.pdf_form import fill_pdf
from rcm_desktop.exchange.forms.records import ParticipantRecord
from rcm_desktop.exchange.forms.xlsx_form import fill_xlsx
from tests.test_forms import _fillable_pdf, _sheet_with_title, _word_table

GOAL_SECONDS = 1.0


def main() -> int:
    ten = [
        ParticipantRecord(
            full_name=f"Persona Número {i}",
            position="Delegada",
            institution="Ministerio de Relaciones Exteriores",
            email=f"p{i}@example.org",
        )
        for i in range(10)
    ]
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        forms = (
            (fill_docx, _word_table(work / "w.docx", ["Nombre", "Cargo", "Correo"], 3)),
            (fill_xlsx, _sheet_with_title(work / "s.xlsx")),
            (fill_pdf, _fillable_pdf(work / "p.pdf", participants=10)),
        )
        for fill, source in forms:
            times = []
            for run in range(5):
                started = time.perf_counter()
                fill(source, work / f"out{run}{source.suffix}", ten)
                times.append(time.perf_counter() - started)
            median = statistics.median(times)
            worst = max(worst, max(times))
            print(
                f"{source.suffix}: median {median * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms"
            )
    print(f"goal <= {GOAL_SECONDS:.0f} s: {'met' if worst <= GOAL_SECONDS else 'missed'}")
    return 0 if worst <= GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
