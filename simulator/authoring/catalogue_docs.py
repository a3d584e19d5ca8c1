"""Write the catalogue page of the docs: ``python -m simulator.authoring.catalogue_docs > docs/interventies.md``."""

from __future__ import annotations

from simulator.language.library import Library, load
from simulator.language.vocabulary import CATEGORIES


def catalogue_markdown(lib: Library) -> str:
    lines = [
        "# De interventiecatalogus",
        "",
        "Dit bestand wordt gemaakt met `python -m simulator.authoring.catalogue_docs > docs/interventies.md`;",
        "een test houdt het gelijk met `scenarios/interventies.yaml`.",
        "",
        "Een keuze in een scenario verwijst met `interventie:` naar een id uit deze catalogus. De",
        "trainee ziet alleen de tekst van de keuze, nooit het label hieronder: dat zou het antwoord",
        "verraden. De regels lezen alleen de **categorie** en de **stijl** (in `docs/regels.md`",
        "staat per regel welke categorieën hem laten breken). **Rollen** zegt aan wie een scenario",
        "de keuze mag voorleggen; wie een maatregel ook echt mag nemen, staat in het profiel",
        "(`bevoegdheden`): een klantmanager kan dus wel de keuze krijgen om zelf weg te sturen, en",
        "breekt dan de regel `taakverdeling`.",
        "",
        "Stijl: *steunend* (begrip, luisteren), *sturend* (benoemen, begrenzen, ingrijpen) of",
        "*neutraal*. De regel `stijl-past-bij-agressie` legt de stijl naast het soort agressie en",
        "het niveau.",
        "",
    ]
    by_category: dict[str, list[str]] = {}
    for iid, iv in lib.catalogue.interventions.items():
        by_category.setdefault(iv.category, []).append(iid)
    for category, description in CATEGORIES.items():
        ids = by_category.get(category, [])
        if not ids:
            continue
        lines += [f"## `{category}`: {description}", ""]
        lines += ["| id | label | rollen | stijl |", "|---|---|---|---|"]
        for iid in ids:
            iv = lib.catalogue.interventions[iid]
            roles = ", ".join(iv.roles)
            lines.append(f"| `{iid}` | {iv.label} | {roles} | {iv.style} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(catalogue_markdown(load()), end="")
