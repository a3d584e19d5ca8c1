"""Copy one store into another (``regie store kopieer``): a laptop's SQLite file into the
region's PostgreSQL database, or back, or any store into any other.

What is copied: trainees (name, group, role, pincode hash, extra time), exams, attempts
with their moves and events, the class sessions (klassikaal: branches, who took part with
their results, every vote), the settings (``instelling:…`` and a group's extra time), and
what an LRS was sent (``xapi_sent``) and must void (``xapi_voids``): so that a trainee
forgotten in the target later is voided in the LRS too, and a push from the target sends
nothing twice. What is not: who is signed in right now and the refused sign-ins (minutes of
data), the trainer codes of ``regie serve``, the cmi5 launches of an LMS with their outbox
(a session of that server with that LMS: its token is the server's), the pages following a
class session (a local port each), and the target's own numbers (a trainee keeps the number
the target gives; the target's xAPI key stays its own).

Without loss or duplication, and the same when run twice:

- a trainee is the same person by name (as everywhere in Regie); what the target does not
  know yet (group, role, pincode) is filled in, what it knows differently is kept and told;
- an attempt is the same by its uuid; one the target has unfinished and the source has
  further (the same moves, and more) is brought up to date; one that differs otherwise is
  kept and told;
- an exam is the same by its trainee, course, start and draw;
- a setting the target has already is kept (a note, not a difference); a group's extra
  time likewise, unless the target has none for that group;
- an LRS record is the same by its LRS and statement id;
- a class session is the same by its group, scenario, seed and start; one the target has
  otherwise is kept and told, and one still under way is not copied into a target where
  the group has another under way (one room, one scenario at a time).

Everything is written in one transaction: all of it, or nothing. Afterwards ``check``
reads both stores again and compares, kind by kind, the count of the source's records that
the target holds unchanged, and a checksum (SHA-256) over them on each side.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.engine.class_session import ACTIVE
from simulator.store.errors import StoreError
from simulator.store.store import FILE_NAME, INSERT_TRAINEE, Store

KINDS = (
    "trainees",
    "examens",
    "pogingen",
    "zetten",
    "gebeurtenissen",
    "klassikaal",
    "instellingen",
    "lrs",
)
SETTING = "instelling:"
GROUP_EXTRA_TIME = "extra tijd van groep "  # + the group code: a row of group_settings
LRS_TABLES = ("xapi_sent", "xapi_voids")
# columns that are numbers of one store: the copy maps them, the check compares by key
OWN_NUMBERS = {"id", "trainee_id", "exam_id", "attempt_id"}


@dataclass
class Tally:
    source: int = 0  # records in the source
    new: int = 0  # copied now
    updated: int = 0  # brought up to date
    kept: int = 0  # already the same in the target


@dataclass
class Copied:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    differences: list[str] = field(default_factory=list)  # kept in the target, told
    notes: list[str] = field(default_factory=list)


@dataclass
class Checked:
    counts: dict[str, tuple[int, int]]  # kind: (in the source, the same in the target)
    source_sum: str
    target_sum: str
    differences: list[str]

    @property
    def ok(self) -> bool:
        return self.source_sum == self.target_sum and not self.differences


def open_place(text: str, *, create: bool) -> Store:
    """A store named on the command line: a postgresql:// address, a SQLite file, or a
    folder with ``regie.sqlite`` in it. A source (``create=False``) must exist."""
    from simulator.store.engines.postgres import PostgresEngine, is_url

    if is_url(text):
        return Store(Path(FILE_NAME), engine=PostgresEngine(text, create=create))
    path = Path(text).expanduser()
    if path.is_dir() or (not path.exists() and path.suffix == ""):
        path = path / FILE_NAME
    if not create and not path.exists():
        raise StoreError(f"{path} bestaat niet; geef het bestand met de resultaten of zijn map.")
    return Store(path)


def same_place(a: Store, b: Store) -> bool:
    if a.shared or b.shared:
        return a.where == b.where
    return a.path.resolve() == b.path.resolve()


# --- reading a store whole ---------------------------------------------------------------
def _rows(store: Store, table: str, order: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    columns = store.engine.columns(table)
    rows = store.db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
    return columns, [tuple(r) for r in rows]


@dataclass
class Contents:
    """A store as records keyed the same way in every store (no store's own numbers)."""

    trainees: dict[str, dict[str, Any]]  # casefolded name
    exams: dict[str, dict[str, Any]]  # trainee, course, start, draw
    attempts: dict[str, dict[str, Any]]  # uuid
    moves: dict[str, list[dict[str, Any]]]  # uuid: in order
    events: dict[str, list[str]]  # uuid: in order
    settings: dict[str, str]  # the meta table's settings, and each group's extra time
    lrs: dict[str, dict[str, Any]]  # table, LRS and statement id (attempt: its uuid)
    classes: dict[str, dict[str, Any]]  # group, scenario, seed, start: with all that is theirs


def _exam_key(trainee: str, course: str, started: str, plan: str) -> str:
    return json.dumps([trainee, course, started, plan], ensure_ascii=False)


def _class_key(groep: str | None, scenario: str, seed: int, started: str) -> str:
    return json.dumps([groep, scenario, seed, started], ensure_ascii=False)


def _class_sessions(
    db: Any, columns_of: Any, names: dict[int, str], only: int | None = None
) -> dict[str, dict[str, Any]]:
    """The class sessions of a store (or the one numbered ``only``), each as one record:
    its own columns, its branches, who took part (by name) and every vote (by name)."""
    where = "" if only is None else f" WHERE id = {int(only)}"
    columns = columns_of("class_sessions")
    sessions: dict[int, dict[str, Any]] = {}
    for row in db.execute(f"SELECT {', '.join(columns)} FROM class_sessions{where} ORDER BY id"):
        record = dict(zip(columns, row, strict=True))
        number = record.pop("id")
        sessions[number] = record | {"branches": [], "members": [], "votes": []}
    if not sessions:
        return {}
    ids = ", ".join(str(i) for i in sessions)
    parts = (
        ("class_branches", "branches", "number"),
        ("class_members", "members", "trainee_id"),
        ("class_votes", "votes", "branch, step, trainee_id"),
    )
    for table, part, order in parts:
        cols = columns_of(table)
        for row in db.execute(
            f"SELECT {', '.join(cols)} FROM {table} WHERE session_id IN ({ids}) "
            f"ORDER BY session_id, {order}"
        ):
            record = dict(zip(cols, row, strict=True))
            owner = sessions[record.pop("session_id")]
            if "trainee_id" in record:
                record["trainee"] = names[record.pop("trainee_id")]
            owner[part].append(record)
    for record in sessions.values():  # the same order in every store: by name, not number
        record["members"].sort(key=lambda m: m["trainee"])
        record["votes"].sort(key=lambda v: (v["branch"], v["step"], v["trainee"]))
    return {
        _class_key(r["groep"], r["scenario"], r["seed"], r["started"]): r for r in sessions.values()
    }


def read(store: Store) -> Contents:
    t_cols, t_rows = _rows(store, "trainees", "id")
    trainees = {}
    names: dict[int, str] = {}
    for row in t_rows:
        record = dict(zip(t_cols, row, strict=True))
        key = str(record["name"]).casefold()
        names[record["id"]] = key
        trainees[key] = {k: v for k, v in record.items() if k not in OWN_NUMBERS}
    e_cols, e_rows = _rows(store, "exams", "id")
    exams, exam_keys = {}, {}
    for row in e_rows:
        record = dict(zip(e_cols, row, strict=True))
        key = _exam_key(
            names[record["trainee_id"]], record["course"], record["started"], record["plan"]
        )
        exam_keys[record["id"]] = key
        exams[key] = {k: v for k, v in record.items() if k not in OWN_NUMBERS}
        exams[key]["trainee"] = names[record["trainee_id"]]
    a_cols, a_rows = _rows(store, "attempts", "id")
    attempts, uuids = {}, {}
    for row in a_rows:
        record = dict(zip(a_cols, row, strict=True))
        uuids[record["id"]] = record["uuid"]
        attempts[record["uuid"]] = {k: v for k, v in record.items() if k not in OWN_NUMBERS}
        attempts[record["uuid"]]["trainee"] = names[record["trainee_id"]]
        exam = record.get("exam_id")
        attempts[record["uuid"]]["exam"] = exam_keys.get(exam) if exam is not None else None
    m_cols, m_rows = _rows(store, "moves", "attempt_id, seq")
    moves: dict[str, list[dict[str, Any]]] = {u: [] for u in attempts}
    for row in m_rows:
        record = dict(zip(m_cols, row, strict=True))
        moves[uuids[record["attempt_id"]]].append(
            {k: v for k, v in record.items() if k not in OWN_NUMBERS}
        )
    events: dict[str, list[str]] = {u: [] for u in attempts}
    for attempt_id, event in store.db.execute(
        "SELECT attempt_id, event FROM events ORDER BY attempt_id, seq"
    ):
        events[uuids[attempt_id]].append(str(event))
    settings = {
        str(k): str(v)
        for k, v in store.db.execute(
            "SELECT key, value FROM meta WHERE key LIKE ? ORDER BY key", (SETTING + "%",)
        )
    }
    for groep, percent in store.db.execute(
        "SELECT groep, extra_tijd FROM group_settings WHERE extra_tijd > 0 ORDER BY groep"
    ):
        settings[GROUP_EXTRA_TIME + str(groep)] = str(percent)
    lrs: dict[str, dict[str, Any]] = {}
    for table in LRS_TABLES:
        columns, rows = _rows(store, table, "lrs, statement_id")
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            if "attempt_id" in record:
                attempt = record.pop("attempt_id")
                record["attempt"] = uuids.get(attempt) if attempt is not None else None
            lrs[_lrs_key(table, record["lrs"], record["statement_id"])] = record
    classes = _class_sessions(store.db, store.engine.columns, names)
    return Contents(trainees, exams, attempts, moves, events, settings, lrs, classes)


def _lrs_key(table: str, lrs: str, statement_id: str) -> str:
    return json.dumps([table, lrs, statement_id], ensure_ascii=False)


# --- copying -----------------------------------------------------------------------------
# what the source may know of a trainee that the target does not: filled in, never changed
TRAINEE_FACTS = {
    "groep": "de groep",
    "pin": "de pincode",
    "rol": "de rol",
    "extra_tijd": "de extra tijd",
}


def _known(value: Any) -> bool:
    """Does a store know this fact of a trainee (no extra time is 0, not unknown)?"""
    return value is not None and value != 0


def copy(source: Store, target: Store) -> Copied:
    """Copy what the source has and the target lacks (see the module), in one transaction."""
    if same_place(source, target):
        raise StoreError("Bron en doel zijn dezelfde opslag; kies twee verschillende.")
    have = read(source)
    done = Copied()
    tallies = done.tallies
    with target.transaction() as db:
        # trainees: by name
        trainee_ids: dict[str, int] = {}
        for key, person in have.trainees.items():
            tallies["trainees"].source += 1
            found = db.execute(
                "SELECT id, groep, pin, rol, extra_tijd FROM trainees WHERE name = ?",
                (person["name"],),
            ).fetchone()
            if found is None:
                db.execute(INSERT_TRAINEE, (person["name"], person["groep"], person["created"]))
                found = db.execute(
                    "SELECT id, groep, pin, rol, extra_tijd FROM trainees WHERE name = ?",
                    (person["name"],),
                ).fetchone()
                tallies["trainees"].new += 1
            else:
                tallies["trainees"].kept += 1
            trainee_ids[key] = int(found[0])
            for column, theirs in zip(TRAINEE_FACTS, found[1:], strict=True):
                mine = person.get(column)
                if not _known(mine) or mine == theirs:
                    continue
                if not _known(theirs):
                    db.execute(f"UPDATE trainees SET {column} = ? WHERE id = ?", (mine, found[0]))
                else:
                    what = TRAINEE_FACTS[column]
                    done.differences.append(
                        f"trainee {person['name']}: {what} is in het doel anders en is "
                        "daar gehouden"
                    )
        # exams: by trainee, course, start and draw
        exam_ids: dict[str, int] = {}
        for key, exam in have.exams.items():
            tallies["examens"].source += 1
            tid = trainee_ids[exam["trainee"]]
            found = db.execute(
                "SELECT id, status FROM exams WHERE trainee_id = ? AND course = ? AND "
                "started = ? AND plan = ?",
                (tid, exam["course"], exam["started"], exam["plan"]),
            ).fetchone()
            if found is None:
                columns = [c for c in exam if c != "trainee"]
                exam_ids[key] = target.engine.insert(
                    db,
                    f"INSERT INTO exams (trainee_id, {', '.join(columns)}) "
                    f"VALUES (?, {', '.join('?' * len(columns))})",
                    (tid, *(exam[c] for c in columns)),
                )
                tallies["examens"].new += 1
                continue
            exam_ids[key] = int(found[0])
            if found[1] == "bezig" and exam["status"] != "bezig":
                db.execute(
                    "UPDATE exams SET status = ?, ended = ? WHERE id = ?",
                    (exam["status"], exam["ended"], found[0]),
                )
                tallies["examens"].updated += 1
            else:
                tallies["examens"].kept += 1
        # attempts, with their moves and events: by uuid
        for uuid, attempt in have.attempts.items():
            tallies["pogingen"].source += 1
            moves, events = have.moves[uuid], have.events[uuid]
            tallies["zetten"].source += len(moves)
            tallies["gebeurtenissen"].source += len(events)
            values = {k: v for k, v in attempt.items() if k not in ("trainee", "exam")}
            values["trainee_id"] = trainee_ids[attempt["trainee"]]
            values["exam_id"] = exam_ids.get(attempt["exam"]) if attempt["exam"] else None
            found = db.execute("SELECT id, status FROM attempts WHERE uuid = ?", (uuid,)).fetchone()
            if found is None:
                columns = list(values)
                attempt_id = target.engine.insert(
                    db,
                    f"INSERT INTO attempts ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    tuple(values[c] for c in columns),
                )
                _add_moves(db, attempt_id, moves, 0)
                _add_events(db, attempt_id, events, 0)
                tallies["pogingen"].new += 1
                tallies["zetten"].new += len(moves)
                tallies["gebeurtenissen"].new += len(events)
                continue
            attempt_id = int(found[0])
            theirs = _moves_of(db, attempt_id)
            their_events = [
                str(r[0])
                for r in db.execute(
                    "SELECT event FROM events WHERE attempt_id = ? ORDER BY seq", (attempt_id,)
                )
            ]
            mine = [{k: v for k, v in m.items()} for m in moves]
            if theirs == mine and their_events == events and _same_row(db, attempt_id, values):
                tallies["pogingen"].kept += 1
                tallies["zetten"].kept += len(moves)
                tallies["gebeurtenissen"].kept += len(events)
            elif (
                found[1] == "bezig"
                and theirs == mine[: len(theirs)]
                and (len(mine) > len(theirs) or attempt["status"] != "bezig")
            ):  # the target has the start of what the source played on
                columns = [c for c in values if c not in ("uuid", "trainee_id")]
                db.execute(
                    f"UPDATE attempts SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                    (*(values[c] for c in columns), attempt_id),
                )
                _add_moves(db, attempt_id, moves[len(theirs) :], len(theirs))
                db.execute("DELETE FROM events WHERE attempt_id = ?", (attempt_id,))
                _add_events(db, attempt_id, events, 0)
                tallies["pogingen"].updated += 1
                tallies["zetten"].kept += len(theirs)
                tallies["zetten"].new += len(moves) - len(theirs)
                tallies["gebeurtenissen"].updated += len(events)
            else:
                done.differences.append(
                    f"poging {uuid} ({attempt['scenario']}, {attempt['started'][:16]}) van "
                    f"{attempt['trainee']}: staat in het doel anders en is daar gehouden"
                )
        _copy_classes(db, target, have, trainee_ids, done)
        # settings: the target's own stay
        for key, value in have.settings.items():
            tallies["instellingen"].source += 1
            if key.startswith(GROUP_EXTRA_TIME):
                groep = key.removeprefix(GROUP_EXTRA_TIME)
                found = db.execute(
                    "SELECT extra_tijd FROM group_settings WHERE groep = ? AND extra_tijd > 0",
                    (groep,),
                ).fetchone()
                if found is None:
                    db.execute(
                        "INSERT INTO group_settings (groep, extra_tijd) VALUES (?, ?) "
                        "ON CONFLICT (groep) DO UPDATE SET extra_tijd = excluded.extra_tijd",
                        (groep, int(value)),
                    )
                    tallies["instellingen"].new += 1
                    continue
            else:
                found = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if found is None:
                db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
                tallies["instellingen"].new += 1
            else:
                tallies["instellingen"].kept += 1
                if str(found[0]) != value:
                    done.notes.append(
                        f"de instelling '{_shown('instellingen', key)}' had in het doel al een "
                        "waarde en is niet overschreven"
                    )
        # what an LRS was sent and must void: by LRS and statement id
        attempt_ids = {str(r[0]): int(r[1]) for r in db.execute("SELECT uuid, id FROM attempts")}
        for key, record in have.lrs.items():
            tallies["lrs"].source += 1
            table = json.loads(key)[0]
            found = db.execute(
                f"SELECT 1 FROM {table} WHERE lrs = ? AND statement_id = ?",
                (record["lrs"], record["statement_id"]),
            ).fetchone()
            if found is not None:
                tallies["lrs"].kept += 1
                continue
            values = {k: v for k, v in record.items() if k != "attempt"}
            if "attempt" in record:
                values["attempt_id"] = attempt_ids.get(record["attempt"] or "")
            columns = list(values)
            db.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                tuple(values[c] for c in columns),
            )
            tallies["lrs"].new += 1
    return done


def _copy_classes(
    db: Any, target: Store, have: Contents, trainee_ids: dict[str, int], done: Copied
) -> None:
    """The class sessions, by group, scenario, seed and start (see the module)."""
    tally = done.tallies["klassikaal"]
    names = {int(i): str(n).casefold() for i, n in db.execute("SELECT id, name FROM trainees")}
    active = ", ".join(f"'{s}'" for s in ACTIVE)
    for key, record in have.classes.items():
        tally.source += 1
        shown = f"klassikale les {_shown('klassikaal', key)}"
        found = db.execute(
            "SELECT id FROM class_sessions WHERE COALESCE(groep, '') = ? AND scenario = ? "
            "AND seed = ? AND started = ?",
            (record["groep"] or "", record["scenario"], record["seed"], record["started"]),
        ).fetchone()
        if found is not None:
            theirs = _class_sessions(db, target.engine.columns, names, only=int(found[0]))
            if theirs.get(key) == record:
                tally.kept += 1
            else:
                done.differences.append(f"{shown}: staat in het doel anders en is daar gehouden")
            continue
        if (
            record["status"] in ACTIVE
            and db.execute(
                f"SELECT 1 FROM class_sessions WHERE COALESCE(groep, '') = ? AND status IN ({active})",
                (record["groep"] or "",),
            ).fetchone()
        ):
            done.differences.append(
                f"{shown}: is nog bezig, en de groep heeft in het doel al een les die niet is "
                "afgesloten; niet gekopieerd"
            )
            continue
        columns = [c for c in record if c not in ("branches", "members", "votes")]
        session_id = target.engine.insert(
            db,
            f"INSERT INTO class_sessions ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            tuple(record[c] for c in columns),
        )
        for part, table in (
            ("branches", "class_branches"),
            ("members", "class_members"),
            ("votes", "class_votes"),
        ):
            for row in record[part]:
                values = {k: v for k, v in row.items() if k != "trainee"}
                if "trainee" in row:
                    values["trainee_id"] = trainee_ids[row["trainee"]]
                cols = ["session_id", *values]
                db.execute(
                    f"INSERT INTO {table} ({', '.join(cols)}) "
                    f"VALUES ({', '.join('?' * len(cols))})",
                    (session_id, *values.values()),
                )
        tally.new += 1


def _moves_of(db: Any, attempt_id: int) -> list[dict[str, Any]]:
    rows = db.execute("SELECT * FROM moves WHERE attempt_id = ? ORDER BY seq", (attempt_id,))
    first = rows.fetchall()
    if not first:
        return []
    columns = _columns_of(db, "moves")
    return [{k: v for k, v in zip(columns, r, strict=True) if k not in OWN_NUMBERS} for r in first]


def _columns_of(db: Any, table: str) -> list[str]:
    """The columns in the order ``SELECT *`` gives them (inside the write, on its connection)."""
    if getattr(db, "engine_kind", "sqlite") == "postgresql":
        rows = db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [str(r[0]) for r in rows]
    return [str(r[1]) for r in db.execute(f"PRAGMA table_info({table})")]


def _same_row(db: Any, attempt_id: int, values: dict[str, Any]) -> bool:
    columns = [c for c in values if c != "trainee_id" and c != "exam_id"]
    row = db.execute(
        f"SELECT {', '.join(columns)} FROM attempts WHERE id = ?", (attempt_id,)
    ).fetchone()
    return row is not None and list(row) == [values[c] for c in columns]


def _add_moves(db: Any, attempt_id: int, moves: list[dict[str, Any]], first: int) -> None:
    if not moves:
        return
    columns = [c for c in moves[0] if c != "seq"]
    db.executemany(
        f"INSERT INTO moves (attempt_id, seq, {', '.join(columns)}) "
        f"VALUES (?, ?, {', '.join('?' * len(columns))})",
        [(attempt_id, first + i, *(m[c] for c in columns)) for i, m in enumerate(moves)],
    )


def _add_events(db: Any, attempt_id: int, events: list[str], first: int) -> None:
    db.executemany(
        "INSERT INTO events (attempt_id, seq, event) VALUES (?, ?, ?)",
        [(attempt_id, first + i, e) for i, e in enumerate(events)],
    )


# --- checking afterwards -----------------------------------------------------------------
NAMES = {
    "trainees": "trainee",
    "examens": "examen",
    "pogingen": "poging",
    "zetten": "zet van poging",
    "gebeurtenissen": "gebeurtenis van poging",
    "klassikaal": "klassikale les",
    "instellingen": "instelling",
    "lrs": "LRS-gegeven",
}


def _shown(kind: str, key: str) -> str:
    if kind == "examens":
        trainee, course, started, _ = json.loads(key)
        return f"{course} van {trainee}, begonnen {started[:16]}"
    if kind == "klassikaal":
        groep, scenario, _, started = json.loads(key)
        return f"{scenario}{f' van {groep}' if groep else ''}, begonnen {started[:16]}"
    if kind == "lrs":
        table, lrs, statement_id = json.loads(key)
        what = "verstuurd naar" if table == "xapi_sent" else "in te trekken bij"
        return f"{statement_id} {what} {lrs}"
    return key.removeprefix(SETTING)


def _records(have: Contents, keys: Contents | None = None) -> dict[str, dict[str, str]]:
    """Per kind: key -> the record as canonical JSON; of ``have``, for the keys of
    ``keys`` (the source) when given."""
    of = keys or have

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    def pick(mine: dict[str, Any], wanted: Iterable[str]) -> dict[str, str]:
        return {k: dump(mine[k]) for k in wanted if k in mine}

    # a trainee: the name, and what the source knows of them (nothing known, nothing to copy)
    trainees = {
        k: {"name": v["name"].casefold()}
        | {c: v.get(c) for c in TRAINEE_FACTS if _known(of.trainees.get(k, {}).get(c))}
        for k, v in have.trainees.items()
    }
    exams = {k: {c: v for c, v in e.items() if c != "id"} for k, e in have.exams.items()}
    moves = {f"{u}/{m['seq']}": m for u, ms in have.moves.items() if u in of.attempts for m in ms}
    events = {
        f"{u}/{i}": e for u, es in have.events.items() if u in of.attempts for i, e in enumerate(es)
    }
    wanted_moves = [f"{u}/{m['seq']}" for u, ms in of.moves.items() for m in ms]
    wanted_events = [f"{u}/{i}" for u, es in of.events.items() for i in range(len(es))]
    return {
        "trainees": pick(trainees, of.trainees),
        "examens": pick(exams, of.exams),
        "pogingen": pick(have.attempts, of.attempts),
        "zetten": pick(moves, wanted_moves),
        "gebeurtenissen": pick(events, wanted_events),
        "klassikaal": pick(have.classes, of.classes),
        "instellingen": pick(have.settings, of.settings),
        "lrs": pick(have.lrs, of.lrs),
    }


def check(source: Store, target: Store) -> Checked:
    """Read both stores again and compare what the source has with what the target holds
    for it: per kind the count of equal records, and one checksum over all on each side.
    Settings the target kept with another value are notes of the copy, not differences."""
    mine, theirs = read(source), read(target)
    expected = _records(mine)
    found = _records(theirs, mine)
    settings_kept = {
        k for k, v in expected["instellingen"].items() if found["instellingen"].get(k) != v
    }
    counts: dict[str, tuple[int, int]] = {}
    differences: list[str] = []
    source_hash, target_hash = hashlib.sha256(), hashlib.sha256()
    for kind in KINDS:
        want, have = expected[kind], found[kind]
        same = sum(1 for k, v in want.items() if have.get(k) == v)
        counts[kind] = (len(want), same)
        for key, value in sorted(want.items()):
            if kind == "instellingen" and key in settings_kept:
                continue
            source_hash.update(f"{kind}\0{key}\0{value}\n".encode())
            target_hash.update(f"{kind}\0{key}\0{have.get(key, '')}\n".encode())
            if have.get(key) != value:
                differences.append(f"{NAMES[kind]} {_shown(kind, key)}: in het doel anders")
    return Checked(counts, source_hash.hexdigest(), target_hash.hexdigest(), differences)
