"""Loading one scenario file into the model, reporting every problem with its place."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from simulator.language.conditions import ConditionError, parse_condition
from simulator.language.fields import (
    CHOICE_FIELDS,
    ELAPSE,
    ENDING,
    FACTS,
    FASE,
    HISTORY,
    SCENARIO,
    SECOND_VISITOR,
    TIMER,
    VISITOR,
    WAY,
)
from simulator.language.model import (
    Branch,
    Catalogue,
    Choice,
    Ending,
    Facts,
    Fase,
    Route,
    Scenario,
    Timer,
    Visitor,
)
from simulator.language.problems import Problems
from simulator.language.reader import MapReader, join, read_int, suggest
from simulator.language.shape_checks import check_shape
from simulator.language.vocabulary import (
    MAX_CHOICES,
    RULE_IDS,
)
from simulator.language.yamlsource import Node

# Where a route points that is not yet checked: (target, node, path)
_Ref = tuple[str, Node, str]


class _ScenarioReader:
    def __init__(self, problems: Problems) -> None:
        self.p = problems
        self.targets: list[_Ref] = []
        self.variables_used: list[_Ref] = []
        self.interventions: list[_Ref] = []
        self.route_marks: dict[int, tuple[Node, str]] = {}

    # --- routes: 'naar' ---------------------------------------------------------------
    def route(self, node: Node | None, path: str) -> Route | None:
        if node is None:
            return None
        if node.kind == "scalar":
            self.targets.append((node.text.strip(), node, path))
            return Route((Branch(node.text.strip(), mark=node.mark),))
        if node.kind != "seq" or not node.items:
            self.p.add(
                node.mark,
                path,
                "verwacht de naam van een fase of einde, of een opsomming van mogelijkheden "
                "met 'naar', 'als' en 'kans'",
            )
            return None
        branches: list[Branch] = []
        for i, item in enumerate(node.items, start=1):
            ipath = join(path, i)
            r = MapReader(item, ipath, self.p, "een mogelijkheid")
            target_node = r.raw("naar")
            target = WAY["naar"].read(r)
            cond = None
            cond_node = r.raw("als")
            if cond_node is not None:
                if cond_node.kind != "scalar":
                    self.p.add(
                        cond_node.mark,
                        join(ipath, "als"),
                        "verwacht een voorwaarde zoals 'spanning >= 2'",
                    )
                else:
                    try:
                        cond = parse_condition(cond_node.text)
                        for v in cond.variables:
                            self.variables_used.append((v, cond_node, join(ipath, "als")))
                    except ConditionError as exc:
                        self.p.add(cond_node.mark, join(ipath, "als"), str(exc))
            chance = WAY["kans"].read(r)
            if chance is not None and chance <= 0:
                kn = r.raw("kans")
                self.p.add(
                    kn.mark if kn else item.mark,
                    join(ipath, "kans"),
                    "een kans van 0 komt nooit uit; haal deze mogelijkheid weg",
                )
            r.finish()
            if target and target_node is not None:
                self.targets.append((target, target_node, join(ipath, "naar")))
                branches.append(Branch(target, cond, chance, item.mark))
        if branches:
            last = branches[-1]
            if last.condition is not None or (last.chance is not None and last.chance < 1):
                self.p.add(
                    node.items[-1].mark,
                    join(path, len(node.items)),
                    "de laatste mogelijkheid moet zonder 'als' en zonder 'kans' zijn, "
                    "anders kan het verhaal hier vastlopen",
                )
        return Route(tuple(branches)) if branches else None

    # --- effects ----------------------------------------------------------------------
    def effects(self, r: MapReader, key: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for name, knode, value, path in r.mapping(
            key, required=False, what=f"'{key}' (variabele: getal)"
        ):
            amount = read_int(value, path, self.p, what="een heel getal (bijvoorbeeld 1 of -1)")
            self.variables_used.append((name, knode, path))
            if amount is not None:
                out[name] = amount
        return out

    # --- facts ------------------------------------------------------------------------
    def facts(self, r: MapReader, default_location: str, default_aggression: str) -> Facts:
        level = FACTS["niveau"].read(r)
        disturbed = FACTS["orde_verstoord"].read(r)
        offence = FACTS["strafbaar"].read(r)
        criminal = offence != "nee"
        pressure = FACTS["druk"].read(r)
        location = FACTS["locatie"].read(r) or default_location
        danger = FACTS["gevaar"].read(r)
        derived_incident = criminal or pressure != "geen" or danger or level == 3
        incident = FACTS["incident"].read(r, default=derived_incident)
        instruction = FACTS["aanwijzing"].read(r)
        wait_ok = FACTS["afwachten"].read(r)
        guarantee = FACTS["garantie"].read(r)
        suspended = FACTS["opgeschort"].read(r)
        persistent = FACTS["volhardend"].read(r)
        unrest = FACTS["onrust"].read(r)
        no_show = FACTS["niet_verschenen"].read(r)
        aggression = FACTS["agressietype"].read(r) or default_aggression
        return Facts(
            level=level or 0,
            disturbed=disturbed,
            criminal=criminal,
            pressure=pressure,
            location=location,
            incident=incident,
            danger=danger,
            instruction=instruction,
            wait_ok=wait_ok,
            guarantee=guarantee,
            suspended=suspended,
            persistent=persistent,
            aggression=aggression,
            unrest=unrest,
            offence=offence,
            no_show=no_show,
        )

    def elapse(self, r: MapReader) -> float:
        sub = r.sub("verstrijkt", "hoeveel tijd er verstrijkt", required=False)
        if sub is None:
            return 0.0
        seconds = 0.0
        for key, factor in (("minuten", 60), ("uren", 3600), ("dagen", 86400)):
            v = ELAPSE[key].read(sub)
            if v:
                seconds += v * factor
        sub.finish()
        if seconds <= 0:
            self.p.add(
                sub.node.mark if sub.node else None,
                sub.path,
                "geef aan hoeveel minuten, uren of dagen er verstrijken",
            )
        return seconds

    # --- one fase ---------------------------------------------------------------------
    def fase(
        self,
        fid: str,
        key: Node,
        node: Node,
        path: str,
        location: str,
        visitors: dict[str, Visitor],
    ) -> Fase | None:
        r = MapReader(node, path, self.p, "een fase")
        if not r.ok:
            return None
        text = FASE["tekst"].read(r)
        says = FASE["zegt"].read(r)
        speaker = FASE["spreker"].read(r)
        first = next(iter(visitors.values()), None)
        whose = first
        vnode = r.raw("bezoeker")
        name = FASE["bezoeker"].read(r)
        if name is not None and vnode is not None:
            whose = visitors.get(name)
            if whose is None:
                self.p.add(
                    vnode.mark,
                    join(path, "bezoeker"),
                    f"onbekende bezoeker '{name}': noem de naam van 'bezoeker' of "
                    f"'tweede_bezoeker' bovenaan.{suggest(name, visitors)}",
                )
        aggression = whose.aggression if whose else "frustratie"
        facts = self.facts(r, location, aggression)
        if whose is not None and first is not None and whose is not first:
            facts = replace(facts, visitor=whose.name)
        effect = self.effects(r, "effect")
        assign = self.effects(r, "zet")
        elapse = self.elapse(r)
        timer = None
        tr = r.sub("timer", "de timer", required=False)
        if tr is not None:
            secs = TIMER["seconden"].read(tr)
            troute = self.route(tr.raw("naar"), join(tr.path, "naar"))
            if not tr.has("naar"):
                self.p.add(
                    tr.node.mark if tr.node else None,
                    join(tr.path, "naar"),
                    "de timer zegt niet waar het verhaal heen gaat als de tijd om is ('naar:')",
                )
            tr.finish()
            if secs is not None and troute is not None:
                timer = Timer(secs, troute)
        choices: list[Choice] = []
        seen: dict[str, Node] = {}
        has_choices = r.has("keuzes")
        for cnode, cpath in r.sequence("keuzes", required=False, what="een opsomming van keuzes"):
            choice = self.choice(cnode, cpath)
            if choice is None:
                continue
            if choice.id in seen:
                self.p.add(
                    cnode.mark,
                    cpath,
                    f"de keuze '{choice.id}' staat twee keer in deze fase; geef elke keuze een eigen 'id:'",
                )
                continue
            seen[choice.id] = cnode
            choices.append(choice)
        next_route = self.route(r.raw("verder"), join(path, "verder"))
        keuzes_mark = r.key_mark("keuzes") or node.mark
        r.finish()
        if has_choices and r.has("verder"):
            self.p.add(key.mark, path, "een fase heeft keuzes óf 'verder', niet allebei")
        elif not has_choices and not r.has("verder"):
            self.p.add(
                key.mark,
                path,
                f"de fase '{fid}' loopt dood: geef 'keuzes' (de trainee kiest) of 'verder' "
                "(het verhaal gaat vanzelf verder)",
            )
        if len(choices) > MAX_CHOICES:
            self.p.add(
                keuzes_mark,
                join(path, "keuzes"),
                f"hoogstens {MAX_CHOICES} keuzes per fase (de toetsen 1-9); hier staan er {len(choices)}",
            )
        if choices:
            models = [c for c in choices if c.model]
            if not models:
                self.p.add(
                    keuzes_mark,
                    join(path, "keuzes"),
                    "geen modelantwoord: zet bij één keuze 'model: ja'",
                )
            elif len(models) > 1:
                self.p.add(
                    keuzes_mark,
                    join(path, "keuzes"),
                    f"{len(models)} modelantwoorden; zet bij precies één keuze 'model: ja'",
                )
        if timer is not None and next_route is not None:
            self.p.add(
                node.mark,
                join(path, "timer"),
                "een fase die vanzelf verder gaat ('verder') heeft geen timer nodig",
            )
        if text is None:
            return None
        return Fase(
            id=fid,
            text=text,
            facts=facts,
            says=says,
            speaker=speaker,
            choices=tuple(choices),
            timer=timer,
            next=next_route,
            elapse=elapse,
            effect=effect,
            assign=assign,
            mark=key.mark,
        )

    def choice(self, node: Node, path: str) -> Choice | None:
        r = MapReader(node, path, self.p, "een keuze")
        if not r.ok:
            return None
        inode = r.raw("interventie")
        intervention = CHOICE_FIELDS["interventie"].read(r)
        if intervention and inode is not None:
            self.interventions.append((intervention, inode, join(path, "interventie")))
        cid = CHOICE_FIELDS["id"].read(r) or intervention
        text = CHOICE_FIELDS["tekst"].read(r)
        route = self.route(r.raw("naar"), join(path, "naar"))
        if not r.has("naar"):
            self.p.add(
                node.mark,
                join(path, "naar"),
                "de keuze zegt niet waar het verhaal heen gaat ('naar:')",
            )
        effect = self.effects(r, "effect")
        assign = self.effects(r, "zet")
        feedback = CHOICE_FIELDS["feedback"].read(r)
        model = CHOICE_FIELDS["model"].read(r)
        judgement = CHOICE_FIELDS["oordeel"].read(r)
        breaks = self.rule_ids(r, "breekt")
        r.finish()
        if model and judgement not in (None, "goed"):
            self.p.add(
                r.key_mark("oordeel"),
                join(path, "oordeel"),
                f"het modelantwoord is altijd goed, maar hier staat 'oordeel: {judgement}'; "
                "zet 'oordeel: goed' of haal 'model: ja' weg",
            )
        judged = judgement is not None or not r.has("oordeel")  # not an unknown oordeel
        if r.has("breekt") and judgement != "fout" and judged:
            self.p.add(
                r.key_mark("breekt"),
                join(path, "breekt"),
                "'breekt' noemt de regels die een foute keuze overtreedt; zet er 'oordeel: fout' "
                "bij, of haal 'breekt' weg",
            )
        if not (cid and intervention and text and route):
            return None
        return Choice(
            cid,
            intervention,
            text,
            route,
            effect,
            assign,
            feedback,
            model,
            judgement,
            tuple(breaks),
            node.mark,
        )

    def rule_ids(self, r: MapReader, key: str) -> list[str]:
        """A list of rule ids (one id alone is a list of one), each checked."""
        out: list[str] = []
        for item, path in r.sequence(key, required=False, what="een opsomming van regel-id's"):
            word = item.text.strip() if item.kind == "scalar" else ""
            if word in RULE_IDS:
                if word not in out:
                    out.append(word)
                continue
            if not word:
                message = f"verwacht het id van een regel, maar hier staat {item.describe()}"
            else:
                message = (
                    f"onbekende regel '{word}'; zie docs/regels.md voor de id's."
                    f"{suggest(word, RULE_IDS)}"
                )
            self.p.add(item.mark, path, message)
        return out

    def ending(self, eid: str, key: Node, node: Node, path: str) -> Ending | None:
        r = MapReader(node, path, self.p, "een einde")
        title = ENDING["titel"].read(r)
        text = ENDING["tekst"].read(r)
        outcome = ENDING["uitkomst"].read(r)
        r.finish()
        if title and text and outcome:
            return Ending(eid, title, text, outcome, key.mark)
        return None


def read_scenario(
    root: Node,
    problems: Problems,
    catalogue: Catalogue,
    profiles: Collection[str],
) -> Scenario | None:
    """The scenario in the tree ``root``, checked; None if ``problems`` has errors. (Called
    by ``library.load``, which pauses the cycle collector while it reads.)"""
    sr = _ScenarioReader(problems)
    r = MapReader(root, "", problems, "een scenario")
    if not r.ok:
        return None
    sid = SCENARIO["id"].read(r)
    title = SCENARIO["titel"].read(r)
    description = SCENARIO["omschrijving"].read(r)
    role = SCENARIO["rol"].read(r)
    trainings = tuple(SCENARIO["trainingen"].read(r))
    difficulty = SCENARIO["moeilijkheid"].read(r)
    duration = SCENARIO["verwachte_duur"].read(r)
    goals = tuple(SCENARIO["leerdoelen"].read(r))
    warning = SCENARIO["inhoudswaarschuwing"].read(r)
    kernregels = sr.rule_ids(r, "kernregels")
    pnode = r.raw("profiel")
    profile = SCENARIO["profiel"].read(r)
    if pnode is not None and profile not in profiles:
        problems.add(
            pnode.mark,
            "profiel",
            f"onbekend protocolprofiel '{profile}'.{suggest(profile, profiles)}",
        )
    location = SCENARIO["locatie"].read(r)

    visitor = None
    vr = r.sub("bezoeker", "de bezoeker")
    if vr is not None:
        vname = VISITOR["naam"].read(vr)
        vtype = VISITOR["agressietype"].read(vr)
        vback = VISITOR["achtergrond"].read(vr)
        vr.finish()
        if vname and vtype:
            visitor = Visitor(vname, vtype, vback)
    second = None
    sr2 = r.sub("tweede_bezoeker", "de tweede bezoeker", required=False)
    if sr2 is not None:
        sname = SECOND_VISITOR["naam"].read(sr2)
        stype = SECOND_VISITOR["agressietype"].read(sr2)
        sback = SECOND_VISITOR["achtergrond"].read(sr2)
        sr2.finish()
        if sname and stype:
            second = Visitor(sname, stype, sback)
    visitors = {v.name: v for v in (visitor, second) if v is not None}
    if second is not None and visitor is not None and second.name == visitor.name:
        problems.add(
            r.key_mark("tweede_bezoeker"),
            "tweede_bezoeker.naam",
            "de tweede bezoeker heeft dezelfde naam als de eerste; geef elk een eigen naam",
        )
    partner = SCENARIO["gesprek_met"].read(r)
    if partner and partner not in visitors and visitors:
        problems.add(
            r.key_mark("gesprek_met"),
            "gesprek_met",
            f"onbekende bezoeker '{partner}': noem de naam van 'bezoeker' of "
            f"'tweede_bezoeker'.{suggest(partner, visitors)}",
        )

    variables: dict[str, int] = {}
    declared: dict[str, Node] = {}
    for name, knode, value, path in r.mapping("variabelen", required=False, what="de variabelen"):
        if not name.isidentifier() or name != name.lower():
            problems.add(
                knode.mark,
                path,
                f"'{name}' is geen geldige naam voor een variabele (kleine letters, cijfers en _)",
            )
        n = read_int(value, path, problems, what="een heel getal (de beginwaarde)")
        declared[name] = knode
        variables[name] = n if n is not None else 0

    prior = 0
    prior_incident: float | None = None
    hr = r.sub("voorgeschiedenis", "de voorgeschiedenis", required=False)
    if hr is not None:
        prior = HISTORY["eerdere_maatregelen"].read(hr) or 0
        prior_incident = HISTORY["incident_uren_geleden"].read(hr)
        hr.finish()

    start = sr.route(r.raw("start"), "start")
    if not r.has("start"):
        problems.add(
            r.key_mark("start") or root.mark,
            "start",
            "er staat niet bij waar het scenario begint ('start:')",
        )

    fasen: dict[str, Fase] = {}
    fase_nodes: dict[str, Node] = {}
    for fid, knode, value, path in r.mapping("fasen", what="de fasen"):
        fase_nodes[fid] = knode
        f = sr.fase(fid, knode, value, path, location, visitors)
        if f is not None:
            fasen[fid] = f
    endings: dict[str, Ending] = {}
    for eid, knode, value, path in r.mapping("eindes", what="de eindes"):
        if eid in fase_nodes:
            problems.add(
                knode.mark,
                path,
                f"'{eid}' is al de naam van een fase; geef het einde een andere naam",
            )
        e = sr.ending(eid, knode, value, path)
        if e is not None:
            endings[eid] = e
    r.finish()

    # --- references -------------------------------------------------------------------
    names = set(fase_nodes) | set(endings)
    for target, node, path in sr.targets:
        if target not in names:
            problems.add(
                node.mark, path, f"onbekende fase of einde '{target}'.{suggest(target, names)}"
            )
    for name, node, path in sr.variables_used:
        if name not in declared:
            problems.add(
                node.mark,
                path,
                f"onbekende variabele '{name}'; zet hem onder 'variabelen:'.{suggest(name, declared)}",
            )
    for iid, node, path in sr.interventions:
        if iid not in catalogue:
            problems.add(
                node.mark,
                path,
                f"onbekende interventie '{iid}'.{suggest(iid, catalogue.interventions)}",
            )
        elif role and role not in catalogue[iid].roles:
            problems.add(
                node.mark,
                path,
                f"de interventie '{iid}' is in de catalogus niet bedoeld voor de rol {role}",
            )
    _check_event_cycles(fasen, fase_nodes, problems)

    if problems or visitor is None or start is None:
        return None
    assert sid and title and description and role and difficulty and duration
    scenario = Scenario(
        id=sid,
        title=title,
        description=description,
        role=role,
        trainings=trainings,
        difficulty=difficulty,
        duration_minutes=duration,
        goals=goals,
        warning=warning,
        profile=profile,
        visitor=visitor,
        location=location,
        variables=variables,
        prior_measures=prior,
        prior_incident_hours=prior_incident,
        start=start,
        fasen=fasen,
        endings=endings,
        source=problems.file,
        second_visitor=second,
        partner=partner if partner != visitor.name else "",
        kernregels=tuple(kernregels),
    )
    check_shape(scenario, problems, root)
    return scenario if not problems else None


def _check_event_cycles(fasen: dict[str, Fase], nodes: dict[str, Node], problems: Problems) -> None:
    """A loop made only of fasen that go on by themselves would never stop."""
    events = {fid: f.next for fid, f in fasen.items() if f.next is not None}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for origin in events:
        if origin in state:
            continue
        stack: list[tuple[str, list[str]]] = [(origin, list(events[origin].targets))]
        state[origin] = 1
        while stack:
            fid, todo = stack[-1]
            if not todo:
                state[fid] = 2
                stack.pop()
                continue
            nxt = todo.pop()
            if nxt not in events:
                continue
            if state.get(nxt) == 1:
                problems.add(
                    nodes[nxt].mark,
                    f"fasen.{nxt}",
                    f"de fasen {' → '.join([s for s, _ in stack] + [nxt])} gaan vanzelf in een "
                    "kringetje verder, zonder keuze: het verhaal zou nooit stoppen",
                )
                state[nxt] = 2
                continue
            if nxt not in state:
                state[nxt] = 1
                stack.append((nxt, list(events[nxt].targets)))
