"""``regie store kopieer --van BRON --naar DOEL``: the results of one store into another
(a laptop's file into the region's database, or back), checked afterwards. See ``copy``."""

from __future__ import annotations

import argparse
import sys

from simulator.cli.usage import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Subcommands

NAMES = {
    "trainees": ("trainee", "trainees"),
    "examens": ("examen", "examens"),
    "pogingen": ("poging", "pogingen"),
    "zetten": ("zet", "zetten"),
    "gebeurtenissen": ("gebeurtenis", "gebeurtenissen"),
    "klassikaal": ("klassikale les", "klassikale lessen"),
    "instellingen": ("instelling", "instellingen"),
    "lrs": ("LRS-gegeven", "LRS-gegevens"),
}
SHOWN = 20  # differences listed; the rest counted


def add_parser(sub: Subcommands) -> None:
    s = sub.add_parser(
        "store",
        help="de opslag beheren: resultaten kopiëren tussen een bestand en een database",
        description="De opslag beheren (zie docs/beheer.md).",
    )
    store_sub = s.add_subparsers(dest="store_command", metavar="OPDRACHT", required=True)
    k = store_sub.add_parser(
        "kopieer",
        help="alle resultaten van de ene opslag in de andere zetten, daarna gecontroleerd",
        description=(
            "Kopieert trainees, examens, pogingen met hun zetten en gebeurtenissen, "
            "instellingen en wat een LRS kreeg of moet intrekken van BRON naar DOEL, zonder "
            "iets dubbel te zetten of te overschrijven; nog een keer draaien verandert niets. "
            "Daarna worden de aantallen en een controlesom van bron en doel vergeleken. "
            "BRON en DOEL zijn een SQLite-bestand (of de map ervan) of een postgresql://-adres."
        ),
    )
    k.add_argument("--van", required=True, metavar="BRON", help="waar de resultaten nu staan")
    k.add_argument("--naar", required=True, metavar="DOEL", help="waar ze bij moeten komen")


def _count(n: int, kind: str) -> str:
    one, many = NAMES[kind]
    return f"{n} {one if n == 1 else many}"


def cmd_store(args: argparse.Namespace) -> int:
    from simulator.store.copy import check, copy, open_place
    from simulator.store.errors import StoreError

    if not args.van.strip() or not args.naar.strip():
        print("regie store kopieer: --van en --naar mogen niet leeg zijn", file=sys.stderr)
        return EXIT_USAGE
    source = open_place(args.van, create=False)
    try:
        target = open_place(args.naar, create=True)
    except StoreError:
        source.close()
        raise
    with source, target:
        done = copy(source, target)
        print(f"Gekopieerd van {source.where}\n          naar {target.where}:")
        for kind, tally in done.tallies.items():
            parts = [f"{tally.new} nieuw"]
            if tally.updated:
                parts.append(f"{tally.updated} bijgewerkt")
            if tally.kept:
                parts.append(f"{tally.kept} stond{'' if tally.kept == 1 else 'en'} er al")
            print(f"  {_count(tally.source, kind):<22} {', '.join(parts)}")
        for note in done.notes:
            print(f"  let op: {note}")
        checked = check(source, target)
    print("Controle (bron tegen doel):")
    for kind, (want, same) in checked.counts.items():
        word = "gelijk" if same == want else f"gelijk, {want - same} anders of ontbrekend"
        print(f"  {_count(want, kind):<22} {same} {word}")
    print(f"  controlesom bron {checked.source_sum[:16]}, doel {checked.target_sum[:16]}")
    if checked.ok:
        print("Alles uit de bron staat ongewijzigd in het doel.")
        return EXIT_OK
    differences = list(dict.fromkeys(done.differences + checked.differences))
    print(
        "Niet alles uit de bron staat zo in het doel. Het doel hield zijn eigen gegevens "
        "waar die anders waren; er is niets overschreven:",
        file=sys.stderr,
    )
    for line in differences[:SHOWN]:
        print(f"  {line}", file=sys.stderr)
    if len(differences) > SHOWN:
        print(f"  … en nog {len(differences) - SHOWN}", file=sys.stderr)
    return EXIT_PROBLEMS
