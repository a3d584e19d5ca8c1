"""The engine: a ``transitions`` state machine (one per scenario, shared by its attempts),
driven by a logical clock.

The caller feeds time (the app real seconds, tests simulated ones) and choices. Timers
fire from the clock, never from threads. Chance is seeded. Everything that happens goes
into the trace, and ``snapshot()`` gives small JSON that ``Attempt.restore`` turns back
into the very same attempt.
"""

from __future__ import annotations

import functools
import math
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from transitions import EventData, Machine, State
from transitions.core import Event

from simulator.engine.chance import draw, order
from simulator.engine.limits import MAX_EXTRA_TIME
from simulator.engine.trace import TraceEvent
from simulator.language.model import Branch, Choice, Ending, Fase, Route, Scenario

START = "^start"
WAIT = "wacht"
SNAPSHOT_VERSION = 1
_MAX_EVENT_CHAIN = 10_000
_EPSILON = 1e-9  # timer boundaries reached in small steps still fire on time


class EngineError(Exception):
    """A request the attempt cannot honour (a choice not on offer, waiting without a timer)."""


class _Model:
    """The object the machine drives; it holds the state and its attempt."""

    state: str
    attempt: Attempt


def _holds(branch: Branch, event: EventData) -> bool:
    """A transition's condition: asks the attempt that fired it (the machine is shared)."""
    model = event.model
    assert isinstance(model, _Model)
    return model.attempt._branch_holds(branch)


class _State(State):
    """A state of the engine's machine. The engine gives its states no enter or exit
    callbacks (it records the new state itself, after the trigger), so entering or leaving
    one skips transitions' bookkeeping of running none: two log calls and a loop each, a
    fifth of every trigger. A state that does have callbacks runs them as transitions does."""

    def enter(self, event_data: EventData) -> None:
        if self.on_enter:
            super().enter(event_data)

    def exit(self, event_data: EventData) -> None:
        if self.on_exit:
            super().exit(event_data)


class _Machine(Machine):
    """A ``transitions`` Machine with the engine's states (transitions' own way to choose
    the class of the states)."""

    state_cls = _State


@dataclass(frozen=True, slots=True)
class _Exits:
    """The machine's events out of one state: per offered choice, the timer, going on by
    itself, and (from the start) beginning."""

    choices: tuple[Event, ...] = ()
    timer: Event | None = None
    next: Event | None = None
    begin: Event | None = None


@dataclass(frozen=True, slots=True)
class _Shared:
    """What all attempts at one scenario share: its machine, and per state the machine's
    events out of it. A state and the transitions out of it are added on first entry: an
    attempt visits a few dozen of a scenario's fasen, and a scenario of 10,000 fasen would
    otherwise cost seconds to build before its first step."""

    scenario: Scenario
    machine: Machine
    exits_of: dict[str, _Exits]

    def exits(self, sid: str) -> _Exits:
        """The events out of ``sid``, its transitions built the first time it is left."""
        got = self.exits_of.get(sid)
        if got is None:
            got = self.exits_of[sid] = _build_exits(self.scenario, self.machine, sid)
        return got

    def add_state(self, sid: str) -> None:
        if sid not in self.machine.states:
            self.machine.add_state(sid)

    def event(self, trigger: str) -> Event:
        event: Event | None = self.machine.events.get(trigger)
        if event is None:  # pragma: no cover - the engine fires only what the scenario has
            raise EngineError(f"'{trigger}' kan hier niet")
        return event


_SHARED: OrderedDict[int, _Shared] = OrderedDict()
_SHARED_KEPT = 32


def _shared_for(scenario: Scenario) -> _Shared:
    """One ``transitions`` Machine per scenario, shared by its attempts: building its
    transitions costs far more than an attempt (one per branch of every route)."""
    key = id(scenario)
    got = _SHARED.get(key)
    if got is not None and got.scenario is scenario:
        _SHARED.move_to_end(key)
        return got
    shared = _Shared(scenario, _new_machine(), {})
    _SHARED[key] = shared
    while len(_SHARED) > _SHARED_KEPT:
        _SHARED.popitem(last=False)
    return shared


def _new_machine() -> Machine:
    """A machine with only the start state; the others come as the attempts reach them."""
    return _Machine(
        model=None,
        states=[START],
        initial=START,
        auto_transitions=False,
        ignore_invalid_triggers=False,
        model_attribute="state",
        send_event=True,
    )


def _build_exits(scenario: Scenario, machine: Machine, sid: str) -> _Exits:
    """Add the transitions out of ``sid`` (and the states they lead to) to the machine."""
    if sid == START:
        return _Exits(begin=_add_route(machine, "begin", START, scenario.start))
    fase = scenario.fasen.get(sid)
    if fase is None:  # an ending: nothing goes out of it
        return _Exits()
    return _Exits(
        choices=tuple(
            _add_route(
                machine, _TRIGGERS[i] if i < len(_TRIGGERS) else _trigger_for(i), sid, c.route
            )
            for i, c in enumerate(fase.choices)
        ),
        timer=None if fase.timer is None else _add_route(machine, "verloop", sid, fase.timer.route),
        next=None if fase.next is None else _add_route(machine, "verder", sid, fase.next),
    )


def _add_route(machine: Machine, trigger: str, source: str, route: Route) -> Event:
    """A transition per branch, made with the machine's own classes and added to the
    trigger's event (``Machine.add_transition`` does the same for any kind of arguments,
    at twice the cost; a fase's transitions are built while an attempt waits for them)."""
    event = machine.events.get(trigger)
    if event is None:
        event = machine.events[trigger] = machine.event_cls(trigger, machine)
    states = machine.states
    for branch in route.branches:
        if branch.target not in states:  # as add_state does, for a machine without models
            states[branch.target] = machine.state_cls(branch.target)
        if branch.condition is None and branch.chance is None:
            # It always holds: no condition to check (a check is a callback at every step).
            event.add_transition(machine.transition_cls(source, branch.target))
        else:
            condition = functools.partial(_holds, branch)
            # (transitions' stub names a Condition; the class itself takes the callables)
            event.add_transition(
                machine.transition_cls(source, branch.target, conditions=[condition])  # type: ignore[arg-type]
            )
    return event


def _ms(seconds: float) -> float:
    """Seconds rounded to the millisecond, as the trace keeps them. Whole seconds (most
    times in a trace) are their own rounding, without the cost of ``round``."""
    return seconds if seconds % 1 == 0 else round(seconds, 3)


def default_latency(fase: Fase) -> float:
    """The think time used when a caller gives none: 4 seconds, or less under a short timer."""
    if fase.timer is None:
        return 4.0
    return min(4.0, fase.timer.seconds / 2)


def _trigger_for(index: int) -> str:
    return f"kies_{index + 1}"


_TRIGGERS = tuple(_trigger_for(i) for i in range(9))


def check_extra_time(percent: int) -> int:
    """Extra time as a whole percentage from 0 to ``MAX_EXTRA_TIME``; EngineError otherwise."""
    if isinstance(percent, bool) or not isinstance(percent, int):
        raise EngineError("extra tijd is een heel percentage, bijvoorbeeld 50")
    if not 0 <= percent <= MAX_EXTRA_TIME:
        raise EngineError(f"extra tijd moet tussen 0 en {MAX_EXTRA_TIME} procent liggen")
    return percent


class Attempt:
    def __init__(
        self, scenario: Scenario, seed: int = 0, *, start: bool = True, extra_time: int = 0
    ) -> None:
        """``extra_time``: every timer runs this many percent longer (for a trainee who
        reads or types more slowly: 50 makes a timer of 8 seconds one of 12)."""
        self.scenario = scenario
        self.seed = seed
        self.extra_time = check_extra_time(extra_time)
        self._stretch = 1 + self.extra_time / 100
        self.vars: dict[str, int] = dict(scenario.variables)
        self.t = 0.0
        self.entered_at = 0.0
        self.draws = 0
        self.step = 0
        self.trace: list[TraceEvent] = []
        self._model = _Model()
        self._shared = _shared_for(scenario)
        self.machine = self._attach(self._shared.machine)
        if start:
            begin = self._shared.exits(START).begin
            assert begin is not None
            self._fire(begin)

    # --- the machine ----------------------------------------------------------------
    def _attach(self, machine: Machine) -> Machine:
        # The machine is shared by every attempt at this scenario. The model is not added
        # to it (that would copy a method per state onto every attempt, and the machine's
        # list of models would only grow): its events are fired for this model directly.
        self._model.attempt = self
        machine.set_state(START, model=self._model)
        return machine

    def _branch_holds(self, branch: Branch) -> bool:
        if branch.condition is not None and not branch.condition.holds(self.vars):
            return False
        if branch.chance is None:
            return True
        roll = draw(self.seed, self.draws)
        self.draws += 1
        taken = roll < branch.chance
        self.trace.append(
            TraceEvent(
                "chance",
                _ms(self.t),
                fase=self._state_or_none(),
                roll=round(roll, 6),
                p=branch.chance,
                taken=taken,
            )
        )
        return taken

    def _fire(self, event: Event) -> None:
        """Fire ``event`` for this attempt, then go on through fasen that go on by themselves."""
        model = self._model
        for _ in range(_MAX_EVENT_CHAIN):
            if not event.trigger(model):  # pragma: no cover - the loader forbids this
                raise EngineError(f"geen enkele route uit '{self.state}' past")
            if not self._enter():
                return
            goes_on = self._shared.exits(model.state).next
            assert goes_on is not None  # _enter: an event fase
            event = goes_on
        raise EngineError("het verhaal gaat te lang vanzelf verder zonder keuze")

    def _enter(self) -> bool:
        """Record the new state; True when it is an event that goes on by itself."""
        sid = self._model.state
        scenario = self.scenario
        if sid in scenario.endings:
            self.trace.append(TraceEvent("end", _ms(self.t), fase=sid, ending=sid))
            return False
        fase = scenario.fasen[sid]
        if fase.elapse:
            self.t += fase.elapse
            self.trace.append(TraceEvent("clock", _ms(self.t), fase=sid, seconds=fase.elapse))
        if fase.effect or fase.assign:
            self._apply(fase.effect, fase.assign)
        self.entered_at = self.t
        goes_on = fase.next is not None  # an event fase
        self.trace.append(TraceEvent("event" if goes_on else "enter", _ms(self.t), fase=sid))
        return goes_on

    def _apply(self, effect: dict[str, int], assign: dict[str, int]) -> None:
        if not effect and not assign:
            return
        for name, amount in effect.items():
            self.vars[name] = self.vars.get(name, 0) + amount
        self.vars.update(assign)
        self._log("vars", fase=self._state_or_none(), vars=dict(self.vars))

    def _log(self, kind: str, **data: Any) -> None:
        self.trace.append(TraceEvent(kind, _ms(self.t), **data))

    def _state_or_none(self) -> str | None:
        return None if self.state == START else self.state

    # --- what the caller sees -------------------------------------------------------
    @property
    def state(self) -> str:
        return self._model.state

    @property
    def finished(self) -> bool:
        return self.state in self.scenario.endings

    @property
    def ending(self) -> Ending | None:
        return self.scenario.endings.get(self.state)

    @property
    def fase(self) -> Fase | None:
        return self.scenario.fasen.get(self.state)

    def offered(self) -> tuple[Choice, ...]:
        fase = self.fase
        return fase.choices if fase is not None else ()

    def presented(self) -> tuple[Choice, ...]:
        """The offered choices in the order the trainee sees them: shuffled by the seed for
        each step, so that the model answer is not always the first (authors tend to write
        it first). The order of the file stays the order of ``offered`` and of the numbers
        in ``regie run --keuzes``."""
        choices = self.offered()
        if len(choices) < 2:
            return choices
        ranks = order(self.seed, f"{self.state}:{self.step}", len(choices))
        return tuple(choices[i] for i in ranks)

    @property
    def elapsed(self) -> float:
        """Seconds since the current fase was entered."""
        return self.t - self.entered_at

    def timer_seconds(self, fase: Fase | None = None) -> float | None:
        """How long the timer of ``fase`` (default: the current one) runs in this attempt:
        the scenario's seconds, stretched by the extra time."""
        fase = self.fase if fase is None else fase
        if fase is None or fase.timer is None:
            return None
        return fase.timer.seconds * self._stretch

    def time_left(self) -> float | None:
        total = self.timer_seconds()
        if total is None:
            return None
        return max(0.0, total - self.elapsed)

    def choice_index(self, ref: str | int) -> int:
        """Find an offered choice by number (1-9), choice id or intervention id."""
        return self._index_in(self.fase, ref)

    def _index_in(self, fase: Fase | None, ref: str | int) -> int:
        """``choice_index`` in ``fase``, the current fase (looked up once by ``choose``)."""
        if self.finished:
            raise EngineError(f"het scenario is al afgelopen ({self.state})")
        choices = fase.choices if fase is not None else ()
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            n = int(ref)
            if 1 <= n <= len(choices):
                return n - 1
        else:
            for i, c in enumerate(choices):
                if c.id == ref:
                    return i
            matches = [i for i, c in enumerate(choices) if c.intervention == ref]
            if len(matches) == 1:
                return matches[0]
        offer = ", ".join(f"{i + 1}={c.id}" for i, c in enumerate(choices))
        extra = " of 'wacht'" if fase is not None and fase.timer else ""
        raise EngineError(
            f"'{ref}' staat hier niet tussen de keuzes; aangeboden in '{self.state}': {offer}{extra}"
        )

    # --- driving it -----------------------------------------------------------------
    def advance(self, seconds: float) -> None:
        """Let logical time pass; a timer that runs out fires and moves the story on."""
        if not math.isfinite(seconds):
            raise EngineError("de tijd moet een eindig aantal seconden zijn")
        if seconds < 0:
            raise EngineError("de tijd kan niet terug")
        remaining = seconds
        while remaining > 0 and not self.finished:
            left = self.time_left()
            if left is None or remaining < left - _EPSILON:
                self.t += remaining
                return
            self.t += left
            remaining = max(0.0, remaining - left)
            self._timeout()
        if remaining > 0:
            self.t += remaining

    def _timeout(self) -> None:
        fase = self.fase
        assert fase is not None and fase.timer is not None
        self.step += 1
        self._log("timeout", fase=fase.id, step=self.step, latency=_ms(self.elapsed))
        timer = self._shared.exits(fase.id).timer
        assert timer is not None
        self._fire(timer)

    def wait(self) -> None:
        """Do nothing until the timer runs out."""
        left = self.time_left()
        if left is None:
            raise EngineError(f"in '{self.state}' loopt geen timer; wachten kan hier niet")
        self.advance(left)

    def choose(self, ref: str | int, latency: float | None = None) -> Choice:
        """Choose an offered choice, ``latency`` seconds after the fase began (default: now)."""
        fase = self.fase
        index = self._index_in(fase, ref)
        assert fase is not None
        if latency is not None:
            if not math.isfinite(latency):
                raise EngineError("de bedenktijd moet een eindig aantal seconden zijn")
            if latency < self.elapsed - _EPSILON:
                raise EngineError(f"die tijd ({latency:g} s) ligt al achter ons in '{fase.id}'")
            left = self.time_left()
            if (
                fase.timer is not None
                and left is not None
                and latency - self.elapsed >= left - _EPSILON
            ):
                raise EngineError(
                    f"te laat: de timer van '{fase.id}' liep af na "
                    f"{self.timer_seconds(fase) or 0:g} seconden"
                )
            self.advance(max(0.0, latency - self.elapsed))
        choice = fase.choices[index]
        self.step += 1
        self.trace.append(
            TraceEvent(
                "choice",
                _ms(self.t),
                fase=fase.id,
                step=self.step,
                choice=choice.id,
                intervention=choice.intervention,
                latency=_ms(self.t - self.entered_at),
            )
        )
        if choice.effect or choice.assign:
            self._apply(choice.effect, choice.assign)
        self._fire(self._shared.exits(fase.id).choices[index])
        return choice

    def play(self, moves: Iterable[tuple[str, float | None]]) -> None:
        """Play a list of (choice or 'wacht', latency) moves."""
        for ref, latency in moves:
            if ref == WAIT:
                self.wait()
            else:
                fase = self.fase
                if latency is None and fase is not None:
                    latency = max(self.elapsed, default_latency(fase))
                self.choose(ref, latency)

    # --- save and resume ------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        return {
            "version": SNAPSHOT_VERSION,
            "scenario": self.scenario.id,
            "seed": self.seed,
            "state": self.state,
            "vars": dict(self.vars),
            "t": self.t,
            "entered_at": self.entered_at,
            "draws": self.draws,
            "step": self.step,
            "trace": [e.to_json() for e in self.trace],
            **({"extra_time": self.extra_time} if self.extra_time else {}),
        }

    @classmethod
    def restore(cls, scenario: Scenario, data: dict[str, Any]) -> Attempt:
        if data.get("version") != SNAPSHOT_VERSION:
            raise EngineError("deze opgeslagen poging komt uit een andere versie van Regie")
        if data.get("scenario") != scenario.id:
            raise EngineError(
                f"deze opgeslagen poging hoort bij '{data.get('scenario')}', niet bij '{scenario.id}'"
            )
        state = data["state"]
        if state not in scenario.fasen and state not in scenario.endings:
            raise EngineError(f"de opgeslagen fase '{state}' bestaat niet meer in dit scenario")
        try:
            extra = check_extra_time(int(data.get("extra_time", 0)))
        except (TypeError, ValueError):
            raise EngineError("de extra tijd van de opgeslagen poging is geen getal") from None
        attempt = cls(scenario, int(data["seed"]), start=False, extra_time=extra)
        attempt._shared.add_state(state)
        attempt.machine.set_state(state, model=attempt._model)
        attempt.vars = {str(k): int(v) for k, v in data["vars"].items()}
        attempt.t = float(data["t"])
        attempt.entered_at = float(data["entered_at"])
        attempt.draws = int(data["draws"])
        attempt.step = int(data["step"])
        attempt.trace = [TraceEvent.from_json(e) for e in data["trace"]]
        return attempt


def replay(
    scenario: Scenario,
    seed: int,
    moves: Sequence[tuple[str, float | None]],
    extra_time: int = 0,
) -> Attempt:
    attempt = Attempt(scenario, seed, extra_time=extra_time)
    attempt.play(moves)
    return attempt
