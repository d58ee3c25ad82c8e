"""load_ranking: a ranking made before the review, read back from a file."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import upr_targets
from upr_targets import LoadError, load_ranking


@pytest.fixture(scope="module")
def report(demo):
    return upr_targets.build_report(demo, "Kenya", ["death penalty", "child marriage"])


@pytest.mark.parametrize("ext", ["html", "xlsx"])
def test_a_saved_report_gives_its_ranking_back(report, tmp_path, ext):
    path = report.save(tmp_path / f"report.{ext}")
    back = load_ranking(path)
    want = report.ranking
    assert back["state"].tolist() == want["state"].tolist()
    assert back["rank"].tolist() == want["rank"].tolist()
    one = load_ranking(path, issue="child marriage")
    assert one["state"].tolist() == report.rankings["child marriage"]["state"].tolist()
    with pytest.raises(LoadError, match="no ranking for issue 'bees'"):
        load_ranking(path, issue="bees")


def test_csv_and_json_of_rank(report, tmp_path):
    r = report.ranking
    r[["rank", "state", "score"]].to_csv(tmp_path / "r.csv", index=False)
    (tmp_path / "r.json").write_text(r[["rank", "state"]].to_json(orient="records"))
    for name in ("r.csv", "r.json"):
        assert load_ranking(tmp_path / name)["state"].tolist() == r["state"].tolist()


def test_html_data_is_escaped_text(report, tmp_path):
    page = report.to_html()
    assert "<script" not in page.lower()
    html = tmp_path / "x.html"
    rows = [{"issue": 'a "</div><b>', "rank": 1, "state": "France"}]
    from markupsafe import escape

    html.write_text(
        f'<div hidden id="upr-targets-ranking" data-ranking="{escape(json.dumps(rows))}">'
    )
    assert load_ranking(html)["issue"][0] == 'a "</div><b>'


def test_files_without_a_ranking(tmp_path):
    (tmp_path / "r.md").write_text("# report")
    with pytest.raises(LoadError, match="Markdown report cannot be read back"):
        load_ranking(tmp_path / "r.md")
    pd.DataFrame({"who": ["France"]}).to_csv(tmp_path / "r.csv", index=False)
    with pytest.raises(LoadError, match="no 'state' and 'rank' columns"):
        load_ranking(tmp_path / "r.csv")
    (tmp_path / "p.html").write_text("<html></html>")
    with pytest.raises(LoadError, match="holds no ranking data"):
        load_ranking(tmp_path / "p.html")


def test_outcome_summary_reads_a_saved_ranking(report, tmp_path, demo):
    path = report.save(tmp_path / "report.html")
    review = demo[(demo["sur"] == "Kenya") & (demo["session"] == 35)]
    m = upr_targets.match_outcome(["Abolish the death penalty"], review)
    s = upr_targets.outcome_summary(m, ranking=path)
    assert s.ranking_check is not None and len(s.ranking_check)
