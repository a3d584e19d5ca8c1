"""The xAPI export: every statement by the rules of xAPI 1.0.3, in cmi5 order per attempt,
one ``answered`` per decision, pseudonymous actors, and the same ids on every export."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from simulator.cli import COMMANDS
from simulator.cli import parser as regie_parser
from simulator.reports import xapi
from simulator.store import Store
from tests.reports.test_reports import BEV_MODEL, KM, KM_FAIL, LIB, THINK, seed_store

ADL = "http://adlnet.gov/expapi/verbs/"
DURATION = re.compile(r"^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = seed_store(tmp_path_factory.mktemp("regie") / "regie.sqlite")
    yield store
    store.close()


@pytest.fixture(scope="module")
def statements(seeded: Store) -> list[dict[str, Any]]:
    return xapi.export(seeded, LIB)


def is_iri(text: object) -> bool:
    if not isinstance(text, str):
        return False
    parts = urlsplit(text)
    return bool(parts.scheme and parts.netloc) and " " not in text


def check_statement(s: dict[str, Any]) -> None:
    """The requirements of xAPI 1.0.3 (section 2.2 - 2.4) that this export touches."""
    assert set(s) <= {"id", "actor", "verb", "object", "result", "context", "timestamp"}
    assert uuid.UUID(s["id"]).version == 5 and str(uuid.UUID(s["id"])) == s["id"]
    actor = s["actor"]
    assert actor["objectType"] == "Agent"
    assert set(actor) == {"objectType", "account"}, "one identifier, and no name"
    assert is_iri(actor["account"]["homePage"])
    assert re.fullmatch(r"[0-9a-f]{32}", actor["account"]["name"])
    assert is_iri(s["verb"]["id"]) and s["verb"]["id"].startswith(ADL)
    assert all(isinstance(v, str) for v in s["verb"]["display"].values())
    obj = s["object"]
    assert obj["objectType"] == "Activity" and is_iri(obj["id"])
    assert is_iri(obj["definition"]["type"])
    assert obj["definition"]["name"]["nl-NL"]
    assert TIMESTAMP.match(s["timestamp"])
    assert datetime.fromisoformat(s["timestamp"]).tzinfo is not None
    context = s["context"]
    assert uuid.UUID(context["registration"])
    assert all(is_iri(k) for k in context["extensions"])
    for activities in context.get("contextActivities", {}).values():
        assert isinstance(activities, list) and all(is_iri(a["id"]) for a in activities)
    result = s.get("result")
    if result is not None:
        if "duration" in result:
            assert DURATION.match(result["duration"]), result["duration"]
        if "success" in result:
            assert isinstance(result["success"], bool)
        if "completion" in result:
            assert isinstance(result["completion"], bool)
        if "score" in result:
            score = result["score"]
            assert -1 <= score["scaled"] <= 1
            assert score["min"] <= score["raw"] <= score["max"]
            assert score["min"] < score["max"]


def verb(s: dict[str, Any]) -> str:
    return str(s["verb"]["id"]).removeprefix(ADL)


def by_attempt(statements: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for s in statements:
        out.setdefault(s["context"]["extensions"][xapi.EXT_SESSION], []).append(s)
    return out


def test_every_statement_follows_the_rules(statements: list[dict[str, Any]]) -> None:
    assert statements
    for s in statements:
        check_statement(s)
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids))


def test_cmi5_order_per_attempt(seeded: Store, statements: list[dict[str, Any]]) -> None:
    groups = by_attempt(statements)
    rows = [r for r in seeded.attempts() if r.counts]
    assert set(groups) == {r.uuid for r in rows}, "every counted attempt, nothing else"
    for row in rows:
        verbs = [verb(s) for s in groups[row.uuid]]
        decisions = [e for e in seeded.events(row.id) if e.is_decision]
        ending = ["completed"] if row.status == "afgerond" else []
        outcome = "passed" if row.passed else "failed"
        assert verbs == [
            "launched",
            "initialized",
            *["answered"] * len(decisions),
            *ending,
            outcome,
            "terminated",
        ]
        stamps = [datetime.fromisoformat(s["timestamp"]) for s in groups[row.uuid]]
        assert stamps == sorted(stamps)
        assert stamps[0] == datetime.fromisoformat(row.started)
        assert stamps[-1] == datetime.fromisoformat(row.ended or "")
        for s in groups[row.uuid]:
            if verb(s) != "answered":
                assert s["object"]["id"] == f"https://regie.example/scenarios/{row.scenario}"


def test_one_answered_per_decision(seeded: Store, statements: list[dict[str, Any]]) -> None:
    row = seeded.attempts(trainee="Anna de Vries")[0]  # the failing path, with two timeouts
    answered = [s for s in by_attempt(statements)[row.uuid] if verb(s) == "answered"]
    assert [s["result"]["response"] for s in answered] == KM_FAIL
    assert [s["object"]["id"] for s in answered] == [
        "https://regie.example/interventies/besluit-uitleggen",
        "https://regie.example/interventies/besluit-uitleggen",
        "https://regie.example/interventies/wacht",
        "https://regie.example/interventies/wacht",
    ]
    fasen = LIB.scenarios[KM].fasen
    timers = [fasen["dreiging_staand"].timer, fasen["escalatie"].timer]
    assert all(t is not None for t in timers)
    assert [s["result"]["duration"] for s in answered] == [
        "PT3.5S",
        "PT3.5S",
        *(f"PT{t.seconds:g}S" for t in timers if t),
    ]
    ext = [s["context"]["extensions"] for s in answered]
    assert [e[xapi.EXT_LEVEL] for e in ext] == [1, 2, 2, 3]
    assert [e[xapi.EXT_STEP] for e in ext] == [1, 2, 3, 4]
    assert [e[xapi.EXT_FASE] for e in ext] == ["binnenkomst", "eis", "dreiging_staand", "escalatie"]
    first = {v["rule"]: v["status"] for v in ext[0][xapi.EXT_VERDICTS]}
    assert first["orde-voor-inhoud"] == "violated" and first["vroeg-ingrijpen"] == "violated"
    assert ext[0][xapi.EXT_VERDICTS][0]["title"] == "Orde vóór inhoud"
    assert row.result is not None
    steps = {s.step: s.verdicts for s in row.result.steps}
    for i, e in enumerate(ext, start=1):
        assert [(v["rule"], v["status"]) for v in e[xapi.EXT_VERDICTS]] == [
            (v.rule, v.status) for v in steps[i]
        ]
    assert answered[0]["result"]["success"] is False
    assert answered[0]["context"]["contextActivities"]["parent"][0]["id"].endswith(KM)
    assert answered[0]["context"]["contextActivities"]["grouping"][0]["id"] == (
        "https://regie.example/cursussen/klantmanager-halve-dag"
    )
    # the moments come from when each move was saved
    assert [s["timestamp"] for s in answered] == sorted(s["timestamp"] for s in answered)


def test_the_outcome(seeded: Store, statements: list[dict[str, Any]]) -> None:
    groups = by_attempt(statements)
    for row in seeded.attempts():
        if not row.counts:
            continue
        (judged,) = [s for s in groups[row.uuid] if verb(s) in ("passed", "failed")]
        result = judged["result"]
        assert result["success"] is bool(row.passed)
        assert result["score"] == {
            "scaled": (row.score or 0) / 100,
            "raw": row.score,
            "min": 0,
            "max": 100,
        }
        assert judged["context"]["extensions"][xapi.EXT_MASTERY] == 0.7
        categories = [a["id"] for a in judged["context"]["contextActivities"]["category"]]
        assert categories == [xapi.CMI5_CATEGORY, xapi.MOVEON_CATEGORY]
    chris = seeded.attempts(trainee="Chris Bakker")[0]
    mine = groups[chris.uuid]
    assert [s["result"]["response"] for s in mine if verb(s) == "answered"] == BEV_MODEL
    completed = next(s for s in mine if verb(s) == "completed")
    assert completed["result"]["completion"] is True
    assert completed["result"]["duration"] == "PT12M"  # 09:16 to 09:28 on the store's clock
    stopped = next(r for r in seeded.attempts() if r.status == "afgebroken")
    assert "completed" not in [verb(s) for s in groups[stopped.uuid]]
    assert verb(groups[stopped.uuid][-2]) == "failed"


def test_actors_are_pseudonyms(seeded: Store, statements: list[dict[str, Any]]) -> None:
    text = json.dumps(statements, ensure_ascii=False)
    for trainee in seeded.trainees():
        assert trainee.name not in text
        assert trainee.name.split()[0] not in text
    groups = by_attempt(statements)
    names: dict[str, set[str]] = {}
    for row in seeded.attempts():
        if row.counts:
            names.setdefault(row.trainee, set()).update(
                s["actor"]["account"]["name"] for s in groups[row.uuid]
            )
    assert all(len(n) == 1 for n in names.values()), "one pseudonym per trainee"
    assert len({next(iter(n)) for n in names.values()}) == len(names), "and each its own"
    assert xapi.pseudonym("key", 1) != xapi.pseudonym("key", 2)
    assert xapi.pseudonym("key", 1) != xapi.pseudonym("other key", 1)


def test_exporting_again_gives_the_same_ids(
    seeded: Store, statements: list[dict[str, Any]]
) -> None:
    again = xapi.export(seeded, LIB)
    assert [s["id"] for s in again] == [s["id"] for s in statements]
    assert again == statements  # the same store gives the same export
    reopened = Store(seeded.path)
    try:
        assert xapi.export(reopened, LIB) == statements  # the key is kept in the store
    finally:
        reopened.close()


def test_iso_durations() -> None:
    assert xapi.iso_duration(0) == "PT0S"
    assert xapi.iso_duration(3.5) == "PT3.5S"
    assert xapi.iso_duration(15) == "PT15S"
    assert xapi.iso_duration(62.25) == "PT1M2.25S"
    assert xapi.iso_duration(3600) == "PT1H"
    assert xapi.iso_duration(65444) == "PT18H10M44S"
    for seconds in (0, 0.004, 1.5, 59.999, 61, 3599.99, 86400 * 3 + 1):
        assert DURATION.match(xapi.iso_duration(seconds))


def test_export_command(seeded: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = regie_parser()
    data = str(seeded.path.parent)

    def run(*args: str) -> tuple[int, str, str]:
        ns = parser.parse_args(["--data", data, "export", *args])
        code = COMMANDS["export"](ns)
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("--xapi")
    assert code == 0
    array = json.loads(out)
    assert [s["id"] for s in array] == [s["id"] for s in xapi.export(seeded, LIB)]
    code, out, _ = run("--xapi", "--jsonl")
    lines = out.splitlines()
    assert code == 0 and [json.loads(line) for line in lines] == array
    target = tmp_path / "statements.json"
    code, out, err = run("--xapi", "-o", str(target))
    assert code == 0 and out == "" and f"{len(array)} statements" in err
    assert json.loads(target.read_text(encoding="utf-8")) == array
    code, _, err = run()
    assert code == 2 and "--xapi" in err


def test_a_decision_without_a_saved_move_time_uses_the_logical_clock(seeded: Store) -> None:
    row = seeded.attempts(trainee="Anna de Vries")[0]
    made = xapi.attempt_statements(row, LIB, seeded.events(row.id), [], "0" * 32)
    answered = [s for s in made if verb(s) == "answered"]
    start = datetime.fromisoformat(row.started)
    # two explained choices, then the timer of each of the next two fasen runs out
    fasen = LIB.scenarios[KM].fasen
    first, second = fasen["dreiging_staand"].timer, fasen["escalatie"].timer
    assert first is not None and second is not None
    assert [(datetime.fromisoformat(s["timestamp"]) - start).total_seconds() for s in answered] == [
        THINK,
        2 * THINK,
        2 * THINK + first.seconds,
        2 * THINK + first.seconds + second.seconds,
    ]
