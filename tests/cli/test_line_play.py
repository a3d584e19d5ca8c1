"""``regie play``: the game in plain lines, for a screen reader and any terminal.

Two ways of testing. Through a pipe, as a person with a screen reader runs it: the real
program, answers piped in, the output read the way a screen reader reads it (no box drawing,
no marks, no colour codes unless asked, numbered choices, nothing said twice in a row). And
in this process with a clock the test moves, for what takes time: timers that run out, when
the time is said, pause, extra time, stopping, going on after the input ended, an exam.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scoring import score
from simulator.cli.line_input import EndOfInput, StreamAnswers
from simulator.cli.line_play import LinePlayer, announcements
from simulator.engine.attempt import replay
from simulator.language.library import load
from simulator.store import Store

ROOT = Path(__file__).resolve().parents[2]
LIB = load()
SID = "km-spreekkamer-dreiging"  # four steps to an ending with "1" (seed 0); first timer 40 s

# what a screen reader reads as it is: letters, digits, spaces, the punctuation of a sentence
# and the quotes of the story; not: box drawing, blocks, check marks, arrows, bullets
SYMBOLS_READ_ALOUD = re.compile(r"[\u2190-\u21ff\u2500-\u25ff\u2600-\u27bf\u2022\u00b7]")
DECORATION = re.compile(r"^[\W_]{3,}$")  # a line of only dashes, equals signs, stars …


def regie_play(*argv: str, answers: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, REGIE_DATA=str(data))
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli", "play", *argv],
        input=answers,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def read_as_a_screen_reader(text: str) -> list[str]:
    """The lines a screen reader would speak, checked for what it would stumble over."""
    assert "\x1b" not in text, "a colour or cursor code"
    lines = text.splitlines()
    for line in lines:
        assert not SYMBOLS_READ_ALOUD.search(line), f"a symbol read aloud: {line!r}"
        assert not DECORATION.match(line.strip()), f"a decoration line: {line!r}"
        for char in line:
            category = unicodedata.category(char)
            assert category[0] != "C", f"a control character in {line!r}"
            assert category not in ("So", "Sk"), f"{char!r} ({unicodedata.name(char, '?')})"
    spoken = [line for line in lines if line.strip()]
    for before, after in itertools.pairwise(spoken):
        assert before != after, f"said twice in a row: {before!r}"
    return spoken


def test_piped_answers_play_to_the_debrief_and_are_saved_as_the_game_saves(tmp_path: Path) -> None:
    done = regie_play(
        SID,
        "--zaad",
        "0",
        "--trainee",
        "Zoë",
        "--groep",
        "KM-1",
        answers="\n1\n2\n1\n1\n",
        data=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    spoken = read_as_a_screen_reader(done.stdout)
    assert spoken[-1].startswith("Niet van toepassing:")
    choices = [line for line in spoken if re.match(r"^\d\. ", line)]
    assert len(choices) >= 4 * 4  # four decisions, four or more choices each
    asks = [i for i, line in enumerate(spoken) if line == "Wat doet u?"]
    assert len(asks) == 4
    for at in asks:  # the numbers follow the question, 1, 2, 3 …
        numbers = []
        for line in spoken[at + 1 :]:
            if not re.match(r"^\d\. ", line):
                break
            numbers.append(int(line[0]))
        assert numbers == list(range(1, len(numbers) + 1))
        assert spoken[at + 1 + len(numbers)].startswith("U hebt ")  # then the time
    assert "Nabespreking." in spoken
    said = int(re.search(r"score (\d+) van 100", done.stdout).group(1))  # type: ignore[union-attr]

    with Store.open(tmp_path) as store:
        (row,) = store.attempts(trainee="Zoë")
        assert (row.groep, row.status, row.mode, row.score) == (
            "KM-1",
            "afgerond",
            "training",
            said,
        )
        again = replay(LIB.scenario(SID), row.seed, store.moves(row.id))  # the same engine ...
        sc = again.scenario
        result = score(sc, again.trace, LIB.profile_for(sc), LIB.catalogue)  # ... and scoring
        assert result.score == said and again.ending is not None
        assert again.ending.id == row.ending


def test_colour_only_when_asked(tmp_path: Path) -> None:
    plain = regie_play(SID, "--zaad", "0", answers="\n1\n2\n1\n1\n", data=tmp_path)
    coloured = regie_play(SID, "--zaad", "0", "--kleur", answers="\n1\n2\n1\n1\n", data=tmp_path)
    assert "\x1b[" not in plain.stdout
    assert "\x1b[31m" in coloured.stdout  # a rule broken, in red
    assert re.sub(r"\x1b\[\d+m", "", coloured.stdout) == plain.stdout
    assert "Zonder --trainee wordt niets opgeslagen." in plain.stdout
    assert not (tmp_path / "regie.sqlite").exists()


def test_without_a_scenario_the_trainings_come_first(tmp_path: Path) -> None:
    # klantmanager-halve-dag, then its third scenario (km-spreekkamer-dreiging)
    courses = list(LIB.courses)
    menu = courses.index("klantmanager-halve-dag") + 1
    third = LIB.courses["klantmanager-halve-dag"].scenarios.index(SID) + 1
    done = regie_play("--zaad", "0", answers=f"x\n{menu}\n{third}\n\n1\n2\n1\n1\n", data=tmp_path)
    assert done.returncode == 0, done.stderr
    spoken = read_as_a_screen_reader(done.stdout)
    assert "Kies een training:" in spoken and "Kies een scenario:" in spoken
    assert spoken.count(f"Typ een nummer van 1 tot {len(courses) + 1} en druk op Enter.") == 1
    assert f"'x' staat er niet bij. Typ een nummer van 1 tot {len(courses) + 1}." in spoken
    assert "Scenario: Dreiging in de spreekkamer." in spoken and "Nabespreking." in spoken


def test_the_end_of_the_input_keeps_the_attempt_to_go_on_with(tmp_path: Path) -> None:
    first = regie_play(SID, "--zaad", "0", "--trainee", "Ali", answers="\n1\n", data=tmp_path)
    assert first.returncode == 0
    assert "De invoer is op. Wat u deed, is bewaard" in first.stdout
    with Store.open(tmp_path) as store:
        (row,) = store.attempts(trainee="Ali")
        assert row.status == "bezig" and len(store.moves(row.id)) == 1
    again = regie_play(SID, "--trainee", "Ali", answers="\nj\n2\n1\n1\n", data=tmp_path)
    assert "U was nog bezig met dit scenario (training). Wilt u verdergaan?" in again.stdout
    with Store.open(tmp_path) as store:
        (row,) = store.attempts(trainee="Ali")
        assert row.status == "afgerond" and len(store.moves(row.id)) == 4


def test_usage_errors_are_dutch(tmp_path: Path) -> None:
    for argv, message in (
        (["--examen"], "--examen hoort bij een SCENARIO"),
        (["--groep", "G", SID], "--groep hoort bij --trainee"),
        (["bestaat-niet"], "onbekend scenario 'bestaat-niet'"),
    ):
        done = regie_play(*argv, answers="", data=tmp_path)
        assert done.returncode == 2 and message in done.stderr
        assert "Traceback" not in done.stderr


# --- in this process, with a clock the test moves --------------------------------------------


@dataclass
class After:
    """An answer typed ``seconds`` after the question (or nothing, if the time runs out)."""

    seconds: float
    text: str


@dataclass
class Late:
    """An answer that arrives ``seconds`` after the question whatever the timer: typed just
    as the time ran out, and read after it."""

    seconds: float
    text: str


class Script:
    """Answers with a clock: a string comes at once, ``After`` later, None means silence
    until the time runs out; when the script is done, ``rest`` (if any) answers everything."""

    def __init__(self, *items: str | After | Late | None, rest: str | None = None) -> None:
        self.items = list(items)
        self.rest = rest
        self.now = 1000.0
        self.asked = 0

    def clock(self) -> float:
        return self.now

    def get(self, timeout: float | None) -> str | None:
        self.asked += 1
        assert self.asked < 5000, "the player keeps asking"
        if not self.items:
            if self.rest is None:
                raise EndOfInput
            self.now += 0.5
            return self.rest
        item = self.items[0]
        if item is None:
            assert timeout is not None, "waiting in silence where no timer runs"
            self.now += timeout
            return None
        if isinstance(item, Late):
            self.now += item.seconds
            self.items.pop(0)
            return item.text
        if isinstance(item, After):
            if timeout is not None and item.seconds >= timeout:
                self.now += timeout
                item.seconds -= timeout
                return None
            self.now += item.seconds
            self.items.pop(0)
            return item.text
        self.items.pop(0)
        self.now += 0.5
        return item


def player(store: Store, script: Script, extra: int = 0) -> tuple[LinePlayer, io.StringIO]:
    out = io.StringIO()
    p = LinePlayer(
        LIB,
        store,
        script,
        out,
        extra_time=extra,
        clock=script.clock,
        wall=script.clock,
        new_seed=lambda: 7,
    )
    return p, out


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path) as s:
        yield s


def fase_blocks(text: str) -> list[list[str]]:
    """The output cut at each question 'Wat doet u?': what is said while one choice waits."""
    blocks = text.split("Wat doet u?")
    return [b.strip().splitlines() for b in blocks[1:]]


def time_lines(block: list[str]) -> list[str]:
    return [line for line in block if line.startswith(("U hebt ", "Nog "))]


def test_the_time_is_said_at_the_start_halfway_and_near_the_end_and_no_more(store: Store) -> None:
    script = Script("", None, None, None, "s", "j")  # silence through the first timer
    p, out = player(store, script)
    p.scenario_run(store.trainee("Ali"), SID, "training", 0, None)
    text = out.getvalue()
    first = fase_blocks(text)[0]
    assert time_lines(first) == ["U hebt 40 seconden.", "Nog 20 seconden.", "Nog 5 seconden."]
    assert "De tijd is om: u deed niets." in first
    read_as_a_screen_reader(text)
    assert announcements(8.0) == []  # a short timer: only at its start
    assert announcements(12.0) == [5.0]
    assert announcements(40.0) == [20.0, 5.0]


def test_extra_time_stretches_the_timer_and_is_said_in_the_briefing(store: Store) -> None:
    script = Script("", After(45.0, "t"), After(5.0, "1"), "s", "j")
    p, out = player(store, script, extra=50)
    p.scenario_run(store.trainee("Ali"), SID, "training", 0, None)
    text = out.getvalue()
    assert "U hebt extra tijd: elke timer loopt 50 procent langer." in text
    first = fase_blocks(text)[0]
    assert first[time_lines(first) and first.index("U hebt 60 seconden.")] == "U hebt 60 seconden."
    assert "Nog 30 seconden." in first and "Nog 15 seconden." in first  # asked with t at 45 s
    assert "De tijd is om: u deed niets." not in first  # chosen at 50 s: in time
    assert store.attempts(trainee="Ali") == []  # stopped training: it does not count


def test_pause_stops_the_time_in_training_and_not_in_an_exam(store: Store) -> None:
    script = Script("", After(10.0, "p"), After(300.0, "t"), "p", After(5.0, "t"), "s", "j")
    p, out = player(store, script)
    p.scenario_run(store.trainee("Ali"), SID, "training", 0, None)
    text = out.getvalue()
    assert "Pauze: de tijd staat stil. Typ p om verder te gaan." in text
    assert "Nog 30 seconden." in text  # after five minutes of pause: 40 - 10
    assert "Verder. U hebt 30 seconden." in text
    assert "Nog 25 seconden." in text
    assert "De tijd is om" not in text

    script = Script("", "p", "s", "j")
    p, out = player(store, script)
    p.scenario_run(store.trainee("Bo"), SID, "examen", 0, None)
    text = out.getvalue()
    assert "In het examen loopt de tijd door: pauzeren kan niet." in text
    (row,) = store.attempts(trainee="Bo")
    assert row.status == "afgebroken"  # a stopped exam counts ...
    assert "U stopte voor het einde; beoordeeld is wat u tot dan deed." in text  # ... and is judged
    assert "Terugkoppeling" not in text  # no feedback in an exam


def test_an_answer_after_the_timer_is_too_late_and_a_wrong_one_is_explained(store: Store) -> None:
    script = Script("", "9", "lekker", After(19.0, "t"), Late(30.0, "1"), "s", "j")
    p, out = player(store, script)
    p.scenario_run(store.trainee("Ali"), SID, "training", 0, None)
    text = out.getvalue()
    assert "Dat is geen keuze. Typ een nummer van 1 tot 4, of h voor hulp." in text
    assert "Uw antwoord kwam te laat: de tijd was al om." in text
    assert "De tijd is om: u deed niets." in text


def test_reading_again_and_help(store: Store) -> None:
    script = Script("", "l", "h", "s", "n", "s", "j")
    p, out = player(store, script)
    p.scenario_run(store.trainee("Ali"), SID, "training", 0, None)
    text = out.getvalue()
    assert text.count("Ferry Dijkhuis zegt: Die afwijzing gaat vandaag van tafel.") == 2
    assert text.count("Wat doet u?") == 2
    assert "l leest de situatie en de keuzes opnieuw" in text
    assert "U gaat verder." in text


def test_an_exam_of_a_course_plays_every_drawn_scenario_then_the_result(store: Store) -> None:
    course = LIB.courses["zelfstudie-examen"]
    out = io.StringIO()

    class Exam(Script):
        """1 to everything (the role klantmanager first); at the result, the debrief of the
        first scenario, then s."""

        def get(self, timeout: float | None) -> str | None:
            asked = out.getvalue().count("De nabespreking van welk scenario?")
            if asked == 2:
                return "s"
            return super().get(timeout)

    script = Exam(rest="1")
    p = LinePlayer(
        LIB, store, script, out, clock=script.clock, wall=script.clock, new_seed=lambda: 7
    )
    p.exam_run(store.trainee("Ali"), course)
    text = out.getvalue()
    (exam,) = store.exams(trainee="Ali")
    assert exam.status == "afgerond" and exam.role == "klantmanager"
    assert len(store.exam_attempts(exam.id)) == course.exam_draw
    assert re.search(r"Examen (niet )?geslaagd: gemiddeld \d+ van 100", text)
    for i in range(1, (course.exam_draw or 0) + 1):
        assert f"(scenario {i} van {course.exam_draw})" in text
    during, after = text.split("Examen ", 1)[0], text.rsplit("De nabespreking van welk", 1)[0]
    assert "Terugkoppeling" not in during  # no feedback while the exam runs
    assert "Nabespreking." in after  # the debrief of the first scenario, asked for with 1
    read_as_a_screen_reader(text)


def test_stream_answers_read_lines_and_end() -> None:
    answers = StreamAnswers(io.StringIO("1\n  t \n" + "x" * 5000 + "\n"))
    assert answers.get(5) == "1"
    assert answers.get(5) == "t"
    assert answers.get(5) == "x" * 1000  # an overlong line is cut, its rest is dropped
    with pytest.raises(EndOfInput):
        answers.get(5)
    with pytest.raises(EndOfInput):
        answers.get(None)
