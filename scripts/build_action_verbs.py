"""Build ``src/upr_targets/data/action_verbs.csv``: a recommendation's first verb
-> its usual action category (Edward McMahon's scale, 1-5).

Development script, not part of the package. Run from the repository root::

    python scripts/build_action_verbs.py [path/to/shared/data]

Source: the action categories UPR Info assigned to the recommendations of
sessions 1-12 in its database export (shared data, ``upr-info/``); sessions
13-17 are held out to measure how often the first verb's usual category is
the category UPR Info gave (printed). A verb is kept when it opens at least
30 recommendations; its category is the one UPR Info gave most often.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from upr_targets import load_recommendations  # noqa: E402
from upr_targets._action import first_verb  # noqa: E402

HEADER = """\
# First verb of a UPR recommendation -> the action category UPR Info gives most
# often to recommendations opening with it (Edward McMahon's scale: 1 minimal
# action, 2 continuing, 3 considering, 4 general action, 5 specific action).
# Source: UPR Info database export, sessions 1-12 (action categories as
# assigned by UPR Info); built by scripts/build_action_verbs.py. share = the
# share of those recommendations with that category; n = how many open with it.
"""


def main(shared: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = load_recommendations(shared / "upr-info")
    df = df[df["action_category"].notna()].assign(verb=first_verb(df["text"]))
    train, test = df[df["session"] <= 12], df[df["session"] >= 13]
    counts = pd.crosstab(train["verb"], train["action_category"])
    n = counts.sum(axis=1)
    table = pd.DataFrame(
        {
            "verb": counts.index,
            "category": counts.idxmax(axis=1).to_numpy(),
            "share": (counts.max(axis=1) / n).round(3).to_numpy(),
            "n": n.to_numpy(),
        }
    )
    table = table[table["n"] >= 30].sort_values("verb")
    known = test["verb"].map(table.set_index("verb")["category"])
    cover = known.notna().mean()
    right = (known[known.notna()] == test.loc[known.notna(), "action_category"]).mean()
    specific = test["action_category"] >= 4
    guess = known >= 4
    agree = (guess[known.notna()] == specific[known.notna()]).mean()
    print(
        f"held-out sessions 13-17: first verb known for {cover:.1%}; category right "
        f"{right:.1%}; specific (4-5) or not right {agree:.1%}"
    )
    target = REPO / "src" / "upr_targets" / "data" / "action_verbs.csv"
    with target.open("w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        table.to_csv(f, index=False, lineterminator="\n")
    print(f"wrote {len(table)} verbs to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data")
