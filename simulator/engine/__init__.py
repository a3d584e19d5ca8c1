"""The engine: one attempt at a scenario, played on a logical clock with seeded chance,
written down as a trace. It imports the language, never the scoring or the screens.
"""
