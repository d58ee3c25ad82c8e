"""The tables of the after-review workflow: column names and allowed values.

The normalized recommendations table is documented in :mod:`._schema`; this
module documents, once, the tables built from it after the review: the
matches of the NGO's recommendations (:func:`upr_targets.match_outcome`) and
the implementation tracker (:func:`upr_targets.write_tracker`).
"""

from __future__ import annotations

__all__ = [
    "IMPLEMENTATION_STATUSES",
    "OUTCOME_MATCH_COLUMNS",
    "STRENGTHS",
    "LEXICAL_FLOOR",
    "STRENGTH_THRESHOLDS",
    "TRACKER_COLUMNS",
    "TRACKER_EDITABLE",
]

STRENGTHS: tuple[str, ...] = ("very similar", "similar", "related")
"""How closely a review's recommendation carries the NGO's (``strength``)."""

STRENGTH_THRESHOLDS: dict[str, float] = {
    "very similar": 3.5,
    "similar": 2.5,
    "related": 1.5,
}
"""Lowest ``score`` of each strength. ``score`` is in standard deviations above
the review's typical recommendation, so a threshold means the same in every
review. Set on one labelled review (Albania 2019) and checked on another
(Egypt 2014, see ``benchmarks/bench_outcome.py``): 3 in 4 "very similar"
pairs carry the NGO's recommendation (76 % and 75 %), half the "similar" ones
do (54 %, 53 %) and 2 in 3 are on its issue, and 4 in 10 "related" ones are on
its issue (44 %, 43 %). A near-verbatim copy (rapidfuzz ``token_set_ratio`` of
90 or more) is "very similar" whatever its score. "very similar" and "similar"
also need words in common (``LEXICAL_FLOOR``), and do not join two asks to
ratify (accede to, sign) different instruments
(``upr_targets.reference.instruments_in``)."""

LEXICAL_FLOOR: dict[str, float] = {"word_similarity": 0.08, "char_similarity": 0.12}
"""A pair is "similar" or "very similar" only if one of these cosines reaches
its floor; below both it is at most "related". The score is relative to the
review, so an NGO recommendation that no State took up (beekeepers and
pesticides, at a review with nothing on them) still has a best match several
deviations above the rest, carried by themes alone ("Continue to protect the
rights of the child", word cosine 0.07). On four such recommendations at the
Albania review the floor halves the "similar" pairs (13 to 6); on the
labelled set it keeps 95 of 98 pairs that carry ours."""

OUTCOME_MATCH_COLUMNS: tuple[str, ...] = (
    "advocacy_id",
    "issue",
    "advocacy_text",
    "rank",
    "score",
    "strength",
    "paragraph",
    "text",
    "recommending_state",
    "rs_iso3",
    "response",
    "action_category",
    "themes",
    "targeted",
    "targeted_states",
    "lobbied_on",
    "word_similarity",
    "char_similarity",
    "theme_similarity",
    "fuzzy_ratio",
    "sur",
    "session",
    "cycle",
    "year",
    "document",
    "recommendation_id",
)
"""Columns of :func:`upr_targets.match_outcome`. ``advocacy_id``, ``issue``,
``advocacy_text``, ``targeted_states``, ``lobbied_on``: the NGO's
recommendation, the States it lobbied and when (see ``load_advocacy``). ``rank``: 1 = the review's recommendation closest to it
(co-sponsors of one paragraph share a rank). ``score``: mean of the three
similarities, each in standard deviations above the review's typical
recommendation. ``strength``: one of ``STRENGTHS``, or "not taken up" on the
one row of an NGO recommendation nothing carries. ``word_similarity``,
``char_similarity``, ``theme_similarity``: cosines in [0, 1] of word TF-IDF,
character 3-5-gram TF-IDF and theme scores; ``fuzzy_ratio``: rapidfuzz
``token_set_ratio`` (0-100). ``targeted``: the recommending State is one the
NGO lobbied on this recommendation. The others are the review's columns
(see ``schema_table()``)."""

IMPLEMENTATION_STATUSES: tuple[str, ...] = (
    "not started",
    "in progress",
    "partially implemented",
    "implemented",
    "regressed",
)
"""The statuses of the tracker's ``status`` dropdown (blank = not assessed)."""

TRACKER_COLUMNS: tuple[str, ...] = (
    "paragraph",
    "text",
    "recommending_states",
    "response",
    "issue",
    "advocacy_ids",
    "strength",
    "status",
    "evidence",
    "source",
    "date",
    "notes",
    "recommendation_id",
)
"""Columns of the implementation tracker (:func:`upr_targets.write_tracker`):
one row per recommendation of interest. ``recommending_states``: the States
that made it, "; "-separated; ``issue`` and ``advocacy_ids``: the NGO's issues
and recommendations it carries; ``strength``: the closest match. The NGO fills
in ``status`` (one of ``IMPLEMENTATION_STATUSES``), ``evidence``, ``source``,
``date`` and ``notes``; writing the tracker again keeps them."""

TRACKER_EDITABLE: tuple[str, ...] = ("status", "evidence", "source", "date", "notes")
"""The tracker columns the NGO edits (kept when the tracker is written again)."""
