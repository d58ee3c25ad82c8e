"""Quickstart: which States to lobby before a State's next UPR review.

Run it on the bundled SYNTHETIC demo data::

    python examples/quickstart.py

or on your own exports (UPR Info CSV, UHRI or DIHR Excel, ...)::

    python examples/quickstart.py --sur "Sri Lanka" exports/*.csv

It loads the recommendations, matches an issue written in plain words to
themes, ranks the States, shows the evidence behind the top one and writes an
HTML report next to the script's working directory.
"""

from __future__ import annotations

import argparse

import upr_targets


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="exports to load (default: demo data)")
    parser.add_argument("--sur", default="Kenya", help="the State under review")
    parser.add_argument("--issue", default="abolish the death penalty")
    parser.add_argument("--report", default="quickstart-report.html")
    args = parser.parse_args(argv)

    # 1. Load: your exports, or the synthetic demo data to try things out.
    if args.files:
        recs = upr_targets.load_recommendations(args.files)
        print(recs.attrs["load_report"].summary.to_string(index=False))
    else:
        recs = upr_targets.load_demo()
        print(
            "Using the SYNTHETIC demo data: an illustration, not real recommendations."
        )
    print(
        f"{len(recs):,} recommendations, sessions {recs['session'].min()}-"
        f"{recs['session'].max()}\n"
    )

    # 2. Match the issue to themes.
    matches = upr_targets.match_themes(args.issue, top=3)
    print(f"Themes matching {args.issue!r}:")
    print(matches[["theme", "score"]].round(2).to_string(index=False), end="\n\n")

    # 3. Rank the States to lobby before the review of the SuR.
    ranker = upr_targets.TargetRanker().fit(recs)
    ranking = ranker.rank(args.sur, issue_text=args.issue, top=10)
    print(
        f"States to lobby before the review of {args.sur} "
        f"(themes: {', '.join(ranking.attrs['themes']) or 'all'}):"
    )
    table = ranking[["rank", "state", "group", "score"]].round(2)
    print(table.to_string(index=False), end="\n\n")

    # 4. Why is the first State first? Its reason, and the recommendations behind it.
    top = ranking.iloc[0]
    print(f"Why {top['state']}? {top['explanation']}")
    evidence = ranker.evidence(
        top["state"], args.sur, themes=ranking.attrs["themes"] or None
    )
    print(f"{len(evidence)} of its past recommendations on these themes, e.g.:")
    for row in evidence.head(2).itertuples():
        print(f"- session {row.session}, to {row.sur} ({row.response}): {row.text}")
    print()

    # 5. Write the report to share with colleagues.
    path = upr_targets.write_report(recs, args.sur, [args.issue], args.report)
    print(f"Report written to {path}")


if __name__ == "__main__":
    main()
