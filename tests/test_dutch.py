"""The Dutch a trainee and a trainer read: counts, numbers and durations (simulator/dutch.py)."""

from __future__ import annotations

from simulator.dutch import (
    decimal,
    format_clock,
    format_duration,
    hours_or_days,
    listing,
    number,
    percent,
    plural,
    thousands,
    wait_text,
)


def test_counts() -> None:
    assert plural(1, "fout", "fouten") == "1 fout"
    assert plural(0, "fout", "fouten") == "0 fouten"
    assert plural(3, "scenario", "scenario's") == "3 scenario's"
    assert listing(["de tekst"]) == "de tekst"
    assert listing(["de klok", "de tekst"]) == "de klok en de tekst"
    assert listing(["1", "2", "3"]) == "1, 2 en 3"


def test_numbers() -> None:
    assert number(72.5) == "72,5"
    assert number(70.0) == "70"
    assert number(2 / 3, 2) == "0,67"
    assert number(None) == "–"
    assert percent(12.5) == "12,5%"
    assert percent(None) == "–"
    assert decimal(3.0) == "3"
    assert decimal(2.5) == "2,5"
    assert thousands(2_000_000) == "2.000.000"
    assert thousands(999) == "999"


def test_durations() -> None:
    assert format_clock(37) == "0:37"
    assert format_clock(18 * 3600 + 30) == "18:00:30"
    assert format_clock(2 * 86400 + 3 * 3600 + 5 * 60 + 12) == "2d 03:05:12"
    assert format_duration(600) == "10 minuten"
    assert format_duration(60) == "1 minuut"
    assert format_duration(18 * 3600) == "18 uur"
    assert format_duration(86400) == "1 dag"
    assert format_duration(2 * 86400 + 3 * 3600) == "2 dagen en 3 uur"
    assert format_duration(86400 + 3600 + 60) == "1 dag, 1 uur en 1 minuut"
    assert format_duration(20) == "20 seconden"
    assert hours_or_days(24 * 3600) == "24 uur"
    assert hours_or_days(4 * 86400) == "4 dagen"
    assert wait_text(0.2) == "1 seconde"
    assert wait_text(90) == "90 seconden"
    assert wait_text(121) == "3 minuten"
    assert wait_text(3600) == "1 uur"
    assert wait_text(7800) == "2 uur en 10 minuten"
