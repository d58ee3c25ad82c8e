"""After the review: who took up the NGO's recommendations, and what to do next.

:func:`outcome_summary` turns the matches of :func:`match_outcome` into the
tables an NGO works from after the review: per recommendation, taken up or
not, by whom, in which paragraph, supported or noted; the follow-up lists
(thank, lobby the State under review, targeted but silent, new allies,
report back); how a ranking made before the review did; and the dates of
each step.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ._followup_dates import followup_dates
from ._outcome_schema import STRENGTHS
from .io import load_ranking

__all__ = ["OutcomeSummary", "outcome_summary"]

_JOIN = "; ".join


def _join_unique(s: pd.Series) -> str:
    return _JOIN(dict.fromkeys(str(v) for v in s.dropna()))


def _response_counts(paras: pd.DataFrame, by: str) -> pd.DataFrame:
    """``n_supported``, ``n_noted`` (noted or not supported), ``n_pending`` per ``by``."""
    kind = (
        paras["response"]
        .map(
            {"supported": "n_supported", "noted": "n_noted", "not supported": "n_noted"}
        )
        .fillna("n_pending")
    )
    counts = pd.crosstab(paras[by], kind)
    return counts.reindex(columns=["n_supported", "n_noted", "n_pending"], fill_value=0)


def _taken(matches: pd.DataFrame, min_strength: str) -> pd.DataFrame:
    if min_strength not in STRENGTHS:
        raise ValueError(f"min_strength={min_strength!r}: use one of {list(STRENGTHS)}")
    allowed = STRENGTHS[: STRENGTHS.index(min_strength) + 1]
    return matches[matches["strength"].isin(allowed)]


def _by_recommendation(matches: pd.DataFrame, taken: pd.DataFrame) -> pd.DataFrame:
    ours = matches.drop_duplicates("advocacy_id")[
        ["advocacy_id", "issue", "advocacy_text", "targeted_states"]
    ]
    paras = taken.drop_duplicates(["advocacy_id", "recommendation_id"])
    agg = taken.groupby("advocacy_id", sort=False).agg(
        n_states=("recommending_state", "nunique"),
        states=("recommending_state", _join_unique),
    )
    per_para = paras.groupby("advocacy_id", sort=False).agg(
        n_recommendations=("recommendation_id", "size"),
        paragraphs=("paragraph", _join_unique),
        best_strength=("strength", "first"),
        best_paragraph=("paragraph", "first"),
        best_text=("text", "first"),
    )
    per_para = per_para.join(_response_counts(paras, "advocacy_id"))
    out = ours.merge(per_para, on="advocacy_id", how="left").merge(
        agg, on="advocacy_id", how="left"
    )
    counts = ["n_recommendations", "n_states", "n_supported", "n_noted", "n_pending"]
    out[counts] = out[counts].fillna(0).astype(int)
    out["taken_up"] = out["n_recommendations"] > 0
    out[["states", "paragraphs"]] = out[["states", "paragraphs"]].fillna("")
    first = ["advocacy_id", "issue", "taken_up", "n_recommendations", "n_states"]
    return out[first + [c for c in out.columns if c not in first]]


def _by_issue(by_rec: pd.DataFrame, taken: pd.DataFrame) -> pd.DataFrame:
    ours = by_rec.groupby("issue", sort=False).agg(
        n_our_recommendations=("advocacy_id", "size"),
        n_taken_up=("taken_up", "sum"),
    )
    paras = taken.drop_duplicates(["issue", "recommendation_id"])
    theirs = (
        paras.groupby("issue", sort=False)
        .agg(n_recommendations=("recommendation_id", "size"))
        .join(_response_counts(paras, "issue"))
    )
    states = taken.groupby("issue", sort=False)["recommending_state"].agg(
        n_states="nunique", states=_join_unique
    )
    out = ours.join(theirs).join(states).reset_index()
    counts = ["n_recommendations", "n_supported", "n_noted", "n_pending", "n_states"]
    out[counts] = out[counts].fillna(0).astype(int)
    out["states"] = out["states"].fillna("")
    return out


def _per_state_paragraph(taken: pd.DataFrame) -> pd.DataFrame:
    return (
        taken.groupby(["recommending_state", "recommendation_id"], sort=False)
        .agg(
            paragraph=("paragraph", "first"),
            response=("response", "first"),
            issues=("issue", _join_unique),
            advocacy_ids=("advocacy_id", _join_unique),
            strength=("strength", "first"),
            targeted=("targeted", "any"),
            text=("text", "first"),
        )
        .reset_index()
        .sort_values(["recommending_state", "paragraph"], kind="stable")
        .drop(columns="recommendation_id")
        .reset_index(drop=True)
    )


def _lobby(taken: pd.DataFrame) -> pd.DataFrame:
    open_ = taken[taken["response"].isin(["noted", "not supported", "unclear"])]
    out = (
        open_.groupby("recommendation_id", sort=False)
        .agg(
            paragraph=("paragraph", "first"),
            response=("response", "first"),
            recommending_states=("recommending_state", _join_unique),
            issues=("issue", _join_unique),
            advocacy_ids=("advocacy_id", _join_unique),
            text=("text", "first"),
        )
        .reset_index(drop=True)
    )
    out.insert(
        2,
        "ask",
        np.where(
            out["response"] == "unclear",
            "response pending: ask the State under review to support it",
            "noted: ask the State under review to reconsider before adoption",
        ),
    )
    return out


def _silent(matches: pd.DataFrame, taken: pd.DataFrame) -> pd.DataFrame:
    ours = matches.drop_duplicates("advocacy_id")
    pairs = ours[["advocacy_id", "issue", "targeted_states", "lobbied_on"]]
    pairs = pairs.explode(["targeted_states", "lobbied_on"])
    pairs = pairs.dropna(subset=["targeted_states"]).rename(
        columns={"targeted_states": "state"}
    )
    pairs["lobbied_on"] = pd.to_datetime(pairs["lobbied_on"])
    made = set(zip(taken["advocacy_id"], taken["recommending_state"], strict=True))
    on_issue = set(zip(taken["issue"], taken["recommending_state"], strict=True))
    keep = np.array(
        [
            (a, s) not in made
            for a, s in zip(pairs["advocacy_id"], pairs["state"], strict=True)
        ],
        dtype=bool,
    )
    silent = pairs[keep]
    return silent.assign(
        took_up_the_issue_otherwise=np.array(
            [
                (i, s) in on_issue
                for i, s in zip(silent["issue"], silent["state"], strict=True)
            ],
            dtype=bool,
        )
    ).reset_index(drop=True)


def _not_taken(matches: pd.DataFrame, by_rec: pd.DataFrame) -> pd.DataFrame:
    """Our recommendations not taken up, with the review's closest one."""
    missed = by_rec.loc[~by_rec["taken_up"], ["advocacy_id", "issue", "advocacy_text"]]
    near = matches[matches["advocacy_id"].isin(missed["advocacy_id"])]
    near = near[near["strength"] != "not taken up"]
    best = near.sort_values("score", ascending=False, kind="stable")
    best = best.drop_duplicates("advocacy_id")
    closest = best.set_index("advocacy_id")[
        ["paragraph", "text", "recommending_state", "strength", "response"]
    ].add_prefix("closest_")
    return missed.join(closest, on="advocacy_id").reset_index(drop=True)


def _ranking_check(taken: pd.DataFrame, ranking: pd.DataFrame) -> pd.DataFrame:
    col = "state" if "state" in ranking else "recommending_state"
    if col not in ranking or "rank" not in ranking:
        raise ValueError(
            "ranking= needs the columns 'state' and 'rank' (a table from "
            f"TargetRanker.rank or its CSV); columns given: {list(ranking.columns)}"
        )
    ranks = ranking.drop_duplicates(col).set_index(col)["rank"]
    takers = taken.groupby("recommending_state", sort=False)["issue"].agg(_join_unique)
    out = pd.DataFrame(
        {
            "state": takers.index,
            "issues": takers.to_numpy(),
            "rank_before_review": ranks.reindex(takers.index)
            .astype("Int64")
            .to_numpy(),
        }
    )
    out["in_top_10"] = (out["rank_before_review"] <= 10).fillna(False).astype(bool)
    out["in_top_20"] = (out["rank_before_review"] <= 20).fillna(False).astype(bool)
    return out.sort_values("rank_before_review", na_position="last").reset_index(
        drop=True
    )


@dataclass
class OutcomeSummary:
    """What the review did with the NGO's recommendations; see :func:`outcome_summary`.

    Attributes
    ----------
    overall : pandas.Series
        ``n_our_recommendations``, ``n_taken_up``, ``n_issues``,
        ``n_issues_taken_up``, ``n_recommendations`` (the review's, carrying
        ours), ``n_supported``, ``n_noted``, ``n_pending``, ``n_states``.
    by_recommendation, by_issue : pandas.DataFrame
        Taken up or not, by whom (``states``), in which ``paragraphs``,
        supported / noted / pending counts (of distinct paragraphs).
    thank, lobby, silent, new_allies, report_back : pandas.DataFrame
        The follow-up lists (see :func:`outcome_summary`).
    not_taken_up : pandas.DataFrame
        Our recommendations nothing carried at ``min_strength``, each with
        the review's closest recommendation (``closest_*``; empty when none
        was even "related"): what to raise in the mid-term report.
    ranking_check : pandas.DataFrame or None
        Where the States that took the issues up stood in the ranking.
    dates : pandas.DataFrame
        :func:`followup_dates`.
    matches : pandas.DataFrame
        The matches counted as taken up (``strength`` at least
        ``min_strength``).
    """

    overall: pd.Series
    by_recommendation: pd.DataFrame
    by_issue: pd.DataFrame
    thank: pd.DataFrame
    lobby: pd.DataFrame
    silent: pd.DataFrame
    new_allies: pd.DataFrame
    report_back: pd.DataFrame
    dates: pd.DataFrame
    matches: pd.DataFrame
    not_taken_up: pd.DataFrame | None = None
    ranking_check: pd.DataFrame | None = None
    params: dict = field(default_factory=dict)

    SECTIONS = (
        "thank",
        "lobby",
        "silent",
        "new_allies",
        "not_taken_up",
        "report_back",
    )
    OVERVIEW = (
        "advocacy_id",
        "issue",
        "taken_up",
        "n_recommendations",
        "n_states",
        "states",
        "paragraphs",
        "n_supported",
        "n_noted",
        "n_pending",
    )
    """The columns of ``by_recommendation`` shown first (HTML, reports, CLI)."""

    def __repr__(self) -> str:
        o = self.overall
        return (
            f"OutcomeSummary: {o['n_taken_up']} of {o['n_our_recommendations']} "
            f"recommendations taken up by {o['n_states']} States in "
            f"{o['n_recommendations']} recommendations ({o['n_supported']} supported, "
            f"{o['n_noted']} noted, {o['n_pending']} pending)"
        )

    def _repr_html_(self) -> str:
        parts = [f"<p><b>{html.escape(repr(self))}</b></p>"]
        parts.append(self.by_recommendation[list(self.OVERVIEW)].to_html(index=False))
        for name in self.SECTIONS:
            table = getattr(self, name)
            parts.append(f"<p><b>{name.replace('_', ' ')}</b> ({len(table)} rows)</p>")
            parts.append(table.head(10).to_html(index=False))
        return "".join(parts)


def outcome_summary(
    matches: pd.DataFrame,
    *,
    ranking: pd.DataFrame | None = None,
    min_strength: str = "similar",
    today=None,
) -> OutcomeSummary:
    """Summarize which of the NGO's recommendations the review took up.

    Parameters
    ----------
    matches : pandas.DataFrame
        From :func:`match_outcome`.
    ranking : pandas.DataFrame or path, optional
        A ranking made before the review (:meth:`TargetRanker.rank`, or a
        file :func:`upr_targets.load_ranking` reads: a CSV/JSON ranking or a
        saved ranking report), to see where the States that took the issues
        up stood in it.
    min_strength : {"very similar", "similar", "related"}, default "similar"
        Weakest match that counts as taking a recommendation up.
    today : date-like, optional
        Mark each dated step as past, now or coming.

    Returns
    -------
    OutcomeSummary
        The tables; the follow-up lists are ``thank`` (one row per State and
        paragraph carrying ours, the paragraph to cite), ``lobby`` (noted or
        pending paragraphs carrying ours: lobby the State under review before
        adoption), ``silent`` (States the NGO targeted that made no
        recommendation carrying it, with the day they were lobbied), ``new_allies`` (States that carried it
        without being targeted) and ``report_back`` (per State, what to report
        on at 3½-4 years).

    Examples
    --------
    >>> import upr_targets
    >>> demo = upr_targets.load_demo()
    >>> review = demo[(demo["sur"] == "Kenya") & (demo["session"] == 35)]
    >>> m = upr_targets.match_outcome(["Abolish the death penalty"], review)
    >>> s = upr_targets.outcome_summary(m)
    >>> bool(s.overall["n_taken_up"] == 1)
    True
    """
    if isinstance(ranking, str | Path):
        ranking = load_ranking(ranking)
    taken = _taken(matches, min_strength)
    by_rec = _by_recommendation(matches, taken)
    per_state = _per_state_paragraph(taken)
    paras = taken.drop_duplicates("recommendation_id")
    totals = _response_counts(paras.assign(review="all"), "review").reindex(
        ["all"], fill_value=0
    )
    overall = pd.Series(
        {
            "n_our_recommendations": len(by_rec),
            "n_taken_up": int(by_rec["taken_up"].sum()),
            "n_issues": by_rec["issue"].nunique(),
            "n_issues_taken_up": by_rec.loc[by_rec["taken_up"], "issue"].nunique(),
            "n_recommendations": len(paras),
            **{k: int(v) for k, v in totals.iloc[0].items()},
            "n_states": taken["recommending_state"].nunique(),
        }
    )
    report_back = (
        per_state.groupby("recommending_state", sort=True)
        .agg(
            paragraphs=("paragraph", _join_unique),
            issues=("issues", _join_unique),
            n_recommendations=("paragraph", "size"),
        )
        .join(_response_counts(per_state, "recommending_state")["n_supported"])
        .reset_index()
    )
    return OutcomeSummary(
        overall=overall,
        by_recommendation=by_rec,
        by_issue=_by_issue(by_rec, taken),
        thank=per_state,
        lobby=_lobby(taken),
        silent=_silent(matches, taken),
        new_allies=per_state[~per_state["targeted"]].reset_index(drop=True),
        report_back=report_back,
        not_taken_up=_not_taken(matches, by_rec),
        dates=followup_dates(matches, today),
        matches=taken.reset_index(drop=True),
        ranking_check=None if ranking is None else _ranking_check(taken, ranking),
        params={"min_strength": min_strength},
    )
