"""The attempts as CSV, for a spreadsheet: one row per counted attempt.

Made for Dutch Excel: the delimiter is a semicolon (Dutch Excel uses the comma as the
decimal separator, and opens semicolon-separated files straight into columns), the text is
UTF-8 with a byte order mark (so Excel reads "vóór" and "coördinator" right), and lines end
in CRLF. Other spreadsheets (LibreOffice, Numbers, Google Sheets) read it as well.

Columns: ``poging`` (the attempt's number in the store), ``trainee``, ``groep``, ``cursus``,
``scenario`` (the id), ``scenariotitel``, ``modus`` (training/examen), ``begonnen``,
``beeindigd`` (ISO 8601 with time zone, as stored), ``status`` (afgerond/afgebroken),
``score`` (0-100), ``geslaagd`` (ja/nee), then one column per rule, named by its fixed id,
holding ``ok``, ``overtreden`` or ``n.v.t.`` (empty if the attempt has no verdict for it).

What a trainee typed (a name, a group code) and what an author wrote (a course, a scenario)
never starts a formula: a text that begins with ``= + - @``, a tab or a carriage return gets
an apostrophe in front (``'=1+1``), which a spreadsheet shows as text, not as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from scoring.registry import BY_ID
from simulator.reports import dutch
from simulator.reports.data import AttemptLine

DELIMITER = ";"
ENCODING = "utf-8-sig"  # UTF-8 with a byte order mark
COLUMNS = (
    "poging",
    "trainee",
    "groep",
    "cursus",
    "scenario",
    "scenariotitel",
    "modus",
    "begonnen",
    "beeindigd",
    "status",
    "score",
    "geslaagd",
)
# after the rules, so that the columns of older exports keep their place
LAST_COLUMNS = ("extra_tijd",)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text(value: str) -> str:
    """A text cell that a spreadsheet cannot run as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def header() -> list[str]:
    return [*COLUMNS, *BY_ID, *LAST_COLUMNS]


def rows(lines: Sequence[AttemptLine]) -> list[list[str]]:
    out: list[list[str]] = []
    for a in lines:
        out.append(
            [
                str(a.id),
                text(a.trainee),
                text(a.groep or ""),
                text(a.course or ""),
                text(a.scenario),
                text(a.scenario_title),
                a.mode,
                a.started,
                a.ended or "",
                a.status,
                "" if a.score is None else str(a.score),
                dutch.yes_no(a.passed),
                *(dutch.STATUS.get(a.verdicts.get(rule, ""), "") for rule in BY_ID),
                str(a.extra_time),
            ]
        )
    return out


def to_csv(lines: Sequence[AttemptLine]) -> str:
    """The CSV text (without the byte order mark: write it with ``ENCODING``)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(header())
    writer.writerows(rows(lines))
    return buffer.getvalue()


def to_bytes(lines: Sequence[AttemptLine]) -> bytes:
    """The CSV as a file's bytes: UTF-8 with a byte order mark."""
    return to_csv(lines).encode(ENCODING)
