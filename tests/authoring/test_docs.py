"""The docs say what the code does."""

from __future__ import annotations

from pathlib import Path

from scoring.docs import rules_markdown
from simulator.language.vocabulary import RULE_IDS

ROOT = Path(__file__).resolve().parents[2]


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
    from simulator.authoring.library_docs import library_markdown
    from simulator.language.library import load

    page = (ROOT / "docs" / "bibliotheek.md").read_text(encoding="utf-8")
    assert page == library_markdown(load()), (
        "draai: python -m simulator.authoring.library_docs > docs/bibliotheek.md"
    )


def test_catalogue_page_is_generated_from_the_catalogue() -> None:
    from simulator.authoring.catalogue_docs import catalogue_markdown
    from simulator.language.library import load

    page = (ROOT / "docs" / "interventies.md").read_text(encoding="utf-8")
    assert page == catalogue_markdown(load()), (
        "draai: python -m simulator.authoring.catalogue_docs > docs/interventies.md"
    )


def test_the_guides_example_passes_every_check(tmp_path: Path) -> None:
    """The annotated example in the author's guide is a real scenario: it passes
    `regie check --strict` (bots included) and its test plan passes `regie test`."""
    import re

    from simulator.cli import main

    guide = (ROOT / "docs" / "auteursgids.md").read_text(encoding="utf-8")
    section = guide.split("## 2. Een voorbeeld")[1].split("## 3.")[0]
    scenario, plan = re.findall(r"```yaml\n(.*?)```", section, flags=re.S)
    (tmp_path / "km-balie-stem-verheffen.yaml").write_text(scenario, encoding="utf-8")
    (tmp_path / "km-balie-stem-verheffen.test.yaml").write_text(plan, encoding="utf-8")
    assert main(["check", "--strict", str(tmp_path)]) == 0
    assert main(["test", str(tmp_path)]) == 0
