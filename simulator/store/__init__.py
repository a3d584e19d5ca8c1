"""The trainee store: SQLite (WAL) in the user's data folder. See ``store.Store``."""

from simulator.store.store import AttemptRow, Store, StoreError, TraineeRow, data_dir

__all__ = ["AttemptRow", "Store", "StoreError", "TraineeRow", "data_dir"]
