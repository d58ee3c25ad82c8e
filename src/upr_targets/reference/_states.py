"""UN member and observer States: canonical names, ISO codes, groups, blocs.

The table lives in ``data/states.csv`` (193 member States and the two
non-member observer States); see ``docs/reference-data.md`` for the sources.
Name resolution is in :mod:`upr_targets.reference._names`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .._errors import NotReviewedError
from .._utils import read_package_csv

__all__ = ["list_states"]


@lru_cache(maxsize=1)
def state_table() -> pd.DataFrame:
    """The States table, read once (callers must not modify it)."""
    df = read_package_csv("states.csv")
    df["group"] = df["group"].replace("", pd.NA).astype("string")
    for col in df.columns.drop("group"):
        df[col] = df[col].astype("string")
    df["memberships"] = [m.split(";") if m else [] for m in df["memberships"]]
    return df


@lru_cache(maxsize=1)
def by_iso3() -> dict[str, tuple[str, str, object]]:
    """ISO3 code -> (canonical name, ISO3, regional group or NA)."""
    df = state_table()
    return {
        iso3: (name, iso3, group)
        for name, iso3, group in zip(df["name"], df["iso3"], df["group"], strict=True)
    }


NO_GROUP = "none (observer)"
"""What the group column says for an observer State without a UN regional group
(the Holy See; the State of Palestine is in the Asia-Pacific Group)."""


@lru_cache(maxsize=1)
def observer_iso3() -> frozenset[str]:
    """ISO3 codes of the non-member observer States (the Holy See, Palestine)."""
    df = state_table()
    return frozenset(df.loc[df["status"] == "observer", "iso3"])


def check_reviewed(iso3: str) -> None:
    """Raise :class:`NotReviewedError` for an observer State (not reviewed)."""
    if iso3 in observer_iso3():
        name = by_iso3()[iso3][0]
        raise NotReviewedError(
            f"{name} is a UN observer State, not a member: the Universal Periodic "
            "Review does not review it, so there is no review to prepare. Choose a "
            f"member State as the State under review; {name} can still be "
            "ranked as a recommending State."
        )


@lru_cache(maxsize=1)
def memberships_by_iso3() -> dict[str, frozenset[str]]:
    """ISO3 code -> the blocs the State belongs to."""
    df = state_table()
    return {
        iso3: frozenset(m)
        for iso3, m in zip(df["iso3"], df["memberships"], strict=True)
    }


def list_states(group: str | None = None, bloc: str | None = None) -> pd.DataFrame:
    """Return the UN member and observer States with their groups and blocs.

    Parameters
    ----------
    group : str, optional
        Only the States of this UN regional group (any spelling
        :func:`upr_targets.normalize_group` understands: "WEOG", "Africa").
    bloc : str, optional
        Only the members of this bloc ("EU", "AU", "OIC", ...; see the
        ``memberships`` column).

    Returns
    -------
    pandas.DataFrame
        One row per State (193 members, then the Holy See and the State of
        Palestine as observers), columns:

        - ``name``: canonical short name, the UN short name with parenthetical
          qualifiers dropped ("Iran", "United Kingdom", "Bolivia", "Türkiye");
          this is the name used everywhere in upr_targets;
        - ``official_name``: the UN formal name ("Islamic Republic of Iran");
        - ``un_name``: the short name as UN documents print it
          ("Iran (Islamic Republic of)");
        - ``iso3``, ``iso2``: ISO 3166-1 codes;
        - ``group``: UN regional group, one of ``REGIONAL_GROUPS``; missing
          for the Holy See, which belongs to none (the State of Palestine is
          a member of the Asia-Pacific Group); the United States is counted
          in WEOG;
        - ``status``: "member" or "observer";
        - ``memberships``: list of bloc codes ("EU", "AU", "OIC", "AL",
          "GCC", "ASEAN", "OAS", "Commonwealth", "OIF", "CIS", "PIF",
          "CARICOM", "NAM", "OECD").

        A fresh copy: changing it does not change the library's table.

    Raises
    ------
    ValueError
        For a group or bloc that names none (the message lists the valid ones).

    See Also
    --------
    normalize_state : resolve any spelling of a State's name.

    Examples
    --------
    >>> from upr_targets import list_states
    >>> df = list_states()
    >>> int((df["status"] == "member").sum())
    193
    >>> row = df.set_index("iso3").loc["GBR"]
    >>> row["name"], row["group"], "Commonwealth" in row["memberships"]
    ('United Kingdom', 'WEOG', True)
    >>> len(list_states(bloc="EU"))
    27
    """
    df = state_table().copy()
    df["memberships"] = [list(m) for m in df["memberships"]]
    if group is not None:
        from ._groups import normalize_group

        df = df[(df["group"] == normalize_group(group)).fillna(False).to_numpy()]
    if bloc is not None:
        blocs = sorted({b for ms in state_table()["memberships"] for b in ms})
        wanted = {b.casefold(): b for b in blocs}.get(str(bloc).casefold())
        if wanted is None:
            raise ValueError(f"Unknown bloc {bloc!r}; use one of {blocs}.")
        df = df[df["memberships"].map(lambda ms: wanted in ms).to_numpy(dtype=bool)]
    return df.reset_index(drop=True)
