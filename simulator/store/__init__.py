"""The trainee store: SQLite (WAL) in the user's data folder. See ``store.Store``."""

from simulator.store.store import AttemptRow, ExamRow, Store, StoreError, TraineeRow, data_dir

__all__ = ["AttemptRow", "ExamRow", "Store", "StoreError", "TraineeRow", "data_dir"]
