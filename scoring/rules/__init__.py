"""One module per protocol rule. Each exports RULE, a pure function of the Context."""
