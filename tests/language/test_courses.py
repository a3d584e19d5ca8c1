"""The three courses: what a trainer plans a session with."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.language.course import draw_exam
from simulator.language.library import load

LIB = load()
ROLES = {sid: sc.role for sid, sc in LIB.scenarios.items()}


def test_the_three_courses_exist() -> None:
    assert {"klantmanager-halve-dag", "beveiliger-intensief", "zelfstudie-examen"} <= set(
        LIB.courses
    )


def test_half_day_course_is_60_to_90_minutes_of_klantmanager_play_from_easy_to_hard() -> None:
    course = LIB.course("klantmanager-halve-dag")
    scenarios = [LIB.scenario(sid) for sid in course.scenarios]
    assert all(sc.role == "klantmanager" for sc in scenarios)
    minutes = sum(sc.duration_minutes for sc in scenarios)
    assert 60 <= minutes <= 90, f"{minutes} minuten spelen"
    order = {"makkelijk": 0, "gemiddeld": 1, "moeilijk": 2}
    levels = [order[sc.difficulty] for sc in scenarios]
    assert levels == sorted(levels), "van makkelijk naar moeilijk"
    assert course.mode == "training"


def test_beveiliger_course_holds_every_beveiliger_scenario() -> None:
    course = LIB.course("beveiliger-intensief")
    bev = {sid for sid, role in ROLES.items() if role == "beveiliger"}
    assert bev <= set(course.scenarios)
    assert course.mode == "training"


def test_exam_course_draws_by_seed_within_the_trainees_role() -> None:
    course = LIB.course("zelfstudie-examen")
    assert course.exam and course.exam_draw
    for role in ("klantmanager", "beveiliger"):
        first = draw_exam(course, 7, ROLES, role)
        assert first == draw_exam(course, 7, ROLES, role), "hetzelfde zaad, hetzelfde examen"
        assert len(first) == min(
            course.exam_draw, sum(1 for s in course.scenarios if ROLES[s] == role)
        )
        assert all(ROLES[sid] == role for sid, _ in first)
        assert len({sid for sid, _ in first}) == len(first), "geen scenario twee keer"
    drawn = {tuple(draw_exam(course, seed, ROLES, "klantmanager")) for seed in range(20)}
    assert len(drawn) > 1, "verschillende zaden geven verschillende examens"


def test_course_and_scenario_must_agree_on_membership(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "scenarios"
    course = (root / "cursussen" / "beveiliger-intensief.yaml").read_text(encoding="utf-8")
    (tmp_path / "cursus.yaml").write_text(
        course.replace("bev-ordegesprek-volgende-dag", "bev-ordegesprek-volgende-dgg"),
        encoding="utf-8",
    )
    lib = load(
        [tmp_path / "cursus.yaml", root / "bibliotheek" / "bev-ordegesprek-volgende-dag.yaml"]
    )
    messages = [str(p) for p in lib.problems]
    assert any(
        "onbekend scenario 'bev-ordegesprek-volgende-dgg'" in m and "Bedoelde u" in m
        for m in messages
    )
    assert any("de cursus 'beveiliger-intensief' noemt dit scenario niet" in m for m in messages)


@pytest.mark.parametrize("sid", sorted(LIB.scenarios))
def test_every_scenario_belongs_to_a_course(sid: str) -> None:
    assert any(sid in c.scenarios for c in LIB.courses.values())
