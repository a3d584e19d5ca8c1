"""The engine's limits that the command line names in its options, without the engine.

A leaf: ``regie --help`` and every command's parser read these, and importing the engine
itself (``transitions``, the model) for a number would cost every command its start.
"""

from __future__ import annotations

MAX_EXTRA_TIME = 300  # percent: four times as long is the most a timer is stretched
