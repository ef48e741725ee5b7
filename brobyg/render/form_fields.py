"""The case's fields as the contributor forms show them (CMS, issue form, `new`).

Every form is derived from this one list, so the CMS, the GitHub issue form,
`build.py new --from-issue` and the flags of `build.py new` cannot drift apart.
The keys, limits and vocabularies come from the validator's own declarations
(``brobyg.validate.check``, ``brobyg.model``) and from the data files, so a form
can only offer what `check` accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brobyg.model import SUGGESTED_HEADINGS

# What to write under each suggested heading: the body's starting text in the
# CMS and the issue form, and the prompts `new` writes (which `check` rejects
# until they are replaced).
HEADING_HINTS = {
    "Baggrund": "Hvorfor begyndte I? Hvilket problem eller behov ville I gøre noget ved?",
    "Målgruppe": "Hvem var indsatsen for? Beskriv gruppen, aldrig en person, der kan genkendes.",
    "Sådan gjorde vi": "Fortæl konkret, gerne trin for trin, hvad I gjorde, og hvem der var med.",
    "Resultater": "Hvad kom der ud af det? Skriv det, hvis tallene er skøn.",
    "Det lærte vi": "Hvad gik anderledes end ventet, og hvad ville I gøre om?",
    "Gode råd": "Giv tre til fem korte råd til et center, der vil prøve det samme.",
}
assert tuple(HEADING_HINTS) == SUGGESTED_HEADINGS

PROMPT_PREFIX = "Skriv her:"


def prompt(heading: str) -> str:
    """The italic placeholder line under a heading: `_Skriv her: …_`."""
    return f"_{PROMPT_PREFIX} {HEADING_HINTS[heading]}_"


def prompt_body() -> str:
    """The suggested headings, each with its prompt: a new case's starting text."""
    return "\n".join(f"## {h}\n\n{prompt(h)}\n" for h in SUGGESTED_HEADINGS)


VISIBILITY_LABELS = {
    "public": "Offentlig: alle kan læse casen",
    "members": "Kun for medlemmer af netværket",
}


@dataclass(frozen=True)
class FormField:
    key: str  # the front matter key
    label: str  # Danish label, also the issue form's section heading
    help: str  # one line of Danish help under the field
    kind: str  # text | textarea | centre | themes | target_groups | visibility | date | period | list | contact
    required: bool
    min_len: int | None = None
    max_len: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    sub: tuple[tuple[str, str], ...] = field(default=())  # (key, label) of an object's parts


# The keys, in the order of the case file. The limits are the validator's.
FIELDS: tuple[FormField, ...] = (
    FormField("title", "Titel", "Sig kort, hvad I gjorde (5–120 tegn).", "text", True, 5, 120),
    FormField("summary", "Kort resumé", "En til tre sætninger uden links (20–300 tegn). Vises i lister og søgeresultater.", "textarea", True, 20, 300),
    FormField("centre", "Center", "Jeres frivilligcenter.", "centre", True),
    FormField("themes", "Temaer", "Vælg de temaer, casen især handler om (1–6, typisk 1–3).", "themes", True, min_items=1, max_items=6),
    FormField("target_groups", "Målgrupper", "Hvem var indsatsen for (1–12)?", "target_groups", True, min_items=1, max_items=12),
    FormField("visibility", "Hvem må læse casen?", "Vælg selv: der er ingen standard. 'Kun for medlemmer' vises kun på medlemssitet.", "visibility", True),
    FormField("published", "Udgivet", "Datoen casen offentliggøres. Må ikke ligge i fremtiden.", "date", True),
    FormField("updated", "Opdateret", "Seneste væsentlige ændring (valgfri). Ikke før udgivelsesdatoen.", "date", False),
    FormField("period", "Periode", "Hvornår indsatsen løb, som år-måned (valgfri). Udelad slut, hvis den stadig kører.", "period", False,
              sub=(("start", "Start (ÅÅÅÅ-MM)"), ("end", "Slut (ÅÅÅÅ-MM)"))),
    FormField("partners", "Samarbejdspartnere", "Korte navne, én pr. linje (valgfri).", "list", False, max_len=80),
    FormField("contact", "Kontaktperson", "En medarbejder i centret, aldrig en borger (valgfri).", "contact", False,
              sub=(("name", "Navn"), ("role", "Rolle"), ("email", "E-mail"), ("phone", "Telefon"))),
)

BY_KEY = {f.key: f for f in FIELDS}
