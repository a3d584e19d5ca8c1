"""The report's figures as JSON: the dataclasses of ``data``, with a ``soort`` (kind) and
the moment the report was made. Rule and competency names are the fixed ids and names of
the scoring; scores are 0-100; averages and percentages have one decimal."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from simulator.reports.data import GroupReport, TraineeReport

FORMAT_VERSION = 1


def to_data(report: TraineeReport | GroupReport, *, generated: str) -> dict[str, Any]:
    body = asdict(report)
    if isinstance(report, TraineeReport):
        kind = "trainee"
    else:
        kind = body.pop("kind")  # said once, as 'soort'
        body["progress"] = asdict(report.progress)
    return {"soort": kind, "versie": FORMAT_VERSION, "gemaakt": generated, **body}


def to_json(report: TraineeReport | GroupReport, *, generated: str) -> str:
    return json.dumps(to_data(report, generated=generated), ensure_ascii=False, indent=2) + "\n"
