"""Build ``src/upr_targets/data/calendar.csv`` (who is reviewed in which session).

Development script, not part of the package. Run from the repository root::

    python scripts/build_calendar.py [path/to/shared/data]

Sources, in order (the ``basis`` column records which one gave each row):

- sessions 1-17: the States under review (``To``) in each ``Session`` of UPR
  Info's legacy export (shared data, ``upr-info/sessions-*.csv``): "data";
- sessions 18-26: OHCHR's published programme of the second cycle, written
  out below (cycle 2 continues cycle 1's order, 14 States a session):
  "published";
- sessions 27-54: session s reviews the States of session s - 14, except that
  Israel, postponed from session 15 to 17 in cycle 2, returned to its place
  in cycle 3 (session 29, not 31), and the reviews moved from their place
  listed in ``MOVES`` (Sudan from 39 to 40; Ukraine from 42, Myanmar from 51
  and, through its move in cycle 3, Sudan to 54; the United States from 50
  to 53). Sessions 27-49 and 52-54 agree with OHCHR's published programmes
  and calendars of the third and fourth cycles (and NGO calendars of the
  sessions 49-54): "published"; sessions 50 and 51 are not checked against a
  published list: "projected" (as is Israel in session 43).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from upr_targets.reference import resolve_states  # noqa: E402

CYCLE2 = {
    18: "New Zealand; Afghanistan; Chile; Viet Nam; Uruguay; Yemen; Vanuatu; "
    "North Macedonia; Comoros; Slovakia; Eritrea; Cyprus; Dominican Republic; "
    "Cambodia",
    19: "Norway; Albania; Democratic Republic of the Congo; Côte d'Ivoire; Portugal; "
    "Bhutan; Dominica; Democratic People's Republic of Korea; Brunei Darussalam; "
    "Costa Rica; Equatorial Guinea; Ethiopia; Qatar; Nicaragua",
    20: "Italy; El Salvador; Gambia; Bolivia; Fiji; San Marino; Kazakhstan; Angola; "
    "Iran; Madagascar; Iraq; Slovenia; Egypt; Bosnia and Herzegovina",
    21: "Kuwait; Kyrgyzstan; Kiribati; Guinea; Laos; Spain; Lesotho; Kenya; Armenia; "
    "Guinea-Bissau; Sweden; Grenada; Türkiye; Guyana",
    22: "Belarus; Liberia; Malawi; Mongolia; Panama; Maldives; Andorra; Bulgaria; "
    "Honduras; United States; Marshall Islands; Croatia; Jamaica; Libya",
    23: "Lebanon; Mauritania; Micronesia; Nauru; Rwanda; Nepal; Saint Lucia; Oman; "
    "Austria; Myanmar; Australia; Georgia; Saint Kitts and Nevis; "
    "Sao Tome and Principe",
    24: "Namibia; Niger; Mozambique; Estonia; Paraguay; Belgium; Denmark; Palau; "
    "Somalia; Seychelles; Solomon Islands; Latvia; Sierra Leone; Singapore",
    25: "Suriname; Greece; Samoa; Saint Vincent and the Grenadines; Sudan; Hungary; "
    "Papua New Guinea; Tajikistan; Tanzania; Antigua and Barbuda; Eswatini; "
    "Trinidad and Tobago; Thailand; Ireland",
    26: "Togo; Syria; Venezuela; Iceland; Zimbabwe; Lithuania; Uganda; Timor-Leste; "
    "Moldova; Haiti; South Sudan",
}
# (State, the session the s - 14 rule gives) -> the session of the review
MOVES = {
    ("Sudan", 39): 40,
    ("Ukraine", 42): 54,
    ("United States", 50): 53,
    ("Myanmar", 51): 54,
}
PROJECTED_SESSIONS = (50, 51)
SOURCE = {
    "data": "UPR Info database export, sessions 1-17 (To by Session)",
    "published": "OHCHR, UPR calendar of cycle {cycle} "
    "(ohchr.org/en/hr-bodies/upr/upr-sessions)",
    "published-recent": "OHCHR programme of the session, ohchr.org/en/hr-bodies/"
    "upr/upr-sessions; UPR Info session calendar",
    "projected": "projection: the States of session {prev}, 14 sessions earlier",
}

HEADER = """\
# UPR Working Group sessions 1-54: one row per (session, State under review).
# Built by scripts/build_calendar.py; session dates are in sessions.csv.
# basis: "data" = seen in UPR Info's export (sessions 1-17, To by Session);
#   "published" = OHCHR's published programme of the UPR (Human Rights Council,
#   UPR sessions pages, ohchr.org/en/hr-bodies/upr/sessions), as the developers
#   know it; "projected" = session s reviews the States of session s - 14
#   (sessions 50 and 51, and Israel in 43, are still projections).
# source: where the row comes from.
# sur: canonical short name (upr_targets.states()); sur_iso3: ISO 3166 alpha-3.
"""


def main(shared: Path) -> None:
    files = sorted((shared / "upr-info").glob("sessions-*.csv"))
    raw = pd.concat(
        [
            pd.read_csv(f, encoding="mac_roman", lineterminator="\r", dtype=str)
            for f in files
        ],
        ignore_index=True,
    )
    seen = raw[["Session", "To"]].drop_duplicates()
    seen = seen.assign(session=seen["Session"].astype(int))
    seen["sur"] = resolve_states(seen["To"], column="To")["name"]
    rows = [
        (int(s), sur, "data")
        for s, sur in seen.sort_values(["session", "sur"])[
            ["session", "sur"]
        ].itertuples(index=False)
    ]
    for s, names in CYCLE2.items():
        rows += [(s, n.strip(), "published") for n in names.split(";")]
    by_session: dict[int, list[str]] = {}
    for s, sur, _ in rows:
        by_session.setdefault(s, []).append(sur)
    arrivals: dict[int, list[str]] = {}
    for s in range(27, 55):
        by_session[s] = list(by_session[s - 14]) + arrivals.get(s, [])
        if s == 29:
            by_session[s].append("Israel")
        if s == 31:
            by_session[s].remove("Israel")
        for (name, place), to in MOVES.items():
            if place == s:
                by_session[s].remove(name)
                arrivals.setdefault(to, []).append(name)
    for s in range(27, 55):
        for n in by_session[s]:
            projected = s in PROJECTED_SESSIONS or (s == 43 and n == "Israel")
            rows.append((s, n, "projected" if projected else "published"))
    out = pd.DataFrame(rows, columns=["session", "sur", "basis"])
    cycle = (out["session"] - 1) // 14 + 1
    out["source"] = [
        SOURCE["published-recent" if b == "published" and s >= 49 else b].format(
            cycle=c, prev=s - 14
        )
        for s, b, c in zip(out["session"], out["basis"], cycle, strict=True)
    ]
    resolved = resolve_states(out["sur"], column="sur")
    assert (resolved["name"] == out["sur"]).all(), "use canonical names above"
    out.insert(2, "sur_iso3", resolved["iso3"])
    target = REPO / "src" / "upr_targets" / "data" / "calendar.csv"
    with target.open("w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        out.to_csv(f, index=False, lineterminator="\n")
    print(f"wrote {len(out)} rows to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data")
