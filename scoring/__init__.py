"""Regie's judge: pure functions from (scenario, trace, profile) to a result."""

from scoring.registry import BY_ID, RULES
from scoring.result import Result, StepFeedback, feedback_after, score
from scoring.verdict import Rule, Status, Verdict

__all__ = [
    "BY_ID",
    "RULES",
    "Result",
    "Rule",
    "Status",
    "StepFeedback",
    "Verdict",
    "feedback_after",
    "score",
]
