"""Regie's judge: pure functions from (scenario, trace, profile) to a result."""
