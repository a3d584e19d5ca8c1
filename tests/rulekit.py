"""Small builders for hand-written attempts, for the tests of the scoring rules.

A test builds a scenario with only the facts its rule reads, and writes the attempt as a
list of trace events with explicit times::

    sc = scenario(
        "klantmanager",
        fase("balie", "inhoud-doorgaan", keuze("gedrag-benoemen", model=True),
             niveau=1, orde_verstoord=True),
    )
    result = judge(sc, [
        enter(0, "balie"),
        choose(12, 1, "balie", "inhoud-doorgaan"),
        end(12),
    ])

The keyword arguments of ``fase`` are the Dutch facts of the scenario language
(docs/scenariotaal.md). ``judge`` first checks that the trace fits the scenario (a typo in a
choice id would otherwise silently count as "the timer ran out"), then calls
``scoring.score``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import scoring
from scoring import Result, Verdict
from simulator.engine.trace import TraceEvent
from simulator.language.library import Library, load
from simulator.language.model import (
    Branch,
    Catalogue,
    Choice,
    Ending,
    Facts,
    Fase,
    Profile,
    Route,
    Scenario,
    Timer,
    Visitor,
)

MINUUT = 60
UUR = 3600
DAG = 24 * UUR
EINDE = "einde"


@cache
def library() -> Library:
    return load()


def catalogue() -> Catalogue:
    return library().catalogue


def divosa() -> Profile:
    """The bundled profile, divosa-2015."""
    return library().profiles["divosa-2015"]


# --- the scenario ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Keuze:
    interventie: str
    tekst: str | None = None  # default: the label of the intervention
    model: bool = False
    id: str | None = None  # default: the intervention id
    feedback: str | None = None


def keuze(
    interventie: str,
    tekst: str | None = None,
    *,
    model: bool = False,
    id: str | None = None,
    feedback: str | None = None,
) -> Keuze:
    return Keuze(interventie, tekst, model, id, feedback)


@dataclass(frozen=True)
class FaseSpec:
    naam: str
    keuzes: tuple[Keuze, ...]
    timer: float | None
    niveau: int
    orde_verstoord: bool
    druk: str
    strafbaar: bool
    gevaar: bool
    incident: bool | None
    aanwijzing: str | None
    garantie: str | None
    opgeschort: bool
    volhardend: bool
    agressietype: str | None
    locatie: str | None
    afwachten: bool = False
    onrust: bool = False
    niet_verschenen: bool = False


def fase(
    naam: str,
    *keuzes: str | Keuze,
    timer: float | None = None,
    niveau: int = 0,
    orde_verstoord: bool = False,
    druk: str = "geen",
    strafbaar: bool = False,
    gevaar: bool = False,
    incident: bool | None = None,
    aanwijzing: str | None = None,
    garantie: str | None = None,
    opgeschort: bool = False,
    volhardend: bool = False,
    agressietype: str | None = None,
    locatie: str | None = None,
    afwachten: bool = False,
    onrust: bool = False,
    niet_verschenen: bool = False,
) -> FaseSpec:
    """A fase with its choices (intervention ids, or ``keuze(...)``) and its facts, named as
    in the scenario language. ``incident`` is derived as the loader derives it when left out
    (druk, strafbaar, gevaar or niveau 3 and up). A fase without choices goes on by itself
    (an ``event`` in the trace)."""
    items = tuple(k if isinstance(k, Keuze) else Keuze(k) for k in keuzes)
    return FaseSpec(
        naam,
        items,
        timer,
        niveau,
        orde_verstoord,
        druk,
        strafbaar,
        gevaar,
        incident,
        aanwijzing,
        garantie,
        opgeschort,
        volhardend,
        agressietype,
        locatie,
        afwachten,
        onrust,
        niet_verschenen,
    )


def _to_end() -> Route:
    return Route((Branch(EINDE),))


def _build_fase(spec: FaseSpec, rol: str, agressietype: str, locatie: str) -> Fase:
    cat = catalogue()
    derived_incident = spec.strafbaar or spec.druk != "geen" or spec.gevaar or spec.niveau == 3
    facts = Facts(
        level=spec.niveau,
        disturbed=spec.orde_verstoord,
        criminal=spec.strafbaar,
        pressure=spec.druk,
        location=spec.locatie or locatie,
        incident=derived_incident if spec.incident is None else spec.incident,
        danger=spec.gevaar,
        instruction=spec.aanwijzing,
        wait_ok=spec.afwachten,
        guarantee=spec.garantie,
        suspended=spec.opgeschort,
        persistent=spec.volhardend,
        aggression=spec.agressietype or agressietype,
        unrest=spec.onrust,
        offence="bedreiging" if spec.strafbaar else "nee",
        no_show=spec.niet_verschenen,
    )
    choices = []
    for k in spec.keuzes:
        assert k.interventie in cat, f"onbekende interventie '{k.interventie}'"
        iv = cat[k.interventie]
        assert rol in iv.roles, f"'{k.interventie}' is in de catalogus niet voor de rol {rol}"
        choices.append(
            Choice(
                id=k.id or k.interventie,
                intervention=k.interventie,
                text=k.tekst or iv.label,
                route=_to_end(),
                feedback=k.feedback,
                model=k.model,
            )
        )
    return Fase(
        id=spec.naam,
        text=f"(fase {spec.naam})",
        facts=facts,
        choices=tuple(choices),
        timer=Timer(spec.timer, _to_end()) if spec.timer is not None else None,
        next=None if choices else _to_end(),
    )


def scenario(
    rol: str,
    *fasen: FaseSpec,
    agressietype: str = "frustratie",
    locatie: str = "spreekkamer",
    eerdere_maatregelen: int = 0,
    incident_uren_geleden: float | None = None,
    id: str = "test-regel",
) -> Scenario:
    built = {spec.naam: _build_fase(spec, rol, agressietype, locatie) for spec in fasen}
    assert len(built) == len(fasen), "twee fasen met dezelfde naam"
    return Scenario(
        id=id,
        title="Testscenario",
        description="Een scenario met precies de feiten die de regel leest.",
        role=rol,
        trainings=(),
        difficulty="makkelijk",
        duration_minutes=1,
        goals=("De regel testen.",),
        warning=None,
        profile="divosa-2015",
        visitor=Visitor("Test Bezoeker", agressietype, "Testachtergrond."),
        location=locatie,
        variables={},
        prior_measures=eerdere_maatregelen,
        prior_incident_hours=incident_uren_geleden,
        start=Route((Branch(fasen[0].naam),)),
        fasen=built,
        endings={EINDE: Ending(EINDE, "Einde", "Het scenario is afgelopen.", "goed")},
    )


# --- the trace ------------------------------------------------------------------------------
def enter(t: float, fase: str) -> TraceEvent:
    """The trainee arrives in a fase with choices."""
    return TraceEvent("enter", t, fase=fase)


def event(t: float, fase: str) -> TraceEvent:
    """A fase that goes on by itself (no choices)."""
    return TraceEvent("event", t, fase=fase)


def choose(
    t: float, step: int, fase: str, keuze: str, *, latency: float | None = None
) -> TraceEvent:
    """The trainee chooses ``keuze`` (a choice id: the intervention id unless the choice has
    its own id) at time ``t``."""
    return TraceEvent(
        "choice", t, fase=fase, step=step, choice=keuze, intervention=keuze, latency=latency
    )


def timeout(t: float, step: int, fase: str) -> TraceEvent:
    """The timer of ``fase`` ran out: the trainee did nothing."""
    return TraceEvent("timeout", t, fase=fase, step=step)


def clock(t: float, seconds: float, fase: str | None = None) -> TraceEvent:
    """Scenario time passed (verstrijkt); ``t`` is the clock after the jump."""
    return TraceEvent("clock", t, fase=fase, seconds=seconds)


def end(t: float) -> TraceEvent:
    return TraceEvent("end", t, fase=EINDE, ending=EINDE)


def check_trace(sc: Scenario, trace: Sequence[TraceEvent]) -> None:
    """Fail loudly when a hand-written trace does not fit its scenario."""
    last_t = 0.0
    here: Fase | None = None
    entered = 0.0
    step = 0
    for i, ev in enumerate(trace):
        where = f"trace[{i}] ({ev.kind} {ev.fase})"
        assert ev.t >= last_t, f"{where}: de tijd loopt terug ({ev.t} < {last_t})"
        last_t = ev.t
        if ev.kind in ("enter", "event"):
            assert ev.fase in sc.fasen, f"{where}: onbekende fase"
            here, entered = sc.fasen[ev.fase], ev.t
            assert (ev.kind == "event") == here.is_event, f"{where}: enter of event?"
        elif ev.kind in ("choice", "timeout"):
            assert here is not None and ev.fase == here.id, f"{where}: niet de huidige fase"
            step += 1
            assert ev.step == step, f"{where}: stap {ev.step}, verwacht {step}"
            if ev.kind == "choice":
                c = here.choice(ev.choice or "")
                assert c is not None, f"{where}: '{ev.choice}' staat niet tussen de keuzes"
                assert ev.intervention in (None, c.intervention, c.id), where
            else:
                assert here.timer is not None, f"{where}: deze fase heeft geen timer"
                assert ev.t - entered == here.timer.seconds, (
                    f"{where}: de timer liep niet op tijd af"
                )
            here = None
        elif ev.kind == "clock":
            assert ev.seconds and ev.seconds > 0, f"{where}: er verstrijkt geen tijd"
        elif ev.kind == "end":
            assert ev.ending in sc.endings, f"{where}: onbekend einde"
            assert i == len(trace) - 1, f"{where}: na het einde gebeurt niets meer"
        else:
            raise AssertionError(f"{where}: onbekend soort gebeurtenis")


def judge(
    sc: Scenario,
    trace: Sequence[TraceEvent],
    profile: Profile | None = None,
    *,
    final: bool = True,
) -> Result:
    """Check the trace against the scenario, then score it with the real scoring."""
    check_trace(sc, trace)
    return scoring.score(sc, trace, profile or divosa(), catalogue(), final=final)


def expect(
    result: Result,
    rule: str,
    status: str,
    *,
    step: int | None,
    time: float | None,
    evidence: str,
) -> Verdict:
    """Assert one verdict: its status, step, time and a fragment of its Dutch evidence."""
    v = result.verdict(rule)
    got = (v.status.value, v.step, v.time)
    assert got == (status, step, time), (
        f"{rule}: verwacht {(status, step, time)}, gekregen {got}; bewijs: {v.evidence!r}"
    )
    assert evidence in v.evidence, f"{rule}: {evidence!r} staat niet in {v.evidence!r}"
    return v
