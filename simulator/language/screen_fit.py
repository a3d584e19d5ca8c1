"""Will the scenario's texts fit the app at its smallest size, 80 × 24?

Every limit below was measured on the Textual app (``simulator/tui/``) at 80 × 24, the
smallest size it accepts; ``tests/tui/test_screen_fit.py`` renders the screens at that size and
checks each number, so a change in the app's layout makes that test fail rather than this
check lie. The engine does not import Textual, so the numbers are written out here.

What goes wrong when a text is too long, and what this module warns about:

- a choice taller than the visible part of the choice list is never seen whole;
- the fase text and what is said, taller than the conversation panel above the choices:
  the start scrolls out of view the moment the fase begins;
- a visitor's name or a place that wraps in the 'Situatie' panel pushes the timer down and
  out of view;
- a title longer than the title column of the scenario list is cut off;
- a single word (a web address, a long id) wider than the panel it stands in is broken off
  in the middle of the word.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from simulator.dutch import listing, plural
from simulator.language.model import Fase, Scenario
from simulator.language.problems import Problems
from simulator.language.vocabulary import LEVELS
from simulator.language.yamlsource import Node

# --- the screen: simulator/tui/screens/too_small.py (MIN_WIDTH, MIN_HEIGHT) ----------------
SCREEN_COLUMNS = 80
SCREEN_ROWS = 24
SCREEN = f"{SCREEN_COLUMNS} × {SCREEN_ROWS}"

# --- the play screen: simulator/tui/screens/play.py ----------------------------------------
# Header and Footer take one row each; the stage (story log and side panels) and the choice
# list share the rest.
PLAY_ROWS = SCREEN_ROWS - 2

# ChoiceList (widgets/choice_list.py): 'max-height: 40%' gives it at most 8 rows at 24 lines;
# its round border takes 2 of them, so 6 lines of choices are visible. Its content is 76
# columns wide, 74 when the choices need more than 6 lines and the scrollbar (2) appears.
# Each option reads '1  ' and the text; wrapped lines start at the left edge.
CHOICE_LIST_MAX_ROWS = 8
CHOICE_LIST_BORDER_ROWS = 2
CHOICE_VISIBLE_LINES = CHOICE_LIST_MAX_ROWS - CHOICE_LIST_BORDER_ROWS
CHOICE_WIDTH = 76
CHOICE_WIDTH_SCROLLING = 74

# StoryLog (widgets/story_log.py): 2fr of the stage, 53 columns; its border and padding leave
# 49, its scrollbar (1) 48 once the story is longer than the panel, which is soon. What is
# said (.speech) and what you did (.own) are indented 2, feedback (.feedback) 4. Its border
# takes 2 rows; it shows the newest lines.
LOG_WIDTH = 48
LOG_SPEECH_WIDTH = 46
LOG_FEEDBACK_WIDTH = 44
LOG_BORDER_ROWS = 2

# The side panels (#side in screens/play.py): 1fr of the stage, 27 columns. VisitorPanel
# (widgets/visitor_panel.py) has a border and padding, leaving 23 columns for the name,
# 'Plek: …', 'Orde: …' and, in danger, '⚠ Gevaar: geweld dreigt'. Below it EscalationMeter
# (widgets/escalation_meter.py: a border around '███░░ 2: dreigend controleverlies', which
# wraps in 23 columns at levels 2 and 3; the meter keeps the height of its longest text at
# every level) and TimerBar (4 rows). What does not fit in the
# stage is cut off at the bottom: the timer goes first.
SIDE_WIDTH = 23
VISITOR_BORDER_ROWS = 2
ESCALATION_BORDER_ROWS = 2
TIMER_ROWS = 4

# ScenarioListScreen (screens/scenario_list.py): below 100 columns the title column is capped
# at 34; a longer title is cut off without a mark.
LIST_TITLE_WIDTH = 34

# BriefingScreen (screens/briefing.py): one text in a scrolling panel, 70 columns for a
# paragraph once the scrollbar is there (72 without), 68 for a leerdoel (after its bullet
# '• '), 67 for the content warning (after its bar '▌ ', with a space to its right). The
# debrief (screens/debrief.py) is wider still (72), and both scroll: only a single word can
# be too wide for them, and the story log above is narrower for every text they share.
BRIEFING_WIDTH = 70
BRIEFING_ITEM_WIDTH = 68
BRIEFING_QUOTE_WIDTH = 67


# --- wrapping as the app does it (rich's divide_line, which Textual's Content uses) ----------

_WORD = re.compile(r"\s*\S+\s*")


# Characters of one column each: ASCII, the Latin letters with accents, and the punctuation
# of running text (quotes, dashes, the ellipsis). Most texts are only these: counted at once.
_NARROW = re.compile(r"[\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u205e]*")


def cell_width(text: str) -> int:
    """Columns on a terminal: wide (East Asian) characters take two, combining marks none."""
    if _NARROW.fullmatch(text):
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _chop(word: str, width: int) -> list[str]:
    pieces: list[str] = []
    line, size = "", 0
    for ch in word:
        w = cell_width(ch)
        if size + w > width and line:
            pieces.append(line)
            line, size = "", 0
        line += ch
        size += w
    if line:
        pieces.append(line)
    return pieces


def _line_count(line: str, width: int) -> int:
    # one column per character in most texts: then a word's width is its length
    measure = len if _NARROW.fullmatch(line) else cell_width
    lines, offset = 1, 0
    for match in _WORD.finditer(line):
        word, start = match.group(0), match.start()
        length = measure(word.rstrip())
        if width - offset >= length:
            offset += measure(word)
        elif length > width:  # folded over as many lines as it needs
            for i, piece in enumerate(_chop(word, width)):
                if start or i:
                    lines += 1
                offset = cell_width(piece)
        elif offset and start:
            lines += 1
            offset = measure(word)
    return lines


@functools.lru_cache(maxsize=4096)
def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a widget ``width`` columns wide."""
    return sum(_line_count(line, width) for line in text.split("\n"))


def longest_word(text: str) -> str:
    measure = len if _NARROW.fullmatch(text) else cell_width
    return max(text.split(), key=measure, default="")


def _chars_in(lines: int, width: int) -> int:
    """Roughly how many characters of running text fit in ``lines`` lines (for advice)."""
    return max(0, lines * (width - 6))


def _lines(n: int) -> str:
    return plural(n, "regel", "regels")


def _last(n: int) -> str:
    return "de laatste regel staat" if n == 1 else f"de laatste {n} regels staan"


# --- what the play screen needs per fase --------------------------------------------------


def choice_prompt(number: int, text: str) -> str:
    return f"{number}  {text}"  # as ChoiceList.show writes it (without the bold markup)


def choice_lines(fase: Fase) -> tuple[list[int], int]:
    """Lines per choice in the choice list, and the width they were measured at."""
    width = CHOICE_WIDTH
    counts = [wrapped_lines(choice_prompt(i, c.text), width) for i, c in enumerate(fase.choices, 1)]
    if sum(counts) > CHOICE_VISIBLE_LINES:
        width = CHOICE_WIDTH_SCROLLING
        counts = [
            wrapped_lines(choice_prompt(i, c.text), width) for i, c in enumerate(fase.choices, 1)
        ]
    return counts, width


def choice_list_rows(fase: Fase) -> int:
    counts, _ = choice_lines(fase)
    return min(CHOICE_LIST_MAX_ROWS, CHOICE_LIST_BORDER_ROWS + sum(counts))


def choice_box_rows(scenario: Scenario) -> int:
    """Rows of the choice box: one height for the whole scenario, what its largest offer
    needs (``ChoiceList.fit``), so the story above it keeps its size from key to key."""
    offers = [choice_list_rows(f) for f in scenario.fasen.values() if f.choices]
    return max(offers, default=CHOICE_LIST_BORDER_ROWS)


def log_rows(scenario: Scenario) -> int:
    """Lines of story visible above the choices (the same in every fase)."""
    return PLAY_ROWS - choice_box_rows(scenario) - LOG_BORDER_ROWS


def escalation_text(level: int) -> str:
    """What the escalation meter says at this level: blocks, the number and its name."""
    return f"{'█' * (level + 1)}{'░' * (4 - level)} {level}: {LEVELS[level]}"


def escalation_rows(width: int = SIDE_WIDTH) -> int:
    """Rows of the escalation meter at this width: one height for every level (the longest
    text), so that the timer below does not move when the level changes."""
    return ESCALATION_BORDER_ROWS + max(
        wrapped_lines(escalation_text(level), width) for level in LEVELS
    )


def speech(scenario: Scenario, fase: Fase) -> str:
    return f"{fase.speaker or scenario.visitor.name}: \u201c{fase.says}\u201d"


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
        self.rows: dict[str, tuple[int, Fase]] = {}  # per fase: see _rows_above_choices
        self.visiting: set[str] = set()
        self.fase_nodes = self.tree.find(root, "fasen")
        self.name = self.tree.text("bezoeker.naam", "bezoeker", "naam")
        self.place = self.tree.text("locatie", "locatie")
        self.box_rows = choice_box_rows(scenario)
        self.log_rows = log_rows(scenario)

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
        sc = self.sc
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
        self.word(self.name, SIDE_WIDTH, "het paneel 'Situatie'")
        self.word(self.place, SIDE_WIDTH, "het paneel 'Situatie'")
        resting = [f for f in sc.fasen.values() if not f.is_event]
        for fase in resting:
            self.side_panel(fase)
        for fase in sc.fasen.values():
            self.fase(fase)
        for eid in sc.endings:
            base = f"eindes.{eid}"
            for key in ("titel", "tekst"):
                self.word(
                    self.tree.text(f"{base}.{key}", "eindes", eid, key),
                    LOG_WIDTH,
                    "het paneel 'Gesprek'",
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

    def fase(self, fase: Fase) -> None:
        base = f"fasen.{fase.id}"
        node = self.tree.find(self.fase_nodes, fase.id)
        text = self.tree.text_in(node, f"{base}.tekst", "tekst")
        says = self.tree.text_in(node, f"{base}.zegt", "zegt")
        self.word(text, LOG_WIDTH, "het paneel 'Gesprek'")
        self.word(says, LOG_SPEECH_WIDTH, "het paneel 'Gesprek'", extra=1)
        self.word(
            self.tree.text_in(node, f"{base}.spreker", "spreker"),
            LOG_SPEECH_WIDTH,
            "het paneel 'Gesprek'",
            extra=1,
        )
        self.word(
            self.tree.text_in(node, f"{base}.locatie", "locatie"),
            SIDE_WIDTH,
            "het paneel 'Situatie'",
        )
        counts, width = choice_lines(fase)
        keuzes = self.tree.find(node, "keuzes")
        for i in range(len(fase.choices)):
            cpath = f"{base}.keuzes[{i + 1}]"
            cnode = self.tree.find(keuzes, i)
            ctext = self.tree.text_in(cnode, f"{cpath}.tekst", "tekst")
            self.word(ctext, LOG_SPEECH_WIDTH, "het paneel 'Gesprek' (waar 'U: …' komt)")
            self.word(
                self.tree.text_in(cnode, f"{cpath}.feedback", "feedback"),
                LOG_FEEDBACK_WIDTH,
                "de feedback in het paneel 'Gesprek'",
                extra=2,
            )
            if ctext is not None and counts[i] > CHOICE_VISIBLE_LINES:
                self.warn(
                    ctext,
                    f"de keuze is {len(fase.choices[i].text)} tekens lang en beslaat in de "
                    f"keuzelijst {_lines(counts[i])} ({width} tekens breed bij {SCREEN}); de "
                    f"lijst toont er {CHOICE_VISIBLE_LINES}, dus de trainee ziet deze keuze "
                    f"nooit helemaal: {_last(counts[i] - CHOICE_VISIBLE_LINES)} pas na "
                    "scrollen in beeld. Houd een keuze op hoogstens "
                    f"{CHOICE_VISIBLE_LINES} regels (ongeveer "
                    f"{_chars_in(CHOICE_VISIBLE_LINES, width)} tekens); korter is beter, "
                    "want dan ziet de trainee meer keuzes tegelijk",
                )
        self.log_fit(fase, text, says)

    def _rows_above_choices(self, fase: Fase) -> tuple[int, Fase]:
        """The rows of story in view while this fase's text is on screen, and the fase whose
        choices are shown then: an event fase goes on at once, so the next fase's (the
        tightest, if it can go more than one way; with the choice list gone at an ending)."""
        ending = (PLAY_ROWS - LOG_BORDER_ROWS, fase)
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

    def log_fit(self, fase: Fase, text: _Text | None, says: _Text | None) -> None:
        if text is None:
            return
        rows, shown = self._rows_above_choices(fase)
        clock = 2 if fase.elapse else 0  # '… 4 uur later.' and the blank line after it
        text_lines = wrapped_lines(fase.text, LOG_WIDTH)
        says_lines = wrapped_lines(speech(self.sc, fase), LOG_SPEECH_WIDTH) if fase.says else 0
        need = clock + text_lines + says_lines
        if need <= rows:
            return
        over = need - rows
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
        what = listing(parts)
        verb = "beslaat" if len(parts) == 1 else "beslaan samen"
        hidden = "staat de eerste regel" if over == 1 else f"staan de eerste {over} regels"
        if says is None or clock + text_lines > rows or text_lines > says_lines:
            where = text  # the text alone does not fit, or it is the larger part
        else:
            where = says
        self.warn(
            where,
            f"{what} {verb} {_lines(need)} in het paneel 'Gesprek' ({LOG_WIDTH} tekens "
            f"breed bij {SCREEN}); {below} passen er {rows}. Zodra de fase begint, {hidden} "
            "al buiten beeld en leest de trainee het begin alleen door terug te scrollen. "
            f"Maak het ongeveer {_chars_in(over, LOG_WIDTH)} tekens korter",
        )

    def side_panel(self, fase: Fase) -> None:
        name = self.name
        place = self.tree.text_in(self.fase_nodes, f"fasen.{fase.id}.locatie", fase.id, "locatie")
        if place is None:
            place = self.place
        name_lines = wrapped_lines(self.sc.visitor.name, SIDE_WIDTH)
        place_lines = wrapped_lines(f"Plek: {fase.facts.location}", SIDE_WIDTH)
        need = (
            VISITOR_BORDER_ROWS
            + name_lines
            + place_lines
            + 1  # 'Orde: …'
            + (1 if fase.facts.danger else 0)
            + escalation_rows()
            + TIMER_ROWS
        )
        rows = PLAY_ROWS - self.box_rows
        if need <= rows:
            return
        over = need - rows
        if over < 2:  # only the timer's bottom border goes: the time is still there to read
            return
        lost = "de balk" if over == 2 else "de balk en de resterende tijd"
        if name_lines > 1 and name is not None:
            where, what, lines = name, "de naam", name_lines
            advice = f"Houd de naam op één regel: hoogstens {SIDE_WIDTH} tekens"
        elif place is not None:
            where, what, lines = place, f"'Plek: {fase.facts.location}'", place_lines
            room = SIDE_WIDTH - len("Plek: ")
            advice = f"Houd de plek op één regel: hoogstens {room} tekens"
        else:  # pragma: no cover - the default place is short
            return
        self.warn(
            where,
            f"{what} beslaat {_lines(lines)} in het paneel 'Situatie' ({SIDE_WIDTH} tekens breed "
            f"bij {SCREEN}); in de fase '{fase.id}' past de zijkant dan niet meer boven de "
            f"keuzes en valt {lost} van het paneel 'Tijd' weg ({_lines(over)} te veel). " + advice,
        )


def check_screen_fit(scenario: Scenario, root: Node, problems: Problems) -> None:
    """Warn about every text that will not fit the app at 80 × 24 (see the module's doc)."""
    _Checker(scenario, root, problems).run()
