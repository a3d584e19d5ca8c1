"""What every command shares, and nothing else: the exit codes and the usage error.

A leaf: it imports nothing of Regie, so every command (and ``main``) can import it.
"""

from __future__ import annotations

import argparse
from typing import TypeAlias

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# what each command's ``add_parser`` adds itself to (argparse has no public name for it)
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class UsageError(Exception):
    """Bad input on the command line: ``main`` prints it in Dutch and exits with 2."""
