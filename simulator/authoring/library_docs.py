"""Write the library page of the docs: ``python -m simulator.authoring.library_docs > docs/bibliotheek.md``."""

from __future__ import annotations

from simulator.language.library import Library, load


def library_markdown(lib: Library) -> str:
    lines = [
        "# De scenariobibliotheek",
        "",
        "Dit bestand wordt gemaakt met `python -m simulator.authoring.library_docs > docs/bibliotheek.md`;",
        "een test houdt het gelijk met de scenario's. Speel een scenario zonder scherm met",
        "`regie run ID --bot protocol` (het modelantwoord) of met uw eigen keuzes.",
        "",
        "## Cursussen",
        "",
    ]
    for course in sorted(lib.courses.values(), key=lambda c: c.id):
        minutes = sum(
            lib.scenarios[s].duration_minutes for s in course.scenarios if s in lib.scenarios
        )
        mode = f"examen: {course.exam_draw} scenario's per examen" if course.exam else "training"
        lines += [f"### {course.title} (`{course.id}`)", "", course.description, ""]
        lines += [f"*{mode}; {len(course.scenarios)} scenario's, samen {minutes} minuten.*", ""]
        lines += [
            f"{i}. {lib.scenarios[s].title} (`{s}`)" for i, s in enumerate(course.scenarios, 1)
        ]
        lines.append("")
    lines += [
        "## Scenario's",
        "",
        "| scenario | rol | moeilijkheid | duur | cursussen |",
        "|---|---|---|---|---|",
    ]
    ordered = sorted(lib.scenarios.values(), key=lambda s: (s.role, s.id))
    for sc in ordered:
        lines.append(
            f"| [{sc.title}](#{sc.id}) | {sc.role} | {sc.difficulty} | {sc.duration_minutes} min | "
            f"{', '.join(sc.trainings)} |"
        )
    lines.append("")
    for sc in ordered:
        lines += [f'<a id="{sc.id}"></a>', f"### {sc.title} (`{sc.id}`)", ""]
        lines += [
            f"*{sc.role}, {sc.difficulty}, {sc.duration_minutes} minuten. Bezoeker: {sc.visitor.name}.*",
            "",
        ]
        if sc.warning:
            lines += [f"> Inhoudswaarschuwing: {sc.warning}", ""]
        lines += [sc.description, "", "Leerdoelen:", ""]
        lines += [f"- {goal}" for goal in sc.goals]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(library_markdown(load()), end="")
