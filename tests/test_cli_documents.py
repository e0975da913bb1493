"""`rcm-desktop documents` and `rcm-desktop comments-matrix` over the demo profile."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.test_cli import run


def test_documents_list_and_json(tmp_path: Path) -> None:
    result = run("--demo", "--profile", str(tmp_path / "p"), "documents")
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [line[1] for line in lines] == [
        "comments_sent", "approved", "approval_submitted", "received",
    ]  # fmt: skip
    result = run("--demo", "--profile", str(tmp_path / "p"), "documents", "--json")
    data = json.loads(result.stdout)
    compilation = next(item for item in data if item["title"].startswith("Compilation"))
    assert (compilation["stage_label"], compilation["next_due"], compilation["country"]) == (
        "Received", "2021-10-04", "HN",
    )  # fmt: skip
    assert (compilation["purpose"], compilation["awaits_action"]) == ("comments", True)
    assert [d["due"] for d in compilation["deadlines"]] == ["2021-10-04"]
    strategy = next(item for item in data if item["title"].startswith("Regional Strategy"))
    assert strategy["purpose"] == "comments" and not strategy["awaits_action"]
    assert strategy["deadlines"][0]["title"].startswith("Comments on the proposed Regional")


def test_dashboard_json_lists_what_the_dashboard_shows(tmp_path: Path) -> None:
    result = run("--demo", "--profile", str(tmp_path / "p"), "dashboard", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["country"] == "HN"
    assert data["counts"] == {
        "meetings": 3, "deadlines_overdue": 2, "deadlines_due_soon": 0, "comments_due": 1,
        "comments_overdue": 1, "approvals_pending": 1, "meetings_with_empty_seats": 0,
    }  # fmt: skip
    assert [item["due"] for item in data["overdue"]] == ["2021-10-04", "2021-10-14"], "oldest first"
    assert data["comments_due"][0]["title"].startswith("Compilation")
    assert data["approvals_pending"][0]["title"].startswith("Directory")
    assert all(isinstance(item["id"], int) for item in data["overdue"] + data["comments_due"])
    plain = run("--demo", "--profile", str(tmp_path / "p"), "dashboard")
    assert "Documents awaiting your comments: 1 (1 overdue)" in plain.stdout


def test_comments_matrix_command(tmp_path: Path) -> None:
    out = tmp_path / "matriz.csv"
    result = run(
        "--demo", "--profile", str(tmp_path / "p"), "comments-matrix", "--document", "1",
        "--format", "csv", "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 4 and "índice de migración" in rows[1][2]
    refused = run(
        "--demo", "--profile", str(tmp_path / "p"), "comments-matrix", "--document", "1",
        "--country", "ZZ", "--format", "pdf", "-o", str(tmp_path / "m.pdf"),
    )  # fmt: skip
    assert refused.returncode == 1 and "“ZZ” is not a member country" in refused.stderr
    missing = run(
        "--demo", "--profile", str(tmp_path / "p"), "comments-matrix", "--document", "99",
        "--format", "pdf", "-o", str(tmp_path / "m.pdf"),
    )  # fmt: skip
    assert missing.returncode == 1 and "no longer exists" in missing.stderr
