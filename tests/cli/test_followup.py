"""upr-targets outcome, tracker and midterm, run as a user would."""

from __future__ import annotations

from pathlib import Path

from tests._support.cli import run

REPORT = Path(__file__).parents[1] / "data" / "documents" / "report_cycle3.pdf"


def test_outcome_tracker_midterm(capsys, tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text(
        "# Death penalty\n1. Abolish the death penalty\n# Torture\n- Ratify the Optional Protocol to the Convention against Torture (OPCAT)\n",
        encoding="utf-8",
    )
    out = tmp_path / "outcome.html"
    code, stdout, err = run(
        capsys,
        "outcome",
        "--advocacy",
        str(paper),
        "--outcome",
        str(REPORT),
        "--out",
        str(out),
    )
    assert code == 0, err
    assert "2 of 2 recommendations taken up" in stdout and "Thank (" in stdout
    assert out.exists()
    tracker = tmp_path / "tracker.xlsx"
    args = (
        "tracker",
        "--advocacy",
        str(paper),
        "--outcome",
        str(REPORT),
        "--out",
        str(tracker),
    )
    code, _, err = run(capsys, *args)
    assert code == 0 and "Wrote" in err
    code, _, err = run(capsys, *args)
    assert code == 0 and "Updated" in err
    code, _, err = run(
        capsys, "midterm", "--tracker", str(tracker), "--out", str(tmp_path / "m.md")
    )
    assert code == 0 and "0 assessed" in err


def test_help_has_examples(capsys):
    for command in ("outcome", "tracker", "midterm"):
        code, stdout, _ = run(capsys, command, "--help")
        assert code == 0 and "examples:" in stdout
