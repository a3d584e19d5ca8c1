"""Loading the intervention catalogue and protocol profiles."""

from __future__ import annotations

from simulator.language.model import Catalogue, Intervention, Profile
from simulator.language.problems import Problems
from simulator.language.reader import MapReader, join, suggest
from simulator.language.vocabulary import CATEGORIES, ROLES, RULE_IDS, SEVERITIES, STYLES
from simulator.language.yamlsource import Node


def read_catalogue(root: Node, problems: Problems) -> Catalogue:
    top = MapReader(root, "", problems, "de catalogus")
    items: dict[str, Intervention] = {}
    for key, _knode, value, path in top.mapping("interventies", what="de lijst met interventies"):
        r = MapReader(value, path, problems, "een interventie")
        label = r.text("label", what="het label")
        category = r.choice("categorie", CATEGORIES, what="de categorie")
        style = r.choice("stijl", STYLES, required=False, default="neutraal", what="de stijl")
        roles = _roles(r, "rollen", problems)
        r.finish()
        if label and category and style:
            items[key] = Intervention(key, label, category, tuple(roles), style)
    top.finish()
    return Catalogue(items, problems.file)


def _roles(r: MapReader, key: str, problems: Problems) -> list[str]:
    node = r.raw(key)
    if node is None:
        problems.add(
            r.node.mark if r.node else None, join(r.path, key), f"de rollen ontbreken ('{key}:')"
        )
        return []
    return read_roles(node, join(r.path, key), problems)


def read_roles(value: Node, path: str, problems: Problems) -> list[str]:
    """A list of roles; a single role is accepted as a list of one."""
    nodes = value.items if value.kind == "seq" else [value]
    out: list[str] = []
    for i, node in enumerate(nodes, start=1):
        path_i = join(path, i) if value.kind == "seq" else path
        if node.kind == "scalar" and node.text in ROLES:
            out.append(node.text)
        else:
            problems.add(
                node.mark,
                path_i,
                f"onbekende rol {node.describe()}; kies uit: {', '.join(ROLES)}.{suggest(node.text, ROLES)}",
            )
    return out


def read_profile(root: Node, problems: Problems) -> Profile:
    r = MapReader(root, "", problems, "een protocolprofiel")
    pid = r.text("id", what="het id") or ""
    name = r.text("naam", what="de naam")
    description = r.text("omschrijving", required=False) or ""
    deadline = 24.0
    og = r.sub("ordegesprek", "het blok 'ordegesprek'")
    if og is not None:
        deadline = (
            og.number("termijn_uren", low=1, high=24 * 365, what="de termijn in uren") or 24.0
        )
        og.finish()
    powers: dict[str, tuple[str, ...]] = {}
    for key, knode, value, path in r.mapping("bevoegdheden", what="de bevoegdheden"):
        if key not in CATEGORIES:
            problems.add(
                knode.mark, path, f"onbekende categorie '{key}'.{suggest(key, CATEGORIES)}"
            )
            continue
        powers[key] = tuple(read_roles(value, path, problems))
    min_measures = 2
    st = r.sub("staking", "het blok 'staking'", required=False)
    if st is not None:
        min_measures = st.integer("minimaal_eerdere_maatregelen", low=0, high=100) or 0
        st.finish()
    deductions: dict[str, int] = {"kritiek": 40, "zwaar": 20, "licht": 5}
    wr = r.sub("aftrek", "de aftrek per overtreden regel", required=False)
    if wr is not None:
        for sev in SEVERITIES:
            w = wr.integer(sev, required=False, low=0, high=100)
            if w is not None:
                deductions[sev] = w
        wr.finish()
    pass_mark = r.integer("slaaggrens", low=0, high=100, what="de slaaggrens (0-100)")
    overrides: dict[str, str] = {}
    for key, knode, value, path in r.mapping("regels", required=False, what="de regels"):
        if key not in RULE_IDS:
            problems.add(knode.mark, path, f"onbekende regel '{key}'.{suggest(key, RULE_IDS)}")
            continue
        rr = MapReader(value, path, problems, "een regel")
        severity = rr.choice("ernst", SEVERITIES, what="de ernst")
        rr.finish()
        if severity:
            overrides[key] = severity
    r.finish()
    return Profile(
        id=pid,
        name=name or "",
        description=description,
        ordegesprek_deadline_hours=deadline,
        powers=powers,
        staking_min_measures=min_measures,
        deductions=deductions,
        pass_mark=pass_mark if pass_mark is not None else 70,
        severity_overrides=overrides,
        source=problems.file,
    )


__all__ = ["join", "read_catalogue", "read_profile"]
