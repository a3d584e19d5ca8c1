"""Reading must win: `regie check` looks for what gives the model answer away without reading,
and for timers nobody can read in time.

**Tells.** Over the fasen with three or more choices, a measure marks at most one choice per
fase by its form alone: the longest, the shortest, the only one with (or without) quotation
marks, the only act among spoken choices (or the only spoken one among acts), the only one
naming the visitor (or the only one not naming him), the only question (or the only one that
is not), the one with the most sentences. A trainee who picks by that form without reading is
right as often as the marked choice is the model answer.

By chance, with the model answer at a random place among the n choices of a fase, the marked
choice is the model answer with probability 1/n. Summed over the fasen that have a marked
choice this gives the expected count; the observed count is compared with it by the exact
tail of the Poisson-binomial distribution (a sum of independent yes/no outcomes, each with its
own 1/n): the chance that luck alone gives at least the observed count. Below
``TELL_P`` (5%, the usual threshold for "clearly not chance") the measure is reported as a
warning with both counts. A warning is cheap to look into; a tell left in is an exam that
certifies nothing. The same test runs over all scenarios checked together, since a trainee
who always picks the longest option plays them all.

**Quoting.** Within one fase, spoken choices are written one way (all in quotation marks or
all without), and all quotations use one kind of mark (see ``simulator.language.speech``).

**Reading time.** A timed fase must leave an average reader time to read its text, what the
visitor says and every choice, and a few seconds to decide. The reading speed is
``WORDS_PER_MINUTE`` = 200 words a minute: Brysbaert (2019), "How many words do we read per
minute? A review and meta-analysis of reading rate", Journal of Memory and Language 109,
104047, finds 238 words a minute for adults reading English non-fiction silently, with most
adults between 175 and 300. We take a round 200 for Dutch text read on a screen under time
pressure: Dutch words are longer than English ones, and a timer must suit the average
trainee, not the fast one. ``DECIDE_SECONDS`` = 3 are added to choose.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from simulator.dutch import listing
from simulator.language.model import Choice, Fase, Scenario
from simulator.language.problems import Mark, Problem, Severity
from simulator.language.reader import join
from simulator.language.speech import Form, form_of, quotations, quote_style

TELL_P = 0.05
MIN_CHOICES = 3
WORDS_PER_MINUTE = 200
DECIDE_SECONDS = 3.0

Marker = Callable[[Scenario, Fase], int | None]


def _unique_extreme(values: Sequence[float], largest: bool) -> int | None:
    best = max(values) if largest else min(values)
    hits = [i for i, v in enumerate(values) if v == best]
    return hits[0] if len(hits) == 1 else None


def _odd_one_out(flags: Sequence[bool]) -> int | None:
    """The one choice whose flag differs from all the others (which agree), if any."""
    yes = [i for i, f in enumerate(flags) if f]
    no = [i for i, f in enumerate(flags) if not f]
    if len(yes) == 1 and len(no) >= 2:
        return yes[0]
    if len(no) == 1 and len(yes) >= 2:
        return no[0]
    return None


def _sentences(text: str) -> int:
    return max(1, len(re.findall(r"[.!?…]+(?=\s|$|['’\"”])", text.strip())))


def _names(scenario: Scenario) -> list[re.Pattern[str]]:
    """Patterns for the visitors' surnames ('Ruud van Leeuwen' -> 'van Leeuwen')."""
    visitors = [scenario.visitor, *([scenario.second_visitor] if scenario.second_visitor else [])]
    out = []
    for v in visitors:
        words = v.name.split()
        surname = " ".join(words[1:]) or words[0]
        out.append(re.compile(rf"\b{re.escape(surname)}\b", re.IGNORECASE))
    return out


def _names_visitor(scenario: Scenario, text: str) -> bool:
    return any(p.search(text) for p in _names(scenario))


def _is_question(text: str) -> bool:
    return text.strip().rstrip("'’\"” ").endswith("?")


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    what: str  # what the marked choice is, after "het modelantwoord is in 5 van 8 fasen"
    mark: Marker


MEASURES: tuple[Measure, ...] = (
    Measure(
        "langste",
        "de langste keuze",
        lambda sc, f: _unique_extreme([len(c.text) for c in f.choices], largest=True),
    ),
    Measure(
        "kortste",
        "de kortste keuze",
        lambda sc, f: _unique_extreme([len(c.text) for c in f.choices], largest=False),
    ),
    Measure(
        "aanhalingstekens",
        "de enige keuze met aanhalingstekens tussen keuzes zonder (of andersom)",
        lambda sc, f: _odd_one_out([bool(quotations(c.text)) for c in f.choices]),
    ),
    Measure(
        "handeling",
        "de enige handeling tussen gesproken keuzes (of andersom)",
        lambda sc, f: _odd_one_out([form_of(c.text) is Form.ACT for c in f.choices]),
    ),
    Measure(
        "naam",
        "de enige keuze die de bezoeker bij naam noemt (of de enige die dat niet doet)",
        lambda sc, f: _odd_one_out([_names_visitor(sc, c.text) for c in f.choices]),
    ),
    Measure(
        "vraag",
        "de enige keuze die op een vraag eindigt (of de enige die dat niet doet)",
        lambda sc, f: _odd_one_out([_is_question(c.text) for c in f.choices]),
    ),
    Measure(
        "zinnen",
        "de keuze met de meeste zinnen",
        lambda sc, f: _unique_extreme([_sentences(c.text) for c in f.choices], largest=True),
    ),
)


@dataclass(frozen=True, slots=True)
class Tally:
    """One measure over a set of fasen: how often the marked choice is the model answer."""

    fasen: int  # fasen with three or more choices and a model answer
    observed: int
    expected: float
    chances: tuple[float, ...]  # 1/n for each fase with a marked choice
    hits: tuple[tuple[Scenario, Fase], ...]  # where the marked choice is the model answer

    @property
    def p(self) -> float:
        return tail(self.chances, self.observed)

    @property
    def tells(self) -> bool:
        return self.observed > self.expected and self.p < TELL_P


def tail(chances: Sequence[float], at_least: int) -> float:
    """P(X >= at_least) for X a sum of independent yes/no outcomes with these chances.

    Outcomes with the same chance (most fasen have three or four choices) are counted
    together: one binomial distribution per distinct chance, then those few combined. Terms
    below ``_NEGLIGIBLE`` are left out, which changes the answer by less than 1e-30 per
    fase; a scenario of 10,000 fasen takes milliseconds instead of minutes."""
    if at_least <= 0:
        return 1.0
    dist, low = [1.0], 0  # dist[i] = P(X = low + i)
    for q, n in sorted(Counter(chances).items()):
        terms, first = _binomial(n, q)
        dist, low = _combine(dist, low, terms, first)
    return min(1.0, sum(dist[max(0, at_least - low) :]))


_NEGLIGIBLE = 1e-40


def _binomial(n: int, q: float) -> tuple[list[float], int]:
    """P(Y = k) for Y ~ Binomial(n, q), for the k where it is not negligible: (terms, first k)."""
    if q <= 0:
        return [1.0], 0
    if q >= 1:
        return [1.0], n
    log_q, log_not = math.log(q), math.log1p(-q)
    log_n = math.lgamma(n + 1)
    terms = [
        math.exp(
            log_n - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * log_q + (n - k) * log_not
        )
        for k in range(n + 1)
    ]
    return _trim(terms, 0)


def _combine(a: list[float], a_low: int, b: list[float], b_low: int) -> tuple[list[float], int]:
    """The distribution of the sum of two independent counts."""
    if len(a) == 1:
        return [a[0] * x for x in b], a_low + b_low
    out = [0.0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b, i):
            out[j] += x * y
    return _trim(out, a_low + b_low)


def _trim(terms: list[float], low: int) -> tuple[list[float], int]:
    start, end = 0, len(terms)
    while start < end - 1 and terms[start] < _NEGLIGIBLE:
        start += 1
    while end - 1 > start and terms[end - 1] < _NEGLIGIBLE:
        end -= 1
    return terms[start:end], low + start


def _judged(scenario: Scenario) -> list[Fase]:
    return [
        f
        for f in scenario.fasen.values()
        if len(f.choices) >= MIN_CHOICES and f.model_choice is not None
    ]


def tally(measure: Measure, scenarios: Iterable[Scenario]) -> Tally:
    count = observed = 0
    chances: list[float] = []
    hits: list[tuple[Scenario, Fase]] = []
    for sc in scenarios:
        for fase in _judged(sc):
            count += 1
            marked = measure.mark(sc, fase)
            if marked is None:
                continue
            chances.append(1 / len(fase.choices))
            if fase.choices[marked].model:
                observed += 1
                hits.append((sc, fase))
    return Tally(count, observed, sum(chances), tuple(chances), tuple(hits))


def _number(x: float) -> str:
    """A count as a trainer reads it: '4', '4,3'."""
    return f"{x:.1f}".replace(".", ",").removesuffix(",0")


def _percent(p: float) -> str:
    return "minder dan 0,1%" if p < 0.001 else f"{_number(round(p * 100, 1))}%"


def _message(measure: Measure, t: Tally) -> str:
    return (
        f"het modelantwoord is in {t.observed} van {t.fasen} fasen met drie of meer keuzes "
        f"{measure.what}; bij toeval ongeveer {_number(round(t.expected, 1))} "
        f"(kans op {t.observed} of meer: {_percent(t.p)}). Wie zo kiest, hoeft niet te lezen"
    )


def _choice_path(fase: Fase, choice: Choice) -> str:
    n = fase.choices.index(choice) + 1
    return f"{join(join('fasen', fase.id), 'keuzes')}[{n}]"


def tell_problems(scenario: Scenario) -> list[Problem]:
    """A warning for each measure that marks the model answer clearly more often than chance;
    it points at the first fase where it does, and names them all."""
    problems: list[Problem] = []
    for measure in MEASURES:
        t = tally(measure, [scenario])
        if not t.tells:
            continue
        first = t.hits[0][1]
        model = first.model_choice
        assert model is not None
        where = ", ".join(f.id for _, f in t.hits)
        problems.append(
            Problem(
                scenario.source,
                model.mark,
                _choice_path(first, model),
                f"{_message(measure, t)} (fasen: {where})",
                Severity.WARNING,
            )
        )
    return problems


def library_where(scenarios: Sequence[Scenario]) -> str:
    """The folder that holds the scenarios: where a problem of the whole library is told."""
    return folder_of([s.source for s in scenarios])


def folder_of(files: Sequence[str]) -> str:
    """The folder that holds these files (one file: that file)."""
    sources = [f for f in files if f]
    if not sources:
        return "bibliotheek"
    if len(sources) == 1:
        return sources[0]
    return os.path.commonpath(sources) or "."


def library_tell_problems(scenarios: Sequence[Scenario]) -> list[Problem]:
    """The same measures over all scenarios together (a trainee plays them all)."""
    if len(scenarios) < 2:
        return []
    problems = []
    for measure in MEASURES:
        t = tally(measure, scenarios)
        if t.tells:
            problems.append(
                Problem(
                    library_where(scenarios),
                    None,
                    "",
                    f"over alle {len(scenarios)} scenario's samen: {_message(measure, t)}",
                    Severity.WARNING,
                )
            )
    return problems


# --- quoting ---------------------------------------------------------------------------
def _numbers(ns: Sequence[int]) -> str:
    return listing([str(n) for n in ns])


def quoting_problems(scenario: Scenario) -> list[Problem]:
    """Within a fase, spoken choices are written one way and quotations use one mark."""
    problems: list[Problem] = []
    for fase in scenario.fasen.values():
        forms = [form_of(c.text) for c in fase.choices]
        quoted = [i + 1 for i, f in enumerate(forms) if f is Form.QUOTED]
        bare = [i + 1 for i, f in enumerate(forms) if f is Form.BARE]
        if quoted and bare:
            choice = fase.choices[bare[0] - 1]
            without = f"{'keuze' if len(bare) == 1 else 'keuzes'} {_numbers(bare)}"
            within = f"{'keuze' if len(quoted) == 1 else 'keuzes'} {_numbers(quoted)}"
            problems.append(
                Problem(
                    scenario.source,
                    choice.mark,
                    _choice_path(fase, choice),
                    f"gesproken keuzes staan in deze fase op twee manieren: {without} zonder "
                    f"aanhalingstekens, {within} ertussen. Schrijf ze op één manier, zodat de "
                    "vorm niets verraadt",
                    Severity.WARNING,
                )
            )
        styles: dict[str, list[int]] = {}
        for n, c in enumerate(fase.choices, start=1):
            for opening, _, _ in quotations(c.text):
                styles.setdefault(quote_style(opening), [])
                if n not in styles[quote_style(opening)]:
                    styles[quote_style(opening)].append(n)
        if len(styles) > 1:
            (main, _), *others = sorted(styles.items(), key=lambda kv: -len(kv[1]))
            odd = sorted(n for _, ns in others for n in ns)
            choice = fase.choices[odd[0] - 1]
            told = "; ".join(
                f"{'keuze' if len(ns) == 1 else 'keuzes'} {_numbers(ns)} met {style}"
                for style, ns in others
            )
            problems.append(
                Problem(
                    scenario.source,
                    choice.mark,
                    _choice_path(fase, choice),
                    f"de keuzes in deze fase citeren op verschillende manieren: meestal met "
                    f"{main}, maar {told}. Gebruik één soort aanhalingstekens",
                    Severity.WARNING,
                )
            )
    return problems


# --- reading time ----------------------------------------------------------------------
def words_to_read(fase: Fase) -> int:
    texts = [fase.text, fase.says or "", *(c.text for c in fase.choices)]
    return sum(len(t.split()) for t in texts)


def reading_seconds(fase: Fase) -> float:
    """What an average reader needs for the fase's text and choices, and to decide."""
    return words_to_read(fase) / WORDS_PER_MINUTE * 60 + DECIDE_SECONDS


def reading_problems(scenario: Scenario) -> list[Problem]:
    problems: list[Problem] = []
    for fase in scenario.fasen.values():
        if fase.timer is None or not fase.choices:
            continue
        need = reading_seconds(fase)
        if fase.timer.seconds >= need:
            continue
        problems.append(
            Problem(
                scenario.source,
                fase.mark,
                join(join("fasen", fase.id), "timer"),
                f"timer {_number(fase.timer.seconds)} s, lezen kost ongeveer "
                f"{math.ceil(need)} s ({words_to_read(fase)} woorden bij "
                f"{WORDS_PER_MINUTE} woorden per minuut, plus {_number(DECIDE_SECONDS)} s om te "
                "kiezen). Maak de tekst korter of de timer langer",
                Severity.WARNING,
            )
        )
    return problems


def form_problems(scenario: Scenario) -> list[Problem]:
    """Everything this module finds in one scenario, in file order."""
    found = tell_problems(scenario) + quoting_problems(scenario) + reading_problems(scenario)
    return sorted(found, key=lambda p: (p.mark or Mark(0, 0), p.message))
