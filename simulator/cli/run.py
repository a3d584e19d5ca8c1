"""``regie run``: play a scenario without a screen, by choices or by a bot."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import TYPE_CHECKING, Any

from simulator.cli import extra_time
from simulator.cli.cache_option import add_cache_option, model_cache
from simulator.cli.dutch_argparse import option, whole_number
from simulator.cli.inputs import load_for_run
from simulator.cli.usage import EXIT_OK, Subcommands, UsageError
from simulator.language.vocabulary import BOTS

if TYPE_CHECKING:
    from scoring import Result
    from simulator.engine.attempt import Attempt
    from simulator.language.library import Library
    from simulator.store.session import Session


def add_parser(sub: Subcommands) -> None:
    r = sub.add_parser("run", help="een scenario spelen zonder scherm")
    r.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="het id van het scenario, of een pad naar een .yaml-bestand",
    )
    option(
        r,
        "--keuzes",
        dest="choices",
        default="",
        metavar="KEUZES",
        help="keuzes met komma's ertussen: een id, een nummer (1-9) of 'wacht'; met @seconden erachter de bedenktijd sinds het begin van de fase, bv. gedrag-benoemen@2.5",
    )
    r.add_argument("--bot", metavar="NAAM", help="laat een bot spelen: " + ", ".join(BOTS))
    option(
        r,
        "--zaad",
        dest="seed",
        metavar="N",
        type=whole_number,
        default=0,
        help="het zaad voor het toeval (standaard 0)",
    )
    r.add_argument(
        "--json", action="store_true", help="één JSON-document in plaats van een verslag"
    )
    option(
        r,
        "--examen",
        dest="exam",
        action="store_true",
        help="examenmodus: geen feedback na elke keuze, alleen de beoordeling aan het eind",
    )
    r.add_argument(
        "--trainee",
        metavar="NAAM",
        help="sla de poging op in de opslag onder deze naam, zoals het spel dat doet "
        "(voor verslagen en exports)",
    )
    r.add_argument("--groep", metavar="CODE", help="met --trainee: de groep van de trainee")
    extra_time.add_option(r)
    add_cache_option(r)


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
                latency = float(at)
            except ValueError:
                latency = None
            if latency is None or not math.isfinite(latency) or latency < 0:
                raise UsageError(
                    f"'{item}': na '@' hoort een aantal seconden, bijvoorbeeld @3 of @2.5"
                )
        moves.append((ref.strip(), latency))
    return moves


def run_attempt(
    lib: Library,
    sid: str,
    seed: int,
    moves: list[tuple[str, float | None]],
    extra: int = 0,
) -> Attempt:
    from simulator.engine.attempt import Attempt, EngineError

    scenario = lib.scenario(sid)
    attempt = Attempt(scenario, seed, extra_time=extra)
    for i, (ref, latency) in enumerate(moves, start=1):
        if attempt.finished:
            raise UsageError(f"keuze {i} ('{ref}'): het scenario is al afgelopen ({attempt.state})")
        try:
            attempt.play([(ref, latency)])
        except EngineError as exc:
            raise UsageError(f"keuze {i} ('{ref}'): {exc}") from None
    return attempt


def attempt_json(
    attempt: Attempt, moves: list[tuple[str, float | None]], result: Result
) -> dict[str, Any]:
    ending = attempt.ending
    return {
        "scenario": attempt.scenario.id,
        "seed": attempt.seed,
        "choices": [{"choice": r, "latency": lat} for r, lat in moves],
        "finished": attempt.finished,
        "state": attempt.state,
        "ending": None
        if ending is None
        else {"id": ending.id, "title": ending.title, "outcome": ending.outcome},
        "trace": [e.to_json() for e in attempt.trace],
        "result": result.to_json(),
    }


def cmd_run(args: argparse.Namespace) -> int:
    from scoring import score
    from simulator.engine.bots import play_bot
    from simulator.language.reader import suggest
    from simulator.reports.result_text import result_text, step_feedback_lines
    from simulator.reports.transcript import transcript

    if args.groep is not None and args.trainee is None:
        raise UsageError("--groep hoort bij --trainee: geef ook de naam van de trainee")
    if args.trainee is not None and args.scenario.endswith((".yaml", ".yml")):
        raise UsageError(
            "--trainee slaat alleen scenario's uit de bibliotheek op; geef het id van het "
            "scenario (zie 'regie list')"
        )
    lib, sid = load_for_run(args.scenario, model_cache(args))
    if args.bot and args.choices:
        raise UsageError("kies --bot of --keuzes, niet allebei")
    if args.bot:
        if args.bot not in BOTS:
            raise UsageError(
                f"onbekende bot '{args.bot}'; kies uit: {', '.join(BOTS)}.{suggest(args.bot, BOTS)}"
            )
        attempt, moves = play_bot(lib.scenario(sid), lib.catalogue, args.bot, args.seed)
    else:
        moves = parse_moves(args.choices)
        attempt = run_attempt(lib, sid, args.seed, moves, args.extra_time)
    if args.trainee is not None:
        attempt = save_attempt(args, lib, sid, moves).attempt
    profile = lib.profile_for(attempt.scenario)
    result = score(attempt.scenario, attempt.trace, profile, lib.catalogue, final=attempt.finished)
    if args.json:
        print(json.dumps(attempt_json(attempt, moves, result), ensure_ascii=False, indent=2))
    else:
        lines = (
            None
            if args.exam
            else step_feedback_lines(attempt.scenario, attempt.trace, profile, lib.catalogue)
        )
        print(transcript(attempt, lib.catalogue, lines))
        print()
        print(result_text(result, finished=attempt.finished))
        if not attempt.finished:
            offer = ", ".join(f"{i + 1}={c.id}" for i, c in enumerate(attempt.offered()))
            timer = " of 'wacht'" if attempt.fase and attempt.fase.timer else ""
            print(f"Kies verder met --keuzes …,KEUZE; aangeboden: {offer}{timer}")
    return EXIT_OK


def save_attempt(
    args: argparse.Namespace, lib: Library, sid: str, moves: list[tuple[str, float | None]]
) -> Session:
    """Play ``moves`` again as the app does, saving each move in the store the moment it is
    made (the moves were checked already, headless). An attempt that does not reach an
    ending stays unfinished, for the trainee to go on with in the app."""
    from simulator.engine.attempt import WAIT, default_latency
    from simulator.store import Store
    from simulator.store.session import Session

    with Store.open(args.data) as store:
        groep = " ".join(args.groep.split()) if args.groep else None
        trainee = store.trainee(args.trainee, groep)
        mode = "examen" if args.exam else "training"
        session = Session.start(
            store, lib, trainee, sid, args.seed, mode, extra_time=args.extra_time
        )
        for ref, latency in moves:
            if ref == WAIT:
                session.wait()
                continue
            fase = session.attempt.fase
            if latency is None and fase is not None:  # as Attempt.play does
                latency = max(session.attempt.elapsed, default_latency(fase))
            session.choose(ref, latency)
        state = "afgerond" if session.row.status == "afgerond" else "nog niet af"
        print(
            f"Opgeslagen: poging {session.row.id} van {trainee.name} ({state}).",
            file=sys.stderr,
        )
    return session
