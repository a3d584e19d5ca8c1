"""Benchmarks (issue 9): run outside the test suite."""
