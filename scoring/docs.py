"""Write the rules page of the docs from the registry: ``python -m scoring.docs``."""

from __future__ import annotations

from scoring.registry import RULES
from scoring.rules.citations import COMPETENCIES
from scoring.seed_elements import ELEMENTS


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
        "Eén handeling wordt één keer afgetrokken, naar haar zwaarste ernst: breekt één keuze drie",
        "regels tegelijk, dan kost die keuze wat de zwaarste van die drie kost, en de nabespreking noemt",
        "ze alle drie. Een regel die niet door één keuze breekt maar door hoe de poging afloopt (een",
        "verplichting die niet is nagekomen, ingrijpen dat te laat kwam), kost zijn eigen punten. Een",
        "competentie wordt berekend over haar eigen regels, elk met zijn eigen aftrek. Geslaagd is: een",
        "score van minstens de slaaggrens, geen overtreden regel van ernst `kritiek`, en geen overtreden",
        "kernregel van het scenario.",
        "",
        "## Kernregels en het oordeel van de auteur",
        "",
        "Een scenario noemt met `kernregels` de regels die de kern van zijn les zijn (uit de",
        "leerdoelen). Wie er één overtreedt, slaagt niet, wat de score ook is; de nabespreking zegt",
        'dan bijvoorbeeld: "Niet geslaagd: u overtrad een kernregel van dit scenario: Orde vóór',
        'inhoud."',
        "",
        "Bij elke keuze kan de auteur zeggen wat hij ervan vindt: `oordeel: goed`, `kan` of `fout`,",
        "en bij een foute keuze met `breekt` welke regels zij overtreedt. Een modelantwoord is altijd",
        "goed. `regie check` speelt elke keuze in elke situatie waarin zij te kiezen is (dezelfde",
        "toestanden die `regie explore` doorloopt) en meldt, met bestand en regel van de keuze, waar de",
        "regels het oneens zijn met de auteur:",
        "",
        "- een keuze die `goed` of `kan` is, maar die een regel overtreedt;",
        "- een keuze die `fout` is, maar die geen enkele regel afkeurt;",
        "- een keuze die volgens `breekt` een regel overtreedt die haar daar niet afkeurt.",
        "",
        "Een keuze overtreedt een regel als de regel door die keuze op 'overtreden' komt en dat niet",
        "meer goed te maken is. Een plicht die de keuze alleen opent (wie het ordegesprek voert, moet",
        "nog om de garantie vragen) telt niet, en ook niet een overtreding die een eerdere keuze al",
        "vastlegde. Is een regel in die situatie al overtreden, dan telt een foute keuze die hem",
        "opnieuw zou breken als afgekeurd. Zijn auteur en regels het oneens, beslis dan met de",
        "Divosa-documenten wie gelijk heeft: de regel, de taal of het scenario.",
        "",
        "```yaml",
        "kernregels: [orde-voor-inhoud]",
        "fasen:",
        "  balie:",
        "    niveau: 1",
        "    orde_verstoord: ja",
        "    keuzes:",
        "      - interventie: gedrag-benoemen",
        "        tekst: \"'Meneer, zo praten we hier niet met elkaar.'\"",
        "        naar: rustig",
        "        model: ja            # een modelantwoord is 'oordeel: goed'",
        "      - interventie: besluit-uitleggen",
        "        tekst: \"'Ik leg het nog één keer uit.'\"",
        "        naar: rustig",
        "        oordeel: fout",
        "        breekt: [orde-voor-inhoud]",
        "```",
        "",
        "## De regels",
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
    lines += [
        "## De stappen uit de bronnen",
        "",
        "`regie check --dekking` zet deze stappen uit de twee Divosa-documenten (en de praktijk)",
        "tegen de scenario's die ze oefenen: een scenario oefent een stap als de trainee de situatie",
        "tegenkomt (de feiten van een fase) en de keuze heeft waar de stap over gaat (de categorie",
        "van een interventie). Elke stap wordt in minstens twee meegeleverde scenario's geoefend.",
        "",
        "| stap | bron |",
        "|---|---|",
    ]
    lines += [f"| {e.title} | {e.source} |" for e in ELEMENTS]
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(rules_markdown(), end="")
