"""`regie check` holds the judge to the author's intent.

A choice can say what its author means: ``oordeel: goed | kan | fout``, and for a wrong choice
the rules it is meant to break (``breekt``). A model answer without an oordeel is ``goed``.
This module plays every choice in every context in which it can be reached and reports where
the judge disagrees, with the file and line of the choice.

A *context* is a node of the state space that ``regie explore`` walks (``simulator.authoring.explore``):
a fase with a decision waiting, the variables, and the state of every rule's fold. The nodes
are visited breadth first through the Explorer itself (its compiled moves, fold tables and
caches), so the first path found to a node is a shortest one; it is told in the message.

What a choice *breaks* in a context is what ``Explorer.fresh_breaks`` says: the rules whose
violation becomes certain with this move. That is a rule its decision takes to the violated
state; a rule that can no longer be put right at the next decision although it could before
(an obligation the move leaves out of reach); and, when the move ends the scenario, a rule
whose verdict at that ending is 'violated'. A rule whose verdict was settled before the move
is not broken by it.

Three kinds of disagreement:

- a ``goed`` or ``kan`` choice that breaks a rule in some context;
- a ``fout`` choice that breaks no rule in some context;
- a ``fout`` choice with ``breekt`` whose named rule is not broken in some context.

A rule already settled before the move cannot be broken by it again, though the choice might
well break it from a fresh start. For the last two kinds such a rule counts as caught when the
choice takes some state of that rule met anywhere in the scenario to the violated state, or
when the same choice breaks that rule in another context (an obligation it leaves undone,
already left undone earlier on this path): a repeat is not reported as a disagreement. (For the first kind nothing is assumed: a rule
settled before is simply not broken by the move.)
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from scoring.context import WAIT
from scoring.fold import SETTLED, V
from scoring.fold import State as FoldState
from simulator.authoring.explore import MAX_STATES, Breaks, Explorer, Move, Node
from simulator.engine.attempt import default_latency
from simulator.language.gc_pause import gc_paused
from simulator.language.library import Library
from simulator.language.model import Choice, Fase, Scenario
from simulator.language.problems import Problem, Severity
from simulator.language.reader import join


@dataclass(frozen=True, slots=True)
class _Seen:
    """A node and how it was first reached: the node before it and the move from there."""

    parent: Node | None
    move: Move


def intent_problems(
    lib: Library, scenario: Scenario, *, strict: bool = False, max_states: int = MAX_STATES
) -> list[Problem]:
    """Where the judge disagrees with the author's oordeel; and, with ``strict``, a warning
    for choices without one."""
    problems: list[Problem] = []
    choices = [c for f in scenario.fasen.values() for c in f.choices]
    silent = sum(1 for c in choices if c.intent is None)
    if strict and silent:
        keuzes = "keuze" if silent == 1 else "keuzes"
        problems.append(
            Problem(
                scenario.source,
                None,
                "",
                f"het scenario '{scenario.id}' heeft geen oordeel bij {silent} {keuzes}: "
                "niets om de beoordeling aan te houden",
                Severity.WARNING,
            )
        )
    if not scenario.annotated:
        return problems
    with gc_paused():
        checker = _Checker(lib, scenario, max_states)
        problems += checker.run()
    return problems


class _Checker:
    def __init__(self, lib: Library, scenario: Scenario, max_states: int) -> None:
        self.scenario = scenario
        self.catalogue = lib.catalogue
        self.explorer = Explorer(
            scenario, lib.profile_for(scenario), lib.catalogue, max_states=max_states
        )
        self.max_states = max_states
        self.folds = self.explorer.judge.folds
        self.index = {f.id: i for i, f in enumerate(self.folds)}
        self.seen: dict[Node, _Seen] = {}
        self.met: list[set[FoldState]] = [{f.start()} for f in self.folds]
        # (fase, choice, kind, rule) -> the node, the move and its message, first found
        self.found: dict[tuple[str, str, str, str], tuple[Node, Move, str]] = {}
        # the moves of fout choices, with what the rules could hold against them: judged
        # once every state of every rule has been met
        self.doubtful: list[tuple[Node, Move, frozenset[int], tuple[str, ...]]] = []
        self._could: dict[tuple[int, str, str], bool] = {}
        # per fout choice (fase, choice): the rules it breaks in some context
        self.caught_anywhere: dict[tuple[str, str], set[str]] = {}

    def run(self) -> list[Problem]:
        todo: deque[Node] = deque()
        for move, _, target in self.explorer.roots():
            if target >= 0 and target not in self.seen:
                self.seen[target] = _Seen(None, move)
                todo.append(target)
        complete = True
        while todo:
            node = todo.popleft()
            states = self.explorer.fold_states(node)
            for i, s in enumerate(states):
                if s != SETTLED:
                    self.met[i].add(s)
            settled = frozenset(i for i, s in enumerate(states) if s == SETTLED)
            fase = self.scenario.fasen[self.explorer.fase_at(node)]
            for move, broken, target in self.explorer.ways_out(node):
                choice = fase.choice(move[1])
                if choice is not None and choice.intent is not None:
                    self.judge_move(node, move, fase, choice, broken, settled)
                if target >= 0 and target not in self.seen:
                    if len(self.seen) >= self.max_states:
                        complete = False
                        todo.clear()
                        break
                    self.seen[target] = _Seen(node, move)
                    todo.append(target)
        for node, move, settled, caught in self.doubtful:
            self.judge_fout(node, move, settled, caught)
        problems = [self.problem(key, *value) for key, value in self.found.items()]
        if not complete:
            problems.append(
                Problem(
                    self.scenario.source,
                    None,
                    "",
                    f"het scenario heeft meer dan {self.max_states} toestanden; de oordelen "
                    "bij de keuzes zijn maar voor een deel nagegaan",
                    Severity.WARNING,
                )
            )
        return sorted(problems, key=lambda p: (p.mark or (0, 0), p.message))

    # --- one move in one context ----------------------------------------------------------
    def judge_move(
        self,
        node: Node,
        move: Move,
        fase: Fase,
        choice: Choice,
        broken: Breaks,
        settled: frozenset[int],
    ) -> None:
        caused, caught = broken
        if choice.intent in ("goed", "kan"):
            for rule in caused:
                self.note(node, move, "afgekeurd", rule)
            return
        # fout: judged when every state of every rule has been met (``could_break``) and
        # every context of the choice has been seen
        self.caught_anywhere.setdefault((move[0], move[1]), set()).update(caught)
        self.doubtful.append((node, move, settled, caught))

    def judge_fout(
        self, node: Node, move: Move, settled: frozenset[int], broken: tuple[str, ...]
    ) -> None:
        fase = self.scenario.fasen[move[0]]
        choice = fase.choice(move[1])
        assert choice is not None
        again = {self.folds[i].id for i in settled if self.could_break(i, fase, choice)}
        again |= self.broken_elsewhere(move, settled)
        if not broken and not again:
            self.note(node, move, "niet-afgekeurd", "")
        for rule in choice.breaks:
            if rule not in broken and rule not in again:
                self.note(node, move, "regel-zwijgt", rule)

    def broken_elsewhere(self, move: Move, settled: frozenset[int]) -> set[str]:
        """The rules settled before this move that the same choice breaks in another
        context: a repeat of what this path already left undone."""
        elsewhere = self.caught_anywhere.get((move[0], move[1]), set())
        return {self.folds[i].id for i in settled} & elsewhere

    def could_break(self, i: int, fase: Fase, choice: Choice) -> bool:
        """Whether the choice takes some state of rule ``i`` met in this scenario to ``V``."""
        key = (i, fase.id, choice.id)
        got = self._could.get(key)
        if got is None:
            fold = self.folds[i]
            item = self.catalogue.interventions.get(choice.intervention)
            category, style = (item.category, item.style) if item else (WAIT, "neutraal")
            dt = default_latency(fase)
            got = self._could[key] = any(
                fold.decide(fold.tick(s, dt), fase, category, style, False) == V
                for s in self.met[i]
                if s != V
            )
        return got

    # --- the report -----------------------------------------------------------------------
    def note(self, node: Node, move: Move, kind: str, rule: str) -> None:
        key = (move[0], move[1], kind, rule)
        if key not in self.found:
            self.found[key] = (node, move, self.path_to(node))

    def path_to(self, node: Node) -> str:
        moves: list[Move] = []
        at: Node | None = node
        while at is not None:
            seen = self.seen[at]
            moves.append(seen.move)
            at = seen.parent
        moves.reverse()
        words: list[str] = []
        for fid, move, then, chance in moves:
            if fid == "^start":
                words.append(f"begin (naar '{then}')" if chance else "begin")
                continue
            words.append(f"{fid} {self.move_name(fid, move)}")
            if chance:
                words[-1] += f" (naar '{then}')"
        return " → ".join(words)

    def move_name(self, fid: str, move: str) -> str:
        fase = self.scenario.fasen[fid]
        for n, c in enumerate(fase.choices, start=1):
            if c.id == move:
                return f"keuze {n}"
        return "timer"

    def problem(self, key: tuple[str, str, str, str], node: Node, move: Move, path: str) -> Problem:
        fid, cid, kind, rule = key
        fase = self.scenario.fasen[fid]
        n, choice = next((n, c) for n, c in enumerate(fase.choices, start=1) if c.id == cid)
        where = f"keuze {n} in fase '{fid}'"
        context = f"na: {path}"
        if move[3]:
            context += f"; het toeval stuurt haar naar '{move[2]}'"
        if kind == "afgekeurd":
            message = (
                f"{where} is '{choice.intent}' volgens de auteur, maar de regel '{rule}' "
                f"keurt haar af ({context})"
            )
        elif kind == "niet-afgekeurd":
            message = (
                f"{where} is 'fout' volgens de auteur, maar geen regel keurt haar af ({context})"
            )
        else:
            message = (
                f"{where} breekt volgens de auteur de regel '{rule}', maar die regel keurt "
                f"haar hier niet af ({context})"
            )
        path_in_file = f"{join(join('fasen', fid), 'keuzes')}[{n}]"
        return Problem(self.scenario.source, choice.mark, path_in_file, message, Severity.ERROR)
