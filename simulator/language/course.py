"""Loading courses (``scenarios/cursussen/*.yaml``)."""

from __future__ import annotations

import random
from collections.abc import Mapping

from simulator.language.model import Course
from simulator.language.problems import Problems
from simulator.language.reader import MapReader
from simulator.language.vocabulary import ROLES
from simulator.language.yamlsource import Node

MODES = {
    "training": "feedback na elke keuze",
    "examen": "geen feedback tot het einde, timers lopen door",
}


def read_course(root: Node, problems: Problems) -> tuple[Course, dict[str, Node]] | None:
    """The course, and for each scenario id the node where it is named (for later checks)."""
    r = MapReader(root, "", problems, "een cursus")
    cid = r.text("id", what="het id van de cursus")
    title = r.text("titel", what="de titel")
    description = r.text("omschrijving", what="de omschrijving")
    role = r.choice("doelgroep", ROLES, required=False, what="de doelgroep")
    mode = r.choice("modus", MODES, what="de modus")
    refs: dict[str, Node] = {}
    for node, path in r.sequence("scenarios", what="een opsomming van scenario's"):
        if node.kind != "scalar" or not node.text.strip():
            problems.add(
                node.mark,
                path,
                f"verwacht het id van een scenario, maar hier staat {node.describe()}",
            )
        elif node.text in refs:
            problems.add(
                node.mark, path, f"het scenario '{node.text}' staat twee keer in deze cursus"
            )
        else:
            refs[node.text.strip()] = node
    draw = None
    pass_mark = None
    ex = r.sub("examen", "het blok 'examen'", required=mode == "examen")
    if ex is not None:
        draw = ex.integer("aantal", low=1, high=100, what="het aantal scenario's per examen")
        pass_mark = ex.integer("slaaggrens", required=False, low=0, high=100)
        ex.finish()
        if mode != "examen":
            problems.add(
                ex.node.mark if ex.node else None,
                "examen",
                "een blok 'examen' hoort alleen bij 'modus: examen'",
            )
        if draw is not None and refs and draw > len(refs):
            problems.add(
                ex.node.mark if ex.node else None,
                "examen.aantal",
                f"er worden {draw} scenario's getrokken, maar de cursus heeft er maar {len(refs)}",
            )
    r.finish()
    if not (cid and title and description and mode):
        return None
    course = Course(
        cid, title, description, role, mode, tuple(refs), draw, pass_mark, problems.file
    )
    return course, refs


def exam_pool(course: Course, roles: Mapping[str, str], role: str) -> list[str]:
    """The scenarios an exam of ``course`` draws from for ``role``: every scenario of the
    course (the scenarios marked for it: both sides agree, see ``library``) of that role."""
    return [sid for sid in course.scenarios if roles.get(sid) == role]


def draw_exam(
    course: Course, seed: int, roles: Mapping[str, str], role: str
) -> list[tuple[str, int]]:
    """The scenarios of one exam and the seed of each (which variant the visitor plays).

    ``roles`` maps scenario id to role; only ``role``'s scenarios are drawn, never another's.
    """
    pool = exam_pool(course, roles, role)
    rng = random.Random(f"examen:{course.id}:{role}:{seed}")
    count = min(course.exam_draw or len(pool), len(pool))
    chosen = rng.sample(pool, count)
    return [(sid, rng.randrange(1_000_000)) for sid in chosen]
