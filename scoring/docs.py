"""Write the rules page of the docs from the registry: ``python -m scoring.docs``."""

from __future__ import annotations

from scoring.registry import RULES
from scoring.rules.citations import COMPETENCIES


def rules_markdown() -> str:
    lines = [
        "# De regels waartegen Regie scoort",
        "",
        "Dit bestand wordt gemaakt met `python -m scoring.docs > docs/regels.md`; een test houdt het",
        "gelijk met de code. Elke regel leest alleen de feiten van de fasen (niveau, orde verstoord,",
        "druk, strafbaar, gevaar, aanwijzing, garantie, opgeschort, volhardend) en de categorie en stijl",
        "van de gekozen interventies, nooit de tekst.",
        "",
        "Per regel is het oordeel `ok` (gehouden), `violated` (overtreden) of `n/a` (de situatie deed",
        "zich niet voor). De score begint op 100; elke overtreden regel kost punten naar zijn ernst",
        "(`aftrek` in het protocolprofiel; standaard kritiek 40, zwaar 20, licht 5), één keer per regel.",
        "Een competentie wordt zo ook berekend, over haar eigen regels. Geslaagd is: een score van",
        "minstens de slaaggrens, en geen overtreden regel van ernst `kritiek`.",
        "",
        "| id | regel | ernst | competentie |",
        "|---|---|---|---|",
    ]
    for r in RULES:
        lines.append(f"| `{r.id}` | {r.title} | {r.severity} | {r.competency} |")
    lines += ["", "Competenties: " + ", ".join(COMPETENCIES) + ".", ""]
    for r in RULES:
        lines += [
            f"## {r.title} (`{r.id}`)",
            "",
            r.explanation,
            "",
            f"*Overtreden als* {r.violated_when}",
            "",
            f"*Ernst:* {r.severity}. *Competentie:* {r.competency}. *Bron:* {r.citation}.",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(rules_markdown(), end="")
