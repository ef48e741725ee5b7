"""The GitHub issue form for proposing a case: ``.github/ISSUE_TEMPLATE/ny-case.yml``.

Generated from the case schema and the vocabularies (centres and target
groups from ``data/``, the six themes with their questions from ``topics/``).
``build.py new --from-issue`` reads the issue body back with the same
``form_parts()``, so the form and the converter cannot disagree.

    python -m brobyg.commands.generate           # rewrite it (and the other derived files)
    python -m brobyg.commands.generate --check   # exit 1 when it is stale
"""

from __future__ import annotations

from dataclasses import dataclass
import yaml

from brobyg.model import KnowledgeBase
from brobyg.render.form_fields import FIELDS, HEADINGS, PART_LABELS, choices, help_text
from brobyg.schema.types import Choice, Contact, Date, Field, Names, Period, Ref, RefList, Text

FORM = ".github/ISSUE_TEMPLATE/ny-case.yml"
LABEL = "opret-case"  # FriSe's label that turns the issue into a pull request (case-from-issue.yml)
IMAGES = "Billeder"
CONSENT = "Samtykke og privatliv"
CONSENT_OPTIONS = (
    "Ingen borgere kan genkendes i teksten eller på billederne (ingen navne, CPR-numre, adresser eller kombinationer af alder, sted og diagnose).",
    "De, der citeres eller kan ses på billederne, har givet samtykke til det, og kontaktpersonen er en medarbejder, der har sagt ja.",
    "Jeg har fjernet placeringsdata (GPS) fra billederne.",
)


@dataclass(frozen=True)
class Part:
    """One question of the form: a section ``### <label>`` of the issue's body."""

    id: str
    label: str
    kind: str  # input | textarea | dropdown | checkboxes | markdown
    field: Field | None = None  # the schema field it fills
    part: str = ""  # for a contact or period: which part
    heading: str = ""  # for the body: which suggested heading
    required: bool = False
    description: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (value, label shown)


def form_parts(vocab: KnowledgeBase) -> list[Part]:
    parts: list[Part] = []
    for f in FIELDS:
        desc = help_text(f)
        if isinstance(f, Date):
            continue  # published: the day FriSe turns the issue into a case; updated: not for a new case
        if isinstance(f, Text):
            parts.append(Part(f.key, f.label, "textarea" if f.max_len > 150 else "input", f, required=f.required, description=desc))
        elif isinstance(f, RefList):
            parts.append(Part(f.key, f.label, "checkboxes", f, required=f.required,
                              description=f"Sæt kryds ved {f.min_items}–{f.max_items}.", options=tuple(choices(f, vocab))))
        elif isinstance(f, Ref):
            parts.append(Part(f.key, f.label, "dropdown", f, required=f.required,
                              description="Mangler jeres center? Skriv til FriSe.", options=tuple(choices(f, vocab))))
        elif isinstance(f, Choice):
            parts.append(Part(f.key, f.label, "dropdown", f, required=f.required,
                              description="Vælg selv; der er ingen standard. Kun for medlemmer vises kun på medlemssitet.",
                              options=tuple(choices(f, vocab))))
        elif isinstance(f, Period):
            parts.append(Part(f.key, f.label, "input", f, description="Som år-måned, fx 2024-01 til 2025-06, eller kun 2024-01, hvis den stadig kører. Kan udelades."))
        elif isinstance(f, Names):
            parts.append(Part(f.key, f.label, "textarea", f, description="Korte navne, ét pr. linje. Kan udelades."))
        elif isinstance(f, Contact):
            for part in f.parts:
                parts.append(Part(f"{f.key}-{part}", f"{f.label}: {PART_LABELS[part].lower()}", "input", f, part=part,
                                  description=desc if part == f.parts[0] else ""))
        else:
            raise TypeError(f"the issue form cannot ask for {f!r}")
    for heading, question in HEADINGS:
        parts.append(Part(f"body-{heading}", heading, "textarea", heading=heading, description=question))
    parts.append(Part("images", IMAGES, "textarea",
                      description="Træk billederne herind. Skriv i de kantede parenteser, hvad hvert billede viser, "
                                  "fx ![Frivillige ved caféens bord](…). Kan udelades."))
    parts.append(Part("consent", CONSENT, "checkboxes", required=True,
                      options=tuple((o, o) for o in CONSENT_OPTIONS)))
    return parts


INTRO = (
    "Tak, fordi I vil dele jeres erfaringer! Udfyld felterne herunder. Når FriSe har læst forslaget, "
    "bliver det til en case som et pull request, og I får besked her i issuet, hvis noget skal rettes.\n\n"
    "Læs vejledningen „Skriv en case“ på sitet først: den forklarer, hvad der hører til under hver overskrift, "
    "og hvordan I undgår, at borgere kan genkendes. **Alt, hvad du skriver i et issue, kan læses af alle, der kan se "
    "repositoriet.**"
)


def issue_form(vocab: KnowledgeBase) -> dict:
    body: list[dict] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    for p in form_parts(vocab):
        attrs: dict = {"label": p.label}
        if p.description:
            attrs["description"] = p.description
        item: dict = {"type": p.kind, "id": p.id, "attributes": attrs}
        if p.kind == "dropdown":
            attrs["options"] = [label for _, label in p.options]
        elif p.kind == "checkboxes":
            attrs["options"] = [{"label": label, **({"required": True} if p.id == "consent" else {})} for _, label in p.options]
        if p.required and p.kind != "checkboxes":
            item["validations"] = {"required": True}
        body.append(item)
    return {
        "name": "Ny case",
        "description": "Foreslå en case uden Git: FriSe laver den til et pull request.",
        "title": "Ny case: ",
        "labels": ["ny-case"],
        "body": body,
    }


def render(vocab: KnowledgeBase) -> str:
    return (
        "# Generated by python -m brobyg.commands.generate from brobyg/schema/cases.py and data/*.yml.\n"
        "# Do not edit: change the schema or the data files and run that command again.\n"
        + yaml.safe_dump(issue_form(vocab), allow_unicode=True, sort_keys=False, width=1000)
    )
