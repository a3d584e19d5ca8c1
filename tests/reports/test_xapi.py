"""The xAPI export: every statement by the rules of xAPI 1.0.3 and of cmi5 (checked by the
validator in ``tests/cmi5_rules.py`` against every bundled scenario played by the bots), one
``answered`` interaction per decision, pseudonymous actors, and the same ids on every export."""

from __future__ import annotations

import copy
import json
import re
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from simulator.cli import COMMANDS
from simulator.cli import parser as regie_parser
from simulator.reports import xapi
from simulator.store import Store
from tests import cmi5_rules
from tests.reports.test_reports import BEV_MODEL, KM, KM_FAIL, LIB, THINK, seed_store
from tests.xapi_kit import bot_store, publisher_map

ADL = "http://adlnet.gov/expapi/verbs/"
BASE = xapi.DEFAULT_BASE
DURATION = re.compile(r"^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = seed_store(tmp_path_factory.mktemp("regie") / "regie.sqlite")
    yield store
    store.close()


@pytest.fixture(scope="module")
def statements(seeded: Store) -> list[dict[str, Any]]:
    return xapi.export(seeded, LIB)


@pytest.fixture(scope="module")
def bots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = bot_store(tmp_path_factory.mktemp("bots") / "regie.sqlite", LIB)
    yield store
    store.close()


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
    assert TIMESTAMP.match(s["timestamp"]), s["timestamp"]
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
        assert all(is_iri(k) for k in result.get("extensions", {}))


def verb(s: dict[str, Any]) -> str:
    return str(s["verb"]["id"]).removeprefix(ADL)


def by_attempt(statements: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for s in statements:
        out.setdefault(s["context"]["extensions"][xapi.EXT_SESSION], []).append(s)
    return out


def ext(name: str) -> str:
    return xapi.extension(BASE, name)


# --- cmi5: the validator on every bundled scenario played by the bots ------------------------
def test_every_bundled_scenario_played_by_the_bots_keeps_every_cmi5_rule(bots: Store) -> None:
    statements = xapi.export(bots, LIB)
    publisher = publisher_map(statements, BASE)
    assert len(publisher) == len(LIB.scenarios), "every bundled scenario is in the export"
    assert cmi5_rules.problems(statements, publisher) == []
    for s in statements:
        check_statement(s)
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids))
    verbs = {verb(s) for s in statements}
    assert verbs == {
        "initialized", "answered", "completed", "passed", "failed", "scored", "terminated"
    }  # fmt: skip
    assert "launched" not in json.dumps(statements), "only an LMS writes launched"


def test_the_registration_rules_over_replays(bots: Store) -> None:
    """nietsdoener fails, protocol passes, willekeurig and protocol again after the pass, and
    toegever: one completed and one passed per registration, no failed after the pass."""
    statements = xapi.export(bots, LIB)
    sid = sorted(LIB.scenarios)[1]
    row = next(r for r in bots.attempts(trainee="Trainee 01") if r.scenario == sid)
    mine = [
        s for s in statements if s["object"]["id"] == f"{BASE}/au/{sid}"
        and s["actor"] == by_attempt(statements)[row.uuid][0]["actor"]
    ]  # fmt: skip
    sessions = by_attempt(mine)
    training = [
        [verb(s) for s in sessions[r.uuid] if verb(s) != "answered"]
        for r in bots.attempts(trainee="Trainee 01")
        if r.mode == "training"
    ]
    assert training[0][:3] == ["initialized", "completed", "failed"]
    assert training[1] == ["initialized", "passed", "terminated"]  # completed once only
    assert training[2] == training[3] == training[4] == ["initialized", "scored", "terminated"]
    registrations = {s["context"]["registration"] for s in mine}
    exam = [r for r in bots.attempts(trainee="Trainee 01") if r.mode == "examen"]
    assert len(registrations) == 2, "one for the course's training, one for the exam"
    (exam_row,) = exam
    assert [verb(s) for s in sessions[exam_row.uuid] if verb(s) != "answered"] == [
        "initialized",
        "failed",
        "terminated",
    ]


def test_the_validator_finds_what_breaks_the_rules(bots: Store) -> None:
    """Each rule can fail: broken copies of a good export are caught, section and all."""
    good = xapi.export(bots, LIB)
    publisher = publisher_map(good, BASE)
    session = next(iter(by_attempt(good).values()))

    def broken(change: Any) -> list[str]:
        copied = copy.deepcopy(session)
        change(copied)
        return cmi5_rules.problems(copied, publisher)

    def first(name: str, statements: list[dict[str, Any]]) -> dict[str, Any]:
        return next(s for s in statements if verb(s) == name)

    def launched(st: list[dict[str, Any]]) -> None:
        extra = copy.deepcopy(st[0])
        extra["verb"] = xapi.verb("initialized") | {"id": ADL + "launched"}
        extra["id"] = str(uuid.uuid4())
        st.insert(0, extra)

    def late_initialized(st: list[dict[str, Any]]) -> None:
        st[0]["timestamp"] = st[1]["timestamp"]

    def terminated_not_last(st: list[dict[str, Any]]) -> None:
        st[-1]["timestamp"] = st[-2]["timestamp"]

    def completion_on_failed(st: list[dict[str, Any]]) -> None:
        first("failed", st)["result"]["completion"] = False

    def failed_at_mastery(st: list[dict[str, Any]]) -> None:
        failed = first("failed", st)
        failed["result"]["score"] = {"scaled": 0.7, "raw": 70, "min": 0, "max": 100}
        failed["context"]["extensions"][xapi.EXT_MASTERY] = 0.7

    def no_category(st: list[dict[str, Any]]) -> None:
        del first("terminated", st)["context"]["contextActivities"]["category"]

    def moveon_on_answered(st: list[dict[str, Any]]) -> None:
        first("answered", st)["context"]["contextActivities"]["category"] = [
            {"id": xapi.MOVEON_CATEGORY}
        ]

    def no_duration(st: list[dict[str, Any]]) -> None:
        del first("terminated", st)["result"]["duration"]

    def response_not_a_choice(st: list[dict[str, Any]]) -> None:
        first("answered", st)["result"]["response"] = "iets-anders"

    def local_time(st: list[dict[str, Any]]) -> None:
        st[1]["timestamp"] = st[1]["timestamp"].replace("Z", "+01:00")

    def twice_initialized(st: list[dict[str, Any]]) -> None:
        again = copy.deepcopy(st[0])
        again["timestamp"] = st[1]["timestamp"]
        st.append(again)

    cases = {
        "§9.3.1": launched,
        "§7.1.1": late_initialized,
        "§7.1.2": terminated_not_last,
        "§9.5.3": completion_on_failed,
        "§9.3.5": failed_at_mastery,
        "§9.6.2.1": no_category,
        "§9.6.2.2": moveon_on_answered,
        "§9.5.4.1": no_duration,
        "xAPI 2.4.4.1": response_not_a_choice,
        "§9.7": local_time,
        "§9.3 session": twice_initialized,
    }
    for section, change in cases.items():
        found = broken(change)
        assert any(p.startswith(section) for p in found), (section, found)
    # two passes, two completed, and a failed after a pass, in one registration
    sessions = list(by_attempt(good).values())
    reg = sessions[0][0]["context"]["registration"]
    same = [st for st in sessions if st[0]["context"]["registration"] == reg]
    fail = next(st for st in same if any(verb(s) == "completed" for s in st))
    passing = next(st for st in same if any(verb(s) == "passed" for s in st))

    def later(st: list[dict[str, Any]], days: int) -> list[dict[str, Any]]:
        out = copy.deepcopy(st)
        for s in out:
            s["context"]["extensions"][xapi.EXT_SESSION] = f"nog een {days}"
            moment = datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00"))
            s["timestamp"] = xapi.timestamp(moment + timedelta(days=days))
        return out

    found = cmi5_rules.problems([*fail, *passing, *later(passing, 1), *later(fail, 2)], publisher)
    for section in ("§9.3.3", "§9.3.4", "§9.3 registration"):
        assert any(p.startswith(section) for p in found), (section, found)


# --- the seeded store --------------------------------------------------------------------------
def test_every_statement_follows_the_rules(statements: list[dict[str, Any]]) -> None:
    assert statements
    for s in statements:
        check_statement(s)
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids))
    assert cmi5_rules.problems(statements, publisher_map(statements, BASE)) == []


def test_cmi5_order_per_attempt(seeded: Store, statements: list[dict[str, Any]]) -> None:
    groups = by_attempt(statements)
    rows = [r for r in seeded.attempts() if r.counts]
    assert set(groups) == {r.uuid for r in rows}, "every counted attempt, nothing else"
    for row in rows:
        verbs = [verb(s) for s in groups[row.uuid]]
        decisions = [e for e in seeded.events(row.id) if e.is_decision]
        assert verbs[0] == "initialized" and verbs[-1] == "terminated"
        assert verbs[1 : 1 + len(decisions)] == ["answered"] * len(decisions)
        stamps = [datetime.fromisoformat(s["timestamp"]) for s in groups[row.uuid]]
        assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
        assert stamps[0] == datetime.fromisoformat(row.started)
        end = datetime.fromisoformat(row.ended or "")
        assert end <= stamps[-1] <= end + timedelta(milliseconds=3)
        for s in groups[row.uuid]:
            if verb(s) != "answered":
                assert s["object"]["id"] == f"{BASE}/au/{row.scenario}"
                grouping = [a["id"] for a in s["context"]["contextActivities"]["grouping"]]
                assert f"{BASE}/scenarios/{row.scenario}" in grouping


def test_one_answered_interaction_per_decision(
    seeded: Store, statements: list[dict[str, Any]]
) -> None:
    row = seeded.attempts(trainee="Anna de Vries")[0]  # the failing path, with two timeouts
    answered = [s for s in by_attempt(statements)[row.uuid] if verb(s) == "answered"]
    assert [s["result"]["response"] for s in answered] == KM_FAIL
    fasen = LIB.scenarios[KM].fasen
    assert [s["object"]["id"] for s in answered] == [
        f"{BASE}/scenarios/{KM}/fasen/{f}"
        for f in ("binnenkomst", "eis", "dreiging_staand", "escalatie")
    ]
    first = answered[0]["object"]["definition"]
    assert first["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert first["interactionType"] == "choice"
    fase = fasen["binnenkomst"]
    assert [c["id"] for c in first["choices"]][: len(fase.choices)] == [c.id for c in fase.choices]
    assert first["choices"][0]["description"]["nl-NL"] == fase.choices[0].text
    model = fase.model_choice
    assert model is not None and first["correctResponsesPattern"] == [model.id]
    # where a timer can run out, doing nothing is one of the choices
    timed = answered[2]["object"]["definition"]
    assert timed["choices"][-1]["id"] == "wacht"
    timers = [fasen["dreiging_staand"].timer, fasen["escalatie"].timer]
    assert all(t is not None for t in timers)
    assert [s["result"]["duration"] for s in answered] == [
        "PT3.5S",
        "PT3.5S",
        *(f"PT{t.seconds:g}S" for t in timers if t),
    ]
    context = [s["context"]["extensions"] for s in answered]
    assert [e[ext("escalatieniveau")] for e in context] == [1, 2, 2, 3]
    assert [e[ext("stap")] for e in context] == [1, 2, 3, 4]
    verdicts = [s["result"]["extensions"][ext("oordelen")] for s in answered]
    first_verdicts = {v["rule"]: v["status"] for v in verdicts[0]}
    assert first_verdicts["orde-voor-inhoud"] == "violated"
    assert first_verdicts["vroeg-ingrijpen"] == "violated"
    assert verdicts[0][0]["title"] == "Orde vóór inhoud"
    assert row.result is not None
    steps = {s.step: s.verdicts for s in row.result.steps}
    for i, found in enumerate(verdicts, start=1):
        assert [(v["rule"], v["status"]) for v in found] == [(v.rule, v.status) for v in steps[i]]
    assert answered[0]["result"]["success"] is False
    for s in answered:  # cmi5 allowed: the session's context, no cmi5 category
        activities = s["context"]["contextActivities"]
        assert "category" not in activities
        assert activities["parent"][0]["id"] == f"{BASE}/au/{KM}"
        assert f"{BASE}/cursussen/klantmanager-halve-dag" in [
            a["id"] for a in activities["grouping"]
        ]
    assert [s["timestamp"] for s in answered] == sorted(s["timestamp"] for s in answered)


def test_the_outcome(seeded: Store, statements: list[dict[str, Any]]) -> None:
    groups = by_attempt(statements)
    for row in seeded.attempts():
        if not row.counts:
            continue
        judged = [s for s in groups[row.uuid] if verb(s) in ("passed", "failed", "scored")]
        (result,) = [s["result"] for s in judged]
        assert result["success"] is bool(row.passed)
        if "score" in result:
            assert result["score"] == {
                "scaled": (row.score or 0) / 100,
                "raw": row.score,
                "min": 0,
                "max": 100,
            }
        if verb(judged[0]) != "scored" and "score" in result:
            assert judged[0]["context"]["extensions"][xapi.EXT_MASTERY] == 0.7
            categories = [a["id"] for a in judged[0]["context"]["contextActivities"]["category"]]
            assert categories == [xapi.CMI5_CATEGORY, xapi.MOVEON_CATEGORY]
        assert "completion" not in result  # cmi5 §9.5.3
    chris = seeded.attempts(trainee="Chris Bakker")[0]
    mine = groups[chris.uuid]
    assert [s["result"]["response"] for s in mine if verb(s) == "answered"] == BEV_MODEL
    completed = next(s for s in mine if verb(s) == "completed")
    assert completed["result"] == {"completion": True, "duration": "PT12M"}  # 09:16 to 09:28
    # the stopped exam: 70 is the mastery score, so 'failed' cannot carry it (cmi5 §9.3.5)
    stopped = next(r for r in seeded.attempts() if r.status == "afgebroken")
    assert stopped.score == 70
    stopped_verbs = [verb(s) for s in groups[stopped.uuid]]
    assert "completed" not in stopped_verbs and stopped_verbs[-2] == "failed"
    failed = groups[stopped.uuid][-2]["result"]
    assert (
        "score" not in failed
        and xapi.EXT_MASTERY not in groups[stopped.uuid][-2]["context"]["extensions"]
    )
    assert failed["extensions"] == {ext("score"): 70, ext("reden"): "examen gestopt voor het einde"}


def test_registrations_per_enrolment(seeded: Store, statements: list[dict[str, Any]]) -> None:
    groups = by_attempt(statements)
    anna = [r for r in seeded.attempts(trainee="Anna de Vries") if r.counts]
    registrations = [groups[r.uuid][0]["context"]["registration"] for r in anna]
    # two trainings in one course: one enrolment; the exam is an enrolment of its own
    assert registrations[0] == registrations[1] != registrations[2]
    bram = seeded.attempts(trainee="Bram Jansen")[0]
    assert groups[bram.uuid][0]["context"]["registration"] != registrations[0]
    # Anna failed, then passed, in one registration: completed once, then passed
    first, second = ([verb(s) for s in groups[r.uuid] if verb(s) != "answered"] for r in anna[:2])
    assert first == ["initialized", "completed", "failed", "terminated"]
    assert second == ["initialized", "passed", "terminated"]


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


def test_the_iri_base_is_the_organisations(tmp_path: Path) -> None:
    store = seed_store(tmp_path / "regie.sqlite")
    try:
        before = xapi.export(store, LIB)
        assert xapi.iri_base(store) == "https://regie.example"  # the documented default
        store.set_setting(xapi.BASE_SETTING, "https://leren.utrecht.nl/regie/")
        after = xapi.export(store, LIB)
    finally:
        store.close()
    base = "https://leren.utrecht.nl/regie"
    assert all(s["object"]["id"].startswith(base + "/") for s in after)
    assert all(s["actor"]["account"]["homePage"] == base for s in after)
    assert not {s["id"] for s in before} & {s["id"] for s in after}, "other IRIs, other ids"
    assert "regie.example" not in json.dumps(after)
    assert cmi5_rules.problems(after, publisher_map(after, base)) == []
    assert xapi.check_base("ftp://x") and xapi.check_base("https://x/?a") and xapi.check_base("x")
    assert xapi.check_base("https://leren.utrecht.nl/regie") is None


def test_stored_times_have_milliseconds(tmp_path: Path) -> None:
    with Store(tmp_path / "regie.sqlite") as store:
        trainee = store.trainee("Sanne de Wit")
        row = store.start_attempt(trainee, KM, 0)
        assert re.fullmatch(r".*T\d\d:\d\d:\d\d\.\d{3}\+00:00", row.started)


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
    launch = xapi.standalone(row, LIB, BASE, "0" * 32)
    made = xapi.attempt_statements(row, LIB, seeded.events(row.id), [], launch, BASE)
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
