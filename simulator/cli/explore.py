"""``regie explore SCENARIO``: every way through a scenario, with what it scores."""

from __future__ import annotations

import argparse
import json
import time
from typing import TYPE_CHECKING

from simulator.cli.cache_option import add_cache_option, model_cache
from simulator.cli.dutch_argparse import whole_number
from simulator.cli.inputs import load_for_run
from simulator.cli.usage import EXIT_OK, Subcommands, UsageError
from simulator.dutch import thousands

if TYPE_CHECKING:  # the explorer (and the scoring it needs) loads only when it is used
    from simulator.authoring.explore import Exploration, PathSummary

# the same as simulator.authoring.explore.MAX_STATES (a test keeps them equal)
MAX_STATES = 2_000_000


def add_parser(sub: Subcommands) -> None:
    e = sub.add_parser(
        "explore",
        help="alle wegen door een scenario: routes, eindes, scores en waar regels breken",
    )
    e.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="het id van het scenario, of een pad naar een .yaml-bestand",
    )
    e.add_argument("--json", action="store_true", help="één JSON-document in plaats van tekst")
    e.add_argument(
        "--max-toestanden",
        dest="max_states",
        type=whole_number,
        default=MAX_STATES,
        metavar="N",
        help=f"stop na zoveel toestanden (standaard {thousands(MAX_STATES)})",
    )
    add_cache_option(e)


def cmd_explore(args: argparse.Namespace) -> int:
    from simulator.authoring.explore import explore

    if args.max_states < 1:
        raise UsageError("--max-toestanden moet minstens 1 zijn")
    lib, sid = load_for_run(args.scenario, model_cache(args))
    scenario = lib.scenario(sid)
    began = time.perf_counter()
    result = explore(scenario, lib.profile_for(scenario), lib.catalogue, max_states=args.max_states)
    seconds = time.perf_counter() - began
    if args.json:
        print(
            json.dumps(
                {**result.to_json(), "seconds": round(seconds, 3)}, ensure_ascii=False, indent=2
            )
        )
    else:
        titles = {eid: e.title for eid, e in scenario.endings.items()}
        outcomes = {eid: e.outcome for eid, e in scenario.endings.items()}
        print(report(result, scenario.title, titles, outcomes, seconds))
    return EXIT_OK


def _pct(part: int, whole: int) -> str:
    if not whole:
        return ""
    share = 100 * part / whole
    text = f"{share:.1f}".replace(".", ",") if share < 10 else f"{share:.0f}"
    return f"{text}%"


def report(
    r: Exploration,
    title: str,
    titles: dict[str, str],
    outcomes: dict[str, str],
    seconds: float,
) -> str:
    lines = [f"Verkenning van {r.scenario} ({title})", ""]
    secs = f"{seconds:.2f}".replace(".", ",")
    lines.append(
        f"Toestanden: {thousands(r.states)} (fase, variabelen en de stand van elke regel), "
        f"verkend in {secs} s."
    )
    if not r.complete:
        lines.append(
            f"ONVOLLEDIG: de toestandsruimte is groter dan {thousands(r.states)} toestanden; de verkenning is "
            "gestopt. Hieronder staat wat wél verkend is: eindes, scores en overtredingen die "
            "voorkomen, niet hoe vaak. Verhoog --max-toestanden of maak het scenario kleiner."
        )
    elif r.loop is not None:
        lines.append(
            "Oneindig veel routes: het verhaal kan rondgaan zonder dat er iets verandert, via "
            + " → ".join(r.loop)
            + ". Hieronder staat wat er kan gebeuren, niet hoe vaak."
        )
    else:
        lines.append(f"Routes van begin tot einde: {thousands(r.paths or 0)}.")
    whole = r.counted if r.exact else 0
    lines += ["", "Eindes:"]
    width = max((len(e) for e in titles), default=10)
    for eid, n in r.endings.items():
        count = f"{thousands(n):>15} routes  {_pct(n, whole):>6}" if r.exact else ""
        lines.append(
            f"  {eid:<{width}}  {outcomes.get(eid, ''):<6}  {count}  {titles.get(eid, '')}".rstrip()
        )
    for eid in r.unreached_endings:
        lines.append(f"  {eid:<{width}}  {outcomes.get(eid, ''):<6}  nooit bereikt")
    if r.scores:
        low, high = min(r.scores), max(r.scores)
        lines += ["", f"Score: laagste {low}, hoogste {high}"]
        if r.exact and r.mean is not None:
            mean = f"{r.mean:.1f}".replace(".", ",")
            lines[-1] += f", gemiddeld {mean} over alle routes"
            lines.append(
                f"Geslaagd: {thousands(r.passing)} van de {thousands(whole)} routes ({_pct(r.passing, whole)})."
            )
            lines.append("")
            lines.append("Verdeling van de scores (routes):")
            lines += _histogram(r.scores)
        else:
            lines[-1] += f"; scores die voorkomen: {', '.join(str(s) for s in r.scores)}"
    for label, path in (("Beste route", r.best), ("Slechtste route", r.worst)):
        if path is not None:
            lines += ["", _path_title(label, path, titles)]
            lines += _path_lines(path)
    lines += ["", "Waar regels overtreden kunnen worden:"]
    if not r.violations:
        lines.append("  nergens: op geen enkele route wordt een regel overtreden.")
    for rule, places in r.violations.items():
        parts = []
        for where, what in places.items():
            if where == "einde":
                parts.append("aan het eind (" + ", ".join(what) + ")")
            else:
                parts.append(f"{where} ({', '.join(what)})")
        lines.append(f"  {rule}: " + "; ".join(parts))
    if r.complete and r.never_violated:
        lines.append("  Op geen enkele route overtreden: " + ", ".join(r.never_violated) + ".")
    return "\n".join(lines)


def _histogram(scores: dict[int, int]) -> list[str]:
    buckets: dict[int, int] = {}
    for score, n in scores.items():
        b = min(score // 10 * 10, 90)
        buckets[b] = buckets.get(b, 0) + n
    top = max(buckets.values(), default=0)
    out = []
    for b in range(0, 100, 10):
        n = buckets.get(b, 0)
        bar = "█" * (round(40 * n / top) if top else 0)
        if n and not bar:
            bar = "▏"
        label = f"{b}-{b + 9}" if b < 90 else "90-100"
        out.append(f"  {label:>6}  {bar:<40} {thousands(n)}")
    return out


def _path_title(label: str, path: PathSummary, titles: dict[str, str]) -> str:
    verdict = "geslaagd" if path.passed else "niet geslaagd"
    return f"{label}: score {path.score}, {verdict}, einde '{path.ending}' ({titles.get(path.ending, '')})"


def _path_lines(path: PathSummary) -> list[str]:
    out = []
    for i, step in enumerate(path.steps, start=1):
        move = "wachten tot de tijd om is" if step.move == "wacht" else step.move
        luck = " (door toeval)" if step.chance else ""
        out.append(f"  {i:>2}. {step.fase}: {move} → {step.then}{luck}")
    return out
