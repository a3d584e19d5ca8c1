"""The classroom (``regie serve``): pincodes, who is signed in where, and the brake on guessing.

Many app processes (one per browser) share one store. A name signs in with a pincode of
four digits that the trainee chose the first time that name signed in on a server; only its
scrypt hash (with a random salt) is kept. A wrong pincode or trainer code is refused, and
every refusal makes the next try wait longer (1, 2, 4 … seconds, at most an hour), counted
in the store so that a page reload (a new process) does not reset it. Tries count per
source (the browser's address): guessing from one laptop never locks out a classmate or
the trainer at another. Checking the wait and noting the try are one transaction, so tabs
that try at once get one check between them.

Presence: each process that has a trainee signed in holds a token in ``presence`` and
updates it every few seconds with where the trainee is (a screen, a scenario, a fase). A
newer sign-in with the same name takes the token over; the older process then sees that it
is no longer the one and stops, so two browser tabs never play one attempt at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from simulator.dutch import wait_text
from simulator.store.errors import StoreError
from simulator.store.store import INSERT_TRAINEE, Store, TraineeRow, clean_name

PIN_DIGITS = 4
# The brake: after n wrong tries in a row from one source, the next waits 2**(n-1) seconds,
# at most MAX_WAIT; a try counts for WINDOW. Whoever keeps guessing one name from one source
# gets about 24 tries a day: the 10,000 pincodes take more than a year (see docs/klas.md).
WINDOW = 24 * 3600.0  # refusals older than this no longer count
MAX_WAIT = 3600.0
NEW_NAMES = 5  # new names an hour from one source (regie serve --nieuwe-namen)
ONLINE = 15.0  # a process that has not been heard of for this long is gone
# scrypt: 16 MiB and some tens of milliseconds per check; slow enough to make a stolen file
# costly to search, quick enough for a room signing in at once
_N, _R, _P = 2**14, 8, 1


class SignInRefused(Exception):
    """A sign-in that is refused, with the Dutch message for the trainee."""


TRAINER_CODE = "serve:trainercode:"  # + the group code: the code all hosts of a group share


def shared_trainer_code(
    store: Store, groep: str | None, make: Callable[[], str], *, renew: bool = False
) -> str:
    """The trainer code of this group on a database that several hosts share: the first
    host to start makes it (``make``), every other host reads the same one, in one
    transaction. ``renew``: a new one (the old one no longer works on any host)."""
    key = TRAINER_CODE + (groep or "")
    with store.transaction() as db:
        if renew:
            db.execute("DELETE FROM meta WHERE key = ?", (key,))
        db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
            (key, make()),
        )
        return str(db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0])


def stored_trainer_code(store: Store, groep: str | None) -> str | None:
    """The group's trainer code in a shared database, if a host made one."""
    row = store.db.execute(
        "SELECT value FROM meta WHERE key = ?", (TRAINER_CODE + (groep or ""),)
    ).fetchone()
    return None if row is None else str(row[0])


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def pin_matches(stored: str, pin: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        found = hashlib.scrypt(
            pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except ValueError:
        return False
    return hmac.compare_digest(found.hex(), digest)


def valid_pin(pin: str) -> bool:
    return len(pin) == PIN_DIGITS and pin.isascii() and pin.isdigit()


def wait_after(refusals: int) -> float:
    """Seconds before the next try, after this many refusals in a row."""
    return 0.0 if refusals <= 0 else min(MAX_WAIT, 2.0 ** (refusals - 1))


def _same_trainee(trainee_id: int | None) -> str:
    """The condition on ``trainee_id`` (a trainee, or none: the trainer code), written
    for both engines (PostgreSQL's ``IS`` takes no parameter)."""
    return "trainee_id IS NULL" if trainee_id is None else "trainee_id = ?"


def _trainee_arg(trainee_id: int | None) -> tuple[int, ...]:
    return () if trainee_id is None else (trainee_id,)


@dataclass(frozen=True, slots=True)
class Presence:
    name: str
    groep: str | None
    seen: float
    place: str  # welkom, lijst, briefing, spelen, nabespreking, voortgang, hulp, …
    scenario: str | None
    fase: str | None


class Classroom:
    """The classroom's part of the store. ``clock`` is wall time (seconds since the epoch):
    processes compare it with each other."""

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], float] = time.time,
        source: str = "",
        new_names: int = NEW_NAMES,
    ) -> None:
        self.store = store
        self.clock = clock
        self.new_names = new_names  # new names an hour from one source
        self.source = source  # where the tries come from (the browser's address); "" unknown

    # --- the brake on guessing ------------------------------------------------------
    def _recent(self, kind: str, trainee_id: int | None) -> list[float]:
        since = self.clock() - WINDOW
        rows = self.store.db.execute(
            f"SELECT at FROM refusals WHERE kind = ? AND {_same_trainee(trainee_id)} "
            "AND source = ? AND at > ? ORDER BY at",
            (kind, *_trainee_arg(trainee_id), self.source, since),
        )
        return [float(r[0]) for r in rows]

    def wait_before(self, kind: str, trainee_id: int | None = None) -> float:
        """Seconds still to wait before the next try from this source may be checked."""
        recent = self._recent(kind, trainee_id)
        if not recent:
            return 0.0
        return max(0.0, recent[-1] + wait_after(len(recent)) - self.clock())

    def _reserve(self, kind: str, trainee_id: int | None) -> None:
        """Claim the right to check one try, or raise ``SignInRefused`` (too soon). Checking
        the wait and noting the try are one transaction, and the try counts as refused until
        it is found right: twenty tabs at once get one check, not twenty."""
        with self.store.transaction() as db:
            wait = self.wait_before(kind, trainee_id)
            if wait > 0:
                raise SignInRefused(
                    f"Te veel pogingen achter elkaar. Probeer het over {wait_text(wait)} opnieuw."
                )
            db.execute("DELETE FROM refusals WHERE at <= ?", (self.clock() - WINDOW,))
            db.execute(
                "INSERT INTO refusals (kind, trainee_id, source, at) VALUES (?, ?, ?, ?)",
                (kind, trainee_id, self.source, self.clock()),
            )

    def _refused(self, kind: str, trainee_id: int | None) -> float:
        """The try was wrong (its reservation stays as the refusal): the seconds the next
        try from this source must wait."""
        return wait_after(len(self._recent(kind, trainee_id)))

    def _new_name(self, name: str, groep: str | None) -> None:
        """A name that is new here becomes a trainee for good: at most ``new_names`` an hour
        from one source (a tab typing name after name fills no store). The count, the new
        trainee and the note of who made it are one transaction; the note goes with the
        trainee when the trainee is forgotten."""
        with self.store.transaction() as db:
            made = db.execute(
                "SELECT COUNT(*) FROM refusals WHERE kind = 'nieuw' AND source = ? AND at > ?",
                (self.source, self.clock() - 3600),
            ).fetchone()[0]
            if made >= self.new_names:
                raise SignInRefused(
                    f"Vanaf deze computer zijn het afgelopen uur al {self.new_names} nieuwe namen "
                    "aangemeld. Meld u aan met een naam die hier al speelde, of vraag het de "
                    "trainer."
                )
            created = db.execute(INSERT_TRAINEE, (name, groep, self.store.now())).rowcount
            if created:
                db.execute(
                    "INSERT INTO refusals (kind, trainee_id, source, at) "
                    "VALUES ('nieuw', (SELECT id FROM trainees WHERE name = ?), ?, ?)",
                    (name, self.source, self.clock()),
                )

    def _clear(self, kind: str, trainee_id: int | None) -> None:
        """Right: this source starts afresh (another source's count is its own)."""
        with self.store.transaction() as db:
            db.execute(
                f"DELETE FROM refusals WHERE kind = ? AND {_same_trainee(trainee_id)} "
                "AND source = ?",
                (kind, *_trainee_arg(trainee_id), self.source),
            )

    # --- the trainer code -----------------------------------------------------------
    def check_trainer_code(self, given: str, code: str) -> None:
        """Raise ``SignInRefused`` unless ``given`` is the trainer code (spaces do not count)."""
        self._reserve("trainer", None)
        typed = "".join(given.split())
        if not code or not hmac.compare_digest(typed.encode(), "".join(code.split()).encode()):
            wait = self._refused("trainer", None)
            raise SignInRefused(
                "Die trainercode klopt niet. De trainer vindt de code in het venster waarin "
                f"'regie serve' draait. Probeer het over {wait_text(wait)} opnieuw."
            )
        self._clear("trainer", None)

    # --- trainees with a pincode ----------------------------------------------------
    def _find(self, name: str) -> tuple[TraineeRow, str | None] | None:
        row = self.store.db.execute(
            "SELECT id, name, groep, created, pin FROM trainees WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            return None
        return TraineeRow(row[0], row[1], row[2], row[3]), row[4]

    def known(self, name: str) -> bool:
        """Has this name a pincode already (has it signed in on a server before)?"""
        found = self._find(clean_name(name))
        return found is not None and found[1] is not None

    def sign_in(self, name: str, pin: str, groep: str | None) -> tuple[TraineeRow, bool]:
        """The trainee, and whether the pincode was new (chosen just now). Refused with a
        Dutch message: no name, a pincode that is not four digits, a wrong pincode, or
        too many tries in a row."""
        name = clean_name(name)
        if not name:
            raise SignInRefused("Vul eerst uw naam in.")
        if len(name) > 80:
            raise SignInRefused("Die naam is te lang; gebruik hoogstens 80 tekens.")
        pin = pin.strip()
        if not valid_pin(pin):
            raise SignInRefused(
                "Een pincode is vier cijfers. Bent u hier nieuw? Kies dan zelf vier cijfers "
                "en onthoud ze."
            )
        found = self._find(name)
        if found is None:
            self._new_name(name, groep)
        if found is None or found[1] is None:
            trainee = self.store.trainee(name, groep)
            # scrypt first: working it out inside the transaction held the store for every
            # other browser (a room signing in at once got "bezet" on a busy machine)
            hashed = hash_pin(pin)
            with self.store.transaction() as db:
                claimed = db.execute(
                    "UPDATE trainees SET pin = ? WHERE id = ? AND pin IS NULL",
                    (hashed, trainee.id),
                ).rowcount
            if claimed:
                return trainee, True
            found = self._find(name)  # another browser chose a pincode for this name just now
            assert found is not None
        trainee, stored = found
        self._reserve("pin", trainee.id)
        if stored is None or not pin_matches(stored, pin):
            wait = self._refused("pin", trainee.id)
            raise SignInRefused(
                f"Deze naam is hier al in gebruik met een andere pincode. Is het uw naam, "
                f"probeer het dan over {wait_text(wait)} opnieuw. Is het niet uw naam, voeg "
                "dan bijvoorbeeld uw achternaam toe. Pincode vergeten? Vraag het de trainer."
            )
        self._clear("pin", trainee.id)
        return self.store.trainee(trainee.name, groep), False

    def reset_pin(self, name: str) -> bool:
        """Forget a trainee's pincode (the trainer does this when it is forgotten): the next
        sign-in chooses a new one. True if the trainee is known."""
        name = clean_name(name)
        with self.store.transaction() as db:
            done = db.execute("UPDATE trainees SET pin = NULL WHERE name = ?", (name,)).rowcount
            db.execute(
                "DELETE FROM refusals WHERE kind = 'pin' AND trainee_id IN "
                "(SELECT id FROM trainees WHERE name = ?)",
                (name,),
            )
        return bool(done)

    # --- presence -------------------------------------------------------------------
    def claim(self, trainee: TraineeRow) -> str:
        """This process is now where the trainee is; an older process with the same name
        loses its token."""
        token = secrets.token_hex(8)
        self.store.write_one(
            "INSERT INTO presence (trainee_id, token, seen, place) VALUES (?, ?, ?, 'welkom') "
            "ON CONFLICT(trainee_id) DO UPDATE SET token = excluded.token, seen = excluded.seen, "
            "place = excluded.place, scenario = NULL, fase = NULL",
            (trainee.id, token, self.clock()),
        )
        return token

    def holds(self, trainee_id: int, token: str) -> bool:
        row = self.store.db.execute(
            "SELECT token FROM presence WHERE trainee_id = ?", (trainee_id,)
        ).fetchone()
        return row is not None and row[0] == token

    def beat(
        self,
        trainee_id: int,
        token: str,
        place: str,
        scenario: str | None = None,
        fase: str | None = None,
    ) -> bool:
        """Say where the trainee is. False: another process has taken the name over."""
        try:
            done = self.store.write_one(
                "UPDATE presence SET seen = ?, place = ?, scenario = ?, fase = ? "
                "WHERE trainee_id = ? AND token = ?",
                (self.clock(), place, scenario, fase, trainee_id, token),
            )
        except StoreError:
            return True  # busy for a moment: the next beat will do
        return bool(done)

    def leave(self, trainee_id: int, token: str) -> None:
        self.store.write_one(
            "DELETE FROM presence WHERE trainee_id = ? AND token = ?", (trainee_id, token)
        )

    def present(self, groep: str | None = None) -> list[Presence]:
        """Everyone heard of in the last ``ONLINE`` seconds (of one group, if given)."""
        sql = (
            "SELECT t.name, t.groep, p.seen, p.place, p.scenario, p.fase FROM presence p "
            "JOIN trainees t ON t.id = p.trainee_id WHERE p.seen > ?"
        )
        args: list[object] = [self.clock() - ONLINE]
        if groep is not None:
            sql += " AND t.groep = ?"
            args.append(groep)
        rows = self.store.db.execute(sql + " ORDER BY t.name COLLATE NOCASE", args)
        return [Presence(r[0], r[1], float(r[2]), r[3], r[4], r[5]) for r in rows]
