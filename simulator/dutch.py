"""Dutch as Regie writes it for people: counts, numbers and durations, each written once.

A leaf module: it imports nothing of Regie, so every floor (the scoring, the reports, the
screens, the command line) can use it.
"""

from __future__ import annotations

NONE = "–"  # no value, in a table or a report


# --- counts -------------------------------------------------------------------------------
def plural(n: int, one: str, many: str) -> str:
    """``plural(3, "fout", "fouten")`` is '3 fouten', ``plural(1, ...)`` '1 fout'."""
    return f"{n} {one if n == 1 else many}"


def listing(parts: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


# --- numbers ------------------------------------------------------------------------------
def number(value: float | None, digits: int = 1) -> str:
    """'72,5' (a decimal comma), '70' for whole numbers, '–' for no value."""
    if value is None:
        return NONE
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}".replace(".", ",")


def percent(value: float | None) -> str:
    return NONE if value is None else f"{number(value)}%"


def decimal(value: float) -> str:
    """A number as an author wrote it: '3', '2,5' (all its digits, with a decimal comma)."""
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def thousands(value: int) -> str:
    """'2.000.000': a large count with points between the thousands."""
    return f"{value:,}".replace(",", ".")


# --- time ---------------------------------------------------------------------------------
def format_clock(t: float) -> str:
    """Elapsed time: '0:37', '18:00:30', and after a day '2d 03:05:12' (never a time of day)."""
    total = round(t)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days == 0 and hours == 0:
        return f"{minutes}:{seconds:02d}"
    if days == 0:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{days}d {hours:02d}:{minutes:02d}:{seconds:02d}"


def format_duration(seconds: float) -> str:
    """'10 minuten', '18 uur', '1 dag', '2 dagen en 3 uur' (Dutch, for elapsed scenario time)."""
    total = round(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts: list[str] = []
    if days:
        parts.append(f"{days} dag" if days == 1 else f"{days} dagen")
    if hours:
        parts.append(f"{hours} uur")
    if minutes:
        parts.append(f"{minutes} minuut" if minutes == 1 else f"{minutes} minuten")
    if not parts:
        return f"{total} seconden"
    return listing(parts)


def hours_or_days(seconds: float) -> str:
    """A deadline as the protocol says it: '24 uur', up to three days, then '4 dagen'."""
    h = seconds / 3600
    return f"{h:.0f} uur" if h < 72 else f"{h / 24:.0f} dagen"


def wait_text(seconds: float) -> str:
    """A wait in words: seconds, minutes (from two minutes, rounded up) or hours."""
    n = max(1, int(seconds + 0.999))
    if n < 120:
        return f"{n} seconde" if n == 1 else f"{n} seconden"
    minutes = (n + 59) // 60
    if minutes < 60:
        return f"{minutes} minuten"
    hours, rest = divmod(minutes, 60)
    return f"{hours} uur" + (f" en {rest} minuten" if rest else "")
