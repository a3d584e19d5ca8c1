"""Will the scenario's texts fit the app at 80 × 24 and at 100 × 32?

The play screen is laid out by CSS (``simulator/tui/``); ``Layout`` below computes the same
sizes from the terminal's size, and ``tests/test_screen_fit.py`` renders the real screens at
both sizes and checks every number, so a change in the app's layout makes that test fail
rather than this check lie. The engine does not import Textual, so the rules are written
out here. Widths are measured as Textual measures them: with Rich's ``cell_len`` (an emoji
is two cells, a joined sequence such as 👮‍♀️ too), and lines are wrapped as Rich wraps them.

What goes wrong when a text is too long, and what this module warns about, at each size:

- a choice taller than the visible part of the choice list is never seen whole (the list
  scrolls, with 'meer ↓' on its border, so every choice can be reached, but not this one
  whole);
- the feedback on a choice (in training), with a line per broken rule below it, taller than
  the conversation panel: part of it is out of view the moment it comes;
- the fase text and what is said, taller than the conversation panel: the trainee reads the
  end only after PgDn, while the time runs;
- a visitor's name or a place that wraps in the 'Situatie' panel pushes the timer down and
  out of view;
- a title longer than the title column of the scenario list is cut off;
- a single word (a web address, a long id) wider than the panel it stands in is broken off
  in the middle of the word.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len, chop_cells

from simulator.dutch import plural
from simulator.language.model import Fase, Scenario
from simulator.language.problems import Problems
from simulator.language.vocabulary import LEVELS, TENSION
from simulator.language.yamlsource import Node

# --- the play screen, at any size: simulator/tui/screens/play.py and its widgets -----------
HEADER_ROWS = FOOTER_ROWS = 1
CHOICE_LIST_BORDER_ROWS = 2
CHOICE_LIST_MAX_SHARE = 0.4  # ChoiceList: 'max-height: 40%' of the rows between the bars
# ChoiceList: its border (2), its padding (2) and the scrollbar's room (2, always kept:
# 'scrollbar-gutter: stable'). Each option reads '1  ' and the text; wrapped lines start at
# the left edge.
CHOICE_LIST_FRAME = 6
# StoryLog (widgets/story_log.py): 2fr of the stage; its border, padding and scrollbar take
# 5 columns and its border 2 rows. What is said (.speech) and what you did (.own) are
# indented 2, feedback (.feedback) and broken rules (.violation) 4.
LOG_FRAME = 5
LOG_BORDER_ROWS = 2
SPEECH_INDENT = 2
FEEDBACK_INDENT = 4
# The side panels (#side in screens/play.py): 1fr of the stage, at least 26 and at most 40
# columns; a border and padding take 4. VisitorPanel (widgets/visitor_panel.py) holds the
# name, 'Plek: …', 'Orde: …' and, in danger, '⚠ Gevaar: geweld dreigt'. Below it
# EscalationMeter (widgets/escalation_meter.py: a border around '███▁ 2: dreigend
# controleverlies', which wraps at 80 columns; the meter keeps the height of its longest text
# at every level) and TimerBar (4 rows). What does not fit in the stage is cut off at the
# bottom: the timer goes first.
SIDE_MIN, SIDE_MAX = 26, 40
SIDE_FRAME = 4
VISITOR_BORDER_ROWS = 2
ESCALATION_BORDER_ROWS = 2
TIMER_ROWS = 4


@dataclass(frozen=True)
class Layout:
    """The play screen's panels in a terminal of ``columns`` × ``rows``."""

    columns: int
    rows: int

    @property
    def name(self) -> str:
        return f"{self.columns} × {self.rows}"

    @functools.cached_property
    def play_rows(self) -> int:
        """Rows between the header and the footer."""
        return self.rows - HEADER_ROWS - FOOTER_ROWS

    @functools.cached_property
    def choice_max_rows(self) -> int:
        return int(self.play_rows * CHOICE_LIST_MAX_SHARE)

    @functools.cached_property
    def choice_visible_lines(self) -> int:
        return self.choice_max_rows - CHOICE_LIST_BORDER_ROWS

    @functools.cached_property
    def choice_width(self) -> int:
        return self.columns - CHOICE_LIST_FRAME

    @functools.cached_property
    def side_columns(self) -> int:
        story = self.columns * 2 // 3  # 2fr against 1fr, the fraction to the side panel
        return max(SIDE_MIN, min(SIDE_MAX, self.columns - story))

    @functools.cached_property
    def side_width(self) -> int:
        return self.side_columns - SIDE_FRAME

    @functools.cached_property
    def log_width(self) -> int:
        return self.columns - self.side_columns - LOG_FRAME

    @functools.cached_property
    def log_speech_width(self) -> int:
        return self.log_width - SPEECH_INDENT

    @functools.cached_property
    def log_feedback_width(self) -> int:
        return self.log_width - FEEDBACK_INDENT

    def stage_rows(self, box_rows: int) -> int:
        """Rows of the story and the side panels, above the choices."""
        return self.play_rows - box_rows

    def log_rows(self, box_rows: int) -> int:
        """Lines of story in view above a choice box of ``box_rows`` rows."""
        return self.stage_rows(box_rows) - LOG_BORDER_ROWS


# The sizes the app is checked at: its smallest (simulator/tui/screens/too_small.py) and a
# common larger terminal (and about what a browser shows on a laptop).
SIZES = (Layout(80, 24), Layout(100, 32))
SMALLEST = SIZES[0]
SCREEN = SMALLEST.name

# ScenarioListScreen (screens/scenario_list.py): below 100 columns the title column is capped
# at 34; a longer title is cut off without a mark.
LIST_TITLE_WIDTH = 34

# BriefingScreen (screens/briefing.py): one text in a scrolling panel, 70 columns for a
# paragraph at 80 columns once the scrollbar is there (72 without), 68 for a leerdoel (after
# its bullet '• '), 67 for the content warning (after its bar '▌ ', with a space to its
# right). The debrief (screens/debrief.py) is wider still, and both scroll: only a single
# word can be too wide for them, and the story log is narrower for every text they share.
BRIEFING_WIDTH = 70
BRIEFING_ITEM_WIDTH = 68
BRIEFING_QUOTE_WIDTH = 67


# --- wrapping as the app does it (rich's divide_line, which Textual's Content uses) ----------

_WORD = re.compile(r"\s*\S+\s*")
# Characters of one cell each (tests/test_screen_fit.py checks every one against Rich):
# ASCII, the Latin letters with accents, the punctuation of running text (quotes, dashes,
# the ellipsis; not the invisible separators and direction marks at U+2028-U+202E) and the
# arrows ('→' before feedback). Most texts are only these: counted at once.
_NARROW = re.compile(r"[\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff]*")


def cell_width(text: str) -> int:
    """Cells on a terminal, as Textual draws them (Rich's ``cell_len``)."""
    if _NARROW.fullmatch(text):
        return len(text)
    return cell_len(text)


def _line_count(line: str, width: int) -> int:
    """Lines of one line of text at ``width``: Rich's ``divide_line``, counted."""
    measure = len if _NARROW.fullmatch(line) else cell_len  # most lines: a cell per letter
    if measure(line.rstrip()) <= width:
        return 1
    lines, offset = 1, 0
    for match in _WORD.finditer(line):
        word, start = match.group(0), match.start()
        length = measure(word.rstrip())
        if width - offset >= length:
            offset += measure(word)
        elif length > width:  # folded over as many lines as it needs
            pieces = chop_cells(word, width)
            lines += len(pieces) - (0 if start else 1)
            offset = cell_len(pieces[-1])
        elif offset and start:
            lines += 1
            offset = measure(word)
    return lines


@functools.lru_cache(maxsize=4096)
def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a widget ``width`` columns wide."""
    return sum(_line_count(line, width) for line in text.split("\n"))


def longest_word(text: str) -> str:
    measure = len if _NARROW.fullmatch(text) else cell_len
    return max(text.split(), key=measure, default="")


def _chars_in(lines: int, width: int) -> int:
    """Roughly how many characters of running text fit in ``lines`` lines (for advice)."""
    return max(0, lines * (width - 6))


def _lines(n: int) -> str:
    return plural(n, "regel", "regels")


def _last(n: int) -> str:
    return "de laatste regel staat" if n == 1 else f"de laatste {n} regels staan"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


# --- what the play screen needs per fase --------------------------------------------------


def choice_prompt(number: int, text: str) -> str:
    return f"{number}  {text}"  # as ChoiceList.show writes it (without the bold markup)


def choice_lines(fase: Fase, layout: Layout = SMALLEST) -> list[int]:
    """Lines per choice in the choice list."""
    width = layout.choice_width
    return [wrapped_lines(choice_prompt(i, c.text), width) for i, c in enumerate(fase.choices, 1)]


def choice_list_rows(fase: Fase, layout: Layout = SMALLEST) -> int:
    return min(layout.choice_max_rows, CHOICE_LIST_BORDER_ROWS + sum(choice_lines(fase, layout)))


def choice_box_rows(scenario: Scenario, layout: Layout = SMALLEST) -> int:
    """Rows of the choice box: one height for the whole scenario, what its largest offer
    needs (``ChoiceList.fit``), so the story above it keeps its size from key to key."""
    offers = [choice_list_rows(f, layout) for f in scenario.fasen.values() if f.choices]
    return max(offers, default=CHOICE_LIST_BORDER_ROWS)


def log_rows(scenario: Scenario, layout: Layout = SMALLEST) -> int:
    """Lines of story visible above the choices (the same in every fase)."""
    return layout.log_rows(choice_box_rows(scenario, layout))


METER_FULL = "█"  # drawn solid by a terminal font and by the browser's terminal alike
METER_EMPTY = "▁"  # a thin track: not a shade, which the browser draws as dots


def meter(filled: int, cells: int) -> str:
    """A bar of ``cells`` cells, ``filled`` of them full."""
    filled = max(0, min(cells, filled))
    return METER_FULL * filled + METER_EMPTY * (cells - filled)


def escalation_text(level: int) -> str:
    """What the escalation meter says at this level: the tension in blocks (rust empty,
    controleverlies full, ontspanning low), the number and its name."""
    return f"{meter(TENSION[level], len(LEVELS) - 1)} {level}: {LEVELS[level]}"


def escalation_rows(width: int = SMALLEST.side_width) -> int:
    """Rows of the escalation meter at this width: one height for every level (the longest
    text), so that the timer below does not move when the level changes."""
    return ESCALATION_BORDER_ROWS + max(
        wrapped_lines(escalation_text(level), width) for level in LEVELS
    )


def speech(scenario: Scenario, fase: Fase) -> str:
    return f"{fase.speaker or scenario.visitor.name}: \u201c{fase.says}\u201d"


def feedback_rows(feedback: str, broken: int, layout: Layout) -> int:
    """Lines of the feedback after a choice in training: '→ feedback' and a line per broken
    rule ('✗ Orde vóór inhoud': each fits one line, see the tests). The story keeps them in
    view until the next key (and the trainee's own line above them when there is room)."""
    return wrapped_lines(f"→ {feedback}", layout.log_feedback_width) + broken


# --- the check ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Text:
    node: Node
    path: str
    text: str


class _Tree:
    """Finds a scalar in the YAML tree by its keys; each mapping is indexed once, so a
    scenario with thousands of fasen is read in linear time."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self.maps: dict[int, dict[str, Node]] = {}

    def _get(self, node: Node, key: str) -> Node | None:
        index = self.maps.get(id(node))
        if index is None:
            index = self.maps[id(node)] = {k.text: v for k, v in node.pairs}
        return index.get(key)

    def find(self, start: Node | None, *keys: str | int) -> Node | None:
        """The node under ``start`` at these keys (a number: the item of a list)."""
        node = start
        for key in keys:
            if node is None:
                return None
            if isinstance(key, int):
                node = node.items[key] if node.kind == "seq" and key < len(node.items) else None
            else:
                node = self._get(node, key) if node.kind == "map" else None
        return node

    def text(self, path: str, *keys: str | int) -> _Text | None:
        return self.text_in(self.root, path, *keys)

    def text_in(self, start: Node | None, path: str, *keys: str | int) -> _Text | None:
        """The scalar under ``start`` at these keys, known by ``path`` in messages."""
        node = self.find(start, *keys)
        if node is None or node.kind != "scalar":
            return None
        return _Text(node, path, node.text.strip())


class _Checker:
    def __init__(self, scenario: Scenario, root: Node, problems: Problems) -> None:
        self.sc = scenario
        self.tree = _Tree(root)
        self.p = problems
        self.warned: set[str] = set()
        self.fase_nodes = self.tree.find(root, "fasen")
        self.name = self.tree.text("bezoeker.naam", "bezoeker", "naam")
        self.second = self.tree.text("tweede_bezoeker.naam", "tweede_bezoeker", "naam")
        self.place = self.tree.text("locatie", "locatie")
        self.sizes: dict[Layout, _Size] = {}

    def warn(self, where: _Text, message: str) -> None:
        if where.path in self.warned:
            return
        self.warned.add(where.path)
        self.p.warn(where.node.mark, where.path, message)

    # a single word wider than the panel it stands in
    def word(self, where: _Text | None, width: int, panel: str, extra: int = 0) -> None:
        if where is None:
            return
        word = longest_word(where.text)
        size = cell_width(word) + extra
        if size <= width:
            return
        shown = word if len(word) <= 40 else word[:37] + "…"
        self.warn(
            where,
            f"het woord '{shown}' is {cell_width(word)} tekens lang; {panel} is bij {SCREEN} "
            f"maar {width} tekens breed, dus het woord wordt midden in het woord afgebroken. "
            "Breek het op of kort het in",
        )

    def run(self) -> None:
        self.words()
        _Size(self, SMALLEST).run()

    def size(self, layout: Layout) -> _Size:
        """The checks at a larger size, made when a text does not fit the smallest."""
        if layout not in self.sizes:
            self.sizes[layout] = _Size(self, layout)
        return self.sizes[layout]

    def elsewhere(self, fits: Callable[[_Size], tuple[int, int]]) -> str:
        """What a text that does not fit 80 × 24 does at the larger sizes, in a sentence.
        (A text that fits the smallest fits them all: every panel is as wide and as tall or
        more, and a wider panel never needs more lines; see tests/test_screen_fit.py.)"""
        notes = []
        for layout in SIZES[1:]:
            need, room = fits(self.size(layout))
            if need <= room:
                notes.append(f"Bij {layout.name} past het wel.")
            else:
                notes.append(f"Ook bij {layout.name} niet: {_lines(need)}, er passen {room}.")
        return " " + " ".join(notes) if notes else ""

    def words(self) -> None:
        sc, small = self.sc, SMALLEST
        self.title()
        self.word(self.tree.text("omschrijving", "omschrijving"), BRIEFING_WIDTH, "de briefing")
        self.word(
            self.tree.text("bezoeker.achtergrond", "bezoeker", "achtergrond"),
            BRIEFING_WIDTH,
            "de briefing",
        )
        self.word(
            self.tree.text("inhoudswaarschuwing", "inhoudswaarschuwing"),
            BRIEFING_QUOTE_WIDTH,
            "de waarschuwing in de briefing",
        )
        for i in range(len(sc.goals)):
            self.word(
                self.tree.text(f"leerdoelen[{i + 1}]", "leerdoelen", i),
                BRIEFING_ITEM_WIDTH,
                "een leerdoel in de briefing",
            )
        self.word(self.name, small.side_width, "het paneel 'Situatie'")
        self.word(self.second, small.side_width, "het paneel 'Situatie'")
        self.word(self.place, small.side_width, "het paneel 'Situatie'")
        for fase in sc.fasen.values():
            base = f"fasen.{fase.id}"
            node = self.tree.find(self.fase_nodes, fase.id)
            self.word(self.tree.text_in(node, f"{base}.tekst", "tekst"), small.log_width, LOG)
            for key in ("zegt", "spreker"):
                self.word(
                    self.tree.text_in(node, f"{base}.{key}", key),
                    small.log_speech_width,
                    LOG,
                    extra=1,
                )
            self.word(
                self.tree.text_in(node, f"{base}.locatie", "locatie"),
                small.side_width,
                "het paneel 'Situatie'",
            )
            keuzes = self.tree.find(node, "keuzes")
            for i in range(len(fase.choices)):
                cpath = f"{base}.keuzes[{i + 1}]"
                cnode = self.tree.find(keuzes, i)
                self.word(
                    self.tree.text_in(cnode, f"{cpath}.tekst", "tekst"),
                    small.log_speech_width,
                    "het paneel 'Gesprek' (waar 'U: …' komt)",
                )
                self.word(
                    self.tree.text_in(cnode, f"{cpath}.feedback", "feedback"),
                    small.log_feedback_width,
                    "de feedback in het paneel 'Gesprek'",
                    extra=2,
                )
        for eid in sc.endings:
            for key in ("titel", "tekst"):
                self.word(
                    self.tree.text(f"eindes.{eid}.{key}", "eindes", eid, key),
                    small.log_width,
                    LOG,
                    extra=1 if key == "titel" else 0,
                )

    def title(self) -> None:
        where = self.tree.text("titel", "titel")
        if where is None or cell_width(where.text) <= LIST_TITLE_WIDTH:
            return
        self.warn(
            where,
            f"de titel is {cell_width(where.text)} tekens lang; de kolom voor de titel in de "
            f"lijst van scenario's is bij {SCREEN} maar {LIST_TITLE_WIDTH} tekens breed, dus de "
            "trainee leest "
            f"'{where.text[:LIST_TITLE_WIDTH].rstrip()}'. Maak de titel hoogstens "
            f"{LIST_TITLE_WIDTH} tekens lang",
        )


LOG = "het paneel 'Gesprek'"


class _Size:
    """The checks at one terminal size: what each text needs, and the room it has."""

    def __init__(self, checker: _Checker, layout: Layout) -> None:
        self.c = checker
        self.sc = checker.sc
        self.tree = checker.tree
        self.at = layout
        self.box_rows = choice_box_rows(self.sc, layout)
        self.log_rows = layout.log_rows(self.box_rows)
        self.rows: dict[str, tuple[int, Fase]] = {}  # per fase: see _rows_above_choices
        self.visiting: set[str] = set()

    def run(self) -> None:
        for fase in self.sc.fasen.values():
            if not fase.is_event:
                self.side_panel(fase)
            self.fase(fase)

    def fase(self, fase: Fase) -> None:
        base = f"fasen.{fase.id}"
        node = self.tree.find(self.c.fase_nodes, fase.id)
        text = self.tree.text_in(node, f"{base}.tekst", "tekst")
        says = self.tree.text_in(node, f"{base}.zegt", "zegt")
        keuzes = self.tree.find(node, "keuzes")
        for i, choice in enumerate(fase.choices):
            cpath = f"{base}.keuzes[{i + 1}]"
            cnode = self.tree.find(keuzes, i)
            ctext = self.tree.text_in(cnode, f"{cpath}.tekst", "tekst")
            if ctext is not None:
                self.choice_fit(ctext, fase, i)
            feedback = self.tree.text_in(cnode, f"{cpath}.feedback", "feedback")
            if feedback is not None and choice.feedback:
                self.feedback_fit(feedback, fase, i)
        self.log_fit(fase, text, says)

    # --- a choice in the choice list --------------------------------------------------
    def choice_need(self, fase: Fase, index: int) -> tuple[int, int]:
        prompt = choice_prompt(index + 1, fase.choices[index].text)
        return wrapped_lines(prompt, self.at.choice_width), self.at.choice_visible_lines

    def choice_fit(self, where: _Text, fase: Fase, index: int) -> None:
        lines, visible = self.choice_need(fase, index)
        if lines <= visible:
            return
        width = self.at.choice_width
        self.c.warn(
            where,
            f"de keuze is {len(fase.choices[index].text)} tekens lang en beslaat in de "
            f"keuzelijst {_lines(lines)} ({width} tekens breed bij {self.at.name}); de lijst "
            f"toont er {visible}, dus de trainee ziet deze keuze nooit helemaal: "
            f"{_last(lines - visible)} pas na scrollen in beeld. Houd een keuze op hoogstens "
            f"{visible} regels (ongeveer {_chars_in(visible, width)} tekens); korter is beter, "
            "want dan ziet de trainee meer keuzes tegelijk."
            + self.c.elsewhere(lambda size: size.choice_need(fase, index)),
        )

    # --- the feedback on a choice, under the trainee's own line -------------------------
    def feedback_need(self, fase: Fase, index: int) -> tuple[int, int]:
        choice = fase.choices[index]
        return feedback_rows(choice.feedback or "", len(choice.breaks), self.at), self.log_rows

    def feedback_fit(self, where: _Text, fase: Fase, index: int) -> None:
        need, rows = self.feedback_need(fase, index)
        if need <= rows:
            return
        broken = len(fase.choices[index].breaks)
        rules = f" en {_lines(broken)} met een overtreden regel" if broken else ""
        self.c.warn(
            where,
            f"na deze keuze staat in het paneel 'Gesprek' de feedback{rules}: samen "
            f"{_lines(need)} ({self.at.log_feedback_width} tekens breed bij {self.at.name}); "
            f"het paneel toont er {rows}, dus de trainee ziet de feedback niet helemaal zodra "
            f"hij komt. Maak de feedback ongeveer "
            f"{_chars_in(need - rows, self.at.log_feedback_width)} tekens korter."
            + self.c.elsewhere(lambda size: size.feedback_need(fase, index)),
        )

    # --- the fase's own text in the story --------------------------------------------
    def _rows_above_choices(self, fase: Fase) -> tuple[int, Fase]:
        """The rows of story in view while this fase's text is on screen, and the fase whose
        choices are shown then: an event fase goes on at once, so the next fase's (the
        tightest, if it can go more than one way; with the choice list gone at an ending)."""
        ending = (self.at.stage_rows(0) - LOG_BORDER_ROWS, fase)
        stack = [fase]
        while stack:  # without recursion: a long chain of events is no problem
            at = stack[-1]
            if at.id in self.rows:
                stack.pop()
                continue
            if at.next is None:
                self.rows[at.id] = (self.log_rows, at)
                stack.pop()
                continue
            todo = [
                self.sc.fasen[t]
                for t in at.next.targets
                if t in self.sc.fasen and t not in self.rows and t not in self.visiting
            ]
            if todo:
                self.visiting.add(at.id)
                stack.extend(todo)
                continue
            options = [
                self.rows.get(t, ending)
                for t in at.next.targets
                if t in self.rows or t in self.sc.endings
            ]
            self.rows[at.id] = min(options, key=lambda o: o[0], default=ending)
            self.visiting.discard(at.id)
            stack.pop()
        return self.rows[fase.id]

    def log_need(self, fase: Fase) -> tuple[int, int]:
        clock = 2 if fase.elapse else 0  # '… 4 uur later.' and the blank line after it
        says = wrapped_lines(speech(self.sc, fase), self.at.log_speech_width) if fase.says else 0
        need = clock + wrapped_lines(fase.text, self.at.log_width) + says
        return need, self._rows_above_choices(fase)[0]

    def log_fit(self, fase: Fase, text: _Text | None, says: _Text | None) -> None:
        if text is None:
            return
        need, rows = self.log_need(fase)
        if need <= rows:
            return
        shown = self._rows_above_choices(fase)[1]
        over = need - rows
        clock = 2 if fase.elapse else 0
        text_lines = wrapped_lines(fase.text, self.at.log_width)
        says_lines = need - clock - text_lines
        choices = len(shown.choices)
        below = (
            "erboven"
            if not choices
            else "boven de keuze"
            if choices == 1
            else f"boven de {choices} keuzes"
        )
        if choices and shown is not fase:
            below += f" van de fase '{shown.id}'"
        parts = ["de regel over de verstreken tijd"] if clock else []
        parts += ["de tekst"] + (["wat er gezegd wordt"] if fase.says else [])
        verb = "beslaat" if len(parts) == 1 else "beslaan samen"
        hidden = "staat de laatste regel" if over == 1 else f"staan de laatste {over} regels"
        if says is None or clock + text_lines > rows or text_lines > says_lines:
            where = text  # the text alone does not fit, or it is the larger part
        else:
            where = says
        self.c.warn(
            where,
            f"{_and(parts)} {verb} {_lines(need)} in het paneel 'Gesprek' "
            f"({self.at.log_width} tekens breed bij {self.at.name}); {below} passen er "
            f"{rows}. Zodra de fase begint, {hidden} nog onder het paneel en leest de trainee "
            "het einde pas na PgDn, terwijl de tijd loopt. Maak het ongeveer "
            f"{_chars_in(over, self.at.log_width)} tekens korter."
            + self.c.elsewhere(lambda size: size.log_need(fase)),
        )

    # --- the side panels -------------------------------------------------------------
    def side_need(self, fase: Fase) -> tuple[int, int]:
        """Rows the side panels need, and the rows they have with the timer's text still in
        view (its bottom border may go: the time is still there to read)."""
        width = self.at.side_width
        need = (
            VISITOR_BORDER_ROWS
            + wrapped_lines(self.sc.visitor_of(fase.facts), width)
            + wrapped_lines(f"Plek: {fase.facts.location}", width)
            + 1  # 'Orde: …'
            + (1 if fase.facts.danger else 0)
            + escalation_rows(width)
            + TIMER_ROWS
        )
        return need, self.at.stage_rows(self.box_rows) + 1

    def side_panel(self, fase: Fase) -> None:
        need, room = self.side_need(fase)
        if need <= room:
            return
        width = self.at.side_width
        visitor = self.sc.visitor_of(fase.facts)
        second = self.sc.second_visitor is not None and visitor == self.sc.second_visitor.name
        name = self.c.second if second else self.c.name
        place = self.tree.text_in(self.c.fase_nodes, f"fasen.{fase.id}.locatie", fase.id, "locatie")
        if place is None:
            place = self.c.place
        name_lines = wrapped_lines(visitor, width)
        over = need - room + 1
        lost = "de balk" if over == 2 else "de balk en de resterende tijd"
        if name_lines > 1 and name is not None:
            where, what, lines = name, "de naam", name_lines
            advice = f"Houd de naam op één regel: hoogstens {width} tekens."
        elif place is not None:
            where, what = place, f"'Plek: {fase.facts.location}'"
            lines = wrapped_lines(f"Plek: {fase.facts.location}", width)
            room_left = width - len("Plek: ")
            advice = f"Houd de plek op één regel: hoogstens {room_left} tekens."
        else:  # pragma: no cover - the default place is short
            return
        self.c.warn(
            where,
            f"{what} beslaat {_lines(lines)} in het paneel 'Situatie' ({width} tekens breed "
            f"bij {self.at.name}); in de fase '{fase.id}' past de zijkant dan niet meer boven "
            f"de keuzes en valt {lost} van het paneel 'Tijd' weg ({_lines(over)} te veel). "
            + advice
            + self.c.elsewhere(lambda size: size.side_need(fase)),
        )


def check_screen_fit(scenario: Scenario, root: Node, problems: Problems) -> None:
    """Warn about every text that will not fit the app at 80 × 24 or at 100 × 32 (see the
    module's doc)."""
    _Checker(scenario, root, problems).run()
