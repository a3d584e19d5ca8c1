"""``regie play``: Regie as plain lines, for a screen reader and for any terminal.

The story is told line by line; the choices are numbered; the answer is a line on standard
input (a number, or a letter for the time, reading again, pause, stop or help). The time
left is said when a fase begins and, for a longer timer, halfway and five seconds before the
end: often enough to know, not so often that a screen reader never stops talking. The same
engine, scoring and store as the game on the screen (``Session``), the same debrief (as
sentences, ``reports.debrief_text``). No box drawing, no marks, and no colour unless asked.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

from scoring import BY_ID, Status, feedback_after, score
from simulator.cli.line_input import Answers, EndOfInput
from simulator.dutch import format_duration
from simulator.language.library import Library
from simulator.language.model import Course, Scenario
from simulator.language.vocabulary import LEVELS, ROLES
from simulator.reports.debrief_text import debrief_text
from simulator.store import Store, StoreError, TraineeRow
from simulator.store.session import Session

FREE = "vrij-oefenen"
LONG_TIMER = 10.0  # seconds: from here on the time is also said halfway and near the end
LAST_CALL = 5.0  # seconds before the end that are announced
TRIES = 5  # wrong answers to a menu before Regie gives up asking
BOLD, RED, GREEN, PLAIN = "\x1b[1m", "\x1b[31m", "\x1b[32m", "\x1b[0m"

HELP = (
    "Typ het nummer van uw keuze en druk op Enter. Verder: t en Enter zegt hoeveel tijd u "
    "nog hebt; l leest de situatie en de keuzes opnieuw; p pauzeert (alleen in training; p "
    "nog eens gaat verder); s stopt; h geeft deze hulp. Wacht u te lang, dan gaat het verhaal "
    "zonder u verder: niets doen is ook een keuze."
)


class Quit(Exception):
    """The trainee ends ``regie play`` (or the input ended) outside a scenario."""


@dataclass
class Outcome:
    session: Session
    stopped: bool = False  # stopped before the end (s)
    left: bool = False  # the input ended during the scenario: saved, to go on with later


class LinePlayer:
    def __init__(
        self,
        lib: Library,
        store: Store,
        answers: Answers,
        out: TextIO,
        *,
        colour: bool = False,
        extra_time: int = 0,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        new_seed: Callable[[], int] | None = None,
    ) -> None:
        self.lib, self.store, self.answers, self.out = lib, store, answers, out
        self.colour = colour
        self.extra_time = extra_time
        self.clock, self.wall = clock, wall
        self.new_seed = new_seed or (lambda: random.randrange(1_000_000))

    # --- saying and asking ------------------------------------------------------------
    def say(self, *lines: str, tone: str | None = None) -> None:
        for line in lines:
            if self.colour and tone and line:
                line = f"{tone}{line}{PLAIN}"
            self.out.write(line + "\n")
        self.out.flush()

    def answer(self, timeout: float | None = None) -> str | None:
        try:
            return self.answers.get(timeout)
        except EndOfInput:
            raise Quit from None

    def pick(self, question: str, options: Sequence[str]) -> int:
        """The number (0-based) of an option, asked until answered; ``Quit`` at the end of
        the input, after too many wrong answers, or when the trainee types s."""
        self.say("", question, *(f"{i}. {text}" for i, text in enumerate(options, start=1)))
        self.say(f"Typ een nummer van 1 tot {len(options)} en druk op Enter.")
        for _ in range(TRIES):
            line = self.answer() or ""
            if line.isdigit() and 1 <= int(line) <= len(options):
                return int(line) - 1
            if line.lower() in ("s", "stop", "stoppen"):
                raise Quit
            self.say(f"'{line[:40]}' staat er niet bij. Typ een nummer van 1 tot {len(options)}.")
        raise Quit

    def yes(self, question: str) -> bool:
        self.say(question + " Typ j voor ja of n voor nee, en druk op Enter.")
        return (self.answer() or "").lower() in ("j", "ja", "y")

    # --- what to play -----------------------------------------------------------------
    def choose_course(self) -> Course | None:
        """A course, or None for free practice (all scenarios)."""
        courses = list(self.lib.courses.values())
        labels = [c.title + (" (examen)" if c.exam else "") for c in courses]
        chosen = self.pick("Kies een training:", [*labels, "Vrij oefenen: alle scenario's"])
        return courses[chosen] if chosen < len(courses) else None

    def choose_scenario(self, course: Course | None) -> str:
        lib = self.lib
        ids = (
            list(course.scenarios)
            if course
            else sorted(lib.scenarios, key=lambda s: (lib.scenarios[s].role, s))
        )
        ids = [sid for sid in ids if sid in lib.scenarios]
        labels = []
        for sid in ids:
            sc = lib.scenarios[sid]
            labels.append(
                f"{sc.title}. Voor de {sc.role}, {sc.difficulty}, ongeveer "
                f"{sc.duration_minutes} minuten."
            )
        return ids[self.pick("Kies een scenario:", labels)]

    # --- one scenario -----------------------------------------------------------------
    def briefing(self, sc: Scenario, mode: str, extra: int, place: str | None = None) -> None:
        self.say("", f"Scenario: {sc.title}." + (f" ({place})" if place else ""), tone=BOLD)
        self.say(
            f"U speelt de {sc.role}. De bezoeker: {sc.visitor.name}. Moeilijkheid: "
            f"{sc.difficulty}; ongeveer {sc.duration_minutes} minuten."
        )
        if sc.warning:
            self.say(f"Let op, de inhoud: {sc.warning}")
        self.say(" ".join(sc.description.split()), "Leerdoelen:")
        self.say(*(f"Leerdoel {i}: {goal}" for i, goal in enumerate(sc.goals, start=1)))
        if mode == "examen":
            self.say(
                "Dit is een examen: u hoort pas aan het einde hoe het ging, en de tijd loopt "
                "door (pauzeren kan niet)."
            )
        else:
            self.say("Dit is een training: na elke keuze hoort u hoe het protocol erover denkt.")
        if extra:
            self.say(f"U hebt extra tijd: elke timer loopt {extra} procent langer.")
        self.say(HELP, "Druk op Enter om te beginnen.")
        self.answer()

    def extra_for(self, trainee: TraineeRow) -> int:
        return max(self.extra_time, self.store.extra_time(trainee.id))

    def play(self, session: Session) -> Outcome:
        """Play until the end, a stop, or the end of the input."""
        attempt = session.attempt
        told = 0
        level: int | None = None
        paused = False
        last = self.clock()
        while True:
            told, level = self.tell(session, told, level)
            if attempt.finished:
                return Outcome(session)
            self.offer(session)
            step = attempt.step
            total = attempt.timer_seconds()
            calls = announcements(total)
            while attempt.step == step and not attempt.finished:
                left = attempt.time_left()
                wait = None
                if left is not None and not paused:
                    due = [c for c in calls if c < left]
                    wait = left - (due[0] if due else 0.0)
                try:
                    line = self.answers.get(wait)
                except EndOfInput:
                    return Outcome(session, left=True)
                now = self.clock()
                if not paused:
                    self.advance(session, now - last)
                last = now
                if attempt.step != step or attempt.finished:
                    if line:
                        self.say("Uw antwoord kwam te laat: de tijd was al om.")
                    break
                if line is None:  # woken to say the time
                    left = attempt.time_left()
                    if left is not None and calls and left <= calls[0] + 0.05:
                        self.say(f"Nog {seconds(left)}.")
                        calls = [c for c in calls if c < left - 0.05]
                    continue
                command = line.lower()
                presented = attempt.presented()
                if command.isdigit() and 1 <= int(command) <= len(presented):
                    if paused:
                        self.say("Eerst verder: typ p. De tijd staat nog stil.")
                        continue
                    self.choose(session, presented[int(command) - 1].id)
                elif command in ("t", "tijd"):
                    left = attempt.time_left()
                    self.say("Er is geen tijdsdruk." if left is None else f"Nog {seconds(left)}.")
                elif command in ("l", "lees", "opnieuw"):
                    self.repeat(session)
                elif command in ("p", "pauze"):
                    if session.exam:
                        self.say("In het examen loopt de tijd door: pauzeren kan niet.")
                    else:
                        paused = not paused
                        self.say(
                            "Pauze: de tijd staat stil. Typ p om verder te gaan."
                            if paused
                            else "Verder. " + time_line(attempt.time_left())
                        )
                elif command in ("s", "stop", "stoppen"):
                    question = (
                        "Stoppen met dit examenscenario? Het telt als een poging."
                        if session.exam
                        else "Stoppen? Deze oefening telt dan niet."
                    )
                    try:
                        sure = self.yes(question)
                    except Quit:
                        return Outcome(session, left=True)
                    if sure:
                        self.save(session.stop)
                        return Outcome(session, stopped=True)
                    self.say("U gaat verder. " + time_line(attempt.time_left()))
                elif command in ("h", "help", "hulp", "?"):
                    self.say(HELP)
                else:
                    self.say(
                        f"Dat is geen keuze. Typ een nummer van 1 tot {len(presented)}, "
                        "of h voor hulp."
                    )

    def save(self, action: Callable[[], object]) -> None:
        """Do what saves; a store that cannot save for a moment is told, not fatal (the
        session keeps what is pending and writes it with the next save)."""
        try:
            action()
        except StoreError as exc:
            self.say(f"Let op: {exc}")

    def advance(self, session: Session, seconds_passed: float) -> None:
        self.save(lambda: session.advance(max(0.0, seconds_passed)))

    def choose(self, session: Session, choice_id: str) -> None:
        self.save(lambda: session.choose(choice_id))

    def offer(self, session: Session) -> None:
        attempt = session.attempt
        self.say(
            "",
            "Wat doet u?",
            *(f"{i}. {c.text}" for i, c in enumerate(attempt.presented(), start=1)),
            time_line(attempt.time_left()),
        )

    def repeat(self, session: Session) -> None:
        attempt = session.attempt
        fase = attempt.fase
        if fase is not None:
            self.say(*self.fase_lines(attempt.scenario, fase.id))
        self.offer(session)

    def fase_lines(self, sc: Scenario, fase_id: str) -> list[str]:
        fase = sc.fasen[fase_id]
        lines = [" ".join(fase.text.split())]
        if fase.says:
            lines.append(f"{fase.speaker or sc.visitor.name} zegt: {' '.join(fase.says.split())}")
        if fase.facts.instruction:
            lines.append(f"Aanwijzing van de beveiliger: {fase.facts.instruction}")
        return lines

    def tell(self, session: Session, told: int, level: int | None) -> tuple[int, int | None]:
        """Tell what happened since event ``told``: the story, the trainee's own choice, the
        feedback in training, the end. The escalation level is said when it changes."""
        attempt = session.attempt
        sc = attempt.scenario
        trace = attempt.trace
        for i in range(told, len(trace)):
            ev = trace[i]
            if ev.kind in ("enter", "event") and ev.fase:
                fase = sc.fasen[ev.fase]
                self.say("")
                if fase.facts.level != level:
                    level = fase.facts.level
                    self.say(f"Escalatie: {LEVELS[level]}.")
                self.say(*self.fase_lines(sc, ev.fase))
            elif ev.kind == "clock" and ev.seconds:
                later = format_duration(ev.seconds)
                self.say("", f"{later[0].upper()}{later[1:]} later.")
            elif ev.kind == "choice" and ev.fase and ev.choice:
                choice = sc.fasen[ev.fase].choice(ev.choice)
                if choice is not None:
                    self.say("", f"U: {' '.join(choice.text.split())}")
                self.feedback(session, i)
            elif ev.kind == "timeout":
                self.say("", "De tijd is om: u deed niets.")
                self.feedback(session, i)
            elif ev.kind == "end" and ev.ending:
                ending = sc.endings[ev.ending]
                self.say("", f"Einde: {ending.title}.", " ".join(ending.text.split()))
        return len(trace), level

    def feedback(self, session: Session, upto: int) -> None:
        """Training: how the protocol judges this step, from what happened up to it."""
        if session.exam:
            return
        attempt = session.attempt
        sc = attempt.scenario
        fb = feedback_after(
            sc, attempt.trace[: upto + 1], session.lib.profile_for(sc), session.lib.catalogue
        )
        if fb is None:
            return
        if fb.feedback:
            self.say(f"Terugkoppeling: {' '.join(fb.feedback.split())}")
        for v in fb.verdicts:
            if v.status is Status.VIOLATED:
                self.say(f"Regel overtreden: {BY_ID[v.rule].title}. {v.evidence}", tone=RED)
        for rule in fb.repeated:
            self.say(f"Opnieuw overtreden: {BY_ID[rule].title}.", tone=RED)
        if not fb.was_model and fb.model and not fb.feedback:
            self.say(f"Het modelantwoord was {fb.model}.")

    def debrief(self, outcome: Outcome) -> None:
        session = outcome.session
        attempt = session.attempt
        sc = attempt.scenario
        result = score(
            sc, attempt.trace, session.lib.profile_for(sc), session.lib.catalogue, final=True
        )
        lines = debrief_text(sc, attempt.trace, result, attempt.ending, stopped=outcome.stopped)
        self.say("")
        for line in lines:
            tone = BOLD if line.endswith(":") or line == "Nabespreking." else None
            if line.startswith("Overtreden: "):
                tone = RED
            elif line.startswith("Gehouden: "):
                tone = GREEN
            self.say(line, tone=tone)

    # --- a whole run --------------------------------------------------------------------
    def resume_or_start(
        self, trainee: TraineeRow, sid: str, mode: str, seed: int, course: str | None
    ) -> Session:
        """An unfinished attempt at this scenario goes on, if the trainee wants to; else a
        new one. (In an exam, the time away counted, as in the game on the screen.)"""
        waiting = [
            a
            for a in self.store.unfinished(trainee.name)
            if a.scenario == sid and a.exam is None and a.mode == mode
        ]
        if waiting:
            row = waiting[-1]
            if self.yes(f"U was nog bezig met dit scenario ({row.mode}). Wilt u verdergaan?"):
                return self.resumed(row.id)
            self.save(lambda: Session.resume(self.store, self.lib, row.id).stop())
        extra = max(self.extra_time, self.store.extra_time(trainee.id))
        return Session.start(
            self.store, self.lib, trainee, sid, seed, mode, course, extra_time=extra
        )

    def resumed(self, attempt_id: int) -> Session:
        session = Session.resume(self.store, self.lib, attempt_id)
        left = session.attempt.time_left()
        if session.exam and session.row.status == "bezig" and left is not None:
            try:
                last = datetime.fromisoformat(self.store.last_move_at(attempt_id))
            except ValueError:
                return session
            away = self.wall() - last.timestamp()
            if away > 0:
                self.advance(session, min(away, left))
        return session

    def scenario_run(
        self, trainee: TraineeRow, sid: str, mode: str, seed: int, course: str | None
    ) -> Outcome:
        sc = self.lib.scenario(sid)
        extra = max(self.extra_time, self.store.extra_time(trainee.id))
        self.briefing(sc, mode, extra)
        session = self.resume_or_start(trainee, sid, mode, seed, course)
        outcome = self.play(session)
        if outcome.left:
            self.say("", "De invoer is op. Wat u deed, is bewaard; u kunt later verdergaan.")
            return outcome
        if outcome.stopped and not session.exam:
            self.say("", "Gestopt. Deze oefening telt niet mee.")
            return outcome
        self.debrief(outcome)
        return outcome

    def exam_run(self, trainee: TraineeRow, course: Course) -> None:
        """A course's exam: the scenarios drawn for the trainee's role, one after another
        without feedback, then the result and, on request, the debrief of each."""
        from simulator.language.course import draw_exam

        running = [e for e in self.store.exams(trainee=trainee.name, status="bezig")]
        mine = [e for e in running if e.course == course.id]
        if mine:
            exam = mine[-1]
            self.say("", "U gaat verder met het examen dat u nog niet had afgemaakt.")
        else:
            role = self.store.role(trainee.id)
            if role is None:
                role = list(ROLES)[self.pick("Welke rol speelt u in het examen?", list(ROLES))]
                self.save(lambda: self.store.set_role(trainee.id, role))
            roles = {sid: sc.role for sid, sc in self.lib.scenarios.items()}
            plan = draw_exam(course, self.new_seed(), roles, role)
            if not plan:
                self.say(f"Deze cursus heeft geen examenscenario's voor de rol {role}.")
                return
            exam = self.store.start_exam(trainee, course.id, role, plan)
        done: list[Session] = []
        attempts = self.store.exam_attempts(exam.id)
        for a in attempts:
            if a.status != "bezig" and a.scenario in self.lib.scenarios:
                done.append(Session.resume(self.store, self.lib, a.id))
        busy = [a for a in attempts if a.status == "bezig" and a.scenario in self.lib.scenarios]
        todo = [p for p in exam.plan[len(attempts) :] if p[0] in self.lib.scenarios]
        total = len(exam.plan)
        sessions: list[Session | tuple[str, int]] = [*(self.resumed(a.id) for a in busy), *todo]
        for item in sessions:
            number = f"scenario {len(done) + 1} van {total}"
            if isinstance(item, Session):
                session = item
                self.say("", f"Verder met {number}: {session.attempt.scenario.title}.")
            else:
                sid, seed = item
                sc = self.lib.scenario(sid)
                extra = self.extra_for(trainee)
                self.briefing(sc, "examen", extra, place=number)
                session = Session.start(
                    self.store, self.lib, trainee, sid, seed, "examen", course.id, exam.id, extra
                )
            outcome = self.play(session)
            if outcome.left:
                self.say("", "De invoer is op. Het examen is bewaard; u kunt later verdergaan.")
                return
            done.append(session)
        self.store.finish_exam(exam.id)
        self.exam_summary(done, course.pass_mark if course.pass_mark is not None else 70)

    def exam_summary(self, done: list[Session], pass_mark: int) -> None:
        scores = [s.row.score or 0 for s in done]
        mean = round(sum(scores) / len(scores)) if scores else 0
        passed = all(s.row.passed for s in done) and mean >= pass_mark
        self.say(
            "",
            f"Examen {'geslaagd' if passed else 'niet geslaagd'}: gemiddeld {mean} van 100, de "
            f"slaaggrens is {pass_mark}; {sum(1 for s in done if s.row.passed)} van de "
            f"{len(done)} scenario's gehaald.",
            tone=BOLD,
        )
        for i, s in enumerate(done, start=1):
            shown = "geen score" if s.row.score is None else f"{s.row.score} van 100"
            self.say(
                f"Scenario {i}: {s.attempt.scenario.title}, {shown}, "
                f"{'geslaagd' if s.row.passed else 'niet geslaagd'}."
            )
        labels = [s.attempt.scenario.title for s in done]
        while True:
            try:
                chosen = self.pick("De nabespreking van welk scenario? (s stopt)", labels)
            except Quit:
                return
            session = done[chosen]
            self.debrief(Outcome(session, stopped=session.row.status == "afgebroken"))


def announcements(total: float | None) -> list[float]:
    """The moments (seconds left) when the time is said, besides the start: for a longer
    timer halfway and five seconds before the end; largest first."""
    if total is None or total < LONG_TIMER:
        return []
    calls = [LAST_CALL]
    half = round(total / 2)
    if half >= LAST_CALL + 3:
        calls.insert(0, float(half))
    return calls


def seconds(left: float) -> str:
    whole = max(0, round(left))
    return "1 seconde" if whole == 1 else f"{whole} seconden"


def time_line(left: float | None) -> str:
    if left is None:
        return "Er is geen tijdsdruk: neem de tijd."
    return f"U hebt {seconds(left)}."
