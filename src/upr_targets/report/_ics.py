"""The advocacy timeline as an iCalendar file, for the NGO's own calendar."""

from __future__ import annotations

import datetime as _dt
import hashlib
from pathlib import Path

import pandas as pd

__all__ = ["timeline_ics", "write_timeline_ics"]


def timeline_ics(timeline: pd.DataFrame, *, sur: str) -> bytes:
    """The timeline's dated rows as iCalendar (RFC 5545) all-day events.

    Parameters
    ----------
    timeline : pandas.DataFrame
        A report's ``timeline`` (``phase, start, end, what``, optional
        ``kind``); rows without dates are left out.
    sur : str
        The State under review, named in every event.

    Returns
    -------
    bytes
        The ``.ics`` file's content. Events have stable ``UID`` values, so
        importing an updated file again replaces the events, not doubles them.

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets.report import timeline_ics
    >>> t = pd.DataFrame({"phase": ["The review"], "start": [pd.Timestamp("2030-01-21")],
    ...                   "end": [pd.Timestamp("2030-02-01")], "what": ["Geneva"]})
    >>> b"SUMMARY:Kenya UPR: The review" in timeline_ics(t, sur="Kenya")
    True
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//upr_targets//advocacy timeline//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{sur} UPR advocacy")
    stamp = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    for row in timeline.dropna(subset=["start"]).itertuples(index=False):
        start = pd.Timestamp(row.start).date()
        end = pd.Timestamp(row.end if pd.notna(row.end) else row.start).date()
        event = Event()
        event.add("summary", f"{sur} UPR: {row.phase}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end + pd.Timedelta(days=1).to_pytimedelta())  # exclusive
        event.add("description", str(row.what))
        kind = getattr(row, "kind", None)
        if isinstance(kind, str):
            event.add("categories", [kind])
        key = f"{sur}|{row.phase}|{start.isoformat()}".encode()
        event.add("uid", hashlib.sha1(key).hexdigest() + "@upr-targets")
        cal.add_component(event)
    return cal.to_ical()


def write_timeline_ics(timeline: pd.DataFrame, path: str | Path, *, sur: str) -> Path:
    """Write :func:`timeline_ics` to ``path`` and return it.

    Parameters
    ----------
    timeline : pandas.DataFrame
        A report's ``timeline``.
    path : str or Path
        Where to write (``kenya.ics``).
    sur : str
        The State under review.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    path.write_bytes(timeline_ics(timeline, sur=sur))
    return path
