"""``regie schema [--pad]``: where the JSON Schemas for the editor are, brought up to date."""

from __future__ import annotations

import argparse

from simulator.cli.usage import EXIT_OK, EXIT_PROBLEMS, Subcommands


def add_parser(sub: Subcommands) -> None:
    s = sub.add_parser(
        "schema",
        help="waar de JSON Schema's voor de editor staan (die een update overleven)",
        description=(
            "Zet de JSON Schema's van deze Regie in een vaste map van de gebruiker en noemt "
            "die map. Een scenario dat op zijn eerste regel naar die map wijst, houdt in de "
            "editor (bijvoorbeeld VS Code) aanvulling en foutmeldingen, ook na een update "
            "van Regie en zonder internet. 'regie new' doet dit zelf."
        ),
    )
    s.add_argument("--pad", action="store_true", help="alleen het pad van de map, voor scripts")


def cmd_schema(args: argparse.Namespace) -> int:
    from simulator.authoring import stable_schemas

    try:
        folder = stable_schemas.refresh()
    except OSError as exc:
        print(
            f"regie schema: kan niet schrijven in {stable_schemas.folder()}: {exc.strerror or exc}"
        )
        return EXIT_PROBLEMS
    if args.pad:
        print(folder)
        return EXIT_OK
    print(f"De JSON Schema's van Regie staan in {folder}")
    print("Zet op de eerste regel van een scenario (regie new doet dat zelf):")
    print(f"# yaml-language-server: $schema={(folder / 'scenario.schema.json').as_posix()}")
    print("en op de eerste regel van een testplan:")
    print(f"# yaml-language-server: $schema={(folder / 'testplan.schema.json').as_posix()}")
    return EXIT_OK
