"""``regie graph SCENARIO [--formaat mermaid|dot] [-o BESTAND]``: the scenario as a diagram."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.cli.dutch_argparse import option
from simulator.cli.inputs import load_for_run
from simulator.cli.usage import EXIT_OK, Subcommands, UsageError

if TYPE_CHECKING:  # the diagram code is imported when a diagram is drawn, not at start-up
    from simulator.language.model import Scenario


def add_parser(sub: Subcommands) -> None:
    g = sub.add_parser(
        "graph",
        help="het scenario als diagram (Mermaid of Graphviz), met het modelpad",
        description=(
            "Tekent het scenario: fasen gekleurd naar escalatieniveau, eindes naar uitkomst, "
            "en het modelpad als dikke blauwe pijlen. Mermaid plakt u in een wiki, GitHub of "
            "Mermaid Live; dot maakt u tot plaatje met 'dot -Tsvg'."
        ),
    )
    g.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="het id van het scenario, of een pad naar een .yaml-bestand",
    )
    option(
        g,
        "--formaat",
        dest="format",
        metavar="FORMAAT",
        default="mermaid",
        help="mermaid (standaard) of dot (Graphviz)",
    )
    option(
        g,
        "-o",
        "--uitvoer",
        dest="output",
        metavar="BESTAND",
        help="schrijf naar dit bestand (standaard: scherm); een .md-bestand krijgt een codeblok",
    )


def _load(ref: str) -> Scenario:
    """The scenario for an id or a .yaml path. A file with only warnings (a fase nobody
    reaches) is drawn: seeing such a scenario is what the diagram is for."""

    lib, sid = load_for_run(ref)
    return lib.scenario(sid)


def render(scenario_ref: str, fmt: str, markdown: bool = False) -> str:
    """The diagram text for a scenario id or .yaml path; raises UsageError for bad input."""
    from simulator.authoring.graph import FORMATS, build_graph
    from simulator.language.reader import suggest

    if fmt not in FORMATS:
        raise UsageError(
            f"onbekend formaat '{fmt}'; kies uit: {', '.join(FORMATS)}.{suggest(fmt, FORMATS)}"
        )
    text = FORMATS[fmt](build_graph(_load(scenario_ref)))
    if markdown:
        text = f"```{fmt}\n{text}```\n"
    return text


def _write(path: Path, text: str) -> None:

    folder = path.parent
    if not folder.is_dir():
        raise UsageError(
            f"{path}: de map '{folder}' bestaat niet; maak die eerst aan of kies een andere plek"
        )
    if path.is_dir():
        raise UsageError(f"{path}: dat is een map, geen bestand")
    try:
        path.write_text(text, encoding="utf-8", newline="\n")
    except PermissionError:
        raise UsageError(f"{path}: u mag daar niet schrijven") from None
    except OSError as exc:
        raise UsageError(f"{path}: kan niet schrijven ({exc.strerror or exc})") from None


def cmd_graph(args: argparse.Namespace) -> int:
    output = Path(args.output) if args.output else None
    markdown = output is not None and output.suffix.lower() in {".md", ".markdown"}
    text = render(args.scenario, args.format, markdown)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    _write(output, text)
    print(f"Diagram geschreven naar {output}.", file=sys.stderr)
    return EXIT_OK
