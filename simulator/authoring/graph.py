"""The scenario as a diagram: fasen, endings and routes, with the model path highlighted.

``build_graph`` turns a validated scenario into plain data (nodes and edges);
``to_mermaid`` and ``to_dot`` render that data as a Mermaid flowchart (for a README, a wiki
or Mermaid Live) or a Graphviz digraph (for ``dot -Tsvg``).

The graph is built directly from the validated model, not through ``transitions``' diagram
support: its Mermaid backend draws a ``stateDiagram`` with the raw state names as ids (so a
fase called ``end`` or with odd characters breaks it), labels edges with trigger and callable
names (``kies_1 [partial]``) instead of the choice, its condition or its chance, and can only
style the current state and the previous transition; its Graphviz backend needs a package
Regie does not ship. Endings, level colours and the model path need the model anyway.

The model path is what the ``protocol`` bot can meet: from the start, always the model
answer, the event fasen going on by themselves; variables are followed, so a branch whose
``als`` never holds on that path is not on it, and every chance branch that can come up is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from simulator.dutch import format_duration
from simulator.language.model import Branch, Route, Scenario
from simulator.language.shape_checks import walk_model_path
from simulator.language.vocabulary import LEVELS

START = "^start"

# Pastel fills for black text, a calm-to-red scale for 0-3; 4 (ontspanning, after the peak)
# stands apart in lavender. The level is always in the label too, never in colour alone.
LEVEL_FILL = {0: "#dcefd8", 1: "#fff3b8", 2: "#ffd29e", 3: "#f59c96", 4: "#ddd5f3"}
LEVEL_STROKE = {0: "#3d7a37", 1: "#8a7414", 2: "#a85a12", 3: "#9e1c16", 4: "#5b4a99"}
OUTCOME_FILL = {"goed": "#9fd49a", "matig": "#ffdd7a", "slecht": "#ee8b8b"}
OUTCOME_STROKE = {"goed": "#1d5e18", "matig": "#7a5c00", "slecht": "#7f0000"}
MODEL_COLOUR = "#1f4fbf"
EDGE_COLOUR = "#555555"
MODEL_NOTE = "dikke blauwe pijl: het modelpad (altijd het modelantwoord)"
TIMER_NOTE = "stippellijn: de tijd loopt af (niets doen)"


@dataclass(frozen=True, slots=True)
class Node:
    id: str  # the fase or ending id; START for the start
    label: str  # lines separated by "\n"
    kind: str  # start, fase, event, einde
    level: int | None = None  # fasen only
    outcome: str | None = None  # endings only


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    label: str  # lines separated by "\n"; one line per merged branch
    kind: str  # start, keuze, timer, verder
    model: bool = False


@dataclass(frozen=True, slots=True)
class Graph:
    scenario: str
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


# --- building -------------------------------------------------------------------------


def _number(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _percent(p: float) -> str:
    return f"{_number(round(p * 100, 1))}%"


def _branch_note(route: Route, branch: Branch) -> str:
    parts: list[str] = []
    if branch.condition is not None:
        parts.append(f"als {branch.condition.text}")
    if branch.chance is not None and branch.chance < 1:
        parts.append(f"kans {_percent(branch.chance)}")
    if not parts and len(route.branches) > 1:
        parts.append("anders")
    return ", ".join(parts)


def _join(head: str, note: str) -> str:
    if not head:
        return note
    return f"{head}, {note}" if note else head


def _fase_label(scenario: Scenario, fid: str) -> str:
    fase = scenario.fasen[fid]
    f = fase.facts
    lines = [fid, f"niveau {f.level} · {LEVELS.get(f.level, '?')}"]
    marks: list[str] = []
    if fase.is_event:
        marks.append("gebeurtenis")
    if f.danger:
        marks.append("gevaar")
    if f.criminal:
        marks.append("strafbaar")
    if f.pressure != "geen":
        marks.append(f.pressure)
    if f.incident:
        marks.append("incident")
    if marks:
        lines.append(" · ".join(marks))
    if fase.elapse:
        lines.append(f"verstrijkt {format_duration(fase.elapse)}")
    return "\n".join(lines)


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _routes(scenario: Scenario) -> Iterator[tuple[str, str, str, Route]]:
    """(source, kind, label head, route) for every route in the scenario."""
    yield START, "start", "", scenario.start
    for fid, fase in scenario.fasen.items():
        for i, choice in enumerate(fase.choices, start=1):
            head = f"{i}: {choice.id}" + (" (model)" if choice.model else "")
            yield fid, "keuze", head, choice.route
        if fase.timer is not None:
            yield fid, "timer", f"na {_number(fase.timer.seconds)} s", fase.timer.route
        if fase.next is not None:
            yield fid, "verder", "verder", fase.next


def model_path(scenario: Scenario) -> set[tuple[str, str, str]]:
    """The (source, target, kind) edges the model path can take, following the variables
    (the walk of ``shape_checks.walk_model_path``). Past its limit of (fase, variables) pairs
    (a model loop that keeps counting) it falls back to the structure: every branch of every
    model route it reaches."""
    walk = walk_model_path(scenario)
    if not walk.complete:
        return _structural_model_path(scenario)
    edges = {(START, step.target[0], step.kind) for step in walk.first}
    for (source, _values), steps in walk.edges.items():
        edges.update((source, step.target[0], step.kind) for step in steps)
    return edges


def _structural_model_path(scenario: Scenario) -> set[tuple[str, str, str]]:
    edges: set[tuple[str, str, str]] = set()
    todo, seen = [START], {START}
    while todo:
        source = todo.pop()
        step = _model_route(scenario, source)
        if step is None:
            continue
        kind, route = step
        for target in route.targets:
            edges.add((source, target, kind))
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return edges


def _model_route(scenario: Scenario, source: str) -> tuple[str, Route] | None:
    """The route the model path takes out of ``source``, and its kind."""
    if source == START:
        return "start", scenario.start
    fase = scenario.fasen.get(source)
    if fase is None:
        return None  # an ending
    if fase.next is not None:
        return "verder", fase.next
    model = fase.model_choice
    if model is not None:
        return "keuze", model.route
    if fase.timer is not None:  # no choices: the time runs out
        return "timer", fase.timer.route
    return None


def build_graph(scenario: Scenario) -> Graph:
    """The diagram of a validated scenario as plain data.

    One node for the start, each fase and each ending; one edge per (source, target, kind),
    its label one line per branch that it merges (choice number and id, ``als …``,
    ``kans …``, ``anders``; ``na 20 s`` for a timer; ``verder`` for an event fase).
    """
    nodes = [Node(START, "start", "start")]
    for fid, fase in scenario.fasen.items():
        kind = "event" if fase.is_event else "fase"
        nodes.append(Node(fid, _fase_label(scenario, fid), kind, level=fase.facts.level))
    for eid, ending in scenario.endings.items():
        label = f"{eid}\n{_short(ending.title)}\neinde · {ending.outcome}"
        nodes.append(Node(eid, label, "einde", outcome=ending.outcome))
    merged: dict[tuple[str, str, str], list[str]] = {}
    for source, kind, head, route in _routes(scenario):
        for branch in route.branches:
            line = _join(head, _branch_note(route, branch))
            lines = merged.setdefault((source, branch.target, kind), [])
            if line and line not in lines:
                lines.append(line)
    on_path = model_path(scenario)
    edges = tuple(
        Edge(source, target, "\n".join(lines), kind, (source, target, kind) in on_path)
        for (source, target, kind), lines in merged.items()
    )
    return Graph(scenario.id, scenario.title, tuple(nodes), edges)


# --- identifiers ----------------------------------------------------------------------


def diagram_ids(graph: Graph) -> dict[str, str]:
    """Safe, unique identifiers for both formats: ``start_``, ``f_<fase>``, ``e_<einde>``.

    The prefix keeps Mermaid's reserved words (``end``) and its ``o``/``x`` arrow heads away;
    anything but ASCII letters, digits and ``_`` becomes ``_``.
    """
    ids: dict[str, str] = {}
    used: set[str] = set()
    for node in graph.nodes:
        if node.kind == "start":
            base = "start_"
        else:
            clean = "".join(
                c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in node.id
            )
            base = ("e_" if node.kind == "einde" else "f_") + clean
        ident, n = base, 2
        while ident in used:
            ident, n = f"{base}_{n}", n + 1
        used.add(ident)
        ids[node.id] = ident
    return ids


def _node_class(node: Node) -> str:
    if node.kind == "einde":
        return f"einde_{node.outcome}"
    if node.kind == "start":
        return "begin"
    return f"niveau{node.level}"


# --- Mermaid --------------------------------------------------------------------------

_MERMAID_ENTITIES = {
    "#": "#35;",
    "&": "#amp;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "|": "#124;",
    "`": "#96;",
    "\\": "#92;",
}


def mermaid_text(text: str) -> str:
    """Text for inside a quoted Mermaid label: entity codes for the characters Mermaid reads,
    ``<br>`` for a new line."""
    lines = ("".join(_MERMAID_ENTITIES.get(c, c) for c in line) for line in text.split("\n"))
    return "<br>".join(lines)


def _mermaid_style(fill: str, stroke: str, width: str = "1px") -> str:
    return f"fill:{fill},stroke:{stroke},stroke-width:{width},color:#000000"


def _mermaid_shape(node: Node, ident: str) -> str:
    text = f'"{mermaid_text(node.label)}"'
    if node.kind == "start":
        return f"{ident}(({text}))"
    if node.kind == "einde":
        return f"{ident}([{text}])"
    if node.kind == "event":
        return f"{ident}({text})"
    return f"{ident}[{text}]"


def to_mermaid(graph: Graph, *, legend: bool = True) -> str:
    """A Mermaid ``flowchart TD``: classDef per level and outcome, linkStyle for the model path."""
    ids = diagram_ids(graph)
    out = [
        "---",
        f"title: {json.dumps(f'{graph.title} ({graph.scenario})', ensure_ascii=False)}",
        "---",
        "flowchart TD",
        f"    %% Regie: scenario {graph.scenario}; gemaakt met 'regie graph'",
    ]
    for node in graph.nodes:
        out.append(f"    {_mermaid_shape(node, ids[node.id])}:::{_node_class(node)}")
    model_links: list[int] = []
    timer_links: list[int] = []
    for i, edge in enumerate(graph.edges):
        arrow = "-.->" if edge.kind == "timer" else "-->"
        label = f'|"{mermaid_text(edge.label)}"|' if edge.label else ""
        out.append(f"    {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
        if edge.model:
            model_links.append(i)
        elif edge.kind == "timer":
            timer_links.append(i)
    if legend:
        out.append('    subgraph legenda ["Legenda"]')
        for level in LEVELS:
            out.append(f'        leg_niveau{level}["{_level_label(level)}"]:::niveau{level}')
        for outcome in OUTCOME_FILL:
            out.append(f'        leg_einde_{outcome}(["einde · {outcome}"]):::einde_{outcome}')
        out.append(f'        leg_pijlen["{MODEL_NOTE}<br>{TIMER_NOTE}"]:::legenda')
        out.append("    end")
    out.append("    classDef begin fill:#ffffff,stroke:#000000,stroke-width:2px,color:#000000")
    for level in LEVELS:
        out.append(
            f"    classDef niveau{level} {_mermaid_style(LEVEL_FILL[level], LEVEL_STROKE[level])}"
        )
    for outcome in OUTCOME_FILL:
        style = _mermaid_style(OUTCOME_FILL[outcome], OUTCOME_STROKE[outcome], "3px")
        out.append(f"    classDef einde_{outcome} {style}")
    out.append("    classDef legenda fill:#ffffff,stroke:#999999,color:#000000")
    out.append(f"    linkStyle default stroke:{EDGE_COLOUR},stroke-width:1px")
    if timer_links:
        out.append(
            f"    linkStyle {','.join(map(str, timer_links))} "
            f"stroke:{EDGE_COLOUR},stroke-width:1px,stroke-dasharray:5 5"
        )
    if model_links:
        out.append(
            f"    linkStyle {','.join(map(str, model_links))} stroke:{MODEL_COLOUR},stroke-width:4px"
        )
    return "\n".join(out) + "\n"


# --- Graphviz dot ---------------------------------------------------------------------


def dot_string(text: str) -> str:
    """A double-quoted dot string; a new line becomes a centred line break (``\\n``)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def _dot_attrs(attrs: dict[str, str]) -> str:
    return ", ".join(f"{k}={dot_string(v)}" for k, v in attrs.items())


def _dot_node(node: Node) -> dict[str, str]:
    attrs = {"label": node.label, "class": _node_class(node)}
    if node.kind == "start":
        attrs.update(shape="circle", fillcolor="#ffffff", color="#000000", penwidth="2")
    elif node.kind == "einde":
        outcome = node.outcome or "matig"
        attrs.update(
            shape="box",
            style="rounded,filled",
            peripheries="2",
            penwidth="2",
            fillcolor=OUTCOME_FILL.get(outcome, "#ffffff"),
            color=OUTCOME_STROKE.get(outcome, "#000000"),
        )
    else:
        level = node.level or 0
        attrs.update(fillcolor=LEVEL_FILL[level], color=LEVEL_STROKE[level])
        if node.kind == "event":
            attrs["style"] = "rounded,filled"
    return attrs


def _dot_edge(edge: Edge) -> dict[str, str]:
    attrs = {"class": edge.kind + (" modelpad" if edge.model else "")}
    if edge.label:
        attrs["label"] = edge.label
    if edge.kind == "timer":
        attrs["style"] = "dashed"
    if edge.model:
        attrs.update(color=MODEL_COLOUR, fontcolor=MODEL_COLOUR, penwidth="3.5")
    return attrs


def _level_label(level: int) -> str:
    """A level in the legend: its number and name (level 4 comes after the peak)."""
    note = " (na de piek)" if level == 4 else ""
    return f"niveau {level} · {LEVELS[level]}{note}"


def _dot_legend() -> list[str]:
    rows = []
    for level in LEVELS:
        rows.append(f'<TR><TD BGCOLOR="{LEVEL_FILL[level]}">{_level_label(level)}</TD></TR>')
    for outcome in OUTCOME_FILL:
        rows.append(f'<TR><TD BGCOLOR="{OUTCOME_FILL[outcome]}">einde · {outcome}</TD></TR>')
    rows.append(f'<TR><TD><FONT COLOR="{MODEL_COLOUR}">{MODEL_NOTE}</FONT></TD></TR>')
    rows.append(f"<TR><TD>{TIMER_NOTE}</TD></TR>")
    table = '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="2">' + "".join(rows) + "</TABLE>"
    return [
        "    subgraph cluster_legenda {",
        '        label="Legenda"; color="#999999";',
        f'        "legenda" [shape=plaintext, style="", label=<{table}>];',
        "    }",
    ]


def to_dot(graph: Graph, *, legend: bool = True) -> str:
    """A Graphviz digraph with the same colours, shapes and model path as ``to_mermaid``."""
    ids = diagram_ids(graph)
    out = [
        f"digraph {dot_string(graph.scenario)} {{",
        f"    graph [{_dot_attrs({'label': f'{graph.title} ({graph.scenario})', 'labelloc': 't', 'fontname': 'Helvetica', 'rankdir': 'TB'})}];",
        '    node [shape=box, style=filled, fontname="Helvetica", fontsize=11, fontcolor="#000000"];',
        f'    edge [fontname="Helvetica", fontsize=9, color="{EDGE_COLOUR}"];',
    ]
    for node in graph.nodes:
        out.append(f"    {dot_string(ids[node.id])} [{_dot_attrs(_dot_node(node))}];")
    for edge in graph.edges:
        src, dst = dot_string(ids[edge.source]), dot_string(ids[edge.target])
        out.append(f"    {src} -> {dst} [{_dot_attrs(_dot_edge(edge))}];")
    if legend:
        out.extend(_dot_legend())
    out.append("}")
    return "\n".join(out) + "\n"


FORMATS = {"mermaid": to_mermaid, "dot": to_dot}
