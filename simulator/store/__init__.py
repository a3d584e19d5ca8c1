"""The trainee store: a SQLite file in the user's data folder, or a PostgreSQL database
that several ``regie serve`` hosts share. See ``store.Store`` and ``engines``."""

from simulator.store.errors import StoreError
from simulator.store.store import (
    DATABASE_ENV,
    AttemptRow,
    ExamRow,
    Store,
    TraineeRow,
    data_dir,
)

__all__ = [
    "DATABASE_ENV",
    "AttemptRow",
    "ExamRow",
    "Store",
    "StoreError",
    "TraineeRow",
    "data_dir",
]
