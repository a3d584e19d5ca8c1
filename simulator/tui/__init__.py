"""The Textual app. Only this package imports Textual; it shows and forwards, the engine
and the scoring decide."""
