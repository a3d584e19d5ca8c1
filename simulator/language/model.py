"""The validated model of the scenario language. Immutable; built only by the loaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.language.conditions import Condition
from simulator.language.problems import Mark


@dataclass(frozen=True, slots=True)
class Intervention:
    id: str
    label: str
    category: str
    roles: tuple[str, ...]
    style: str  # steunend, sturend or neutraal


@dataclass(frozen=True, slots=True)
class Catalogue:
    interventions: dict[str, Intervention]
    source: str = ""

    def __getitem__(self, key: str) -> Intervention:
        return self.interventions[key]

    def __contains__(self, key: object) -> bool:
        return key in self.interventions


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    name: str
    description: str
    ordegesprek_deadline_hours: float
    powers: dict[str, tuple[str, ...]]  # category -> roles that may take that measure
    staking_min_measures: int
    deductions: dict[str, int]  # severity -> points a violated rule costs
    pass_mark: int
    severity_overrides: dict[str, str] = field(default_factory=dict)  # rule id -> severity
    source: str = ""

    def may(self, role: str, category: str) -> bool:
        allowed = self.powers.get(category)
        return allowed is None or role in allowed


@dataclass(frozen=True, slots=True)
class Branch:
    """One way a route can go: to ``target``, if ``condition`` holds and ``chance`` comes up."""

    target: str
    condition: Condition | None = None
    chance: float | None = None
    mark: Mark | None = None


@dataclass(frozen=True, slots=True)
class Route:
    branches: tuple[Branch, ...]

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(b.target for b in self.branches)


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    intervention: str
    text: str
    route: Route
    effect: dict[str, int] = field(default_factory=dict)
    assign: dict[str, int] = field(default_factory=dict)
    feedback: str | None = None
    model: bool = False
    judgement: str | None = None  # oordeel of the author: goed, kan or fout (None: not given)
    breaks: tuple[str, ...] = ()  # breekt: the rules a 'fout' choice is meant to break
    mark: Mark | None = None

    @property
    def intent(self) -> str | None:
        """What the author means by this choice: the oordeel, and 'goed' for a model answer
        without one; None when the author did not say."""
        if self.judgement is None and self.model:
            return "goed"
        return self.judgement


@dataclass(frozen=True, slots=True)
class Timer:
    seconds: float
    route: Route


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules read about a moment: never prose."""

    level: int = 0
    disturbed: bool = False  # orde_verstoord
    criminal: bool = False  # strafbaar: an offence from vocabulary.OFFENCES
    pressure: str = "geen"  # druk
    location: str = ""
    incident: bool = False
    danger: bool = False  # gevaar: fysiek geweld dreigt
    instruction: str | None = None  # aanwijzing van de beveiliger
    wait_ok: bool = False  # afwachten: here doing nothing is what the instruction asks
    guarantee: str | None = None  # garantie: getekend of geweigerd
    suspended: bool = False  # opgeschort
    persistent: bool = False  # volhardend
    aggression: str = "frustratie"  # agressietype
    unrest: bool = False  # onrust: first signs of unrest, also at niveau 0
    visitor: str = ""  # bezoeker: whose behaviour these facts are about ("" the scenario's visitor)
    offence: str = "nee"  # strafbaar: which offence (vocabulary.OFFENCES), "nee" for none
    no_show: bool = False  # niet_verschenen: he did not come to the ordegesprek he was called to


@dataclass(frozen=True, slots=True)
class Fase:
    id: str
    text: str
    facts: Facts
    says: str | None = None
    speaker: str | None = None
    choices: tuple[Choice, ...] = ()
    timer: Timer | None = None
    next: Route | None = None  # for an event fase: where the story goes on by itself
    elapse: float = 0.0  # seconds of scenario time that pass on entering (verstrijkt)
    effect: dict[str, int] = field(default_factory=dict)
    assign: dict[str, int] = field(default_factory=dict)
    mark: Mark | None = None

    @property
    def is_event(self) -> bool:
        return self.next is not None

    @property
    def model_choice(self) -> Choice | None:
        for c in self.choices:
            if c.model:
                return c
        return None

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    text: str
    outcome: str  # goed, matig, slecht
    mark: Mark | None = None


@dataclass(frozen=True, slots=True)
class Visitor:
    name: str
    aggression: str
    background: str


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    title: str
    description: str
    role: str
    trainings: tuple[str, ...]
    difficulty: str
    duration_minutes: int
    goals: tuple[str, ...]
    warning: str | None
    profile: str
    visitor: Visitor
    location: str
    variables: dict[str, int]
    prior_measures: int
    prior_incident_hours: float | None
    start: Route
    fasen: dict[str, Fase]
    endings: dict[str, Ending]
    source: str = ""
    second_visitor: Visitor | None = None  # tweede_bezoeker: a scenario can hold two visitors
    partner: str = (
        ""  # gesprek_met: whose case the trainee's conversation is about ("" the visitor)
    )
    kernregels: tuple[str, ...] = ()  # the main lessons: breaking one fails the attempt

    def visitor_of(self, facts: Facts) -> str:
        """The name of the visitor a fase's facts are about."""
        return facts.visitor or self.visitor.name

    @property
    def conversation_with(self) -> str:
        """The name of the visitor whose case the trainee's content choices are about."""
        return self.partner or self.visitor.name

    @property
    def annotated(self) -> bool:
        """True when the author gave an oordeel to at least one choice."""
        return any(c.judgement is not None for f in self.fasen.values() for c in f.choices)


@dataclass(frozen=True, slots=True)
class Course:
    """A course: scenarios in a sensible order, played in training or exam mode.

    In training mode the trainee gets feedback after each choice; in exam mode only at the
    end, timers cannot be paused, and ``exam_draw`` scenarios are drawn by the seed.
    """

    id: str
    title: str
    description: str
    role: str | None  # doelgroep: klantmanager, beveiliger, or both (None)
    mode: str  # training or examen
    scenarios: tuple[str, ...]
    exam_draw: int | None = None
    pass_mark: int | None = None  # None: the profile's
    source: str = ""

    @property
    def exam(self) -> bool:
        return self.mode == "examen"
