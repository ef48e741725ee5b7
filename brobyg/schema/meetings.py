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
TIME_PATTERN = r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# The template's text under the front matter.
TEMPLATE_BODY = (
    "Skriv kort, hvad mødet handler om, og hvem det er for.\n\n"
    f"## {MINUTES_HEADING}\n\n*Skriv referatet efter mødet. Slet overskriften, indtil der er et referat.*\n"
)


class Time(Field):
    """A time of day in Danish time, written "TT:MM" (or TT.MM)."""

    def json_property(self, ids) -> dict:
        return {"type": "string", "pattern": TIME_PATTERN}


class Lines(Field):
    """A list of short texts, one per line (an agenda)."""

    max_items: int = 30
    max_len: int = 200

    def to_model(self, value):
        return {self.model_attr: tuple(value)}

    def json_property(self, ids) -> dict:
        return {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": self.max_len},
                "minItems": 1, "maxItems": self.max_items}


class Talks(Field):
    """The talks: name and topic, a member centre or an outside organisation, and material."""

    parts: tuple[str, ...] = ("name", "topic", "centre", "organisation", "material")
    material_parts: tuple[str, ...] = ("title", "url")

    def to_model(self, value):
        return {self.model_attr: tuple(
            Presenter(name=p["name"], topic=p["topic"], centre=p.get("centre"), organisation=p.get("organisation"),
                      material=tuple(Material(**m) for m in p.get("material", ())))
            for p in value)}

    def json_property(self, ids) -> dict:
        from brobyg.schema.types import Ref

        text = {"type": "string", "minLength": 2}
        material = {"type": "object", "properties": {"title": text, "url": {"type": "string", "minLength": 1}},
                    "required": list(self.material_parts), "additionalProperties": False}
        talk = {"type": "object", "additionalProperties": False, "required": ["name", "topic"], "properties": {
            "name": {**text, "maxLength": 80}, "topic": {"type": "string", "minLength": 3, "maxLength": 200},
            "centre": {"type": "string", "enum": ids(Ref("centre", "", "", vocabulary="centres"))},
            "organisation": {**text, "maxLength": 120}, "material": {"type": "array", "items": material}}}
        return {"type": "array", "items": talk}


class CaseRefs(Field):
    """Case files by name (without '.md')."""

    def to_model(self, value):
        return {self.model_attr: tuple(value)}

    def json_property(self, ids) -> dict:
        return {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}, "uniqueItems": True}


TITLE = Text("title", "Titel", "{min_len}–{max_len} tegn. Sig kort, hvad mødet handler om.", example="Netværksmøde om den gode velkomst", min_len=5, max_len=120)
DATE = Date("date", "Dato", "Mødets dato som år-måned-dag.", example="2025-10-02", not_future=False)
START = Time("start", "Starter", "Dansk tid, TT:MM, i anførselstegn.", example='"10:00"')
END = Time("end", "Slutter", "Dansk tid, efter start.", example='"15:00"')
FORMAT = Choice(
    "format", "Form", "online eller physical (fysisk møde; skriv så også place).", example="physical",
    choices=(("online", "mødet foregår online"), ("physical", "fysisk møde med et sted")),
)
assert FORMAT.values == MEETING_FORMATS
PLACE = Text("place", "Sted", "Påkrævet ved et fysisk møde; ved et online møde fx Teams.", required=False,
             example="Frivilligcenter Søndervang, Aarhus", min_len=3, max_len=200)
THEMES = RefList(
    "themes", "Temaer", "{min_items}–{max_items} af: {ids}.", example="[velkomst]",
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
    "visibility", "Hvem må se mødet", "public = offentligt, members = kun for medlemmer.", example="public",
    choices=(("public", "alle kan se mødet"), ("members", "kun medlemmer")),
)
MINUTES_VISIBILITY = Choice(
    "minutes_visibility", "Hvem må læse referatet", "public eller members; uden feltet er referatet kun for medlemmer.", required=False,
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
    schema_file="meeting.schema.json",
    doc="Et møde er en Markdown-fil med felter øverst, en kort beskrivelse og efter mødet referatet under '## Referat'.",
)
