"""The command line: ``regie list``, ``regie check``, ``regie run``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.engine import WAIT, Attempt, EngineError
from simulator.library import Library, load
from simulator.problems import Severity

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="regie",
        description="Regie: oefenen met orde vóór inhoud (Divosa-methode).",
    )
    p.add_argument("--data", help="map voor de opgeslagen resultaten (standaard: REGIE_DATA of de gebruikersmap)")
    sub = p.add_subparsers(dest="command", metavar="OPDRACHT")
    sub.add_parser("list", help="de meegeleverde scenario's")
    c = sub.add_parser("check", help="scenario's controleren")
    c.add_argument("paths", nargs="*", type=Path, metavar="PAD", help="bestanden of mappen (standaard: de meegeleverde bibliotheek)")
    c.add_argument("--json", action="store_true", help="de problemen als JSON")
    r = sub.add_parser("run", help="een scenario spelen zonder scherm")
    r.add_argument("scenario", metavar="SCENARIO", help="het id van het scenario, of een pad naar een .yaml-bestand")
    r.add_argument(
        "--choices",
        default="",
        metavar="KEUZES",
        help="keuzes met komma's ertussen: een id, een nummer (1-9) of 'wacht'; met @seconden erachter de bedenktijd, bv. gedrag-benoemen@3",
    )
    r.add_argument("--seed", type=int, default=0, help="het zaad voor het toeval (standaard 0)")
    r.add_argument("--json", action="store_true", help="één JSON-document in plaats van een verslag")
    return p


def parse_moves(text: str) -> list[tuple[str, float | None]]:
    moves: list[tuple[str, float | None]] = []
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            continue
        ref, _, at = item.partition("@")
        latency: float | None = None
        if at:
            try:
                latency = float(at.replace(",", "."))
            except ValueError:
                raise UsageError(f"'{item}': na '@' hoort een aantal seconden") from None
        moves.append((ref.strip(), latency))
    return moves


def _load_for_run(ref: str) -> tuple[Library, str]:
    path = Path(ref)
    if ref.endswith((".yaml", ".yml")):
        lib = load([path])
        if lib.problems:
            raise UsageError("\n".join(str(p) for p in lib.problems))
        if not lib.scenarios:
            raise UsageError(f"{ref}: hier staat geen scenario in")
        return lib, next(iter(lib.scenarios))
    lib = load()
    try:
        lib.scenario(ref)
    except LookupError as exc:
        raise UsageError(str(exc)) from None
    return lib, ref


def cmd_list(args: argparse.Namespace) -> int:
    lib = load()
    rows = sorted(lib.scenarios.values(), key=lambda s: (s.role, s.id))
    width = max((len(s.id) for s in rows), default=10)
    print(f"{'id':<{width}}  {'rol':<12}  {'moeilijkheid':<12}  titel")
    for s in rows:
        print(f"{s.id:<{width}}  {s.role:<12}  {s.difficulty:<12}  {s.title}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    lib = load(args.paths or None)
    errors = [p for p in lib.problems if p.severity is Severity.ERROR]
    if args.json:
        print(json.dumps({"files": lib.files, "scenarios": sorted(lib.scenarios), "problems": [p.to_json() for p in lib.problems]}, ensure_ascii=False, indent=2))
    else:
        for problem in lib.problems:
            print(problem)
        n = len(lib.scenarios)
        summary = f"{lib.files} bestand(en) gecontroleerd, {n} scenario('s) in orde"
        if errors:
            summary += f"; {len(errors)} fout(en) gevonden"
        print(summary + ".")
    return EXIT_PROBLEMS if errors else EXIT_OK


def run_attempt(lib: Library, sid: str, seed: int, moves: list[tuple[str, float | None]]) -> Attempt:
    scenario = lib.scenario(sid)
    attempt = Attempt(scenario, seed)
    for i, (ref, latency) in enumerate(moves, start=1):
        if attempt.finished:
            raise UsageError(f"keuze {i} ('{ref}'): het scenario is al afgelopen ({attempt.state})")
        try:
            attempt.play([(ref, latency)])
        except EngineError as exc:
            raise UsageError(f"keuze {i} ('{ref}'): {exc}") from None
        del ref
    return attempt


def attempt_json(attempt: Attempt, moves: list[tuple[str, float | None]]) -> dict[str, Any]:
    ending = attempt.ending
    return {
        "scenario": attempt.scenario.id,
        "seed": attempt.seed,
        "choices": [{"choice": r, "latency": lat} for r, lat in moves],
        "finished": attempt.finished,
        "state": attempt.state,
        "ending": None if ending is None else {"id": ending.id, "title": ending.title, "outcome": ending.outcome},
        "trace": [e.to_json() for e in attempt.trace],
    }


def cmd_run(args: argparse.Namespace) -> int:
    from simulator.transcript import transcript

    lib, sid = _load_for_run(args.scenario)
    moves = parse_moves(args.choices)
    attempt = run_attempt(lib, sid, args.seed, moves)
    if args.json:
        print(json.dumps(attempt_json(attempt, moves), ensure_ascii=False, indent=2))
    else:
        print(transcript(attempt, lib.catalogue))
        if not attempt.finished:
            offer = ", ".join(f"{i + 1}={c.id}" for i, c in enumerate(attempt.offered()))
            timer = " of 'wacht'" if attempt.fase and attempt.fase.timer else ""
            print(f"Kies verder met --choices …,KEUZE; aangeboden: {offer}{timer}")
    return EXIT_OK


COMMANDS = {"list": cmd_list, "check": cmd_check, "run": cmd_run}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"regie {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
