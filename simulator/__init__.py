"""Regie: the engine and the command line. Imports nothing from Textual."""
