"""What the commands read: a scenario named by id or by path, and the existing store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.cli.usage import UsageError
from simulator.language.gc_pause import keep_for_good

if TYPE_CHECKING:  # imported when a command uses them: ``regie`` starts quickly
    from simulator.language.library import Library
    from simulator.language.model_cache import ModelCache
    from simulator.store import Store


def load_for_run(ref: str, cache: ModelCache | None = None) -> tuple[Library, str]:
    """The library and the scenario id for ``ref``: a bundled id, or a .yaml file read on its
    own (its errors are a usage error, its warnings are shown on stderr). The scenario is
    read (from ``cache`` when it has it), and then kept out of the cycle collector's way."""
    lib, sid = _library_and_id(ref, cache)
    lib.scenario(sid)
    keep_for_good()
    return lib, sid


def _library_and_id(ref: str, cache: ModelCache | None) -> tuple[Library, str]:
    from simulator.language.library import file_kind, load
    from simulator.language.problems import Severity

    path = Path(ref)
    wanted = "Geef een scenariobestand (.yaml, met 'fasen:') of de id van een meegeleverd scenario (zie 'regie list')."
    if ref.endswith((".yaml", ".yml")):
        kind = file_kind(path, cache) if path.is_file() else None
        if kind not in (None, "scenario"):
            what = (
                "in dit bestand staat geen scenario (een scenario heeft 'fasen:')"
                if kind == "onbekend"
                else f"dit is een {kind}, geen scenario"
            )
            raise UsageError(f"{ref}: {what}. {wanted}")
        lib = load([path], cache=cache)
        errors = [p for p in lib.problems if p.severity is Severity.ERROR]
        if errors:
            raise UsageError("\n".join(str(p) for p in errors))
        for warning in lib.problems:  # e.g. an unreachable fase: worth seeing, not blocking
            print(f"regie: {warning}", file=sys.stderr)
        if not lib.scenarios:
            raise UsageError(f"{ref}: hier staat geen scenario in")
        return lib, next(iter(lib.scenarios))
    lib = load(cache=cache)
    if ref not in lib.scenarios and path.exists():  # a file or a folder, not a scenario id
        what = "een map" if path.is_dir() else "een ander bestand"
        raise UsageError(f"{ref}: dit is geen scenario maar {what}. {wanted}")
    try:
        lib.scenario(ref)
    except LookupError as exc:
        raise UsageError(str(exc)) from None
    return lib, ref


def existing_store(args: argparse.Namespace) -> Store:
    """The store of a command that reads it (``forget`` only removes): never a new one."""
    from simulator.store import Store

    store = Store.open_existing(args.data)
    note = store.absent()
    if note:
        print(f"regie {args.command}: {note}", file=sys.stderr)
    return store
