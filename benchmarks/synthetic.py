"""Synthetic scenarios for the benchmarks: valid YAML with the structure of a real one.

    python -m benchmarks.synthetic 1000 > groot.yaml

A scenario is a grid of ``layers`` rows of fasen, each row ``width`` fasen wide. Each fase
sends the story to the next row: a klantmanager at the desk with a visitor whose mood swings
(frustratieagressie). The rows cycle through four kinds, so a scenario has everything the
language offers:

- a calm fase (the case itself; the model answer goes on with it);
- a disturbed fase with a timer (the model answer acknowledges the feeling; going on with the
  case raises the variable ``spanning``, and the route after it depends on it: ``als``);
- an event fase (``verder``, with ``verstrijkt`` and a ``kans`` route);
- a calm fase whose choices reset or raise the variables (``zet``, ``effect``).

The last row leads to the endings. The number of layers stays small (the bots of
``regie check`` play at most 200 steps), so a larger scenario is a wider one: the paths stay
as long, and loading and checking should grow linearly with the number of fasen.

``variables`` > 1 adds counters that the choices raise, reset now and then by a ``zet``, and
that a route reads (``als: teller1 >= 3``): they multiply the states ``regie explore`` has to
tell apart (it keeps a variable only as precisely as the conditions read it, so a counter
nobody reads would not count). That gives the explorer a large state space to chew on.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

LAYERS = 40
KINDS = ("rustig", "verstoord", "gebeurtenis", "rustig-zet")


def _name(layer: int, i: int) -> str:
    return f"f{layer:03d}_{i:05d}"


def _route(lines: list[str], indent: str, key: str, options: list[tuple[str, str]]) -> None:
    """A route: one target, or a list of (condition, target) tried from top to bottom."""
    if len(options) == 1 and not options[0][0]:
        lines.append(f"{indent}{key}: {options[0][1]}")
        return
    lines.append(f"{indent}{key}:")
    for condition, target in options:
        if condition:
            lines.append(f"{indent}  - {condition}")
            lines.append(f"{indent}    naar: {target}")
        else:
            lines.append(f"{indent}  - naar: {target}")


def _widths(fasen: int, layers: int) -> list[int]:
    """Row widths: a funnel from one fase that doubles each row up to ``width``, so that
    every fase can be reached, with ``fasen`` in all (or a little more)."""
    width = 1
    while True:
        widths = [min(width, 2**layer) for layer in range(layers)]
        if sum(widths) >= fasen:
            return widths
        width += 1


def scenario_yaml(fasen: int, *, seed: int = 1, variables: int = 1, layers: int = LAYERS) -> str:
    """The YAML text of a scenario with about ``fasen`` fasen (at least ``layers``)."""
    rng = random.Random(seed)
    widths = _widths(fasen, layers)
    counters = [f"teller{k}" for k in range(1, variables)]
    out: list[str] = [
        "# Synthetisch scenario voor de benchmarks (benchmarks/synthetic.py).",
        f"id: synthetisch-{fasen}",
        f"titel: Synthetisch, {sum(widths)} fasen",
        "omschrijving: Een lange middag aan de balie met een bezoeker wiens stemming steeds omslaat.",
        "rol: klantmanager",
        "moeilijkheid: gemiddeld",
        "verwachte_duur: 30",
        "leerdoelen:",
        "  - U stopt de inhoud zodra de orde verstoord is en pakt haar weer op als het rustig is.",
        "profiel: divosa-2015",
        "locatie: balie",
        "bezoeker:",
        "  naam: Kees van Dam",
        "  agressietype: frustratie",
        "  achtergrond: Zijn uitkering is stopgezet omdat een formulier te laat was.",
        "variabelen:",
        "  spanning: 0",
        *(f"  {c}: 0" for c in counters),
        f"start: {_name(0, 0)}",
        "fasen:",
    ]

    def bump() -> str:
        if not counters:
            return ""
        c = rng.choice(counters)
        return f", {c}: 1"

    for layer in range(layers):
        kind = KINDS[layer % len(KINDS)]
        last = layer == layers - 1
        width = widths[layer]
        after = 1 if last else widths[layer + 1]

        def to(i: int, _last: bool = last, _layer: int = layer, _after: int = after) -> str:
            if _last:
                return ("goed", "matig", "slecht")[i % 3]
            return _name(_layer + 1, i % _after)

        for i in range(width):
            name = _name(layer, i)
            # the model answer goes straight on (i); the others fan out (2i, 2i+1), so every
            # fase of the next row is reached, and a timer may jump anywhere (other)
            other = rng.randrange(after)
            straight = "goed" if last else to(i)
            out.append(f"  {name}:")
            if kind == "verstoord":
                out += [
                    "    tekst: De bezoeker verheft zijn stem en slaat met zijn hand op de balie.",
                    '    zegt: "Ik wil nu mijn geld, anders ga ik hier niet weg!"',
                    "    niveau: 1",
                    "    orde_verstoord: ja",
                    "    timer:",
                    f"      seconden: {rng.choice((15, 20, 30))}",
                    f"      naar: {to(other)}",
                    "    keuzes:",
                    "      - interventie: gevoel-erkennen",
                    '        tekst: "Ik zie dat u hier erg boos over bent, meneer Van Dam."',
                    f"        naar: {straight}",
                    "        model: ja",
                    "        feedback: Begrip voor het gevoel, niet voor het gedrag.",
                    "      - interventie: inhoud-doorgaan",
                    '        tekst: "Zoals ik al zei: het formulier was te laat."',
                    f"        effect: {{spanning: 1{bump()}}}",
                ]
                _route(
                    out,
                    "        ",
                    "naar",
                    [("als: spanning >= 2", to(2 * i + 1)), ("", to(2 * i))],
                )
                out += [
                    "        feedback: U gaat door met de inhoud terwijl de orde verstoord is.",
                    "      - interventie: negeren",
                    '        tekst: "(U typt verder en kijkt niet op.)"',
                    f"        naar: {to(2 * i + 1)}",
                ]
            elif kind == "gebeurtenis":
                out += [
                    "    tekst: Een collega komt even langs om te vragen of alles goed gaat.",
                    "    niveau: 0",
                    f"    verstrijkt: {{minuten: {rng.randint(1, 10)}}}",
                ]
                _route(
                    out,
                    "    ",
                    "verder",
                    [("kans: 0,25", to(2 * i)), ("kans: 0,3", to(2 * i + 1)), ("", straight)],
                )
            else:
                out += [
                    "    tekst: De bezoeker zit weer en wacht af wat u gaat zeggen.",
                    '    zegt: "Goed. Wat moet ik dan doen?"',
                    "    niveau: 0",
                    "    keuzes:",
                    "      - interventie: inhoud-hervatten",
                    '        tekst: "Dan kijken we samen naar het formulier."',
                    f"        naar: {straight}",
                    "        model: ja",
                ]
                if kind == "rustig-zet":
                    out.append("        zet: {spanning: 0}")
                out += [
                    "      - interventie: besluit-uitleggen",
                    '        tekst: "Het besluit staat, daar kan ik niets aan veranderen."',
                    f"        effect: {{spanning: 1{bump()}}}",
                    f"        naar: {to(2 * i)}",
                    "      - interventie: luisteren-samenvatten",
                    '        tekst: "U zegt dus dat u het formulier wel op tijd hebt gestuurd?"',
                ]
                # a counter read by a condition: the explorer has to tell its values apart
                read = [(f"als: {counters[i % len(counters)]} >= 3", to(2 * i))] if counters else []
                _route(out, "        ", "naar", [*read, ("", to(2 * i + 1))])
            if counters and kind != "gebeurtenis" and layer % 8 == 3:
                out.append("    zet: {" + ", ".join(f"{c}: 0" for c in counters) + "}")
    out += [
        "eindes:",
        "  goed:",
        "    titel: Samen verder",
        "    tekst: Meneer Van Dam vult het formulier in; de uitkering kan weer lopen.",
        "    uitkomst: goed",
        "  matig:",
        "    titel: Vertrokken zonder oplossing",
        "    tekst: Meneer Van Dam loopt mopperend weg; het formulier ligt er nog.",
        "    uitkomst: matig",
        "  slecht:",
        "    titel: De beveiliging moest komen",
        "    tekst: Meneer Van Dam gooit zijn stoel om; de beveiliging begeleidt hem naar buiten.",
        "    uitkomst: slecht",
    ]
    return "\n".join(out) + "\n"


def write(folder: Path, fasen: int, **kwargs: int) -> Path:
    path = folder / f"synthetisch-{fasen}.yaml"
    path.write_text(scenario_yaml(fasen, **kwargs), encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(scenario_yaml(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
