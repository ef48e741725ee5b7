"""The meeting schema: the front matter keys of ``meetings/<date>-<name>.md``.

A meeting file is front matter plus Markdown: a short description, and after
the meeting its minutes under the heading '## Referat'. The field kinds
beyond the case schema's (a time of day, an agenda, talks, the cases shown)
are declared here too.
"""

from __future__ import annotations

from brobyg.model import MEETING_FORMATS, Material, Meeting, Presenter
from brobyg.schema.types import Choice, Collection, Date, Field, Flag, RefList, Text

MINUTES_HEADING = "Referat"


class Time(Field):
    """A time of day in Danish time, written "TT:MM" (or TT.MM)."""


class Lines(Field):
    """A list of short texts, one per line (an agenda)."""

    max_items: int = 30
    max_len: int = 200

    def to_model(self, value):
        return {self.model_attr: tuple(value)}


class Talks(Field):
    """The talks: name and topic, a member centre or an outside organisation, and material."""

    parts: tuple[str, ...] = ("name", "topic", "centre", "organisation", "material")
    material_parts: tuple[str, ...] = ("title", "url")

    def to_model(self, value):
        return {self.model_attr: tuple(
            Presenter(name=p["name"], topic=p["topic"], centre=p.get("centre"), organisation=p.get("organisation"),
                      material=tuple(Material(**m) for m in p.get("material", ())))
            for p in value)}


class CaseRefs(Field):
    """Case files by name (without '.md')."""

    def to_model(self, value):
        return {self.model_attr: tuple(value)}


TITLE = Text("title", "Titel", "Mødets titel.", example="Netværksmøde om den gode velkomst", min_len=5, max_len=120)
DATE = Date("date", "Dato", "Mødets dato som år-måned-dag.", example="2025-10-02", not_future=False)
START = Time("start", "Starter", "Dansk tid, TT:MM, i anførselstegn.", example='"10:00"')
END = Time("end", "Slutter", "Dansk tid, efter start.", example='"15:00"')
FORMAT = Choice(
    "format", "Form", "Et fysisk møde skal have et sted (place).", example="physical",
    choices=(("online", "mødet foregår online"), ("physical", "fysisk møde med et sted")),
)
assert FORMAT.values == MEETING_FORMATS
PLACE = Text("place", "Sted", "Påkrævet ved et fysisk møde; ved et online møde fx Teams.", required=False,
             example="Frivilligcenter Søndervang, Aarhus", min_len=3, max_len=200)
THEMES = RefList(
    "themes", "Temaer", "Netværkets temaer, mødet handler om.", example="[velkomst]",
    vocabulary="themes", noun="tema", nouns="temaer", source="topics/", min_items=1, max_items=6,
)
AGENDA = Lines("agenda", "Program", "Ét punkt pr. linje, fx \"10.00 Velkomst\".", required=False,
               example='\n  - "10.00 Velkomst og kaffe"\n  - "10.30 Oplæg om den gode velkomst"')
PRESENTERS = Talks(
    "presenters", "Oplæg", "Navn, emne og center (eller organisation for en gæst) og evt. materiale.", required=False,
    example=("\n  - name: Dit navn\n    centre: frivilligcenter-fjordby\n    topic: Emnet for oplægget\n"
             "    material:\n      - title: Slides fra oplægget\n        url: 2025-10-02-netvaerksmoede-aarhus/slides.pdf"),
)
CASES = CaseRefs("cases", "Cases", "Cases, der blev vist på mødet (filnavn uden .md).", required=False,
                 example="[aaben-cafe-foerste-skridt]")
VISIBILITY = Choice(
    "visibility", "Hvem må se mødet", "Der er ingen standardværdi.", example="public",
    choices=(("public", "alle kan se mødet"), ("members", "kun medlemmer")),
)
MINUTES_VISIBILITY = Choice(
    "minutes_visibility", "Hvem må læse referatet", "Uden feltet er referatet kun for medlemmer.", required=False,
    example="members", choices=(("public", "alle kan læse referatet"), ("members", "kun medlemmer")),
)
PUBLISHED = Date("published", "Lagt ind", "Hvornår mødet blev lagt ind. Må ikke ligge i fremtiden.", example="2025-06-01")
UPDATED = Date("updated", "Ændret", "Sæt dagens dato, når tid, sted eller program ændres. Ikke før published.",
               required=False, example="2025-09-20", not_before="published")
EXAMPLE = Flag("example", "Eksempel", "Markerer opdigtet indhold.", required=False, example="true")

MEETINGS = Collection(
    "meetings", "Møder", "meetings/<dato>-<navn>.md",
    (TITLE, DATE, START, END, FORMAT, PLACE, THEMES, AGENDA, PRESENTERS, CASES, VISIBILITY, MINUTES_VISIBILITY,
     PUBLISHED, UPDATED, EXAMPLE),
    Meeting,
    doc="Et møde er en Markdown-fil med felter øverst, en kort beskrivelse og efter mødet referatet under '## Referat'.",
)
