"""The fast reader (Arrow) gives what the careful one (Python's csv) gives.

``fast_records`` may decline a file (None): the careful reader then reads
it. When it does not decline, its header, values and record numbers must be
those of ``csv.reader(..., skipinitialspace=True)`` with blank records left
out, on any text.
"""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from upr_targets.io._fast_csv import fast_records

FIELD = st.text(alphabet=st.sampled_from(list('ab é,;" \t\n\r') + ["中"]), max_size=8)


def _careful(text: str, sep: str):
    records = list(
        csv.reader(io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True)
    )
    numbered = [(i + 1, r) for i, r in enumerate(records) if any(v.strip() for v in r)]
    return numbered


def _n_lines(text: str) -> int:
    s = text.strip()
    return 1 + s.count("\n") + s.count("\r") - s.count("\r\n")


def _same_as_careful(text: str, sep: str = ",") -> bool:
    """True when fast declines or agrees; raises with both readings otherwise."""
    fast = fast_records(text, text.encode("utf-8"), sep, _n_lines(text))
    if fast is None:
        return True
    header, body, rows = fast
    numbered = _careful(text, sep)
    assert header == [h.strip() for h in numbered[0][1]]
    want = numbered[1:]
    got = [list(r) for r in body.itertuples(index=False)]
    assert got == [r for _, r in want], (text, got, want)
    assert rows.tolist() == [i for i, _ in want]
    return False


def test_clean_exports_take_the_fast_path():
    for end in ("\n", "\r\n", "\r"):
        text = end.join(
            [
                "To,Text,From",
                'Chad,"Abolish it, now",France',
                'Peru,"Ratify",Chile',
                "",
            ]
        )
        assert not _same_as_careful(text)  # read fast, and the same


def test_what_the_fast_path_declines():
    declined = [
        'a,b\n1,"two\nlines"\n',  # a record over two lines
        "a,b\n1,2,3\n",  # a long record
        "a,b\n1\n",  # a short one
        'a,b\n1,"open\n',  # an unbalanced quote
        'a,b\n1, "spaced, quoted"\n',  # a quoted field after a space
        "a,b\n1,  two\n",  # a value after spaces (csv drops them)
        "\n\na,b\n1,2\n",  # blank lines before the header
    ]
    for text in declined:
        assert fast_records(text, text.encode(), ",", _n_lines(text)) is None, text


def test_values_stay_as_written():
    text = ",Session,Paragraph\n007,1,95.10\n,2,\n"
    assert not _same_as_careful(text)
    _, body, _ = fast_records(text, text.encode(), ",", _n_lines(text))
    assert body[0].tolist() == ["007", ""] and body[2].tolist() == ["95.10", ""]


def test_blank_records_and_mid_field_quotes():
    text = 'a,b\n1,2\n\n , \nx"y,"say ""hi"""\n'
    _same_as_careful(text)


@given(st.lists(st.lists(FIELD, min_size=3, max_size=3), min_size=1, max_size=6))
def test_any_table_written_by_csv(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["h1", "h2", "h3"], *rows])
    _same_as_careful(out.getvalue())


@given(st.text(alphabet=st.sampled_from(list('ab,"; \n\r')), max_size=40))
def test_any_text(text):
    _same_as_careful("h1,h2\n" + text)
