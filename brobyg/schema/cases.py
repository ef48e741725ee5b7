"""The case schema: the front matter keys of ``cases/<slug>.md``.

Keys and limits are fixed by the design; the Danish words are what the
template, ``build.py new`` and the guide show contributors.
"""

from __future__ import annotations

from brobyg.model import Case, Contact as ContactModel
from brobyg.schema.types import Choice, Collection, Contact, Date, Flag, Names, Period, Ref, RefList, Text

TITLE = Text(
    "title", "Titel", "Sig kort, hvad I gjorde.", example="Skriv en kort titel",
    min_len=5, max_len=120, prompt="Titel",
)
SUMMARY = Text(
    "summary", "Resumé", "Almindelig tekst uden links. Vises i lister og søgeresultater.",
    example=">-\n  Skriv et kort resumé på en til tre sætninger. Det vises i lister og\n  søgeresultater.",
    min_len=20, max_len=300, plain=True, prompt="Kort resumé",
)
CENTRE = Ref(
    "centre", "Center", "Jeres centers id.", example="frivilligcenter-fjordby",
    vocabulary="centres", noun="centret", source="data/centres.yml",
)
THEMES = RefList(
    "themes", "Temaer", "Netværkets temaer, casen handler om.", example="[velkomst]",
    vocabulary="themes", noun="tema", nouns="temaer", source="topics/", min_items=1, max_items=6,
)
TARGET_GROUPS = RefList(
    "target_groups", "Målgrupper", "Hvem indsatsen er for.", example="[ensomme]",
    vocabulary="target_groups", noun="målgruppe", nouns="målgrupper", source="data/target-groups.yml",
    min_items=1, max_items=12,
)
VISIBILITY = Choice(
    "visibility", "Hvem må se casen", "Der er ingen standardværdi.", example="members",
    choices=(("public", "alle kan se casen"), ("members", "kun medlemmer")),
)
PUBLISHED = Date("published", "Udgivet", "Dato som år-måned-dag. Må ikke ligge i fremtiden.", example="2025-01-01")
UPDATED = Date(
    "updated", "Opdateret", "Seneste væsentlige ændring. Ikke før published.", required=False,
    example="2025-06-01", not_before="published",
)
PERIOD = Period(
    "period", "Periode", "Hvornår indsatsen løb (år-måned). Udelad end, hvis den stadig kører.", required=False,
    example="{start: 2024-01, end: 2024-12}",
)
PARTNERS = Names(
    "partners", "Samarbejdspartnere", "Samarbejdspartnere med korte navne.", required=False,
    example="[Kommunens jobcenter, Lokal idrætsforening]", max_len=80,
)
CONTACT = Contact(
    "contact", "Kontaktperson", "Kontaktperson. Kun medarbejdere, aldrig borgere.", required=False,
    example='\n  name: Dit navn\n  role: Din rolle, fx brobygger\n  email: navn@jeres-center.example.org\n  phone: "+45 12 34 56 78"',
    model=ContactModel,
)
EXAMPLE = Flag("example", "Eksempel", "Markerer opdigtet indhold.", required=False, example="true")

CASES = Collection(
    "cases", "Cases", "cases/<slug>.md",
    (TITLE, SUMMARY, CENTRE, THEMES, TARGET_GROUPS, VISIBILITY, PUBLISHED, UPDATED, PERIOD, PARTNERS, CONTACT, EXAMPLE),
    Case,
    doc="En case er en Markdown-fil med felter (front matter) øverst og selve teksten under.",
)
