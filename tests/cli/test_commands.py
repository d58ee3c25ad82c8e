"""Tests of the ``upr-targets`` command."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest
from _support.cli import run

from upr_targets.cli import main


def test_rank_needs_issue_or_theme(capsys):
    code, _, err = run(capsys, "rank", "--sur", "Kenya")
    assert code == 2
    assert "--issue" in err


def test_report_rejects_unknown_extension(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "report",
        "--sur",
        "Kenya",
        "--issue",
        "x",
        "--out",
        str(tmp_path / "r.pdf"),
    )
    assert code == 2
    assert ".pdf" in err


def test_rank_table_on_demo(capsys, demo_sur):
    code, out, err = run(
        capsys, "rank", "--sur", demo_sur, "--issue", "torture in detention"
    )
    assert code == 0, err
    assert "SYNTHETIC" in err
    assert "SYNTHETIC" in out
    assert demo_sur in out
    lines = out.splitlines()
    assert all(len(line) <= 100 for line in lines), max(lines, key=len)
    header = next(line for line in lines if line.startswith("rank"))
    assert "state" in header and "score" in header and "theme" in header
    # 20 ranked rows at most, below the header and the rule, each followed by
    # its reason on an indented line
    body = lines[lines.index(header) + 2 :]
    rows = [i for i, line in enumerate(body) if line[:4].strip().isdigit()]
    assert 0 < len(rows) <= 20
    assert all(
        body[i + 1].startswith("   ") and "recommendation" in body[i + 1] for i in rows
    )
    assert "Issue 'torture in detention' -> themes:" in err


def test_rank_with_theme_and_top(capsys, demo_sur, demo_theme):
    code, out, err = run(
        capsys, "rank", "--sur", demo_sur, "--theme", demo_theme, "--top", "5"
    )
    assert code == 0, err
    rows = [line for line in out.splitlines() if line[:4].strip().isdigit()]
    assert 0 < len(rows) <= 5


def test_rank_csv_to_stdout(capsys, demo_sur):
    code, out, err = run(
        capsys,
        "rank",
        "--sur",
        demo_sur,
        "--issue",
        "death penalty",
        "--format",
        "csv",
        "--top",
        "7",
    )
    assert code == 0, err
    assert "SYNTHETIC" in err  # stdout stays a clean CSV
    df = pd.read_csv(io.StringIO(out))
    assert 0 < len(df) <= 7
    assert {"rank", "state", "score", "explanation"} <= set(df.columns)
    assert df["score"].is_monotonic_decreasing


def test_rank_json_to_file(capsys, tmp_path, demo_sur):
    path = tmp_path / "ranking.json"  # the format follows the extension
    code, out, err = run(
        capsys,
        "rank",
        "--sur",
        demo_sur,
        "--issue",
        "death penalty",
        "--out",
        str(path),
    )
    assert code == 0, err
    assert out == ""
    records = json.loads(path.read_text(encoding="utf-8"))
    df = pd.DataFrame(records)
    assert {"rank", "state", "score", "shared_blocs"} <= set(df.columns)
    assert all(isinstance(v, list) for v in df["shared_blocs"])  # lists stay lists
    assert len(df) <= 20


def test_rank_unknown_state(capsys):
    code, out, err = run(capsys, "rank", "--sur", "Frnace", "--issue", "torture")
    assert code == 1
    assert "Frnace" in err
    assert "France" in err  # the suggestion
    assert "--sur" in err
    assert "Traceback" not in err


def test_debug_shows_traceback():
    import upr_targets

    with pytest.raises(upr_targets.UnknownStateError):
        main(["rank", "--sur", "Frnace", "--issue", "torture", "--debug"])


def test_missing_data_file(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "rank",
        "--sur",
        "Kenya",
        "--issue",
        "x",
        "--data",
        str(tmp_path / "nope.csv"),
    )
    assert code == 1
    assert "nope.csv" in err


@pytest.mark.parametrize(
    "ext", ["xlsx", pytest.param("html", marks=pytest.mark.slow), "md"]
)
def test_report_on_demo(capsys, tmp_path, demo_sur, ext):
    path = tmp_path / f"report.{ext}"
    code, out, err = run(
        capsys,
        "report",
        "--sur",
        demo_sur,
        "--issue",
        "torture",
        "--issue",
        "freedom of the press",
        "--out",
        str(path),
    )
    assert code == 0, err
    assert path.exists() and path.stat().st_size > 0
    assert "Wrote" in out and str(path) in out
    if ext == "xlsx":
        assert path.read_bytes()[:2] == b"PK"
    else:
        assert demo_sur in path.read_text(encoding="utf-8")


def test_backtest_on_demo(capsys, tmp_path):
    png = tmp_path / "bt.png"
    code, out, err = run(
        capsys, "backtest", "--test-sessions", "30", "--k", "5", "--out", str(png)
    )
    assert code == 0, err
    assert "SYNTHETIC" in out + err
    assert "Backtest on sessions 30, k = 5" in out
    for method in ("ranker", "random", "previous_review"):
        assert method in out
    assert "Ranker vs the best baseline" in out
    assert "ndcg@5" in out and "recall@10" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_themes(capsys):
    code, out, err = run(
        capsys, "themes", "torture", "in", "police", "custody", "--top", "3"
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("theme")
    assert 1 <= len(lines) - 2 <= 3
    assert "tortur" in out.lower()


def test_states(capsys):
    code, out, err = run(capsys, "states", "Frnace")
    assert code == 1
    assert "France" in err and "Traceback" not in err
    code, out, err = run(capsys, "states", "Untied", "Kingdom")
    assert code == 0, err
    assert "read as 'United Kingdom'" in err
    code, out, err = run(capsys, "states", "UK")
    assert code == 0, err
    assert "United Kingdom" in out and "GBR" in out
    code, out, err = run(capsys, "states", "--group", "WEOG")
    assert code == 0, err
    assert "France" in out and "Kenya" not in out
    code, out, err = run(capsys, "states", "Holy", "See")
    assert code == 0 and "group: none (observer)" in out
    code, out, err = run(capsys, "states", "Palestine")
    assert code == 0 and "group: Asia-Pacific" in out


@pytest.mark.slow
def test_python_m(tmp_path):
    res = subprocess.run(
        [sys.executable, "-m", "upr_targets", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0
    assert res.stdout.startswith("upr-targets ")


@pytest.mark.slow
def test_rank_on_real_data(capsys, real_args):
    code, out, err = run(
        capsys,
        "rank",
        "--sur",
        "Sri Lanka",
        "--issue",
        "torture",
        *real_args,
        "--top",
        "10",
    )
    assert code == 0, err
    assert "SYNTHETIC" not in out + err
    assert "Load summary" in err and "sessions-1-5.csv" in err
    assert "rows_kept" in err
    assert all(len(line) <= 100 for line in out.splitlines())
    assert "Sri Lanka" in out


@pytest.mark.slow
def test_backtest_with_stale_data_and_speakers(capsys):
    code, out, err = run(
        capsys,
        "backtest",
        "--test-sessions",
        "39-40",
        "--data-until",
        "38",
        "--speakers",
        "--k",
        "5",
    )
    assert code == 0, err
    assert (
        "Backtest on sessions 39-40, k = 5, data up to session 38, the speakers" in out
    )
    code, out, err = run(
        capsys, "backtest", "--test-sessions", "39-40", "--data-until", "39"
    )
    assert (
        code != 0 and "--data-until 39 is not before the first test session 39" in err
    )


def test_report_and_backtest_on_real_data(capsys, tmp_path, real_args):
    path = tmp_path / "kenya.md"
    code, out, err = run(
        capsys,
        "report",
        "--sur",
        "Kenya",
        "--issue",
        "death penalty",
        *real_args,
        "--out",
        str(path),
    )
    assert code == 0, err
    assert "Kenya" in path.read_text(encoding="utf-8")
    csv = tmp_path / "backtest.csv"
    code, out, err = run(
        capsys, "backtest", *real_args, "--test-sessions", "17", "--out", str(csv)
    )
    assert code == 0, err
    assert "Backtest on sessions 17, k = 10" in out
    per_query = pd.read_csv(csv)
    assert {"sur", "session", "theme", "method", "ndcg@10"} <= set(per_query.columns)
    assert set(per_query["session"]) == {17}


def test_load_summary_and_rejected_rows(capsys, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n"
        "France,WEOG,EU,Ratify the OP-CAT,Brazil,GRULAC,,Accepted,5,"
        "Torture and other CID treatment,4\n"
        "France,WEOG,EU,,Chile,GRULAC,,Accepted,5,Torture and other CID treatment,4\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys,
        "rank",
        "--sur",
        "France",
        "--theme",
        "Torture and other CID treatment",
        "--data",
        str(path),
        "--format",
        "csv",
    )
    assert code == 0, err
    assert "Load summary" in err and "export.csv" in err
    assert "Rejected rows (1)" in err  # the blank text, with its row number
    assert "SYNTHETIC" not in err
    ranking = pd.read_csv(io.StringIO(out))
    assert ranking["state"].tolist() == ["Brazil"]


def test_report_with_themes_only(capsys, tmp_path, demo_sur, demo_theme):
    path = tmp_path / "report.md"
    code, out, err = run(
        capsys, "report", "--sur", demo_sur, "--theme", demo_theme, "--out", str(path)
    )
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert demo_theme in text and "SYNTHETIC" in text


def test_rank_piped_is_not_cut_and_columns_are_fixed(capsys):
    from _support.cli import run

    outs = []
    for theme in ("Death penalty", "Women's rights"):
        code, out, _ = run(
            capsys, "rank", "--sur", "Kenya", "--theme", theme, "--top", "5"
        )
        assert code == 0
        outs.append(out)
    assert "…" not in outs[0]  # captured output is not a terminal: wrapped, not cut
    headers = [next(ln for ln in o.splitlines() if ln.startswith("rank")) for o in outs]
    assert headers[0].split() == headers[1].split()  # the same columns every time


def test_rank_several_issues_shows_each_issue_alone(capsys, tmp_path):
    import pandas as pd
    from _support.cli import run

    args = ["rank", "--sur", "Kenya", "--issue", "child marriage", "--issue", "torture"]
    code, out, _ = run(capsys, *args, "--top", "5")
    assert code == 0 and "#1 = its rank for 'child marriage' alone" in " ".join(
        out.split()
    )
    csv = tmp_path / "r.csv"
    code, _, _ = run(capsys, *args, "--out", str(csv))
    table = pd.read_csv(csv)
    assert {"rank: child marriage", "rank: torture"} <= set(table.columns)
    assert table["rank: torture"].notna().all()


def test_rank_says_what_the_data_miss_of_the_sur(capsys, tmp_path):
    from _support.loaders import write_csv

    path = write_csv(tmp_path / "old.csv")  # sessions 1-2 only
    code, out, err = run(
        capsys, "rank", "--sur", "Chile", "--theme", "Detention", "--data", str(path)
    )
    assert code == 0, err
    assert "The data cover sessions 1–2" in out
    # Chile's later reviews (sessions 5, 18, ...) are named as missing, once
    assert err.count("warning: Chile's reviews up to the planned one") == 1
    assert "missing: 5 (2009)" in err


def test_no_data_age_warning_on_the_demo(capsys, demo_sur):
    code, out, err = run(capsys, "rank", "--sur", demo_sur, "--theme", "Death penalty")
    assert code == 0, err
    assert "reviews up to the planned one" not in err
    assert "load recent data" not in err


def test_rows_without_a_state_are_said_once(capsys, tmp_path):
    from _support.loaders import HEADER, ROWS, write_csv

    unknown = "Brazil,GRULAC,OAS,Abolish the death penalty,(Unknown),,,Noted,5,Death penalty,1"
    path = write_csv(tmp_path / "export.csv", rows=[*ROWS, unknown], header=HEADER)
    code, _, err = run(
        capsys,
        *("rank", "--sur", "Brazil", "--issue", "Repeal the laws on detention"),
        *("--data", str(path), "--no-cache"),
    )
    assert code == 0, err
    # the general ranker says it; the specific one (fitted next) does not again
    assert err.count("have no session or no recommending State") == 1


def test_report_counts_what_rank_counts(capsys, tmp_path):
    issue = "Repeal the laws that keep the death penalty"
    args = ("--sur", "Kenya", "--issue", issue, "--theme", "Death penalty")
    path = tmp_path / "specific.md"
    code, _, err = run(capsys, "report", *args, "--out", str(path))
    assert code == 0, err
    assert "asks for a change in law or practice" in err  # as rank says it
    assert "Specific recs on the themes" in path.read_text(encoding="utf-8")
    path = tmp_path / "any.md"
    code, _, err = run(capsys, "report", *args, "--action", "any", "--out", str(path))
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert "| Recs on the themes |" in text and "specific recommendation" not in text


def test_observer_as_sur_is_refused_before_any_work(capsys, tmp_path):
    # before: the data were loaded and the issue matched, then the error came
    for cmd in (["rank"], ["report", "--out", str(tmp_path / "r.html")]):
        code, out, err = run(
            capsys, *cmd, "--sur", "Holy See", "--issue", "torture in prisons"
        )
        assert code == 1 and "observer State" in err and "Traceback" not in err
        assert "-> themes" not in err and "demo data" not in err
        assert not (tmp_path / "r.html").exists()


def test_rank_specific_issue_is_the_api_ranking(capsys, tmp_path):
    """The CLI's specific ranker reads the issue with the whole table's matcher:
    its closeness weights were those of other rows (Netherlands first, not
    France, on the real data for Kenya)."""
    import upr_targets

    issue = "Repeal the laws that criminalise same-sex relations"
    out = tmp_path / "r.csv"
    code, _, err = run(
        capsys, "rank", "--sur", "Kenya", "--issue", issue, "--out", str(out)
    )
    assert code == 0 and "specific, action-oriented" in err
    cli = pd.read_csv(out)
    ranker = upr_targets.TargetRanker(action="specific").fit(upr_targets.load_demo())
    api = ranker.rank("Kenya", issue_text=issue, top=len(cli))
    assert cli["state"].tolist() == api["state"].tolist()
    assert cli["score"].to_numpy() == pytest.approx(api["score"].to_numpy())
