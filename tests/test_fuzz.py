"""A bounded sample of the fuzz suite (``make fuzz N=2000`` runs the full one).

Its time limits are six times the full suite's: this sample runs beside the rest of the
tests on a machine that may be busy, so it finds calls that run away (quadratic work, a
loop), not slow ones; speed is measured by the benchmarks and by ``make fuzz``.
"""

from __future__ import annotations

from tests.fuzz.run import report, run


def test_hostile_files_and_strings_give_no_crash_hang_or_partial_write() -> None:
    files, strings = run(files=150, strings=100, seed=20261202, slack=6.0)
    found = report(files, strings, 0)
    assert files.inputs == 300 and strings.inputs == 100  # 150 CSV files and 150 notes
    assert files.calls > 150 and strings.calls > 20, found
    assert not (files.crashes or files.hangs or files.partial), found
    assert not (strings.crashes or strings.hangs or strings.partial), found
