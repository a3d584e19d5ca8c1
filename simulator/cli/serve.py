"""``regie serve``: Regie in the browser for a whole group, from one computer.

This module checks the command line, opens the store and reads the library once (so a bad
store or library is told here, not in every browser), then starts the zygote and the server
of ``simulator.serve``. The heavy imports (aiohttp, textual-serve) wait until it runs.
"""

from __future__ import annotations

import argparse
import os

from simulator.cli import extra_time
from simulator.cli.cache_option import add_cache_option, model_cache
from simulator.cli.dutch_argparse import option, whole_number
from simulator.cli.usage import Subcommands, UsageError

POOL_SIZE = 8  # ready app processes where there is no zygote (see simulator.serve.pool)


def add_parser(sub: Subcommands) -> None:
    s = sub.add_parser(
        "serve",
        help="Regie in de browser voor een hele groep (in de klas)",
        description=(
            "Start Regie als webserver: elke trainee opent het adres in een browser en speelt; "
            "alle resultaten komen in één opslag op deze computer. De trainer opent het "
            "groepsoverzicht met de trainercode die bij het starten verschijnt."
        ),
    )
    option(
        s,
        "--luister",
        dest="host",
        metavar="ADRES",
        default="127.0.0.1",
        help="het adres om op te luisteren: 127.0.0.1 (standaard, alleen deze computer) of "
        "0.0.0.0 (voor de laptops in het netwerk)",
    )
    option(
        s,
        "--poort",
        dest="port",
        metavar="N",
        type=whole_number,
        default=8000,
        help="de poort (standaard 8000)",
    )
    s.add_argument(
        "--groep",
        metavar="CODE",
        help="de groepscode: trainees vullen die in en komen samen in het groepsverslag",
    )
    s.add_argument(
        "--max-sessies",
        type=whole_number,
        default=60,
        metavar="N",
        help="hoeveel browsers tegelijk mogen spelen (standaard 60)",
    )
    s.add_argument(
        "--max-per-adres",
        type=whole_number,
        default=6,
        metavar="N",
        help="hoeveel browservensters tegelijk vanaf één computer (standaard 6)",
    )
    s.add_argument(
        "--nieuwe-namen",
        type=whole_number,
        default=5,
        metavar="N",
        help="hoeveel nieuwe namen per uur vanaf één computer (standaard 5)",
    )
    extra_time.add_option(
        s,
        help="extra tijd voor de hele groep in deze sessie: elke timer loopt zoveel procent "
        "langer (bijvoorbeeld 50); per trainee of groep vast te leggen met 'regie trainee "
        "extra-tijd'",
    )
    s.add_argument(
        "--voorraad",
        type=whole_number,
        default=POOL_SIZE,
        metavar="N",
        help="alleen waar Regie niet kan forken (Windows): hoeveel appprocessen klaarstaan "
        f"voor de volgende browsers (standaard {POOL_SIZE}; zoveel trainees krijgen hun "
        "eerste scherm meteen als ze tegelijk binnenkomen)",
    )
    s.add_argument(
        "--lms",
        action="append",
        default=[],
        metavar="URL",
        help="een leeromgeving (LMS) die oefeningen mag starten met cmi5 (herhaal voor meer); "
        "zonder --lms weigert Regie elke start van buiten (zie docs/lms.md)",
    )
    s.add_argument(
        "--adres",
        metavar="URL",
        help="het adres waaronder trainees deze server bereiken als dat een andere naam is dan "
        "die van deze computer (bv. achter een proxy: https://regie.gemeente.nl/)",
    )
    s.add_argument(
        "--data",
        metavar="MAP",
        default=argparse.SUPPRESS,
        help="map voor de opgeslagen resultaten (ook: regie --data MAP serve)",
    )
    s.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="een PostgreSQL-database die meer servers delen (ook: REGIE_DATABASE); zie "
        "docs/beheer.md",
    )
    s.add_argument(
        "--proxy",
        action="append",
        default=[],
        metavar="ADRES",
        help="het IP-adres van een reverse proxy voor Regie (mag vaker); van dat adres gelden "
        "X-Forwarded-For en X-Forwarded-Proto (zie docs/beheer.md; geef ook --adres)",
    )
    s.add_argument(
        "--nieuwe-trainercode",
        action="store_true",
        help="met een gedeelde database: een nieuwe trainercode voor deze groep, op alle "
        "servers (de oude geldt dan niet meer)",
    )
    add_cache_option(s)


def cmd_serve(args: argparse.Namespace) -> int:
    from simulator.language.library import load
    from simulator.language.model_cache import NO_CACHE_ENV
    from simulator.serve import ROOT, TRAINER_CODE_ENV, app_arguments, app_command, trainer_code
    from simulator.store import Store, data_dir

    if not 0 <= args.port <= 65535:
        raise UsageError(f"poort {args.port} bestaat niet; kies een getal van 1 tot 65535")
    groep = " ".join(args.groep.split()) if args.groep else None
    if args.groep is not None and not groep:
        raise UsageError("de groepscode is leeg; laat --groep weg of geef een code")
    if groep and len(groep) > 40:
        raise UsageError("de groepscode is te lang; gebruik hoogstens 40 tekens")
    if not 1 <= args.max_sessies <= 1000:
        raise UsageError("--max-sessies moet tussen 1 en 1000 liggen")
    if not 1 <= args.max_per_adres <= args.max_sessies:
        raise UsageError("--max-per-adres moet tussen 1 en --max-sessies liggen")
    if not 1 <= args.nieuwe_namen <= 1000:
        raise UsageError("--nieuwe-namen moet tussen 1 en 1000 liggen")
    if not 0 <= args.voorraad <= args.max_sessies:
        raise UsageError("--voorraad moet tussen 0 en --max-sessies liggen")
    from simulator.serve.cmi5_launch import check_lms

    for lms in args.lms:
        if problem := check_lms(lms):
            raise UsageError(problem)
    names: list[str] = []
    if args.adres:
        from urllib.parse import urlsplit

        host = urlsplit(args.adres).hostname
        if urlsplit(args.adres).scheme not in ("http", "https") or not host:
            raise UsageError(f"'{args.adres}' is geen adres; geef bv. https://regie.gemeente.nl/")
        names.append(host)
    from simulator.serve.forwarded import parse_addresses

    try:
        proxies = parse_addresses(args.proxy)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    data = data_dir(getattr(args, "data", None)).resolve()
    # a bad store: the Dutch message now, not in every browser
    with Store.open(data) as store:
        where, shared = store.where, store.shared
        if shared:  # one trainer code for the group on every host of the database
            from simulator.store.classroom import shared_trainer_code

            code = shared_trainer_code(store, groep, trainer_code, renew=args.nieuwe_trainercode)
        else:
            code = trainer_code()
    if getattr(args, "geen_cache", False):
        os.environ[NO_CACHE_ENV] = "1"  # for the zygote and the app processes too
    lib = load(cache=model_cache(args))  # the zygote finds what this reads in the cache
    if not lib.scenarios:
        raise UsageError("er zijn geen scenario's gevonden; controleer ze met 'regie check'")

    from simulator.serve.server import Limits, PoolPlan, PortTaken, RegieServer, app_environment
    from simulator.serve.zygote import ZygoteProcess, supported

    os.environ[TRAINER_CODE_ENV] = code  # the app processes inherit it; not on a command line
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )

    def announce(addresses: list[tuple[str, str]]) -> None:
        width = max(len(a) for a, _ in addresses)
        lines = ["Regie draait voor de klas.", ""]
        for i, (address, note) in enumerate(addresses):
            label = "Open in de browser:" if i == 0 else ""
            lines.append(f"  {label:<20} {address:<{width}}  {note}".rstrip())
        if groep:
            lines.append(f"  {'Groepscode:':<20} {groep}")
        lines.append(
            f"  {'Trainercode:':<20} {code[:3]} {code[3:]}   (alleen voor u: het groepsoverzicht)"
        )
        if shared:
            lines.append(f"  {'':<20} dezelfde code op elke server met deze database")
        lines.append(f"  {'Resultaten:':<20} {where}")
        if shared:
            lines.append(f"  {'Verslagen:':<20} {data}")
        if proxies:
            lines.append(f"  {'Achter de proxy:':<20} {', '.join(sorted(proxies))}")
        lines += ["", "Stoppen: Ctrl+C. Wat gespeeld is, blijft bewaard.", ""]
        print("\n".join(lines), flush=True)

    # one process loads Textual and the library once and forks one for each browser; where
    # the system cannot fork, a pool of processes that have loaded it waits for the browsers
    zygote = ZygoteProcess.start(app_environment()) if supported() else None
    extra = args.extra_time
    command = app_command(
        data, groep, zygote.socket if zygote else None, args.nieuwe_namen, extra_time=extra
    )
    pool = (
        None
        if zygote is not None
        else PoolPlan(
            app_arguments(data, groep, args.nieuwe_namen, extra), app_environment(), args.voorraad
        )
    )
    limits = Limits(sessions=args.max_sessies, per_address=args.max_per_adres)
    server = RegieServer(
        command,
        host=args.host,
        port=args.port,
        announce=announce,
        limits=limits,
        data=data,
        lms=args.lms,
        scenarios=sorted(lib.scenarios),
        names=names,
        pool=pool,
        proxies=proxies,
    )
    try:
        server.serve()
    except PortTaken as exc:
        raise UsageError(str(exc)) from None
    except KeyboardInterrupt:  # pragma: no cover - a second Ctrl+C
        pass
    finally:
        if zygote is not None:
            zygote.stop()
    return 0
