"""Quiz rows and tables built here (not read from data/), shared by the tests/test_quiz*.py files."""

from __future__ import annotations

import pandas as pd
from factories import fake_quiz_row as row

QUESTIONS = [
    row(
        id="qz-single",
        prompt="Who adopted resolution <script>alert(1)</script> 68/262?",
        choices="UN General Assembly | UN Security Council | OSCE",
        answer="UN General Assembly",
    ),
    row(
        id="qz-multiple",
        kind="multiple",
        prompt="Which readouts mention energy?",
        choices="White House | Kremlin | Neither | Ukrainian MFA",
        answer="White House | Kremlin",
        proof="readouts:ro-energy",
        source_ids="wh-readout;kremlin-readout",
    ),
    row(
        id="qz-order",
        kind="order",
        prompt="Put these in date order, earliest first.",
        choices="Referendum | UN vote | Treaty | Law",
        answer="Referendum | UN vote | Treaty | Law",
    ),
    row(
        id="qz-match",
        kind="match",
        prompt="Match the party with its term.",
        choices="Russian government = reunification | Ukrainian law = temporary occupation | UNGA = no validity",
        answer="Russian government = reunification | Ukrainian law = temporary occupation | UNGA = no validity",
    ),
    row(
        id="qz-numeric",
        kind="numeric",
        prompt="What share (%) of ballots was reported as yes?",
        choices="",
        answer="96.77",
        tolerance=0.01,
        proof="votes:vo-2014-ref-yes",
    ),
    row(id="qz-other-lesson", lesson="02", prompt="Another lesson", choices="A | B", answer="A"),
]


def make_tables():
    sources = pd.DataFrame(
        [
            dict(
                id=i,
                title=f"Title of {i} <b>bold</b>",
                publisher="Publisher",
                author="A",
                date=pd.Timestamp("2014-03-27"),
                date_precision="day",
                url=f"https://example.org/{i}",
                kind="primary",
                voice="UN",
                language="en",
                accessed=pd.Timestamp("2026-11-27"),
                note=None,
            )
            for i in ("un-20140327-res", "wh-readout", "kremlin-readout", "ev-source")
        ]
    ).set_index("id", drop=False)
    events = pd.DataFrame(
        [
            dict(
                id="ev-2014-03-27-unga",
                display_date="27 March 2014",
                headline="UN General Assembly adopts <i>68/262</i>",
                text="The resolution ...",
                note=None,
                source_ids=("ev-source",),
            )
        ]
    ).set_index("id", drop=False)
    readouts = pd.DataFrame(
        [
            dict(
                id="ro-energy",
                order=1,
                topic="Energy",
                in_white_house=True,
                in_kremlin=True,
                white_house_wording="energy and infrastructure",
                kremlin_wording="energy infrastructure",
                difference="Scope differs",
                afterwards=None,
                event_ids=(),
                source_ids=("wh-readout", "kremlin-readout"),
            )
        ]
    )
    votes = pd.DataFrame(
        [
            dict(
                id="vo-2014-ref-yes",
                vote="2014-03-16-referendum",
                date=pd.Timestamp("2014-03-16"),
                title="Status referendum",
                area="Crimea",
                option="yes",
                count=1233002,
                share_pct=96.77,
                share_base="ballots-cast",
                figure_status="claimed",
                note="Not recognised",
                source_ids="un-20140327-res",
            )
        ]
    )
    return {"quiz": pd.DataFrame(QUESTIONS), "sources": sources, "events": events, "readouts": readouts, "votes": votes}
