"""One widget per module, each with its own DEFAULT_CSS; the framed panels share ``Panel``
and its frame (``panel.py``) and name their title with ``BORDER_TITLE``."""
