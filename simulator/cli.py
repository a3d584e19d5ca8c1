"""The command line: ``regie list``, ``regie check``, ``regie run``."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator import explore_command, graph_command, new_scenario, serve
from simulator.reports import commands as report_commands
from simulator.store import Store, StoreError
from simulator.store import commands as store_commands
from simulator.vocabulary import BOTS

if TYPE_CHECKING:
    from scoring import Result
    from simulator.engine import Attempt
    from simulator.library import Library
    from simulator.session import Session

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="regie",
        description="Regie: oefenen met orde vóór inhoud (Divosa-methode).",
    )
    p.add_argument(
        "--data",
        help="map voor de opgeslagen resultaten (standaard: REGIE_DATA of de gebruikersmap)",
    )
    p.add_argument(
        "--database",
        metavar="URL",
        help="de resultaten in een PostgreSQL-database in plaats van een bestand, bijvoorbeeld "
        "postgresql://regie@dbserver/regie (standaard: REGIE_DATABASE); zie docs/beheer.md",
    )
    sub = p.add_subparsers(dest="command", metavar="OPDRACHT")
    sub.add_parser("list", help="de meegeleverde scenario's")
    c = sub.add_parser("check", help="scenario's controleren")
    c.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PAD",
        help="bestanden of mappen (standaard: de meegeleverde bibliotheek)",
    )
    c.add_argument("--json", action="store_true", help="de problemen als JSON")
    c.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    c.add_argument(
        "--coverage",
        action="store_true",
        help="een tabel van regels tegen scenario's: waar elke regel gehouden en overtreden kan worden",
    )
    t = sub.add_parser(
        "test", help="de testplannen draaien (gespeelde routes met verwachte uitkomst)"
    )
    t.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PAD",
        help="testplannen en scenario's (standaard: de meegeleverde)",
    )
    r = sub.add_parser("run", help="een scenario spelen zonder scherm")
    r.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="het id van het scenario, of een pad naar een .yaml-bestand",
    )
    r.add_argument(
        "--choices",
        default="",
        metavar="KEUZES",
        help="keuzes met komma's ertussen: een id, een nummer (1-9) of 'wacht'; met @seconden erachter de bedenktijd sinds het begin van de fase, bv. gedrag-benoemen@2.5",
    )
    r.add_argument("--bot", metavar="NAAM", help="laat een bot spelen: " + ", ".join(BOTS))
    r.add_argument("--seed", type=int, default=0, help="het zaad voor het toeval (standaard 0)")
    r.add_argument(
        "--json", action="store_true", help="één JSON-document in plaats van een verslag"
    )
    r.add_argument(
        "--exam",
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
    tr = sub.add_parser("trainee", help="de trainees in de opslag")
    trsub = tr.add_subparsers(dest="trainee_command", metavar="OPDRACHT", required=True)
    tl = trsub.add_parser("list", help="alle trainees, met hun groep en aantal pogingen")
    tl.add_argument("--groep", help="alleen deze groep")
    tf = trsub.add_parser(
        "forget", help="alle gegevens van één persoon wissen (recht op vergetelheid)"
    )
    tf.add_argument("name", metavar="NAAM")
    tf.add_argument(
        "--ja",
        action="store_true",
        help="ook als de trainee nu in de klas aangemeld is (die wordt dan afgemeld)",
    )
    at = sub.add_parser("attempts", help="de pogingen in de opslag")
    at.add_argument("--trainee", metavar="NAAM", help="alleen van deze trainee")
    at.add_argument("--groep", help="alleen van deze groep")
    report_commands.add_parsers(sub)
    graph_command.add_parser(sub)
    explore_command.add_parser(sub)
    new_scenario.add_parser(sub)
    serve.add_parser(sub)
    store_commands.add_parser(sub)
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
                latency = float(at)
            except ValueError:
                latency = None
            if latency is None or not math.isfinite(latency) or latency < 0:
                raise UsageError(
                    f"'{item}': na '@' hoort een aantal seconden, bijvoorbeeld @3 of @2.5"
                )
        moves.append((ref.strip(), latency))
    return moves


def _load_for_run(ref: str) -> tuple[Library, str]:
    from simulator.library import load
    from simulator.problems import Severity

    path = Path(ref)
    if ref.endswith((".yaml", ".yml")):
        lib = load([path])
        errors = [p for p in lib.problems if p.severity is Severity.ERROR]
        if errors:
            raise UsageError("\n".join(str(p) for p in errors))
        for warning in lib.problems:  # e.g. an unreachable fase: worth seeing, not blocking
            print(f"regie: {warning}", file=sys.stderr)
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
    from simulator.library import load

    lib = load()
    rows = sorted(lib.scenarios.values(), key=lambda s: (s.role, s.id))
    width = max((len(s.id) for s in rows), default=10)
    print(f"{'id':<{width}}  {'rol':<12}  {'moeilijkheid':<12}  titel")
    for s in rows:
        print(f"{s.id:<{width}}  {s.role:<12}  {s.difficulty:<12}  {s.title}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from simulator.checks import (
        bot_expectations,
        form_bot_line,
        form_bot_passes,
        form_bot_problems,
    )
    from simulator.intent import intent_problems
    from simulator.library import load
    from simulator.problems import Severity
    from simulator.tells import form_problems, library_tell_problems

    lib = load(args.paths or None)
    for scenario in lib.scenarios.values():
        lib.problems.extend(bot_expectations(lib, scenario))
        lib.problems.extend(intent_problems(lib, scenario, strict=args.strict))
        lib.problems.extend(form_problems(scenario))
    lib.problems.extend(library_tell_problems(list(lib.scenarios.values())))
    form_bots = form_bot_passes(lib) if lib.scenarios else {}
    if form_bots:
        lib.problems.extend(form_bot_problems(lib, form_bots))
    errors = [p for p in lib.problems if p.severity is Severity.ERROR]
    if args.json:
        print(
            json.dumps(
                {
                    "files": lib.files,
                    "scenarios": sorted(lib.scenarios),
                    "problems": [p.to_json() for p in lib.problems],
                    "bots": {
                        bot: {"passed": passed, "attempts": played}
                        for bot, (passed, played) in form_bots.items()
                    },
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in lib.problems:
            print(problem)
        bad_files = {p.file for p in errors}
        good = sum(1 for sc in lib.scenarios.values() if sc.source not in bad_files)
        scenarios = plural(good, "scenario", "scenario's")
        summary = f"{plural(lib.files, 'bestand', 'bestanden')} gecontroleerd: {scenarios} in orde"
        if errors:
            summary += f", {plural(len(errors), 'fout', 'fouten')}"
        warnings = len(lib.problems) - len(errors)
        if warnings:
            summary += f", {plural(warnings, 'waarschuwing', 'waarschuwingen')}"
        print(summary + ".")
        if form_bots:
            print(form_bot_line(form_bots) + ".")
    if args.coverage and not args.json:
        from simulator.coverage import coverage_table, seed_table

        table, counts = coverage_table(lib)
        print()
        print(table)
        thin = [rid for rid, n in counts.items() if n < 2]
        if thin:
            print()
            print(f"Minder dan twee scenario's oefenen: {', '.join(thin)}.")
        table, counts = seed_table(lib)
        print()
        print(table)
        thin = [eid for eid, n in counts.items() if n < 2]
        if thin:
            print()
            print(
                f"Minder dan twee scenario's oefenen deze stappen uit de bronnen: {', '.join(thin)}."
            )
    failing = lib.problems if args.strict else errors
    return EXIT_PROBLEMS if failing else EXIT_OK


def cmd_test(args: argparse.Namespace) -> int:
    from simulator.library import load
    from simulator.problems import Severity
    from simulator.testplan import run_case

    lib = load(args.paths or None)
    for problem in lib.problems:
        print(problem)
    failed = total = 0
    for plan in lib.plans:
        print(f"{plan.scenario} ({plan.source})")
        for case in plan.cases:
            total += 1
            outcome = run_case(lib, case, plan.scenario)
            if outcome.ok:
                print(f"  ✓ {case.name}")
            else:
                failed += 1
                print(f"  ✗ {case.name}  [{plan.source}:{case.mark.line}]")
                for failure in outcome.failures:
                    print(f"      {failure}")
    print(f"{plural(total, 'geval', 'gevallen')}: {total - failed} geslaagd, {failed} mislukt.")
    errors = [p for p in lib.problems if p.severity is Severity.ERROR]
    return EXIT_PROBLEMS if failed or errors else EXIT_OK


def run_attempt(
    lib: Library, sid: str, seed: int, moves: list[tuple[str, float | None]]
) -> Attempt:
    from simulator.engine import Attempt, EngineError

    scenario = lib.scenario(sid)
    attempt = Attempt(scenario, seed)
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
    from simulator.bots import play_bot
    from simulator.reader import suggest
    from simulator.report_text import result_text, step_feedback_lines
    from simulator.transcript import transcript

    if args.groep is not None and args.trainee is None:
        raise UsageError("--groep hoort bij --trainee: geef ook de naam van de trainee")
    if args.trainee is not None and args.scenario.endswith((".yaml", ".yml")):
        raise UsageError(
            "--trainee slaat alleen scenario's uit de bibliotheek op; geef het id van het "
            "scenario (zie 'regie list')"
        )
    lib, sid = _load_for_run(args.scenario)
    if args.bot and args.choices:
        raise UsageError("kies --bot of --choices, niet allebei")
    if args.bot:
        if args.bot not in BOTS:
            raise UsageError(
                f"onbekende bot '{args.bot}'; kies uit: {', '.join(BOTS)}.{suggest(args.bot, BOTS)}"
            )
        attempt, moves = play_bot(lib.scenario(sid), lib.catalogue, args.bot, args.seed)
    else:
        moves = parse_moves(args.choices)
        attempt = run_attempt(lib, sid, args.seed, moves)
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
            print(f"Kies verder met --choices …,KEUZE; aangeboden: {offer}{timer}")
    return EXIT_OK


def save_attempt(
    args: argparse.Namespace, lib: Library, sid: str, moves: list[tuple[str, float | None]]
) -> Session:
    """Play ``moves`` again as the app does, saving each move in the store the moment it is
    made (the moves were checked already, headless). An attempt that does not reach an
    ending stays unfinished, for the trainee to go on with in the app."""
    from simulator.engine import WAIT, default_latency
    from simulator.session import Session

    with Store.open(args.data) as store:
        groep = " ".join(args.groep.split()) if args.groep else None
        trainee = store.trainee(args.trainee, groep)
        mode = "examen" if args.exam else "training"
        session = Session.start(store, lib, trainee, sid, args.seed, mode)
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


def _store(args: argparse.Namespace) -> Store:
    """The store of a command that reads it (``forget`` only removes): never a new one."""
    store = Store.open_existing(args.data)
    note = store.absent()
    if note:
        print(f"regie {args.command}: {note}", file=sys.stderr)
    return store


def cmd_trainee(args: argparse.Namespace) -> int:

    with _store(args) as store:
        if args.trainee_command == "forget":
            return _forget(store, args)
        rows = store.trainees(args.groep)
        counts: dict[str, int] = {}
        for a in store.attempts(groep=args.groep):
            counts[a.trainee] = counts.get(a.trainee, 0) + 1
        if not rows:
            print("Er zijn nog geen trainees.")
            return EXIT_OK
        width = max(len(t.name) for t in rows)
        print(f"{'naam':<{width}}  {'groep':<10}  pogingen  sinds")
        for t in rows:
            print(
                f"{t.name:<{width}}  {t.groep or '-':<10}  {counts.get(t.name, 0):>8}  {t.created[:10]}"
            )
    return EXIT_OK


def _forget(store: Store, args: argparse.Namespace) -> int:
    """Erase one person: the store, its backups, and the group reports that name them. A
    trainee signed in right now is only erased with --ja (it signs them out)."""
    from simulator.reader import suggest
    from simulator.store.classroom import Classroom
    from simulator.store.files import remove_reports_naming
    from simulator.store.store import clean_name

    name = clean_name(args.name)
    online = {p.name.casefold() for p in Classroom(store).present()}
    if name.casefold() in online and not args.ja:
        raise UsageError(
            f"{name} is nu aangemeld in de klas. Wissen meldt die trainee meteen af en "
            f'verwijdert alles. Zeker? Herhaal dan: regie trainee forget "{name}" --ja'
        )
    known = {t.name.casefold(): t.name for t in store.trainees()}
    if not store.forget(name):
        raise UsageError(
            f"onbekende trainee '{args.name}'.{suggest(args.name, list(known.values()))}"
        )
    print(f"Alle gegevens van {args.name} zijn gewist.")
    removed = remove_reports_naming(store.path.parent, known.get(name.casefold(), name))
    for report in removed:
        print(f"Ook verwijderd: het groepsverslag {report.name} (daar stond deze naam in).")
    return EXIT_OK


def cmd_attempts(args: argparse.Namespace) -> int:
    with _store(args) as store:
        rows = store.attempts(trainee=args.trainee, groep=args.groep)
    if not rows:
        print("Er zijn nog geen pogingen.")
        return EXIT_OK
    print(
        f"{'nr':>4}  {'wanneer':<16}  {'trainee':<20}  {'scenario':<30}  {'modus':<8}  {'status':<10}  score"
    )
    for a in rows:
        shown = (
            "-"
            if a.score is None
            else f"{a.score:>3} {'geslaagd' if a.passed else 'niet geslaagd'}"
        )
        print(
            f"{a.id:>4}  {a.started[:16].replace('T', ' '):<16}  {a.trainee[:20]:<20}  {a.scenario[:30]:<30}  "
            f"{a.mode:<8}  {a.status:<10}  {shown}"
        )
    return EXIT_OK


COMMANDS = {
    "list": cmd_list,
    "check": cmd_check,
    "run": cmd_run,
    "test": cmd_test,
    "trainee": cmd_trainee,
    "attempts": cmd_attempts,
    **report_commands.COMMANDS,
    "graph": graph_command.cmd_graph,
    "explore": explore_command.cmd_explore,
    "new": new_scenario.cmd_new,
    "serve": serve.cmd_serve,
    "store": store_commands.cmd_store,
}


def play(args: argparse.Namespace) -> int:
    """Open the game. The app's imports are deferred so the commands stay quick; the
    library is read while the first screen is already on view (``tui.background``).
    Without a terminal to type in (a pipe, a service, a cron job) it says so and stops."""
    if not (sys.stdin and sys.stdin.isatty()):
        print(
            "regie: het spel heeft een terminal nodig om in te typen, en die is er hier niet "
            "(de invoer komt uit een bestand of een pijp). Start 'regie' in een terminal, of "
            "gebruik een opdracht zonder scherm, bijvoorbeeld: regie run SCENARIO --bot protocol. "
            "Alle opdrachten: regie --help",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        store = Store.open(args.data)
    except StoreError as exc:
        print(f"regie: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    from simulator.library_cache import load_bundled
    from simulator.tui.app import RegieApp

    with store:
        app = RegieApp(load_bundled, store)
        app.run()
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "data", None) is not None and not args.data.strip():
        print(
            "regie: --data is leeg; geef een map (bijvoorbeeld --data ./klas) of laat --data weg",
            file=sys.stderr,
        )
        return EXIT_USAGE
    database = getattr(args, "database", None)
    if database is not None:
        from simulator.store.store import database_url

        try:
            if database_url(database) is None:
                raise StoreError(
                    "--database is leeg; geef een adres (bijvoorbeeld "
                    "postgresql://regie@dbserver/regie) of laat --database weg"
                )
        except StoreError as exc:
            print(f"regie: {exc}", file=sys.stderr)
            return EXIT_USAGE
    with _database(database):
        if args.command is None:
            return play(args)
        return _run(args)


@contextmanager
def _database(url: str | None) -> Iterator[None]:
    """``--database`` for this command: the store reads it from REGIE_DATABASE, as do the
    processes ``regie serve`` starts (an address on their command lines would show its
    password to every user of the computer). Set back afterwards."""
    if url is None:
        yield
        return
    from simulator.store.store import DATABASE_ENV

    before = os.environ.get(DATABASE_ENV)
    os.environ[DATABASE_ENV] = url
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATABASE_ENV, None)
        else:
            os.environ[DATABASE_ENV] = before


def _run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"regie {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"regie {args.command}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
