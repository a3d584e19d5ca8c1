"""Tools for the people who write scenarios: checks beyond the file (bots, intent, tells),
coverage, the plan runner, explore, the diagram, the JSON Schema, the docs pages and the
new-scenario templates. They sit on the language, the engine and the scoring.
"""
