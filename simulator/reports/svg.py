"""Charts as inline SVG: the escalation curve of an attempt, and progress lines.

No scripts, no external fonts. Every chart has a ``<title>`` and a ``<desc>`` (a text
description of what it shows) and text labels on its axes. Marks never differ by colour
alone: a choice is a filled circle, a timer that ran out a hollow circle, a broken rule a
cross with "✗" and a count above it; each progress line has its own marker and dash pattern.

The markup is well-formed XML. Inside HTML the ``<svg>`` needs no namespace; pass
``standalone=True`` for a file of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from simulator.dutch import format_clock
from simulator.language.vocabulary import LEVELS_BY_TENSION, TENSION
from simulator.reports import dutch
from simulator.reports.data import Curve, CurvePoint, Progress
from simulator.reports.shorten import shorten

SVG_NS = "http://www.w3.org/2000/svg"
INK = "#1a1a1a"
GRID = "#c8c8c8"
BROKEN = "#b00020"
# Okabe-Ito: distinguishable with the common colour vision deficiencies
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
DASHES = ("", "7 3", "2 3", "9 3 2 3", "4 4", "1 3")
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "plus")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _open(ident: str, width: float, height: float, title: str, desc: str, standalone: bool) -> str:
    ns = f' xmlns="{SVG_NS}"' if standalone else ""
    return (
        f'<svg{ns} class="chart" role="img" width="{_num(width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" '
        f'aria-labelledby="{ident}-title {ident}-desc" '
        'font-family="Helvetica, Arial, sans-serif" font-size="11">'
        f'<title id="{ident}-title">{_e(title)}</title>'
        f'<desc id="{ident}-desc">{_e(desc)}</desc>'
    )


def marker(kind: str, x: float, y: float, colour: str, size: float = 4.5) -> str:
    """A marker shape centred on (x, y)."""
    s = size
    if kind == "circle":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(s)}" fill="{colour}"/>'
    if kind == "hollow":
        return (
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(s)}" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    if kind == "square":
        return (
            f'<rect x="{_num(x - s)}" y="{_num(y - s)}" width="{_num(2 * s)}" '
            f'height="{_num(2 * s)}" fill="{colour}"/>'
        )
    if kind == "triangle":
        pts = f"{_num(x)},{_num(y - s - 1)} {_num(x + s + 1)},{_num(y + s)} {_num(x - s - 1)},{_num(y + s)}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if kind == "triangle-down":
        pts = f"{_num(x)},{_num(y + s + 1)} {_num(x + s + 1)},{_num(y - s)} {_num(x - s - 1)},{_num(y - s)}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if kind == "diamond":
        d = s + 1.5
        pts = f"{_num(x)},{_num(y - d)} {_num(x + d)},{_num(y)} {_num(x)},{_num(y + d)} {_num(x - d)},{_num(y)}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if kind == "cross":  # a broken rule: an X
        return (
            f'<path d="M{_num(x - s)},{_num(y - s)} L{_num(x + s)},{_num(y + s)} '
            f'M{_num(x - s)},{_num(y + s)} L{_num(x + s)},{_num(y - s)}" '
            f'stroke="{colour}" stroke-width="3" stroke-linecap="round" fill="none"/>'
        )
    # plus
    return (
        f'<path d="M{_num(x - s - 1)},{_num(y)} L{_num(x + s + 1)},{_num(y)} '
        f'M{_num(x)},{_num(y - s - 1)} L{_num(x)},{_num(y + s + 1)}" '
        f'stroke="{colour}" stroke-width="2.5" fill="none"/>'
    )


def _short(text: str, limit: int = 30) -> str:
    return shorten(text, limit)  # after a whole word, never inside one


# --- the escalation curve --------------------------------------------------------------------
def curve_description(curve: Curve) -> str:
    """What the curve shows, in words (the chart's ``<desc>``)."""
    decisions = [p for p in curve.points if p.decision is not None]
    if not curve.points:
        return "Geen fasen om te tonen."
    levels = [p.level for p in curve.points]
    parts = [
        f"{dutch.plural(len(decisions), 'beslissing', 'beslissingen')} in "
        f"{dutch.plural(len(curve.points), 'fase', 'fasen')}.",
        f"Het escalatieniveau begint op {dutch.level(levels[0])}, is het hoogst op "
        f"{dutch.level(max(levels, key=TENSION.__getitem__))} en eindigt op "
        f"{dutch.level(levels[-1])}.",
    ]
    broken = [p for p in decisions if p.decision and p.decision.violated]
    if broken:
        said = "; ".join(
            f"stap {p.decision.step}: " + ", ".join(b.shown for b in p.decision.violated)
            for p in broken
            if p.decision
        )
        parts.append(f"Regels overtreden bij {said}.")
    else:
        parts.append("Geen regel overtreden bij een beslissing.")
    if curve.after:
        parts.append("Na afloop overtreden: " + ", ".join(b.title for b in curve.after) + ".")
    if curve.ending:
        parts.append(f"Einde: {curve.ending}.")
    return " ".join(parts)


def point_title(point: CurvePoint) -> str:
    d = point.decision
    moment = point.decision.t if point.decision else point.t
    where = f"{dutch.level(point.level)}, {format_clock(moment)}"
    if d is None:
        return f"Fase {point.fase} ({where})"
    text = f"Stap {d.step} ({where}): {d.label}"
    if d.violated:
        text += ". Overtreden: " + ", ".join(b.shown for b in d.violated)
    return text


def escalation_svg(curve: Curve, *, ident: str, standalone: bool = False) -> str:
    """The escalation level per fase entered, with the trainee's decisions on it.

    y: the tension, each row labelled with its level's number and name: 0 rust at the
    bottom, 3 controleverlies at the top, and 4 ontspanning (the tension draining away after
    the peak) just above rust, so that calming down never looks like the peak.

    x: the fasen in order; under each tick the step number and the time since the start
    (of the decision, or of entering the fase), and the intervention's label (shortened; the full text is in the point's title).
    """
    n = len(curve.points)
    left, top, plot_h, dx = 170.0, 46.0, 160.0, 64.0
    plot_w = dx * max(n - 1, 1)
    label_room = 150.0
    width = max(left + plot_w + 60, left + 400)
    height = top + plot_h + label_room
    title = f"Escalatieverloop: {curve.title} ({curve.trainee}, {curve.started[:10]})"
    out = [_open(ident, width, height, title, curve_description(curve), standalone)]

    def x_of(i: int) -> float:
        return left + (dx * i if n > 1 else plot_w / 2)

    def y_of(level: int) -> float:
        return top + plot_h - plot_h * TENSION[level] / (len(LEVELS_BY_TENSION) - 1)

    # legend
    lx = left
    out.append('<g class="legenda">')
    for kind, colour, text, w in (
        ("circle", INK, "keuze", 60),
        ("hollow", INK, "tijd verlopen (niets gedaan)", 175),
        ("cross", BROKEN, "✗ regel overtreden", 130),
    ):
        out.append(marker(kind, lx + 5, 16, colour))
        out.append(f'<text x="{_num(lx + 15)}" y="20" fill="{INK}">{_e(text)}</text>')
        lx += w
    out.append("</g>")
    # levels
    out.append('<g class="as-y">')
    for level in LEVELS_BY_TENSION:
        y = y_of(level)
        out.append(
            f'<line x1="{_num(left - 6)}" y1="{_num(y)}" x2="{_num(left + plot_w + 20)}" '
            f'y2="{_num(y)}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_num(left - 10)}" y="{_num(y + 4)}" text-anchor="end" fill="{INK}">'
            f"{_e(dutch.level(level))}</text>"
        )
    mid = top + plot_h / 2
    out.append(
        f'<text x="14" y="{_num(mid)}" text-anchor="middle" fill="{INK}" '
        f'transform="rotate(-90 14 {_num(mid)})">escalatieniveau</text>'
    )
    out.append("</g>")
    if n:
        pts = " ".join(f"{_num(x_of(i))},{_num(y_of(p.level))}" for i, p in enumerate(curve.points))
        out.append(
            f'<polyline points="{pts}" fill="none" stroke="{COLOURS[0]}" stroke-width="2.5"/>'
        )
    base = top + plot_h
    out.append('<g class="as-x">')
    for i, p in enumerate(curve.points):
        x = x_of(i)
        step = str(p.decision.step) if p.decision else "·"
        out.append(
            f'<text x="{_num(x)}" y="{_num(base + 16)}" text-anchor="middle" fill="{INK}" '
            f'font-weight="bold">{_e(step)}</text>'
        )
        moment = p.decision.t if p.decision else p.t
        out.append(
            f'<text x="{_num(x)}" y="{_num(base + 28)}" text-anchor="middle" fill="{INK}" '
            f'font-size="9">{_e(format_clock(moment))}</text>'
        )
        if p.decision is not None:
            ly = base + 38
            out.append(
                f'<text x="{_num(x + 3)}" y="{_num(ly)}" text-anchor="end" fill="{INK}" '
                f'font-size="10" transform="rotate(-40 {_num(x + 3)} {_num(ly)})">'
                f"{_e(_short(p.decision.label))}</text>"
            )
    out.append(
        f'<text x="{_num(left - 10)}" y="{_num(base + 16)}" text-anchor="end" fill="{INK}">stap</text>'
    )
    out.append(
        f'<text x="{_num(left - 10)}" y="{_num(base + 28)}" text-anchor="end" fill="{INK}" '
        'font-size="9">tijd sinds begin</text>'
    )
    out.append("</g>")
    # the points
    for i, p in enumerate(curve.points):
        x, y = x_of(i), y_of(p.level)
        d = p.decision
        out.append(f'<g class="punt"><title>{_e(point_title(p))}</title>')
        if d is None:
            out.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="2.5" fill="{COLOURS[0]}"/>')
        elif d.violated:
            out.append(marker("hollow" if d.kind == "timeout" else "circle", x, y, BROKEN, 3.5))
            out.append(marker("cross", x, y, BROKEN, 7))
            out.append(
                f'<text x="{_num(x)}" y="{_num(y - 12)}" text-anchor="middle" fill="{BROKEN}" '
                f'font-weight="bold">✗ {len(d.violated)}</text>'
            )
        else:
            out.append(marker("hollow" if d.kind == "timeout" else "circle", x, y, INK, 5))
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


# --- progress lines -----------------------------------------------------------------------
def progress_description(progress: Progress, x_title: str) -> str:
    if not progress.labels:
        return "Nog geen gegevens."
    parts = [f"{dutch.plural(len(progress.labels), 'punt', 'punten')} ({x_title})."]
    for s in progress.series:
        known = [v for v in s.values if v is not None]
        if not known:
            parts.append(f"{s.name}: geen gegevens.")
        elif len(known) == 1:
            parts.append(f"{s.name}: {dutch.number(known[0])}.")
        else:
            parts.append(f"{s.name}: van {dutch.number(known[0])} naar {dutch.number(known[-1])}.")
    if progress.pass_mark is not None:
        parts.append(f"De slaaggrens is {progress.pass_mark}.")
    return " ".join(parts)


def _segments(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    runs: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for i, v in enumerate(values):
        if v is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((i, v))
    if current:
        runs.append(current)
    return runs


def progress_svg(
    progress: Progress,
    *,
    ident: str,
    title: str,
    x_title: str = "poging",
    standalone: bool = False,
) -> str:
    """Lines from 0 to 100 over the points of ``progress``, each with its own marker and dash."""
    n = len(progress.labels)
    left, top, plot_h = 56.0, 16.0, 200.0
    dx = 56.0 if n <= 12 else max(14.0, 620.0 / max(n - 1, 1))
    plot_w = max(dx * max(n - 1, 1), 320.0)
    legend_w = 190.0
    width = left + plot_w + 30 + legend_w
    rotate = any(len(label) > 4 for label in progress.labels)
    height = top + plot_h + (92 if rotate else 50)
    out = [_open(ident, width, height, title, progress_description(progress, x_title), standalone)]

    def x_of(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y_of(v: float) -> float:
        return top + plot_h - plot_h * max(0.0, min(100.0, v)) / 100

    out.append('<g class="as-y">')
    for v in range(0, 101, 20):
        y = y_of(v)
        out.append(
            f'<line x1="{_num(left - 5)}" y1="{_num(y)}" x2="{_num(left + plot_w + 10)}" '
            f'y2="{_num(y)}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_num(left - 8)}" y="{_num(y + 4)}" text-anchor="end" fill="{INK}">{v}</text>'
        )
    mid = top + plot_h / 2
    out.append(
        f'<text x="14" y="{_num(mid)}" text-anchor="middle" fill="{INK}" '
        f'transform="rotate(-90 14 {_num(mid)})">score (0–100)</text>'
    )
    out.append("</g>")
    if progress.pass_mark is not None:
        y = y_of(progress.pass_mark)
        out.append(
            f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(left + plot_w + 10)}" '
            f'y2="{_num(y)}" stroke="{INK}" stroke-width="1" stroke-dasharray="3 3"/>'
        )
        out.append(
            f'<text x="{_num(left + plot_w + 10)}" y="{_num(y - 4)}" text-anchor="end" '
            f'fill="{INK}" font-size="10">slaaggrens {progress.pass_mark}</text>'
        )
    base = top + plot_h
    out.append('<g class="as-x">')
    step = max(1, n // 24)
    for i, label in enumerate(progress.labels):
        if i % step and i != n - 1:
            continue
        x = x_of(i)
        if rotate:
            out.append(
                f'<text x="{_num(x + 3)}" y="{_num(base + 14)}" text-anchor="end" fill="{INK}" '
                f'font-size="10" transform="rotate(-40 {_num(x + 3)} {_num(base + 14)})">'
                f"{_e(label)}</text>"
            )
        else:
            out.append(
                f'<text x="{_num(x)}" y="{_num(base + 16)}" text-anchor="middle" fill="{INK}">'
                f"{_e(label)}</text>"
            )
    out.append(
        f'<text x="{_num(left + plot_w / 2)}" y="{_num(height - 6)}" text-anchor="middle" '
        f'fill="{INK}">{_e(x_title)}</text>'
    )
    out.append("</g>")
    for k, s in enumerate(progress.series):
        colour, dash, kind = (
            COLOURS[k % len(COLOURS)],
            DASHES[k % len(DASHES)],
            MARKERS[k % len(MARKERS)],
        )
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="reeks"><title>{_e(s.name)}</title>')
        for run in _segments(s.values):
            if len(run) > 1:
                pts = " ".join(f"{_num(x_of(i))},{_num(y_of(v))}" for i, v in run)
                out.append(
                    f'<polyline points="{pts}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash_attr}/>'
                )
        for j, value in enumerate(s.values):
            if value is None:
                continue
            date = progress.dates[j] if j < len(progress.dates) else ""
            label = progress.labels[j]
            where = label if label == date else f"{x_title} {label}, {date}"
            out.append(
                f"<g><title>{_e(f'{s.name}, {where}: {dutch.number(value)}')}</title>"
                f"{marker(kind, x_of(j), y_of(value), colour)}</g>"
            )
        out.append("</g>")
    # legend: sample line with its marker, then the name
    lx = left + plot_w + 30
    out.append('<g class="legenda">')
    for k, s in enumerate(progress.series):
        colour, dash, kind = (
            COLOURS[k % len(COLOURS)],
            DASHES[k % len(DASHES)],
            MARKERS[k % len(MARKERS)],
        )
        ly = top + 10 + 20 * k
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{_num(lx)}" y1="{_num(ly)}" x2="{_num(lx + 28)}" y2="{_num(ly)}" '
            f'stroke="{colour}" stroke-width="2"{dash_attr}/>'
        )
        out.append(marker(kind, lx + 14, ly, colour))
        out.append(f'<text x="{_num(lx + 36)}" y="{_num(ly + 4)}" fill="{INK}">{_e(s.name)}</text>')
    out.append("</g>")
    out.append("</svg>")
    return "".join(out)
