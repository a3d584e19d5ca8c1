"""The scenario language: YAML read safely and checked into the model (``model.py``).

Nothing here imports the engine, the scoring or the screens: this is the lowest floor.
"""
