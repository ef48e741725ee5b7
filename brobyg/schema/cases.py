"""The case schema: the front matter keys of ``cases/<slug>.md``.

Keys and limits are fixed by the design. ``doc`` is the template's comment,
``guide`` the guide's explanation, both with {options} filled in from the
field, so a limit is written only here.
"""

from __future__ import annotations

from brobyg.model import Case, Contact as ContactModel
from brobyg.schema.types import Choice, Collection, Contact, Date, Flag, Names, Period, Ref, RefList, Text

TITLE = Text(
    "title", "Titel", "{min_len}–{max_len} tegn. Sig kort, hvad I gjorde.",
    guide="Casens titel, {min_len}–{max_len} tegn. Skriv en kort titel, der siger, hvad I gjorde.",
    example="Skriv en kort titel", sample="`Åben café som første skridt`",
    min_len=5, max_len=120,
)
SUMMARY = Text(
    "summary", "Kort resumé", "{min_len}–{max_len} tegn, almindelig tekst uden links.",
    guide="Et kort resumé i én til tre sætninger, {min_len}–{max_len} tegn, uden links og formatering. Det vises i lister "
          "og søgeresultater. Skriv `>-` efter kolon og resuméet på de næste linjer, rykket to mellemrum ind.",
    example=">-\n  Skriv et kort resumé på en til tre sætninger. Det vises i lister og\n  søgeresultater.",
    sample="`Et ugentligt, uforpligtende caféformat …`",
    min_len=20, max_len=300, plain=True,
)
CENTRE = Ref(
    "centre", "Center", "Jeres centers id fra {source}.",
    guide="Id for jeres frivilligcenter, som det står i `{source}`.",
    example="frivilligcenter-fjordby", sample="`frivilligcenter-fjordby`",
    vocabulary="centres", noun="centret", source="data/centres.yml",
)
THEMES = RefList(
    "themes", "Temaer", "{min_items}–{max_items} af: {ids}.",
    guide="Et til tre af de seks temaer, som casen især handler om (højst {max_items_words} og ingen gentagelser). "
          "Skriv dem i kantede parenteser, adskilt af komma.",
    example="[velkomst]", sample="`[vejen-ind, velkomst]`",
    vocabulary="themes", noun="tema", nouns="temaer", source="topics/", min_items=1, max_items=6,
)
TARGET_GROUPS = RefList(
    "target_groups", "Målgrupper", "Id'er fra {source}, adskilt af komma.",
    guide="De målgrupper, casen handler om, typisk en til tre. Brug id'erne fra `{source}`.",
    example="[ensomme]", sample="`[psykisk-saarbare, ensomme]`",
    vocabulary="target_groups", noun="målgruppe", nouns="målgrupper", source="data/target-groups.yml",
    min_items=1, max_items=12,
)
VISIBILITY = Choice(
    "visibility", "Hvem må se casen", "public = offentlig, members = kun for medlemmer.",
    guide="Hvem må se casen? `public` betyder offentlig, `members` betyder kun for medlemmer. Feltet skal altid udfyldes.",
    example="members", sample="`public`",
    choices=(("public", "alle kan se casen"), ("members", "kun medlemmer")),
)
PUBLISHED = Date(
    "published", "Udgivet", "Dato som år-måned-dag. Må ikke ligge i fremtiden.",
    guide="Datoen, casen blev offentliggjort, skrevet år-måned-dag. Datoen må ikke ligge i fremtiden.",
    example="2025-01-01", sample="`2025-03-01`",
)
UPDATED = Date(
    "updated", "Opdateret", "Seneste væsentlige ændring. Ikke før {not_before}.",
    guide="Datoen for den seneste væsentlige ændring. Den må ikke ligge før `{not_before}`.",
    required=False, example="2025-06-01", sample="`2025-09-15`", not_before="published",
)
PERIOD = Period(
    "period", "Periode", "Hvornår indsatsen løb (år-måned). Udelad end, hvis den stadig kører.",
    guide="Hvornår indsatsen løb, skrevet år-måned. Udelad `end`, hvis indsatsen stadig kører.",
    required=False, example="{start: 2024-01, end: 2024-12}", sample="`{start: 2024-01, end: 2025-06}`",
)
PARTNERS = Names(
    "partners", "Samarbejdspartnere", "Samarbejdspartnere med korte navne.",
    guide="Jeres samarbejdspartnere, med korte navne.",
    required=False, example="[Kommunens jobcenter, Lokal idrætsforening]",
    sample="`[Kommunens jobcenter, Lokal idrætsforening]`", max_len=80,
)
CONTACT = Contact(
    "contact", "Kontaktperson", "Kontaktperson. Kun medarbejdere, aldrig borgere.",
    guide="En kontaktperson blandt centrets medarbejdere med navn, rolle, e-mail og telefon. Aldrig en borger.",
    required=False,
    example='\n  name: Dit navn\n  role: Din rolle, fx brobygger\n  email: navn@jeres-center.example.org\n  phone: "+45 12 34 56 78"',
    sample="se eksemplet herunder", model=ContactModel,
)
EXAMPLE = Flag(
    "example", "Eksempel", "Markerer opdigtet eksempelindhold.",
    guide="`true` markerer opdigtet eksempelindhold. Udelad feltet i rigtige cases.",
    required=False, example="true", sample="`true`", in_template=False,
)

# The suggested headings of the body, with the question each answers.
HEADINGS = (
    ("Baggrund", "Hvorfor begyndte I? Hvilket problem eller behov ville I gøre noget ved?"),
    ("Målgruppe", "Hvem var indsatsen for? Beskriv gruppen, aldrig en person, der kan genkendes."),
    ("Sådan gjorde vi", "Fortæl konkret, gerne trin for trin, hvad I gjorde, og hvem der var med."),
    ("Resultater", "Hvad kom der ud af det? Skriv det, hvis tallene er skøn."),
    ("Det lærte vi", "Hvad gik anderledes end ventet, og hvad ville I gøre om?"),
    ("Gode råd", "Hvad vil I råde et andet frivilligcenter til, der vil prøve det samme?"),
)
SUGGESTED_HEADINGS = tuple(heading for heading, _ in HEADINGS)


def starting_body() -> str:
    """The suggested headings, each with its question in italics: the body a
    new case starts with (templates/case.md, `build.py new`, the CMS and the
    issue form; `check` refuses a case that still holds the questions)."""
    return "\n".join(f"## {heading}\n\n*{question}*\n" for heading, question in HEADINGS)

CASES = Collection(
    "cases", "Cases", "cases/<slug>.md",
    (TITLE, SUMMARY, CENTRE, THEMES, TARGET_GROUPS, VISIBILITY, PUBLISHED, UPDATED, PERIOD, PARTNERS, CONTACT, EXAMPLE),
    Case, schema_file="case.schema.json",
    doc="En case: en Markdown-fil med felter (front matter) øverst og selve teksten under.",
)
