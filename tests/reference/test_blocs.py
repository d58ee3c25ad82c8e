"""Bloc memberships on a date (``reference/_blocs.py``)."""

from __future__ import annotations

import pandas as pd

from upr_targets import TargetRanker
from upr_targets._schema import conform
from upr_targets.reference import bloc_history, list_sessions, memberships_at
from upr_targets.reference._states import memberships_by_iso3


def test_history_agrees_with_todays_memberships():
    """The last period of each (State, bloc) says what states.csv says today."""
    now = memberships_by_iso3()
    h = bloc_history().sort_values(["iso3", "bloc", "joined"], na_position="first")
    for (iso3, bloc), rows in h.groupby(["iso3", "bloc"]):
        still = pd.isna(rows["left"].iloc[-1])
        assert (bloc in now[iso3]) == still, (iso3, bloc)
    assert h["iso3"].isin(now).all()
    assert (h["joined"].isna() | h["left"].isna() | (h["joined"] < h["left"])).all()


def test_memberships_on_a_date():
    before, after = pd.Timestamp("2012-01-01"), pd.Timestamp("2021-01-01")
    assert "EU" not in memberships_at(before)["HRV"]
    assert "EU" in memberships_at(after)["HRV"]
    assert "EU" in memberships_at(before)["GBR"]
    assert "EU" not in memberships_at(after)["GBR"]
    # left and came back
    gambia = [memberships_at(pd.Timestamp(d))["GMB"] for d in ("2012", "2015", "2019")]
    assert ["Commonwealth" in m for m in gambia] == [True, False, True]
    assert memberships_at(None) == memberships_by_iso3()


def _eu_table():
    """France recommends to Croatia in sessions 3 and 20, on one theme."""
    rows = [
        ("France", "FRA", "Croatia", "HRV", 3),
        ("France", "FRA", "Croatia", "HRV", 20),
    ]
    rows += [("Peru", "PER", "Chile", "CHL", 3), ("Peru", "PER", "Chile", "CHL", 20)]
    rs, rs_iso, sur, sur_iso, session = zip(*rows, strict=True)
    n = len(rows)
    return conform(
        {
            "text": ["Combat torture"] * n,
            "sur": list(sur),
            "sur_iso3": list(sur_iso),
            "sur_group": ["Eastern European", "Eastern European", "GRULAC", "GRULAC"],
            "recommending_state": list(rs),
            "rs_iso3": list(rs_iso),
            "rs_group": ["WEOG", "WEOG", "GRULAC", "GRULAC"],
            "response": ["supported"] * n,
            "themes": [["Torture"]] * n,
            "session": list(session),
            "source": "demo",
            "recommendation_id": [str(i) for i in range(n)],
        }
    )


def test_ranking_uses_the_memberships_of_the_session():
    r = TargetRanker().fit(_eu_table())
    start = list_sessions().set_index("session")["start_date"]
    assert start[9] < pd.Timestamp("2013-07-01") < start[22]
    then = r.rank("Croatia", themes=["Torture"], before_session=9).set_index("state")
    later = r.rank("Croatia", themes=["Torture"], before_session=22)
    now = r.rank("Croatia", themes=["Torture"]).set_index("state")
    assert list(then.loc["France", "shared_blocs"]) == []
    assert list(later.set_index("state").loc["France", "shared_blocs"]) == ["EU"]
    assert list(now.loc["France", "shared_blocs"]) == ["EU"]

    # the component's value (its default weight is 0): log(1 + blocs shared)
    def ties(before):
        t = r.explain("France", "Croatia", themes=["Torture"], before_session=before)
        return float(t.set_index("component").loc["bloc_ties", "value"])

    assert ties(9) == 0 and ties(22) > 0 and ties(None) == ties(22)


def test_shared_blocs_are_the_blocs_both_belong_to_sorted(demo_ranker):
    from upr_targets.reference import memberships_at

    today = memberships_at(None)
    ranking = demo_ranker.rank("Kenya", themes=["Death penalty"])
    kenya = today.get("KEN", frozenset())
    expected = ranking["iso3"].map(lambda c: sorted(today.get(c, frozenset()) & kenya))
    assert ranking["shared_blocs"].tolist() == expected.tolist()
    assert any(len(b) > 1 for b in ranking["shared_blocs"])  # several, in order
