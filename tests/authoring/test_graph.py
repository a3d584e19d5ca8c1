"""``regie graph``: the diagram has every fase, ending and route, and highlights the model path.

The Mermaid and dot texts are parsed back here by small parsers of their own and compared
with the scenario model; the model path is computed independently by letting the engine play
the model answer with many seeds. Graphviz renders the dot text (skipped only without
``dot``); the real Mermaid renders the Mermaid text in headless Chromium where both exist.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from simulator.authoring.graph import build_graph, diagram_ids, to_dot, to_mermaid
from simulator.cli import main
from simulator.engine.bots import play_bot
from simulator.language.library import Library, load
from simulator.language.model import Scenario
from simulator.language.problems import Severity

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
BUNDLED = "km-spreekkamer-dreiging"
START = "start"  # the start node's label
MODEL_BLUE = "#1f4fbf"
SEEDS = range(64)  # chance branches of 30-50 %: every one comes up within these seeds

# Ids and texts that every format has to escape: Mermaid's reserved 'end', a dash, quotes,
# '#', '|', '<', '>', '&', a backslash and a backtick.
NASTY_YAML = r"""
id: test-lastig
titel: 'Lastige namen: "aanhalingstekens" & <haken>'
omschrijving: Ids en teksten die elk diagramformaat moet ontsnappen.
rol: klantmanager
moeilijkheid: makkelijk
verwachte_duur: 2
leerdoelen: [Het testen van het diagram.]
bezoeker:
  naam: Test Bezoeker
  agressietype: frustratie
variabelen:
  spanning: 0
start: end
fasen:
  end:
    tekst: Een fase die 'end' heet.
    niveau: 3
    gevaar: ja
    keuzes:
      - interventie: gevoel-erkennen
        tekst: "Ik merk dat u boos bent."
        naar: x-y
        model: ja
      - interventie: inhoud-doorgaan
        tekst: "Zoals ik zei."
        effect: {spanning: 2}
        naar:
          - als: spanning >= 2 en spanning < 9
            naar: 'klaar #1 | "a\b"'
          - naar: x-y
  x-y:
    tekst: Een fase met een streepje.
    niveau: 4
    keuzes:
      - interventie: inhoud-hervatten
        tekst: "Verder."
        naar: 'zei "hoi"'
        model: ja
  'zei "hoi"':
    tekst: Een gebeurtenis.
    niveau: 0
    verder: 'klaar #1 | "a\b"'
eindes:
  'klaar #1 | "a\b"':
    titel: 'Hij zei: "Ga weg" <nu> & #1 | `x` \q'
    tekst: Klaar.
    uitkomst: goed
"""


# --- loading --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Library:
    return load()


@pytest.fixture(scope="module")
def nasty_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "lastig.yaml"
    path.write_text(NASTY_YAML, encoding="utf-8")
    return path


def _load_one(path: Path) -> tuple[Library, Scenario]:
    lib = load([path])
    assert not [p for p in lib.problems if p.severity is Severity.ERROR], lib.problems
    return lib, next(iter(lib.scenarios.values()))


@pytest.fixture(scope="module")
def scenarios(bundled: Library, nasty_path: Path) -> dict[str, tuple[Library, Scenario]]:
    return {
        "bundled": (bundled, bundled.scenario(BUNDLED)),
        "mini": _load_one(MINI),
        "nasty": _load_one(nasty_path),
    }


# --- what the model says, computed here -------------------------------------------------


def expected_edges(sc: Scenario) -> set[tuple[str, str, str]]:
    """(source, target, kind) for every route branch in the scenario; source None is the start."""
    out = {(START, b.target, "start") for b in sc.start.branches}
    for fid, fase in sc.fasen.items():
        for choice in fase.choices:
            out |= {(fid, b.target, "keuze") for b in choice.route.branches}
        if fase.timer is not None:
            out |= {(fid, b.target, "timer") for b in fase.timer.route.branches}
        if fase.next is not None:
            out |= {(fid, b.target, "verder") for b in fase.next.branches}
    return out


def model_edges_by_playing(lib: Library, sc: Scenario) -> set[tuple[str, str, str]]:
    """The edges the engine takes when the protocol bot plays the model answer, over many seeds."""
    out: set[tuple[str, str, str]] = set()
    for seed in SEEDS:
        attempt, _ = play_bot(sc, lib.catalogue, "protocol", seed)
        assert attempt.finished
        where, how = START, "start"
        for ev in attempt.trace:
            if ev.kind == "choice":
                how = "keuze"
            elif ev.kind == "timeout":
                how = "timer"
            elif ev.kind in ("enter", "event", "end"):
                assert ev.fase is not None
                out.add((where, ev.fase, how))
                where, how = ev.fase, "verder"
    return out


# --- a small Mermaid parser ---------------------------------------------------------------

_M_NODE = re.compile(
    r'^\s*(?P<id>[A-Za-z0-9_]+)(?P<open>\(\(|\(\[|\[|\()"(?P<label>[^"]*)"(?P<close>\)\)|\]\)|\]|\))'
    r":::(?P<cls>[A-Za-z0-9_]+)$"
)
_M_EDGE = re.compile(
    r'^\s*(?P<src>[A-Za-z0-9_]+) (?P<arrow>-->|-\.->)(?:\|"(?P<label>[^"]*)"\|)? (?P<dst>[A-Za-z0-9_]+)$'
)
_M_CLASSDEF = re.compile(r"^\s*classDef (?P<name>[A-Za-z0-9_]+) (?P<style>\S+)$")
_M_LINKSTYLE = re.compile(r"^\s*linkStyle (?P<which>default|[0-9,]+) (?P<style>.+)$")
_SHAPES = {"((": "start", "([": "einde", "(": "event", "[": "fase"}


def mermaid_unescape(text: str) -> str:
    def entity(m: re.Match[str]) -> str:
        code = m.group(1)
        return chr(int(code)) if code.isdigit() else html.unescape(f"&{code};")

    return "\n".join(re.sub(r"#(\w+);", entity, part) for part in text.split("<br>"))


def _styles(text: str) -> dict[str, str]:
    return dict(item.split(":", 1) for item in text.split(","))


@dataclass
class Diagram:
    # diagram id -> (label, shape, class)
    nodes: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    legend: set[str] = field(default_factory=set)
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)  # src, dst, label, kind
    model: set[int] = field(default_factory=set)  # indices of the highlighted edges
    fills: dict[str, str] = field(default_factory=dict)  # class -> fill colour

    def key(self, ident: str) -> str:
        """The fase or ending id a diagram node stands for: the first line of its label."""
        return self.nodes[ident][0].split("\n")[0]

    def edge_keys(self) -> list[tuple[str, str, str]]:
        return [(self.key(s), self.key(d), kind) for s, d, _, kind in self.edges]

    def model_keys(self) -> set[tuple[str, str, str]]:
        keys = self.edge_keys()
        return {keys[i] for i in self.model}


def parse_mermaid(text: str) -> Diagram:
    d = Diagram()
    lines = text.splitlines()
    assert lines[:2] == ["---", lines[1]] and lines[1].startswith("title: ") and lines[2] == "---"
    assert lines[3] == "flowchart TD"
    in_legend = False
    for line in lines[4:]:
        s = line.strip()
        if not s or s.startswith("%%"):
            continue
        if s.startswith("subgraph "):
            in_legend = True
            continue
        if s == "end":
            in_legend = False
            continue
        if m := _M_NODE.match(line):
            if in_legend:
                d.legend.add(m["id"])
                continue
            assert m["id"] not in d.nodes, f"node {m['id']} twice"
            d.nodes[m["id"]] = (mermaid_unescape(m["label"]), _SHAPES[m["open"]], m["cls"])
        elif m := _M_EDGE.match(line):
            label = mermaid_unescape(m["label"] or "")
            if m["arrow"] == "-.->":
                kind = "timer"
            elif m["src"] == "start_":
                kind = "start"
            elif label.startswith("verder"):
                kind = "verder"
            else:
                kind = "keuze"
            d.edges.append((m["src"], m["dst"], label, kind))
        elif m := _M_CLASSDEF.match(line):
            d.fills[m["name"]] = _styles(m["style"])["fill"]
        elif m := _M_LINKSTYLE.match(line):
            if _styles(m["style"])["stroke"] == MODEL_BLUE and m["which"] != "default":
                d.model |= {int(i) for i in m["which"].split(",")}
        else:
            raise AssertionError(f"onbekende Mermaid-regel: {line!r}")
    return d


# --- a small dot parser ---------------------------------------------------------------------

_D_VALUE = r'"(?:[^"\\]|\\.)*"|<.*>|[^,\]\s]+'
_D_ATTR = re.compile(rf"(\w+)=({_D_VALUE})")
_D_NODE = re.compile(r'^\s*(?P<id>"(?:[^"\\]|\\.)*") \[(?P<attrs>.*)\];$')
_D_EDGE = re.compile(
    r'^\s*(?P<src>"(?:[^"\\]|\\.)*") -> (?P<dst>"(?:[^"\\]|\\.)*") \[(?P<attrs>.*)\];$'
)


def dot_unescape(value: str) -> str:
    if not value.startswith('"'):
        return value
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value[1:-1])


def dot_attrs(text: str) -> dict[str, str]:
    return {k: dot_unescape(v) for k, v in _D_ATTR.findall(text)}


def parse_dot(text: str) -> Diagram:
    d = Diagram()
    lines = text.splitlines()
    assert lines[0].startswith("digraph ") and lines[0].endswith("{") and lines[-1] == "}"
    in_legend = False
    for line in lines[1:-1]:
        s = line.strip()
        if s.startswith("subgraph cluster_legenda"):
            in_legend = True
        elif in_legend:
            in_legend = s != "}"
        elif s.startswith(("graph [", "node [", "edge [")):
            continue
        elif m := _D_EDGE.match(line):
            a = dot_attrs(m["attrs"])
            kind = a["class"].split()[0]
            assert (a.get("style") == "dashed") == (kind == "timer")
            d.edges.append(
                (dot_unescape(m["src"]), dot_unescape(m["dst"]), a.get("label", ""), kind)
            )
            if a.get("color") == MODEL_BLUE:
                assert float(a["penwidth"]) > 2
                d.model.add(len(d.edges) - 1)
        elif m := _D_NODE.match(line):
            a = dot_attrs(m["attrs"])
            ident = dot_unescape(m["id"])
            assert ident not in d.nodes, f"node {ident} twice"
            shape = a.get("shape", "box")
            d.nodes[ident] = (a["label"], shape, a["class"])
            d.fills[a["class"]] = a["fillcolor"]
        else:
            raise AssertionError(f"onbekende dot-regel: {line!r}")
    return d


PARSERS = {"mermaid": (to_mermaid, parse_mermaid), "dot": (to_dot, parse_dot)}


# --- the diagram against the model ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
@pytest.mark.parametrize("which", ["bundled", "mini", "nasty"])
def test_every_fase_ending_and_route_and_the_model_path(
    scenarios: dict[str, tuple[Library, Scenario]], which: str, fmt: str
) -> None:
    lib, sc = scenarios[which]
    render, parse = PARSERS[fmt]
    d = parse(render(build_graph(sc)))
    keys = [d.key(i) for i in d.nodes]
    assert Counter(keys) == Counter([START, *sc.fasen, *sc.endings])
    edges = d.edge_keys()
    assert len(edges) == len(set(edges)), "parallel edges of one kind are merged"
    assert set(edges) == expected_edges(sc)
    assert d.model_keys() == model_edges_by_playing(lib, sc)
    for ident, (label, _, cls) in d.nodes.items():
        key = d.key(ident)
        if key in sc.fasen:
            level = sc.fasen[key].facts.level
            assert cls == f"niveau{level}"
            assert f"niveau {level} · " in label  # the level is in words too, not colour alone
        elif key in sc.endings:
            outcome = sc.endings[key].outcome
            assert cls == f"einde_{outcome}"
            assert label.endswith(f"einde · {outcome}")


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_levels_and_outcomes_have_their_own_colours_in_both_formats(
    scenarios: dict[str, tuple[Library, Scenario]], fmt: str
) -> None:
    render, parse = PARSERS[fmt]
    fills = {}
    for which in ("bundled", "mini", "nasty"):
        fills.update(parse(render(build_graph(scenarios[which][1]))).fills)
    levels = [fills[f"niveau{n}"] for n in range(5)]
    assert len(set(levels)) == 5
    assert len({fills["einde_goed"], fills["einde_matig"], fills["einde_slecht"]}) == 3
    mermaid_fills = parse_mermaid(to_mermaid(build_graph(scenarios["bundled"][1]))).fills
    for cls, colour in fills.items():
        assert mermaid_fills[cls] == colour, f"{cls} has another colour in the other format"


def test_edge_labels_of_the_mini_scenario(scenarios: dict[str, tuple[Library, Scenario]]) -> None:
    d = parse_mermaid(to_mermaid(build_graph(scenarios["mini"][1])))
    labels = {(d.key(s), d.key(t), kind): label for s, t, label, kind in d.edges}
    assert labels[(START, "boos", "start")] == "kans 50%"
    assert labels[(START, "stil", "start")] == "anders"
    assert (
        labels[("boos", "stil", "keuze")]
        == "1: gevoel-erkennen (model)\n2: inhoud-doorgaan, anders"
    )
    assert labels[("boos", "schreeuwt", "keuze")] == "2: inhoud-doorgaan, als spanning >= 2"
    assert labels[("boos", "schreeuwt", "timer")] == "na 10 s"
    assert labels[("schreeuwt", "gestopt", "timer")] == "na 5 s, kans 30%"
    assert labels[("schreeuwt", "escalatie", "timer")] == "na 5 s, anders"
    assert labels[("nacht", "terug", "verder")] == "verder"
    nodes = {d.key(i): (label, shape) for i, (label, shape, _) in d.nodes.items()}
    assert nodes["nacht"] == ("nacht\nniveau 0 · rust\ngebeurtenis\nverstrijkt 18 uur", "event")
    assert nodes["goed"] == ("goed\nGoed afgelopen\neinde · goed", "einde")
    assert nodes[START][1] == "start"


def test_model_path_follows_the_variables(scenarios: dict[str, tuple[Library, Scenario]]) -> None:
    """The model answer in 'nazorg' has three branches; only the one without mistakes is on it."""
    graph = build_graph(scenarios["bundled"][1])
    model = {(e.source, e.target) for e in graph.edges if e.model}
    assert ("nazorg", "goed_afgerond") in model
    assert ("nazorg", "half_afgerond") not in model
    assert ("nazorg", "goed_na_schrik") not in model
    assert ("eis", "dreiging_staand") in model and ("eis", "dreiging_kil") in model  # kans 50%


def test_a_model_path_too_large_to_follow_falls_back_to_every_model_branch(
    scenarios: dict[str, tuple[Library, Scenario]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import simulator.language.shape_checks  # the walk the diagram shares with regie check

    monkeypatch.setattr(simulator.language.shape_checks, "MAX_MODEL_STATES", 2)
    graph = build_graph(scenarios["bundled"][1])
    model = {(e.source, e.target) for e in graph.edges if e.model}
    assert {("nazorg", "half_afgerond"), ("nazorg", "goed_afgerond")} <= model
    assert ("dreiging_kil", "escalatie") not in model  # a timer, not the model answer


def test_labels_survive_escaping_in_both_formats(
    scenarios: dict[str, tuple[Library, Scenario]],
) -> None:
    graph = build_graph(scenarios["nasty"][1])
    ids = diagram_ids(graph)
    assert all(re.fullmatch(r"start_|[fe]_[A-Za-z0-9_]+", i) for i in ids.values())
    assert len(set(ids.values())) == len(ids)
    by_ident = {ids[n.id]: n.label for n in graph.nodes}
    for render, parse in PARSERS.values():
        d = parse(render(graph))
        assert {i: label for i, (label, _, _) in d.nodes.items()} == by_ident
        edge_labels = sorted(label for _, _, label, _ in d.edges)
        assert edge_labels == sorted(e.label for e in graph.edges)
    ending = next(n for n in graph.nodes if n.kind == "einde")
    assert ending.label.startswith('klaar #1 | "a\\b"\nHij zei: "Ga weg" <nu> & #1 | `x` \\q')


# --- real renderers -------------------------------------------------------------------------


def _svg_texts(svg: str) -> set[str]:
    return {html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is niet geïnstalleerd")
@pytest.mark.parametrize("which", ["bundled", "nasty"])
def test_graphviz_renders_the_dot_output(
    scenarios: dict[str, tuple[Library, Scenario]], which: str
) -> None:
    graph = build_graph(scenarios[which][1])
    done = subprocess.run(
        ["dot", "-Tsvg"], input=to_dot(graph), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    texts = _svg_texts(done.stdout)
    for node in graph.nodes:
        for line in node.label.split("\n"):
            assert line in texts
    assert done.stdout.count('class="edge') == len(graph.edges)


def _mermaid_js() -> Path | None:
    candidates = [os.environ.get("REGIE_MERMAID_JS", "")]
    for root in ("/usr/lib/node_modules", "/usr/local/lib/node_modules", ROOT / "node_modules"):
        candidates.append(str(Path(root) / "mermaid" / "dist" / "mermaid.min.js"))
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


_PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<script src="{script}"></script>
<script>
(async () => {{
  const diagrams = {diagrams};
  mermaid.initialize({{startOnLoad: false}});
  for (let i = 0; i < diagrams.length; i++) {{
    const out = document.createElement("div");
    out.id = "diagram" + i;
    try {{
      const {{svg}} = await mermaid.render("regie" + i, diagrams[i]);
      out.setAttribute("data-status", "ok");
      out.innerHTML = svg;
    }} catch (e) {{
      out.setAttribute("data-status", "fout");
      out.textContent = String(e);
    }}
    document.body.appendChild(out);
  }}
  document.body.setAttribute("data-done", "ja");
}})();
</script></body></html>
"""


@pytest.mark.skipif(
    _chromium() is None or _mermaid_js() is None,
    reason="Chromium of het npm-pakket mermaid ontbreekt (zet REGIE_MERMAID_JS op mermaid.min.js)",
)
def test_mermaid_renders_the_mermaid_output(
    scenarios: dict[str, tuple[Library, Scenario]], tmp_path: Path
) -> None:
    graphs = [build_graph(scenarios[w][1]) for w in ("bundled", "mini", "nasty")]
    texts = [to_mermaid(g) for g in graphs]
    diagrams = json.dumps(texts).replace("</", "<\\/")
    script, chromium = _mermaid_js(), _chromium()
    assert script is not None and chromium is not None
    page = tmp_path / "diagram.html"
    page.write_text(_PAGE.format(script=script.as_uri(), diagrams=diagrams), "utf-8")
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profiel'}",
            "--virtual-time-budget=30000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert 'data-done="ja"' in dom
    parts = re.split(r'<div id="diagram\d+" ', dom)[1:]
    assert len(parts) == len(graphs)
    for graph, part in zip(graphs, parts, strict=True):
        assert part.startswith('data-status="ok"'), html.unescape(part[:500])
        ids = diagram_ids(graph)
        for node in graph.nodes:
            assert f"-flowchart-{ids[node.id]}-" in part, node.id
        links = re.findall(r'<path[^>]*data-edge="true"[^>]*>', part)
        assert len(links) == len(graph.edges)
        blue = [p for p in links if re.findall(r"stroke:(#\w+)", p)[-1] == MODEL_BLUE]
        assert len(blue) == sum(e.model for e in graph.edges)
        shown = html.unescape(re.sub(r"<[^>]+>", "\n", part))
        for node in graph.nodes:
            assert node.label.split("\n")[0] in shown


# --- the command ----------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_graph_prints_mermaid_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "graph", str(MINI))
    assert code == 0, err
    assert "flowchart TD" in out and "linkStyle" in out


def test_graph_writes_the_files_it_is_asked_for(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    scenarios: dict[str, tuple[Library, Scenario]],
) -> None:
    graph = build_graph(scenarios["bundled"][1])
    md, dot, mmd = tmp_path / "diagram.md", tmp_path / "diagram.dot", tmp_path / "diagram.mmd"
    code, out, err = run(capsys, "graph", BUNDLED, "-o", str(md))
    assert (code, out) == (0, "")
    assert f"Diagram geschreven naar {md}." in err
    assert md.read_text("utf-8") == f"```mermaid\n{to_mermaid(graph)}```\n"
    code, _, err = run(capsys, "graph", BUNDLED, "--format", "dot", "--output", str(dot))
    assert code == 0, err
    assert dot.read_text("utf-8") == to_dot(graph)
    code, _, err = run(capsys, "graph", BUNDLED, "-o", str(mmd))
    assert code == 0, err
    assert mmd.read_text("utf-8") == to_mermaid(graph)


def test_unknown_scenario_suggests_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "graph", "km-spreekkamer-dreigin")
    assert code == 2 and out == ""
    assert "onbekend scenario 'km-spreekkamer-dreigin'" in err
    assert "Bedoelde u 'km-spreekkamer-dreiging'?" in err
    assert "Traceback" not in err


def test_a_missing_folder_is_refused_in_dutch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "bestaat-niet" / "diagram.md"
    code, out, err = run(capsys, "graph", BUNDLED, "-o", str(target))
    assert code == 2 and out == ""
    assert f"de map '{target.parent}' bestaat niet" in err
    assert not target.parent.exists()


def test_an_unknown_format_is_refused_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "graph", BUNDLED, "--format", "dto")
    assert code == 2
    assert "onbekend formaat 'dto'; kies uit: mermaid, dot. Bedoelde u 'dot'?" in err


def test_a_scenario_with_only_warnings_is_drawn_and_the_warnings_shown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A fase nobody reaches is a warning, and the diagram is where the author looks for it."""
    text = MINI.read_text("utf-8")
    lonely = "fasen:\n  los:\n    tekst: Niemand komt hier.\n    niveau: 0\n    verder: goed\n"
    path = tmp_path / "los.yaml"
    path.write_text(text.replace("fasen:\n", lonely, 1), "utf-8")
    code, out, err = run(capsys, "graph", str(path))
    assert code == 0, err
    assert re.search(r"los\.yaml:\d+:\d+: waarschuwing: fasen\.los: .*nooit te bereiken", err)
    d = parse_mermaid(out)
    assert "los" in {d.key(i) for i in d.nodes}
    assert ("los", "goed", "verder") in d.edge_keys()
    assert ("los", "goed", "verder") not in d.model_keys()


def test_a_broken_scenario_file_gives_its_problems_with_a_place(
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = ROOT / "tests" / "fixtures" / "broken" / "fase-loopt-dood.yaml"
    code, out, err = run(capsys, "graph", str(broken))
    assert code == 2 and out == ""
    assert re.search(r"fase-loopt-dood\.yaml:\d+:\d+: ", err)
    assert "Traceback" not in err
