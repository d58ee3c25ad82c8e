"""The score components of the ranker: one table, read by every layer above.

A ranking's score is the weighted sum of these components (see
``docs/methodology.md``). Their names are column names of
:meth:`upr_targets.TargetRanker.rank`; the label, the short header of the
command-line table, the description and the colour of each are given here
once, and the ranker, the CLI, the report and the plots all read them from
this table. A new component is one more row here and one more column in
``_scoring.component_matrix``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "DYADIC",
    "SPEAKER_WEIGHTS",
    "Component",
    "component_table",
]


@dataclass(frozen=True)
class Component:
    """One score component."""

    name: str
    label: str
    short: str
    description: str
    default_weight: float
    color: str


_TABLE: tuple[Component, ...] = (
    Component(
        "theme_interest",
        "Theme interest",
        "theme",
        "log(1 + the State's recency-weighted recommendations on the themes)",
        0.81,
        "#332288",
    ),
    Component(
        "theme_history",
        "Theme history",
        "hist",
        "log(1 + all the State's past recommendations on the themes)",
        0.0,
        "#88CCEE",
    ),
    Component(
        "theme_focus",
        "Theme focus",
        "focus",
        "log-ratio of the State's share of recommendations on the themes to the "
        "share of all States (specialisation)",
        0.07,
        "#44AA99",
    ),
    Component(
        "sur_interest",
        "SuR interest",
        "sur",
        "log(1 + the State's recommendations to this SuR at its previous review)",
        0.0,
        "#117733",
    ),
    Component(
        "sur_theme_interest",
        "SuR theme interest",
        "sur+th",
        "log(1 + the State's past recommendations on the themes to this SuR)",
        0.0,
        "#999933",
    ),
    Component(
        "region_interest",
        "Region interest",
        "region",
        "log-ratio of the State's share of recommendations to the SuR's regional "
        "group to the average share",
        0.45,
        "#DDCC77",
    ),
    Component(
        "theme_region_interest",
        "Theme region interest",
        "reg+th",
        "log(1 + the State's recency-weighted recommendations on the themes to "
        "States of the SuR's regional group)",
        0.38,
        "#CC6677",
    ),
    Component(
        "regional_group",
        "Regional group",
        "rgroup",
        "1 when the State belongs to the SuR's regional group",
        0.31,
        "#882255",
    ),
    Component(
        "bloc_ties",
        "Bloc ties",
        "blocs",
        "log(1 + the number of blocs shared with the SuR: EU, AU, OIC, ...)",
        0.0,
        "#AA4499",
    ),
    Component(
        "acceptance_history",
        "Acceptance history",
        "accept",
        "log-odds, relative to the average, that this SuR supports the State's "
        "recommendations (shrunk to the State's rate with all SuRs)",
        0.0,
        "#EE8866",
    ),
    Component(
        "activity",
        "Activity",
        "active",
        "log-ratio of the (recency-weighted) share of reviews in which the State "
        "made any recommendation to the average share",
        0.80,
        "#6699CC",
    ),
    Component(
        "theme_rate",
        "Theme rate",
        "rate",
        "log-ratio of the (recency-weighted) share of the reviews it joined in "
        "which the State raised the themes, to the average share: how likely it "
        "is to raise them when it speaks",
        0.0,
        "#555555",
    ),
)

COMPONENTS: tuple[str, ...] = tuple(c.name for c in _TABLE)
"""Score components, in the order of the columns of a ranking."""

BY_NAME: dict[str, Component] = {c.name: c for c in _TABLE}

DEFAULT_WEIGHTS: dict[str, float] = {c.name: c.default_weight for c in _TABLE}
"""Default weights, chosen by cross-validation on sessions 7-12 (see
``benchmarks/tune_ranker.py`` and ``docs/methodology.md``); negative learned
weights are set to 0. The dyadic weights are learned at fit time
(``dyadic="auto"``); these zeros are used only with ``dyadic=None``."""

SPEAKER_WEIGHTS: dict[str, float] = {c.name: 0.0 for c in _TABLE} | {"theme_rate": 1.0}
"""Weights with a list of speakers: who will speak is known, so the listed
States are ordered by how likely each is to raise the themes when it speaks
(chosen by validation on sessions 9-12 against the default weights without
``activity``; see ``docs/methodology.md``)."""

DYADIC: tuple[str, ...] = ("sur_interest", "sur_theme_interest")
"""Components that need a previous review of the SuR in the data."""


def component_table():
    """The score components: name, label, short header, description, weight, colour.

    Returns
    -------
    pandas.DataFrame
        One row per component, in column order of a ranking.

    Examples
    --------
    >>> from upr_targets import component_table
    >>> component_table().loc[0, ["name", "label"]].tolist()
    ['theme_interest', 'Theme interest']
    """
    import pandas as pd

    return pd.DataFrame(
        [
            (c.name, c.label, c.short, c.description, c.default_weight, c.color)
            for c in _TABLE
        ],
        columns=["name", "label", "short", "description", "default_weight", "color"],
    )
