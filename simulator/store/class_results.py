"""The results of a class session: the group's path scored like an attempt, each trainee's
votes scored as a shadow attempt. Pure functions, no Textual and no store.

- **The group**: every branch is an attempt (its moves played from the seed), scored by
  the same judge as single play (``scoring.score``); with it, for each step, the split of
  the vote, how the step was decided and what the protocol asked (the model answer).
- **A trainee**: what would have happened had the majority followed him is not simulated.
  Each vote is judged where it was cast, as a choice: the group's path up to that fase,
  then his choice, and the judge's feedback on that step (``scoring.feedback_after``). The
  rules his votes broke give a score the way an attempt's do (``scoring.result.tally``):
  each rule once, one step's rules together at the heaviest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scoring import Result, feedback_after, score
from scoring.registry import BY_ID
from scoring.result import tally
from simulator.engine.attempt import WAIT, default_latency
from simulator.engine.class_session import WAIT_TEXT, ClassSession, replay
from simulator.language.model import Catalogue, Profile

Counts = Mapping[str, int]  # choice id (or wacht) -> votes
Position = tuple[int, int]  # (branch, step)


@dataclass(frozen=True, slots=True)
class Split:
    number: int  # as shown (1-9); 0 for 'wacht'
    choice: str
    text: str
    votes: int


@dataclass(frozen=True, slots=True)
class StepLine:
    """One decision of the group, for the debrief."""

    step: int  # 1, 2, ...
    fase: str
    level: int
    chosen: str  # the text of what the group did
    label: str  # the same, short: the intervention's name from the catalogue
    how: str  # meerderheid, trainer, tijd
    splits: tuple[Split, ...]  # the vote, in the order shown
    voters: int
    model: str | None  # what the protocol asked here (the model answer)
    was_model: bool
    broken: tuple[str, ...]  # rule ids this step broke


@dataclass(frozen=True, slots=True)
class BranchLine:
    number: int
    parent: int | None
    fork: int
    finished: bool
    ending: str | None  # the ending's title
    result: Result
    steps: tuple[StepLine, ...]

    @property
    def summary(self) -> str:
        verdict = "geslaagd" if self.result.passed else "niet geslaagd"
        return f"score {self.result.score}, {verdict}" if self.finished else "niet afgemaakt"


def splits_of(session: ClassSession, number: int, step: int, counts: Counts) -> tuple[Split, ...]:
    """The vote at one step of a branch, numbered as the choices were shown."""
    attempt = replay(
        session.scenario, session.state.seed, session.state.branches[number].moves[:step]
    )
    out = [
        Split(i, c.id, c.text, counts.get(c.id, 0)) for i, c in enumerate(attempt.presented(), 1)
    ]
    if counts.get(WAIT):
        out.append(Split(0, WAIT, WAIT_TEXT, counts[WAIT]))
    return tuple(out)


def branch_line(
    session: ClassSession,
    number: int,
    profile: Profile,
    catalogue: Catalogue,
    votes: Mapping[Position, Counts],
) -> BranchLine:
    """One branch scored like an attempt, with the vote at each step. ``votes``: the counts
    per position (``ClassSession.owner`` says whose position a shared step is)."""
    branch = session.state.branches[number]
    attempt = session.attempt(number)
    sc = session.scenario
    result = score(sc, attempt.trace, profile, catalogue, final=attempt.finished)
    feedback = {s.step: s for s in result.steps}
    steps: list[StepLine] = []
    decisions = [e for e in attempt.trace if e.is_decision]
    for index, (move, event) in enumerate(zip(branch.moves, decisions, strict=False)):
        fase = sc.fasen[event.fase or ""]
        choice = fase.choice(event.choice or "") if event.kind == "choice" else None
        counts = votes.get(session.owner(number, index), {})
        fb = feedback.get(event.step or 0)
        intervention = catalogue.interventions.get(choice.intervention) if choice else None
        steps.append(
            StepLine(
                step=index + 1,
                fase=fase.id,
                level=fase.facts.level,
                chosen=choice.text if choice is not None else "Niets: de tijd liep af.",
                label=(
                    intervention.label
                    if intervention is not None
                    else (choice.intervention if choice is not None else "Niets gedaan")
                ),
                how=move.how,
                splits=splits_of(session, number, index, counts),
                voters=sum(counts.values()),
                model=fb.model if fb is not None else None,
                was_model=choice is not None and choice.model,
                broken=fb.broken if fb is not None else (),
            )
        )
    ending = attempt.ending
    return BranchLine(
        number=number,
        parent=branch.parent,
        fork=branch.fork,
        finished=attempt.finished,
        ending=ending.title if ending is not None else None,
        result=result,
        steps=tuple(steps),
    )


# --- a trainee's shadow attempt ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class VoteJudgement:
    branch: int
    step: int  # 1, 2, ... on that branch
    fase: str
    choice: str
    text: str
    was_model: bool
    broken: tuple[str, ...]  # rules this vote would have broken there
    group: str | None  # what the group did at that step (its text), if decided


@dataclass(frozen=True, slots=True)
class Shadow:
    """A trainee's votes in one class session, judged as choices."""

    votes: tuple[VoteJudgement, ...]
    steps: int  # the steps the group decided while he took part (his chances to vote)
    score: int | None  # None: he did not vote
    passed: bool
    violated: tuple[str, ...]  # rule ids, in the order of the rules

    @property
    def good(self) -> int:
        """Votes that broke no rule."""
        return sum(1 for v in self.votes if not v.broken)

    def to_json(self) -> dict[str, Any]:
        return {
            "votes": [
                {
                    "branch": v.branch,
                    "step": v.step,
                    "fase": v.fase,
                    "choice": v.choice,
                    "text": v.text,
                    "was_model": v.was_model,
                    "broken": list(v.broken),
                    "group": v.group,
                }
                for v in self.votes
            ],
            "steps": self.steps,
            "score": self.score,
            "passed": self.passed,
            "violated": list(self.violated),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Shadow:
        votes = tuple(
            VoteJudgement(
                branch=int(v["branch"]),
                step=int(v["step"]),
                fase=str(v["fase"]),
                choice=str(v["choice"]),
                text=str(v["text"]),
                was_model=bool(v["was_model"]),
                broken=tuple(str(r) for r in v["broken"]),
                group=None if v.get("group") is None else str(v["group"]),
            )
            for v in data["votes"]
        )
        return cls(
            votes=votes,
            steps=int(data["steps"]),
            score=None if data["score"] is None else int(data["score"]),
            passed=bool(data["passed"]),
            violated=tuple(str(r) for r in data["violated"]),
        )


class Judge:
    """Judges votes as choices, remembering each (position, choice): thirty trainees who
    voted alike cost one judgement."""

    def __init__(self, session: ClassSession, profile: Profile, catalogue: Catalogue) -> None:
        self.session = session
        self.profile = profile
        self.catalogue = catalogue
        self._seen: dict[tuple[int, int, str], VoteJudgement] = {}

    def vote(self, branch: int, step: int, choice: str) -> VoteJudgement | None:
        """His vote at (branch, step), judged there; None if it cannot be (not offered)."""
        key = (branch, step, choice)
        if key in self._seen:
            return self._seen[key]
        session = self.session
        moves = session.state.branches[branch].moves
        attempt = replay(session.scenario, session.state.seed, moves[:step])
        fase = attempt.fase
        if fase is None or fase.choice(choice) is None:
            return None
        group_move = moves[step] if step < len(moves) else None
        latency = (
            group_move.latency
            if group_move is not None and group_move.latency is not None
            else default_latency(fase)
        )
        attempt.choose(choice, latency)
        fb = feedback_after(session.scenario, attempt.trace, self.profile, self.catalogue)
        group: str | None = None
        if group_move is not None:
            taken = fase.choice(group_move.ref)
            group = taken.text if taken is not None else "Niets: de tijd liep af."
        picked = fase.choice(choice)
        assert picked is not None
        judged = VoteJudgement(
            branch=branch,
            step=step + 1,
            fase=fase.id,
            choice=choice,
            text=picked.text,
            was_model=picked.model,
            broken=fb.broken if fb is not None else (),
            group=group,
        )
        self._seen[key] = judged
        return judged

    def shadow(self, votes: Mapping[Position, str], steps: int) -> Shadow:
        """A trainee's votes (position -> choice) as one shadow attempt; ``steps``: how many
        steps the group decided while he took part."""
        judged = [
            j
            for (branch, step), choice in sorted(votes.items())
            if (j := self.vote(branch, step, choice)) is not None
        ]
        acts = {i: j.broken for i, j in enumerate(judged) if j.broken}
        broken = {r for j in judged for r in j.broken}
        value, passed = tally(broken, self.profile, acts, self.session.scenario.kernregels)
        order = list(BY_ID)
        return Shadow(
            votes=tuple(judged),
            steps=steps,
            score=value if judged else None,
            passed=passed and bool(judged),
            violated=tuple(sorted(broken, key=order.index)),
        )
