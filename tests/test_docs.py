"""The docs say what the code does."""

from __future__ import annotations

from pathlib import Path

from scoring.docs import rules_markdown
from simulator.vocabulary import RULE_IDS

ROOT = Path(__file__).resolve().parent.parent


def test_rules_page_is_generated_from_the_registry() -> None:
    page = (ROOT / "docs" / "regels.md").read_text(encoding="utf-8")
    assert page == rules_markdown(), "draai: python -m scoring.docs > docs/regels.md"
    for rid in RULE_IDS:
        assert f"`{rid}`" in page


def test_readme_quick_start_has_exactly_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Snel aan de slag", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert block.strip().splitlines() == [
        "pip install -e . && regie",
        "pip install -e '.[test]' && pytest",
    ]


def test_library_page_is_generated_from_the_scenarios() -> None:
    from simulator.library import load
    from simulator.library_docs import library_markdown

    page = (ROOT / "docs" / "bibliotheek.md").read_text(encoding="utf-8")
    assert page == library_markdown(load()), (
        "draai: python -m simulator.library_docs > docs/bibliotheek.md"
    )
