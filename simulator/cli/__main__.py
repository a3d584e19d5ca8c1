"""``python -m simulator.cli``: the same as ``regie``."""

import sys

from simulator.cli import main

sys.exit(main())
