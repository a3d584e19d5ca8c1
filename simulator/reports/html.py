"""The report as one self-contained, printable HTML page (in Dutch).

No scripts, no external style sheets, fonts or images: the style is inline, with a print
style sheet (A4, no page breaks inside a table row or a chart), and the charts are inline
SVG. The markup is also well-formed XML (XHTML-compatible), so it can be checked with any
XML parser.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from scoring.result import kernregel_text
from simulator.reports import dutch, sections, svg
from simulator.reports.data import Curve, ExamLine, GroupReport, Todo, TraineeReport, local_date
from simulator.reports.sections import Table

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: #1a1a1a; background: #ffffff; margin: 2rem auto; max-width: 62rem;
       padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
.meta { color: #444444; margin-top: 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #b4b4b4; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #ececec; }
td.heel { white-space: nowrap; }
td.getal, th.getal { text-align: right; font-variant-numeric: tabular-nums; }
.kerngetallen { display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; list-style: none; }
.kerngetallen li { border: 1px solid #b4b4b4; padding: .4rem .8rem; min-width: 8rem; }
.kerngetallen strong { display: block; font-size: 1.4rem; }
.breed { overflow-x: auto; }
table.rooster th, table.rooster td { padding: .2rem .3rem; }
table.rooster td { text-align: center; font-size: .85rem; }
table.rooster td:first-child { text-align: left; }
table.rooster th { font-size: .78rem; font-weight: 600; overflow-wrap: break-word; hyphens: auto; }
.overtreden { color: #b00020; font-weight: bold; }
figure { margin: .5rem 0 1rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #444444; }
.noot { font-size: .85rem; color: #444444; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  tr, figure, .poging { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  table.rooster th, table.rooster td { font-size: 7.5pt; padding: 1pt 2pt; }
  table.rooster th:not(:first-child) { writing-mode: vertical-rl; transform: rotate(180deg);
                                        text-align: left; vertical-align: bottom; }
  .breed { overflow: visible; }
  th { background: #ececec; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def table(t: Table, css: str | None = None) -> str:
    """A table; numeric columns are right-aligned. Cells are escaped here."""
    out = [f'<table class="{css}"><thead><tr>' if css else "<table><thead><tr>"]
    for i, h in enumerate(t.headers):
        cls = ' class="getal"' if i in t.numeric else ""
        out.append(f'<th scope="col"{cls}>{_e(h)}</th>')
    out.append("</tr></thead><tbody>")
    for row in t.rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            names = [n for n, on in (("getal", i in t.numeric), ("heel", i in t.nowrap)) if on]
            cls = f' class="{" ".join(names)}"' if names else ""
            if cell is None:
                text = dutch.NONE
            elif isinstance(cell, str):
                text = cell
            else:
                text = dutch.number(cell)
            out.append(f"<td{cls}>{_e(text)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _key_figures(items: Sequence[tuple[str, str]]) -> str:
    cells = "".join(f"<li><strong>{_e(v)}</strong>{_e(k)}</li>" for k, v in items)
    return f'<ul class="kerngetallen">{cells}</ul>'


def page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl"><head><meta charset="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def _todo_section(
    rows: Sequence[tuple[str, Sequence[Todo]]], courses: Sequence[str], *, names: bool
) -> str:
    out = ["<h2>Nog te doen</h2>"]
    if not courses:
        out.append(f"<p>{_e(sections.NO_COURSE)}</p>")
        return "".join(out)
    out.append(f'<p class="noot">{_e(sections.STILL_TO_DO_NOTE)}</p>')
    out.append(table(sections.todo(rows, names=names)))
    return "".join(out)


def curve_section(curve: Curve, ident: str) -> str:
    head = (
        f"{local_date(curve.started)}: {curve.title}, score {dutch.score(curve.score)}, "
        f"{dutch.outcome(curve.passed)}"
    )
    out = [f'<section class="poging"><h3>{_e(head)}</h3><figure>']
    out.append(svg.escalation_svg(curve, ident=ident))
    out.append(
        "<figcaption>Het escalatieniveau van elke fase, naar spanning: 0 rust onderaan, 3 "
        "controleverlies bovenaan en 4 ontspanning (de spanning zakt na de piek) net boven "
        "rust. Met de beslissingen erop: ● een keuze, ○ de tijd liep af, ✗ een regel "
        "overtreden (met het aantal regels).</figcaption>"
    )
    out.append("</figure>")
    steps = sections.decisions(curve)
    if steps.rows:
        out.append(table(steps))
    if curve.failed_kernregels:
        out.append(f'<p class="overtreden">{_e(kernregel_text(curve.failed_kernregels))}</p>')
    if curve.after:
        out.append(
            '<p><span class="overtreden">✗ Na afloop overtreden:</span> '
            + _e(", ".join(b.title for b in curve.after))
            + "</p>"
        )
    if curve.ending:
        out.append(f"<p>Einde: {_e(curve.ending)}</p>")
    out.append("</section>")
    return "".join(out)


def _unfinished(exams: Sequence[ExamLine]) -> str:
    if not exams:
        return ""
    return f"<h2>{_e(sections.UNFINISHED_TITLE)}</h2><p>{_e(sections.UNFINISHED_NOTE)}</p>" + table(
        sections.unfinished(exams)
    )


def trainee_html(report: TraineeReport, *, generated: str) -> str:
    title = f"Voortgang van {report.name}"
    lines = report.attempts
    meta = [f"Groep: {report.groep or dutch.NONE}"]
    if report.course:
        meta.append(f"Cursus: {lines[0].course_title if lines else report.course}")
    meta.append(f"Gemaakt op {generated}")
    out = [f"<h1>{_e(title)}</h1>", f'<p class="meta">{_e(" · ".join(meta))}</p>']
    out.append("<h2>Samenvatting</h2>")
    out.append(
        _key_figures(
            [
                ("pogingen", str(len(lines))),
                ("geslaagd", str(report.passed)),
                ("scenario's gehaald", str(len(report.scenarios_passed))),
                ("laatste score", dutch.score(lines[-1].score if lines else None)),
            ]
        )
    )
    if not lines:
        out.append("<p>Er zijn nog geen afgeronde pogingen.</p>")
    else:
        out.append("<h2>Voortgang</h2><figure>")
        out.append(
            svg.progress_svg(
                report.progress, ident="voortgang", title=f"Voortgang van {report.name}"
            )
        )
        out.append(
            "<figcaption>De score en elke competentie per poging, in de volgorde waarin er "
            "gespeeld is. Een competentie zonder punt was in die poging niet van toepassing."
            "</figcaption></figure>"
        )
        out.append("<h2>Pogingen</h2>")
        out.append(table(sections.attempts(lines)))
        out.append("<h2>Overtreden regels</h2>")
        if report.violations:
            out.append(table(sections.rules(report.violations)))
        else:
            out.append("<p>Geen regel overtreden.</p>")
    out.append(_unfinished(report.unfinished))
    out.append(_todo_section([(report.name, report.todo)], report.courses, names=False))
    if report.curves:
        out.append("<h2>Verloop per poging</h2>")
        for i, curve in enumerate(report.curves, start=1):
            out.append(curve_section(curve, f"verloop-{i}"))
    return page(title, "".join(out))


def group_html(report: GroupReport, *, generated: str) -> str:
    out = [f"<h1>{_e(report.title)}</h1>", f'<p class="meta">{_e(f"Gemaakt op {generated}")}</p>']
    out.append("<h2>Samenvatting</h2>")
    out.append(
        _key_figures(
            [
                ("trainees", str(len(report.trainees))),
                ("pogingen", str(report.attempts)),
                ("geslaagd", sections.share(report.passed, report.attempts)),
                ("gemiddelde score", dutch.number(sections.group_average(report))),
            ]
        )
    )
    out.append("<h2>Trainees</h2>")
    out.append(table(sections.trainees(report.trainees)))
    out.append("<h2>Per scenario</h2>")
    if report.scenarios:
        out.append(table(sections.scenarios(report.scenarios)))
    else:
        out.append("<p>Er zijn nog geen afgeronde pogingen.</p>")
    out.append("<h2>Meest overtreden regels</h2>")
    if report.rules:
        out.append(f'<p class="noot">{_e(sections.RULES_NOTE)}</p>')
        out.append(table(sections.rules(report.rules)))
    else:
        out.append("<p>Geen regel overtreden.</p>")
    out.append("<h2>Competenties</h2>")
    out.append(table(sections.competencies(report.competencies)))
    if report.sessions:
        out.append("<h2>Per sessie</h2>")
        out.append(table(sections.sessions(report.sessions)))
        out.append("<figure>")
        out.append(
            svg.progress_svg(
                report.progress,
                ident="sessies",
                title=f"Gemiddelde score per sessie: {report.title}",
                x_title="sessie (datum)",
            )
        )
        out.append("<figcaption>De gemiddelde score per dag waarop gespeeld werd.</figcaption>")
        out.append("</figure>")
    if report.kind != "groep" and report.groups:
        out.append("<h2>Per groep</h2>")
        out.append(table(sections.groups(report.groups)))
    out.append(_unfinished(report.unfinished))
    out.append("<h2>Nog te doen</h2>")
    if report.columns:
        out.append(f'<p class="noot">{_e(sections.STILL_TO_DO_NOTE)}</p>')
        for title, grid in sections.grids(report):
            out.append(f"<h3>{_e(title)}</h3>")
            out.append(f'<div class="breed">{table(grid, css="rooster")}</div>')
        out.append(f'<p class="noot">{_e(sections.GRID_NOTE)}</p>')
    else:
        out.append(f"<p>{_e(sections.NO_COURSE)}</p>")
    return page(report.title, "".join(out))


def render(report: TraineeReport | GroupReport, *, generated: str) -> str:
    if isinstance(report, TraineeReport):
        return trainee_html(report, generated=generated)
    return group_html(report, generated=generated)
