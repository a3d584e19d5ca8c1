"""``regie`` without a command: open the game in the terminal; ``regie play``: the same game
in plain lines (``line_play``), for a screen reader or any terminal."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from simulator.cli import extra_time
from simulator.cli.cache_option import add_cache_option, model_cache
from simulator.cli.dutch_argparse import option, whole_number
from simulator.cli.usage import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Subcommands, UsageError

if TYPE_CHECKING:  # the store and the library are imported when a command uses them
    from simulator.language.library import Library


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
    from simulator.store import Store, StoreError

    try:
        store = Store.open(args.data)
    except StoreError as exc:
        print(f"regie: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    from simulator.tui.app import RegieApp

    use_cache = not getattr(args, "geen_cache", False)

    def read_library() -> Library:
        """In the app's reading thread, once the first screen is on view."""
        from simulator.language.gc_pause import keep_for_good
        from simulator.language.library_cache import load_bundled

        lib = load_bundled(use_cache)
        keep_for_good()  # the app plays on it until it ends: out of the collector's way
        return lib

    with store:
        app = RegieApp(read_library, store, extra_time=args.extra_time)
        app.run()
    return app.return_code or EXIT_OK


# --- regie play: the line mode ---------------------------------------------------------------


def add_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "play",
        help="spelen in gewone regels: voor een schermlezer en elke terminal",
        description=(
            "Speelt een scenario als gewone tekst, regel voor regel: het verhaal, de keuzes "
            "met een nummer, en u typt het nummer en Enter. De resterende tijd wordt genoemd "
            "aan het begin van een fase en, bij een lange timer, halverwege en vlak voor het "
            "einde. Daarna volgt de nabespreking als tekst. Zonder SCENARIO kiest u eerst een "
            "training. Met --trainee wordt alles opgeslagen zoals in het spel."
        ),
    )
    p.add_argument(
        "scenario",
        metavar="SCENARIO",
        nargs="?",
        help="het id van het scenario, of een pad naar een .yaml-bestand (zonder: kies uit "
        "de trainingen)",
    )
    p.add_argument("--trainee", metavar="NAAM", help="sla op onder deze naam (zoals het spel)")
    p.add_argument("--groep", metavar="CODE", help="met --trainee: de groep van de trainee")
    option(p, "--examen", dest="exam", action="store_true", help="examenmodus (met SCENARIO)")
    option(
        p,
        "--zaad",
        dest="seed",
        type=whole_number,
        metavar="N",
        help="het zaad voor het toeval (standaard: willekeurig)",
    )
    p.add_argument(
        "--kleur",
        action="store_true",
        help="met kleur (standaard geen: een schermlezer leest geen kleurcodes voor)",
    )
    extra_time.add_option(p)
    add_cache_option(p)


def cmd_play(args: argparse.Namespace) -> int:
    from simulator.cli.inputs import load_for_run
    from simulator.cli.line_input import StreamAnswers
    from simulator.cli.line_play import LinePlayer, Quit
    from simulator.language.library_cache import load_bundled
    from simulator.store import Store, data_dir

    if args.groep is not None and args.trainee is None:
        raise UsageError("--groep hoort bij --trainee: geef ook de naam van de trainee")
    if args.exam and args.scenario is None:
        raise UsageError(
            "--examen hoort bij een SCENARIO; een examen van een cursus kiest u zonder "
            "SCENARIO uit de trainingen"
        )
    if args.scenario is not None:
        lib, sid = load_for_run(args.scenario, model_cache(args))
        if args.trainee is not None and args.scenario.endswith((".yaml", ".yml")):
            raise UsageError(
                "--trainee slaat alleen scenario's uit de bibliotheek op; geef het id van het "
                "scenario (zie 'regie list')"
            )
    else:
        lib, sid = load_bundled(model_cache(args).enabled), None
    if args.trainee is not None:
        store = Store.open(args.data)
    else:
        store = Store.empty(data_dir(args.data) / "regie.sqlite")  # in memory: nothing saved
    with store:
        player = LinePlayer(
            lib,
            store,
            StreamAnswers(sys.stdin),
            sys.stdout,
            colour=args.kleur,
            extra_time=args.extra_time,
        )
        name = args.trainee if args.trainee is not None else "Oefenaar"
        groep = " ".join(args.groep.split()) if args.groep else None
        trainee = store.trainee(name, groep)
        player.say("Regie: oefenen met orde vóór inhoud, in gewone regels.")
        if args.trainee is None:
            player.say("Zonder --trainee wordt niets opgeslagen.")
        seed = args.seed if args.seed is not None else player.new_seed()
        try:
            if sid is not None:
                player.scenario_run(trainee, sid, "examen" if args.exam else "training", seed, None)
                return EXIT_OK
            course = player.choose_course()
            if course is not None and course.exam:
                if args.trainee is None:
                    player.say(
                        "Een examen telt alleen met een naam: start opnieuw met "
                        '--trainee "Uw naam".'
                    )
                    return EXIT_USAGE
                player.exam_run(trainee, course)
                return EXIT_OK
            sid = player.choose_scenario(course)
            player.scenario_run(trainee, sid, "training", seed, course.id if course else None)
        except Quit:
            player.say("Tot ziens.")
    return EXIT_OK
