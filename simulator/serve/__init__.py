"""``regie serve``: Regie in the browser for a whole group, from one computer.

The trainer starts one server; every trainee opens its address in a browser and gets an
app process of their own (textual-serve), all writing to the one store. That process is
forked from the zygote (``zygote.py``), which has loaded Textual and the library once; the
command textual-serve runs is the small launcher (``launch.py``) that hands it the browser.
The heavy imports (aiohttp, textual-serve) wait until the command runs.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
import sys
from pathlib import Path

TRAINER_CODE_ENV = "REGIE_TRAINERCODE"  # how the app processes learn the trainer code
CLIENT_ENV = "REGIE_CLIENT"  # how an app process learns its browser's address
ROOT = Path(__file__).resolve().parent.parent.parent
LAUNCHER = Path(__file__).resolve().parent / "launch.py"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = sub.add_parser(
        "serve",
        help="Regie in de browser voor een hele groep (in de klas)",
        description=(
            "Start Regie als webserver: elke trainee opent het adres in een browser en speelt; "
            "alle resultaten komen in één opslag op deze computer. De trainer opent het "
            "groepsoverzicht met de trainercode die bij het starten verschijnt."
        ),
    )
    s.add_argument(
        "--host",
        default="127.0.0.1",
        help="het adres om op te luisteren: 127.0.0.1 (standaard, alleen deze computer) of "
        "0.0.0.0 (voor de laptops in het netwerk)",
    )
    s.add_argument("--port", type=int, default=8000, help="de poort (standaard 8000)")
    s.add_argument(
        "--groep",
        metavar="CODE",
        help="de groepscode: trainees vullen die in en komen samen in het groepsverslag",
    )
    s.add_argument(
        "--max-sessies",
        type=int,
        default=60,
        metavar="N",
        help="hoeveel browsers tegelijk mogen spelen (standaard 60)",
    )
    s.add_argument(
        "--max-per-adres",
        type=int,
        default=6,
        metavar="N",
        help="hoeveel browservensters tegelijk vanaf één computer (standaard 6)",
    )
    s.add_argument(
        "--nieuwe-namen",
        type=int,
        default=5,
        metavar="N",
        help="hoeveel nieuwe namen per uur vanaf één computer (standaard 5)",
    )
    s.add_argument(
        "--data",
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
        "X-Forwarded-For en X-Forwarded-Proto (docs/beheer.md)",
    )
    s.add_argument(
        "--naam",
        action="append",
        default=[],
        metavar="NAAM",
        help="een naam waarmee browsers Regie bereiken via de proxy, bijvoorbeeld "
        "regie.regio.nl (mag vaker)",
    )
    s.add_argument(
        "--nieuwe-trainercode",
        action="store_true",
        help="met een gedeelde database: een nieuwe trainercode voor deze groep, op alle "
        "servers (de oude geldt dan niet meer)",
    )


def trainer_code() -> str:
    """Six digits, printed as two groups of three: easy to read aloud, slow to guess."""
    return f"{secrets.randbelow(10**6):06d}"


def app_command(
    data: Path, groep: str | None, zygote: Path | None = None, new_names: int | None = None
) -> str:
    """The command line textual-serve runs for each browser (through a shell): the launcher,
    which hands the browser to the zygote listening at ``zygote``; without one, the app."""
    app_args = ["--data", str(data)] + (["--groep", groep] if groep else [])
    if new_names is not None:
        app_args += ["--nieuwe-namen", str(new_names)]
    if zygote is None:
        parts = [sys.executable, "-m", "simulator.serve.app", *app_args]
    else:
        parts = [sys.executable, "-I", "-S", str(LAUNCHER), str(zygote), *app_args]
    return " ".join(shlex.quote(p) for p in parts)


def cmd_serve(args: argparse.Namespace) -> int:
    from simulator.cli import UsageError
    from simulator.library import load
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
    data = data_dir(getattr(args, "data", None)).resolve()
    from simulator.serve.forwarded import parse_addresses

    try:
        proxies = parse_addresses(args.proxy)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    names = frozenset(n.strip().lower() for n in args.naam if n.strip())
    if any(len(n) > 253 or not all(c.isalnum() or c in ".-:[]" for c in n) for n in names):
        raise UsageError("--naam is een hostnaam, bijvoorbeeld regie.regio.nl")
    # a bad store: the Dutch message now, not in every browser
    with Store.open(data) as store:
        where, shared = store.where, store.shared
        if shared:  # one trainer code for the group on every host of the database
            from simulator.store.classroom import shared_trainer_code

            code = shared_trainer_code(store, groep, trainer_code, renew=args.nieuwe_trainercode)
        else:
            code = trainer_code()
    lib = load()
    if not lib.scenarios:
        raise UsageError("er zijn geen scenario's gevonden; controleer ze met 'regie check'")

    from simulator.serve.server import Limits, PortTaken, RegieServer, app_environment
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

    # one process loads Textual and the library once and forks one for each browser
    zygote = ZygoteProcess.start(app_environment()) if supported() else None
    command = app_command(data, groep, zygote.socket if zygote else None, args.nieuwe_namen)
    limits = Limits(sessions=args.max_sessies, per_address=args.max_per_adres)
    server = RegieServer(
        command,
        host=args.host,
        port=args.port,
        announce=announce,
        limits=limits,
        proxies=proxies,
        names=names,
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
