"""Write the small synthetic PDFs used by tests/test_load_documents.py.

The PDFs are committed; run this script (needs ``pip install fpdf2``) only to
change them::

    python tests/data/documents/make_fixtures.py

The reports are invented (States, paragraph numbers and wording imitate UN
Working Group reports of cycle 1 and cycle 3) and laid out line by line so
that the tests control line breaks, page breaks, hyphens and footnotes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)  # reproducible files

CYCLE1 = [
    [
        "UNITED NATIONS",
        "General Assembly",
        "A/HRC/99/1",
        "HUMAN RIGHTS COUNCIL",
        "Eighth session",
        "UNIVERSAL PERIODIC REVIEW",
        "Report of the Working Group on the Universal Periodic Review*",
        "",
        "Chad *",
        "",
        "Introduction",
        "1. The Working Group on the Universal Periodic Review (UPR), established in",
        "accordance with Human Rights Council resolution 5/1, held its second session from",
        "5 to 19 May 2008. The review of Chad was held at the 6th meeting on 7 May 2008.",
        "2. Chad presented a comprehensive national report.",
        "_________________________",
        "* Previously issued under the document symbol A/HRC/WG.6/2/L.99.",
    ],
    [
        "A/HRC/99/1",
        "Page 2",
        "II. CONCLUSIONS AND/OR RECOMMENDATIONS",
        "60. The recommendations formulated during the interactive dialogue have been",
        "examined by Chad and the recommendations listed below enjoy the support of Chad:",
        "1. To ratify the Optional Protocol to the Convention against Torture (Portugal)",
        "(Spain);",
        "2. To strengthen the national human rights institution in line with the Paris",
        "Principles (France, Mexico);",
        "3. To maintain the moratorium (Belgium, Italy) and to abolish the death penalty",
        "(Italy, Mexico);",
        "4. To adopt a com-",
        "prehensive strategy to protect the rights of the child (Brazil).",
        "61. The following recommendations will be examined by Chad, which will provide",
        "responses in due time. The response of Chad to these recommendations will be",
        "included in the outcome report adopted by the Human Rights Council at its eighth",
        "session:",
        "1. To accede to the International Convention on the Protection of the Rights of All",
    ],
    [
        "A/HRC/99/1",
        "Page 3",
        "Migrant Workers and Members of Their Families (Algeria);",
        "2. To consider ratifying the Rome Statute (Ghana).",
        "62. The recommendations below did not enjoy the support of Chad:",
        "1. To recognize same-sex partnerships (Netherlands);",
        "2. To abolish the death penalty (Iran (Islamic Republic of));",
        "3. To decriminalize defamation (United Kingdom of Great Britain and",
        "Northern Ireland).",
        "63. All conclusions and/or recommendations contained in the present report",
        "reflect the position of the submitting State(s) and/or the State under review.",
    ],
]

CYCLE3 = [
    [
        "GE.20-00001(E)",
        "Human Rights Council",
        "Forty-fourth session",
        "Report of the Working Group on the Universal Periodic",
        "Review*",
        "Kenya",
        "United Nations A/HRC/44/99",
        "Introduction",
        "1. The Working Group on the Universal Periodic Review, established in accordance",
        "with Human Rights Council resolution 5/1, held its thirty-fifth session from 20 to 31",
        "January 2020. The review of Kenya was held at the 5th meeting, on 22 January 2020.",
        "* The annex is being circulated without formal editing.",
    ],
    [
        "A/HRC/44/99",
        "2",
        "II. Conclusions and/or recommendations",
        "140. The following recommendations have been examined by Kenya and enjoy the",
        "support of Kenya:",
        "140.1 Ratify the Optional Protocol to the Convention against Torture (Portugal)",
        "(Spain);",
        "140.2 Abolish the death penalty (Iran (Islamic Republic of), Italy);",
        "140.3 Ensure non-",
        "discriminatory access to health care for all persons (Brazil);",
        "140.4 Strengthen inter-",
        "national cooperation with the treaty bodies and international partners (Fiji).",
        "141. The following recommendations will be examined by Kenya, which will provide",
        "responses in due time, but no later than the forty-fourth session of the Human",
        "Rights Council:",
        "141.1 Ratify the Convention on the Reduction of Statelessness (Germany).",
        "142. The following recommendations have been noted by Kenya:",
        "142.1 Decriminalize same-sex relations between consenting adults (Uruguay)1;",
        "1 The recommendation as read during the interactive dialogue: Decriminalize",
        "homosexuality.",
    ],
    [
        "A/HRC/44/99",
        "3",
        "142.2 Repeal the law on sedition (United Kingdom of Great Britain and",
        "Northern Ireland).",
        "143. All conclusions and/or recommendations contained in the present report",
        "reflect the position of the submitting State(s) and/or the State under review.",
    ],
]

NOT_UPR = [
    [
        "Annual report of the Special Rapporteur on the right to food",
        "1. This report reviews the work of the mandate in 2019.",
        "2. The Special Rapporteur recommends that States adopt framework laws.",
    ]
]


def write(pages: list[list[str]], name: str) -> None:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_creation_date(FIXED_DATE)
    pdf.output(str(HERE / name))


def write_scanned(name: str) -> None:
    """A page with a drawing and no text layer, like a scan."""
    pdf = FPDF()
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_page()
    pdf.set_fill_color(200, 200, 200)
    for k in range(10):
        pdf.rect(20, 20 + 12 * k, 170, 6, style="F")
    pdf.output(str(HERE / name))


if __name__ == "__main__":
    write(CYCLE1, "report_cycle1.pdf")
    write(CYCLE3, "report_cycle3.pdf")
    write(NOT_UPR, "not_upr.pdf")
    write_scanned("scanned.pdf")
