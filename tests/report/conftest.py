"""A report on the small table, built once for the report tests."""

import pytest

from upr_targets.report import build_report

ISSUES = ["death penalty", "women's rights and justice <b>now</b>"]


@pytest.fixture(scope="module")
def report(small_recs, small_ranker):
    return build_report(
        small_recs, "Chad", ISSUES, ranker=small_ranker, top=8, today="2026-01-15"
    )
