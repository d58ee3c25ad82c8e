"""The report's analyses: data summary, evidence, acceptance and groupings.

Each function returns a table; :mod:`upr_targets.report._build` assembles
them and :class:`~upr_targets.report.Report` renders them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._acceptance import AcceptanceModel
from .._errors import SchemaError
from .._estimator import is_fitted
from .._tables import acceptance_table
from .._utils import plural
from ..reference import list_states

__all__ = [
    "N_EVIDENCE_KEPT",
    "acceptance_estimates",
    "data_summary",
    "evidence_tables",
    "fitted",
    "groupings",
    "load_summary",
    "themed_rows",
    "themes_acceptance_line",
]

N_EVIDENCE_KEPT = 50
"""Recommendations per State and target (this SuR / others) kept as evidence."""

EVIDENCE_COLUMNS = (
    "state",
    "target",
    "sur",
    "session",
    "year",
    "response",
    "themes",
    "text",
)


def fitted(estimator, recommendations: pd.DataFrame):
    """``estimator`` fitted on ``recommendations`` unless it already is."""
    if not is_fitted(estimator):
        estimator.fit(recommendations)
    return estimator


def themes_acceptance_line(sur: str, n: int, share: float) -> str:
    if not n:
        return f"The data hold no recommendation to {sur} on these themes."
    return (
        f"{sur} supported {share:.0%} of the {plural(n, 'recommendation')} it received on "
        "these themes."
    )


def data_summary(recommendations: pd.DataFrame, synthetic: bool) -> pd.DataFrame:
    df = recommendations

    def span(col: str) -> str:
        if col not in df.columns:
            return "not given"
        s = pd.to_numeric(df[col], errors="coerce").dropna()
        if s.empty:
            return "not given"
        return (
            f"{int(s.min())}–{int(s.max())}"
            if s.min() != s.max()
            else f"{int(s.min())}"
        )

    sources = (
        sorted(map(str, df["source"].dropna().unique()))
        if "source" in df.columns
        else []
    )
    files = (
        sorted(map(str, df["source_file"].dropna().unique()))
        if "source_file" in df.columns
        else []
    )
    n_recs = (
        df["recommendation_id"].nunique()
        if "recommendation_id" in df.columns
        else len(df)
    )
    items = [
        ("Source(s)", ", ".join(sources) or "not given"),
        (
            "File(s)",
            ", ".join(files[:10])
            + (f" and {len(files) - 10} more" if len(files) > 10 else "")
            or "-",
        ),
        ("Sessions", span("session")),
        ("Years", span("year")),
        ("Rows (recommendation × recommending State)", f"{len(df):,}"),
        ("Recommendations", f"{n_recs:,}"),
        (
            "States under review",
            f"{df['sur'].nunique():,}" if "sur" in df.columns else "-",
        ),
        (
            "Recommending States",
            f"{df['recommending_state'].nunique():,}"
            if "recommending_state" in df.columns
            else "-",
        ),
        ("Synthetic data", "YES — not for advocacy" if synthetic else "no"),
    ]
    return pd.DataFrame(items, columns=["item", "value"])


def load_summary(recommendations: pd.DataFrame) -> pd.DataFrame | None:
    report = recommendations.attrs.get("load_report")
    return None if report is None else report.summary


def _closeness(ranker, issue_text: str | None) -> np.ndarray | None:
    """Cosine of every recommendation the ranker counts to the issue text.

    None without an issue text, or when no issue was read with the ranker's
    text matcher (themes given only): the evidence is then sorted by date.
    """
    if not issue_text or ranker.matcher_ is None:
        return None
    return ranker._closeness_to(issue_text)


def evidence_tables(
    ranker,
    states: pd.DataFrame,
    sur: str,
    themes: list[str],
    issue_text: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The top States' past recommendations on the themes, and their counts.

    Recommendations to the SuR come first, latest first; those to other
    States follow, closest to ``issue_text`` first (TF-IDF cosine; latest
    first without an issue text), so that the evidence quoted is about the
    NGO's issue, not merely on its theme.
    """
    parts = []
    counts = []
    close = _closeness(ranker, issue_text)
    position = ranker._data.index
    for row in states.itertuples(index=False):
        state = row.state
        ev = ranker.evidence(state, sur, themes or None).copy()
        this = (ev["sur"] == sur).fillna(False).to_numpy(dtype=bool)
        ev["target"] = np.where(this, "this SuR", "other SuRs")
        ev["state"] = state
        sort_cols = [c for c in ("session", "year") if c in ev.columns]
        ev["_this"] = this
        ev["_close"] = (
            close[position.get_indexer(ev.index)] if close is not None else 0.0
        )
        ev["_close"] = ev["_close"].where(~ev["_this"], 0.0)  # to the SuR: by date
        ev = ev.sort_values(
            ["_this", "_close", *sort_cols],
            ascending=[False, False] + [False] * len(sort_cols),
        )
        counts.append(
            {
                "state": state,
                "rank": row.rank,
                "group": row.group,
                "this SuR": int(this.sum()),
                "other SuRs": int((~this).sum()),
            }
        )
        kept = pd.concat(
            [
                ev[ev["_this"]].head(N_EVIDENCE_KEPT),
                ev[~ev["_this"]].head(N_EVIDENCE_KEPT),
            ]
        )
        for col in EVIDENCE_COLUMNS:
            if col not in kept.columns:
                kept[col] = pd.NA
        parts.append(kept[list(EVIDENCE_COLUMNS)])
    evidence = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=list(EVIDENCE_COLUMNS))
    )
    counts_df = (
        pd.DataFrame(counts).set_index("state")
        if counts
        else pd.DataFrame(columns=["rank", "group", "this SuR", "other SuRs"])
    )
    return evidence, counts_df


def themed_rows(recommendations: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    wanted = set(themes)
    mask = (
        recommendations["themes"]
        .map(lambda ts: bool(wanted.intersection(ts)))
        .to_numpy(dtype=bool)
    )
    return recommendations[mask]


def acceptance_estimates(
    recommendations: pd.DataFrame,
    ranking: pd.DataFrame,
    sur: str,
    themes: list[str],
    notes: list[str],
    model=None,
) -> pd.DataFrame:
    """For the top States: past recommendations to the SuR and the share supported.

    Adds :class:`AcceptanceModel`'s estimate that the SuR supports a
    recommendation from each State on the report's themes.
    """
    to_sur = recommendations[recommendations["sur"] == sur]
    past = acceptance_table(to_sur, by="state")
    top = ranking[
        ["rank", "state"] + (["group"] if "group" in ranking.columns else [])
    ].copy()
    stats = past.reindex(top["state"].astype(str).to_numpy())
    top["recommendations_to_sur"] = stats["total"].fillna(0).astype(int).to_numpy()
    top["supported"] = stats["supported"].fillna(0).astype(int).to_numpy()
    top["share_supported"] = stats["share_supported"].to_numpy()
    if len(top) and len(recommendations) and model is not False:
        try:
            top = _model_estimates(recommendations, top, sur, themes, model)
        except SchemaError as exc:  # no supported and noted responses to learn from
            notes.append(
                f"The acceptance model could not be fitted ({exc}); only counts shown."
            )
    return top.reset_index(drop=True)


def _model_estimates(
    recommendations: pd.DataFrame,
    top: pd.DataFrame,
    sur: str,
    themes: list[str],
    model=None,
) -> pd.DataFrame:
    model = fitted(AcceptanceModel() if model is None else model, recommendations)
    sur_group = recommendations.loc[recommendations["sur"] == sur, "sur_group"].dropna()
    n = len(top)
    # A recommendation carries one of the themes (each theme weighted equally)
    # and an action category distributed as the SuR received them (all SuRs
    # when it received none; a missing category would fall back on the model's
    # intercept, which describes no row of the data).
    theme_sets = [[t] for t in themes] or [[]]
    cats = pd.to_numeric(recommendations["action_category"], errors="coerce")
    mix = cats[(recommendations["sur"] == sur).to_numpy()].value_counts(normalize=True)
    if mix.empty:
        mix = cats.value_counts(normalize=True)
    categories = [int(c) for c in mix.index] if len(mix) else [None]
    weights = mix.to_numpy(dtype=float) if len(mix) else np.ones(1)
    specific = [5] if len(mix) else [None]
    grid = [(t, c) for t in theme_sets for c in categories + specific]
    X = pd.DataFrame(
        {
            "sur": sur,
            "recommending_state": np.tile(
                top["state"].astype(str).to_numpy(), len(grid)
            ),
            "rs_group": np.tile(
                top["group"].astype(object).to_numpy()
                if "group" in top.columns
                else np.full(n, None),
                len(grid),
            ),
            "sur_group": sur_group.iloc[0] if len(sur_group) else pd.NA,
            "themes": [list(t) for t, _ in grid for _ in range(n)],
            "action_category": pd.array(
                [pd.NA if c is None else c for _, c in grid for _ in range(n)],
                dtype="Int64",
            ),
        }
    )
    p = model.predict_proba(X)[:, 1].reshape(len(theme_sets), len(categories) + 1, n)
    top = top.copy()
    top["p_supported"] = (
        (weights[None, :, None] * p[:, :-1, :]).sum(axis=1).mean(axis=0)
    )
    if len(mix):  # without action categories in the data, "specific" means nothing
        top["p_supported_specific"] = p[:, -1, :].mean(axis=0)
    return top


def groupings(ranking: pd.DataFrame) -> pd.DataFrame:
    """Top States sharing a UN regional group or a bloc (at least two of them)."""
    rows = []
    top = ranking[["state", "group"]]
    for group, members in top.groupby(top["group"].fillna("(no group)"), sort=False):
        rows.append(("regional group", str(group), list(members["state"].astype(str))))
    memberships = list_states().set_index("name")["memberships"]
    blocs: dict[str, list[str]] = {}
    for state in top["state"].astype(str):
        for bloc in memberships.get(state, []):
            blocs.setdefault(str(bloc), []).append(state)
    rows += [("bloc", b, names) for b, names in blocs.items() if len(names) >= 2]
    df = pd.DataFrame(rows, columns=["kind", "grouping", "states"])
    df["n_states"] = df["states"].map(len)
    df["states"] = df["states"].map(", ".join)
    df["_bloc"] = df["kind"] == "bloc"
    df = df.sort_values(["_bloc", "n_states"], ascending=[True, False], kind="stable")
    return df[["kind", "grouping", "n_states", "states"]].reset_index(drop=True)
