"""Meeting rules: the files in meetings/, checked like cases: front matter
by the meeting schema (brobyg/schema/meetings.py), then the text.

Every problem is a gcc-style Danish message with file, line and fix. A
meeting's minutes are the text under '## Referat'; what the public build
leaves out (members-only meetings and minutes) is decided by the model.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from brobyg.load.frontmatter import Y
from brobyg.model import SLUG_RE, Meeting
from brobyg.problems import ERROR, Related, Report
from brobyg.schema import meetings as schema
from brobyg.schema.types import Field
from brobyg.validate import body as bodyscan
from brobyg.validate.privacy import utf8
from brobyg.validate.rules import body, fields, files, frontmatter, links, privacy
from brobyg.validate.rules.base import WARNING, Example, Rule, did_you_mean, sample_example
from brobyg.validate.rules.context import FileContext, Run

FAMILY_TITLE = "Møder"

# -- examples: a valid meeting in the test fixture, with some lines changed ---

SAMPLE_FIELDS: dict[str, str] = {
    "title": "Online møde om velkomsten",
    "date": "2025-04-10",
    "start": '"13:00"',
    "end": '"14:30"',
    "format": "online",
    "themes": "[velkomst]",
    "cases": "[aaben-cafe]",
    "visibility": "public",
    "published": "2025-03-01",
}
SAMPLE_PATH = "meetings/2025-04-10-online-velkomst.md"
SAMPLE_BODY = "Et kort online møde om den gode velkomst.\n"


def meeting_example(shown: str | None = None, *, body: str | None = None, path: str = SAMPLE_PATH,
                    **changes: str | None) -> Example:
    return sample_example(SAMPLE_FIELDS, SAMPLE_BODY, path, shown, body, None, changes)


_TALK = "\n  - name: Lise Holm\n    centre: frivilligcenter-fjordby\n    topic: Den åbne café"

MEETING_FILE_NAME = Rule(
    "MEETING-FILE-NAME", ERROR, "Mødets filnavn mangler datoen",
    what="Et mødes filnavn skal begynde med mødets dato: meetings/ÅÅÅÅ-MM-DD-navn.md.",
    why="Datoen i navnet holder møderne i orden i mappen og giver hvert møde en adresse, der aldrig støder sammen med en anden side.",
    fix="Omdøb filen, så den begynder med mødets dato, fx 2025-10-02-netvaerksmoede-aarhus.md.",
    bad=meeting_example("meetings/online-velkomst.md", path="meetings/online-velkomst.md"),
    good=meeting_example("meetings/2025-04-10-online-velkomst.md"),
)
MEETING_FILE_DATE = Rule(
    "MEETING-FILE-DATE", WARNING, "Filnavnets dato passer ikke",
    what="Filnavnet begynder med en anden dato end mødets 'date'.",
    why="Er mødet flyttet, men filen ikke omdøbt, er det let at tage fejl af, hvornår mødet er. Det er en advarsel, ikke en fejl: mødets adresse og kalenderpost bevares.",
    fix="Ret 'date', eller omdøb filen, så datoerne passer (adressen på sitet skifter da).",
    bad=meeting_example(date="2025-04-11"),
    good=meeting_example(date="2025-04-10"),
)
MEETING_UNKNOWN_KEY = Rule(
    "MEETING-UNKNOWN-KEY", ERROR, "Ukendt felt i et møde",
    what="Front matter har et felt, som et møde ikke kender, ofte en stavefejl.",
    why="Et ukendt felt bliver ikke vist nogen steder, så det, der står i det, går tabt.",
    fix="Ret stavningen (meddelelsen foreslår det nærmeste felt), eller slet feltet.",
    bad=meeting_example(themes=None, theme="[velkomst]"),
    good=meeting_example(themes="[velkomst]"),
)
MEETING_REQUIRED = Rule(
    "MEETING-REQUIRED", ERROR, "Et påkrævet felt mangler i et møde",
    what="Et af de påkrævede felter mangler: " + ", ".join(f.key for f in schema.MEETINGS.required) + ".",
    why="Uden dem kan mødet ikke vises, sættes i kalenderen eller findes; uden visibility ved sitet ikke, hvem der må se det.",
    fix="Tilføj feltet som i skabelonen templates/meeting.md.",
    bad=meeting_example("(visibility mangler)", visibility=None),
    good=meeting_example(visibility="public"),
)
MEETING_TITLE = Rule(
    "MEETING-TITLE", ERROR, "Mødets titel er forkert",
    what=f"'title' skal være en tekst på {schema.TITLE.min_len}–{schema.TITLE.max_len} tegn.",
    why="Titlen står på mødets side, i listen over møder og i kalenderen.",
    fix="Skriv en kort titel, der siger, hvad mødet handler om.",
    bad=meeting_example(title="Møde"),
    good=meeting_example(title="Online møde om velkomsten"),
)
MEETING_DATE = Rule(
    "MEETING-DATE", ERROR, "Forkert mødedato",
    what="'date' skal være en rigtig dato på formen ÅÅÅÅ-MM-DD.",
    why="Datoen afgør, om mødet er kommende eller tidligere, og hvornår det står i kalenderen.",
    fix="Skriv datoen som fx 2025-10-02.",
    bad=meeting_example(date="10. april 2025"),
    good=meeting_example(date="2025-04-10"),
)
MEETING_TIME = Rule(
    "MEETING-TIME", ERROR, "Forkert klokkeslæt",
    what="'start' og 'end' skal være klokkeslæt i dansk tid på formen TT:MM, og mødet skal slutte efter det begynder.",
    why="Tiderne står på mødets side og i deltagernes kalendere; en forkert tid sender folk forgæves af sted.",
    fix="Skriv fx start: \"10:00\" og end: \"15:00\" (med anførselstegn).",
    bad=meeting_example('start: "13:00"\nend: "12:00"', end='"12:00"'),
    good=meeting_example('start: "13:00"\nend: "14:30"', end='"14:30"'),
)
MEETING_FORMAT = Rule(
    "MEETING-FORMAT", ERROR, "Ukendt mødeform",
    what="'format' skal være 'online' eller 'physical'.",
    why="Formen viser deltagerne, om de skal rejse, og sætter stedet i kalenderen.",
    fix="Skriv 'format: online' eller 'format: physical' (og 'place').",
    bad=meeting_example(format="hybrid"),
    good=meeting_example(format="online"),
)
MEETING_PLACE = Rule(
    "MEETING-PLACE", ERROR, "Stedet mangler eller er forkert",
    what="Et fysisk møde skal have et sted i 'place' (3–200 tegn).",
    why="Deltagerne skal vide, hvor de skal hen; stedet kommer også med i kalenderen.",
    fix="Skriv fx 'place: Frivilligcenter Søndervang, Aarhus'.",
    bad=meeting_example(format="physical"),
    good=meeting_example(format="physical", place="Frivilligcenter Fjordby, Skive"),
)
MEETING_THEME = Rule(
    "MEETING-THEME", ERROR, "Forkerte temaer for et møde",
    what=f"'themes' skal være en liste med {schema.THEMES.min_items}–{schema.THEMES.max_items} af netværkets seks temaer, uden gentagelser.",
    why="Mødet linker til sine temaer, så læserne kan finde casene om det samme.",
    fix="Brug id'erne kendskab, matchning, vejen-ind, velkomst, tilpasning og samarbejde.",
    bad=meeting_example(themes="[velkomsten]"),
    good=meeting_example(themes="[velkomst]"),
)
MEETING_AGENDA = Rule(
    "MEETING-AGENDA", ERROR, "Forkert program",
    what=f"'agenda' skal være en liste med ét punkt pr. linje, hvert en kort tekst (højst {schema.AGENDA.max_len} tegn).",
    why="Programmet vises punkt for punkt på mødets side og i kalenderen.",
    fix="Skriv hvert punkt på sin egen linje under 'agenda:' med '- ' foran, fx - \"10.00 Velkomst\".",
    bad=meeting_example(agenda="Velkomst og oplæg"),
    good=meeting_example(agenda='\n  - "13.00 Velkomst"\n  - "13.15 Oplæg"'),
)
MEETING_PRESENTER = Rule(
    "MEETING-PRESENTER", ERROR, "Forkert oplæg",
    what="Hvert oplæg under 'presenters' skal have 'name' og 'topic' og evt. 'centre' (et id fra data/centres.yml), 'organisation' og 'material'.",
    why="Oplæggene viser, hvem der delte hvad, og linker til oplægsholderens center.",
    fix="Skriv navn og emne for hvert oplæg; en gæst udefra får 'organisation' i stedet for 'centre'.",
    bad=meeting_example(presenters="\n  - name: Lise Holm"),
    good=meeting_example(presenters=_TALK),
)
MEETING_MATERIAL = Rule(
    "MEETING-MATERIAL", ERROR, "Forkert materiale",
    what="Hvert materiale skal have 'title' og 'url': en webadresse eller en fil i mødets egen mappe, meetings/<filnavn>/.",
    why="Sitet linker til materialet; en fil uden for mødets mappe kommer ikke med, og et dødt link hjælper ingen.",
    fix="Læg filen i mappen med samme navn som mødets fil, og skriv fx 'url: 2025-10-02-netvaerksmoede-aarhus/slides.pdf'.",
    bad=meeting_example(presenters=_TALK + "\n    material:\n      - title: Slides\n        url: slides.pdf"),
    good=meeting_example(presenters=_TALK + "\n    material:\n      - title: Slides\n        url: https://fjordby.example.org/slides"),
)
MEETING_CASE = Rule(
    "MEETING-CASE", ERROR, "Ukendt case i et møde",
    what="'cases' skal være en liste af filnavne (uden '.md') på cases i cases/, uden gentagelser.",
    why="Mødet linker til casene, og casene linker tilbage til mødet; det virker kun med cases, der findes.",
    fix="Skriv casens filnavn uden '.md', fx [aaben-cafe-foerste-skridt].",
    bad=meeting_example(cases="[aaben-cafee]"),
    good=meeting_example(cases="[aaben-cafe]"),
)
MEETING_MEMBERS_CASE = Rule(
    "MEETING-MEMBERS-CASE", ERROR, "Offentligt møde med en case kun for medlemmer",
    what="Et offentligt møde nævner en case, der kun er for medlemmer.",
    why="Mødets side er offentlig; den må ikke afsløre en case, der kun er for medlemmer.",
    fix="Fjern casen fra 'cases', eller gør mødet 'visibility: members'.",
    bad=meeting_example(cases="[medlemsnetvaerk]"),
    good=meeting_example(cases="[medlemsnetvaerk]", visibility="members"),
)
MEETING_VISIBILITY = Rule(
    "MEETING-VISIBILITY", ERROR, "Ugyldig synlighed for et møde",
    what="'visibility' skal være 'public' eller 'members'.",
    why="Feltet afgør, om mødet kommer på det offentlige site og i den offentlige kalender; der er ingen standardværdi.",
    fix="Skriv 'public' (alle kan se mødet) eller 'members' (kun medlemmer af netværket).",
    bad=meeting_example(visibility="alle"),
    good=meeting_example(visibility="public"),
)
MEETING_MINUTES_VISIBILITY = Rule(
    "MEETING-MINUTES-VISIBILITY", ERROR, "Ugyldig synlighed for referatet",
    what="'minutes_visibility' skal være 'public' eller 'members', og et møde kun for medlemmer kan ikke have et offentligt referat.",
    why="Referater handler ofte om konkrete samarbejder; uden feltet er de kun for medlemmer.",
    fix="Skriv 'minutes_visibility: public', hvis alle må læse referatet, ellers slet feltet.",
    bad=meeting_example(visibility="members", minutes_visibility="public"),
    good=meeting_example(visibility="members"),
)
MEETING_PUBLISHED = Rule(
    "MEETING-PUBLISHED", ERROR, "Forkert dato for, hvornår mødet blev lagt ind",
    what="'published' skal være en rigtig dato på formen ÅÅÅÅ-MM-DD, som ikke ligger i fremtiden.",
    why="Datoen er kalenderpostens oprettelsesdato; sammen med 'updated' fortæller den kalenderprogrammer, at mødet er ændret.",
    fix="Skriv den dato, mødet blev lagt ind, fx 2025-03-01.",
    bad=meeting_example(published="2099-01-01"),
    good=meeting_example(published="2025-03-01"),
)
MEETING_UPDATED = Rule(
    "MEETING-UPDATED", ERROR, "Forkert ændringsdato for et møde",
    what="'updated' skal være en rigtig dato på formen ÅÅÅÅ-MM-DD, ikke i fremtiden og ikke før 'published'.",
    why="Kalenderprogrammer erstatter deres kopi af mødet, når ændringsdatoen flytter sig frem.",
    fix="Sæt 'updated' til dagens dato, når tid, sted eller program ændres.",
    bad=meeting_example(updated="2025-01-01"),
    good=meeting_example(updated="2025-03-20"),
)
MEETING_EXAMPLE = Rule(
    "MEETING-EXAMPLE", ERROR, "Forkert eksempel-markering på et møde",
    what="'example' skal være true eller false.",
    why="Feltet markerer opdigtede møder, så læserne ikke tager dem for virkelige.",
    fix="Skriv 'example: true' for et opdigtet eksempel, ellers slet feltet.",
    bad=meeting_example(example="ja"),
    good=meeting_example(example="true"),
)
MEETING_MINUTES_EARLY = Rule(
    "MEETING-MINUTES-EARLY", WARNING, "Referat før mødet",
    what="Et møde, der ikke er holdt endnu, har allerede et referat under '## Referat'.",
    why="Et referat før mødet er som regel en kopi fra et tidligere møde. Det er en advarsel, ikke en fejl.",
    fix="Slet referatet, og skriv det efter mødet.",
    bad=meeting_example("date: 2099-04-10\n---\n\n" + SAMPLE_BODY + "\n## Referat\n\nSkrevet for tidligt.",
                        path="meetings/2099-04-10-online-velkomst.md", date="2099-04-10",
                        body=SAMPLE_BODY + "\n## Referat\n\nSkrevet for tidligt.\n"),
    good=meeting_example("date: 2099-04-10\n---\n\n" + SAMPLE_BODY.strip(),
                         path="meetings/2099-04-10-online-velkomst.md", date="2099-04-10"),
)
MEETING_BODY_LINK = Rule(
    "MEETING-BODY-LINK", ERROR, "Link i et møde, der ikke virker",
    what="Teksten i et møde linker til en fil i repositoriet i stedet for en webadresse.",
    why="Mødets side ligger et andet sted end filen, så relative links ville være døde.",
    fix="Link til en webadresse (https://…); cases fra mødet skrives i 'cases', og materiale under 'presenters'.",
    bad=meeting_example(body="Se [casen](../cases/aaben-cafe.md).\n"),
    good=meeting_example(body="Se [programmet](https://frise.example.org/program).\n"),
)

# The rule for everything wrong with each field's value.
FIELD_RULES: dict[Field, Rule] = {
    schema.TITLE: MEETING_TITLE, schema.DATE: MEETING_DATE, schema.START: MEETING_TIME, schema.END: MEETING_TIME,
    schema.FORMAT: MEETING_FORMAT, schema.PLACE: MEETING_PLACE, schema.THEMES: MEETING_THEME,
    schema.AGENDA: MEETING_AGENDA, schema.PRESENTERS: MEETING_PRESENTER, schema.CASES: MEETING_CASE,
    schema.VISIBILITY: MEETING_VISIBILITY, schema.MINUTES_VISIBILITY: MEETING_MINUTES_VISIBILITY,
    schema.PUBLISHED: MEETING_PUBLISHED, schema.UPDATED: MEETING_UPDATED, schema.EXAMPLE: MEETING_EXAMPLE,
}

DATE_PREFIX_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]")
TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_MINUTES_RE = re.compile(rf"^##[ \t]+{schema.MINUTES_HEADING}[ \t]*:?[ \t]*#*[ \t]*$", re.M | re.I)


def split_minutes(text: str) -> tuple[str, str | None]:
    """(description, minutes): the minutes are what stands under '## Referat'."""
    code_free = bodyscan.mask(text, bodyscan._FENCED) if ("```" in text or "~~~" in text) else text
    m = _MINUTES_RE.search(code_free)
    if not m:
        return text, None
    minutes = text[m.end():].strip("\n")
    return text[: m.start()].rstrip() + "\n", (minutes + "\n") if minutes.strip() else None


# -- the driver ---------------------------------------------------------------


def check_meetings(run: Run, report: Report) -> dict[str, Meeting]:
    """Check every file in meetings/ (after the cases); the valid meetings by slug."""
    out = {}
    for path in run.project.meeting_files():
        m = check_meeting(run, report, path)
        if m:
            out[m.slug] = m
    return out


def check_meeting(run: Run, report: Report, path: Path) -> Meeting | None:
    ctx = FileContext(run, report, path, run.project.rel(path))
    before = len(report.problems)
    if not SLUG_RE.match(path.stem):
        files.case_file_name(report, path, ctx.rel)  # the same rule as for cases: a-z, 0-9 and '-'
    elif not DATE_PREFIX_RE.match(path.stem):
        ctx.add(MEETING_FILE_NAME, 0, 0, f"Filnavnet '{path.name}' begynder ikke med mødets dato.",
                f"Omdøb filen til fx '2025-10-02-{path.stem}.md'.")
    loaded = frontmatter.read_front_matter(report, path, ctx.rel)
    if loaded is None:
        return None
    split, fm = loaded
    values = check_fields(ctx, fm, split.yaml_first_line)
    privacy.in_nodes(ctx, free_text_nodes(fm))
    description, minutes = split_minutes(split.body)
    check_text(ctx, split.body, split.body_first_line)
    prefix = DATE_PREFIX_RE.match(path.stem)
    if prefix and "date" in values and prefix.group(1) != values["date"].isoformat():
        ctx.at(MEETING_FILE_DATE, fm.value["date"], f"Filnavnet begynder med {prefix.group(1)}, men mødet er {values['date']}.",
               "Ret datoen, eller omdøb filen.")
    if minutes and "date" in values and values["date"] > run.today:
        ctx.add(MEETING_MINUTES_EARLY, split.body_first_line, 1,
                f"Mødet er først {values['date']}, men filen har allerede et referat under '## {schema.MINUTES_HEADING}'.",
                "Skriv referatet efter mødet.")
    if any(p.severity == ERROR for p in report.problems[before:]):
        return None
    values.setdefault("minutes_visibility", "members")
    return Meeting(slug=path.stem, path=ctx.rel, body=description, minutes=minutes,
                   **fields.to_model_attrs(values, schema.MEETINGS))


def check_fields(ctx: FileContext, fm: Y, first_line: int) -> dict:
    """The valid values of a meeting's front matter, by key; problems for the rest.

    Key by key the same check as a case's (fields.check_fields, by the meeting
    schema), then what concerns two fields, or other files."""
    v = fm.value
    out = fields.check_fields(ctx, fm, first_line, schema.MEETINGS)
    if "start" in out and "end" in out and out["end"] <= out["start"]:
        ctx.at(MEETING_TIME, v["end"], f"Mødet slutter ({out['end']:%H:%M}), før det begynder ({out['start']:%H:%M}).",
               "Ret 'start' eller 'end'.", (Related(ctx.rel, v["start"].line, v["start"].col, "'start'"),))
        del out["end"]
    if out.get("format") == "physical" and "place" not in v:
        ctx.at(MEETING_PLACE, v["format"], "Et fysisk møde skal have et sted.", "Skriv fx 'place: Frivilligcenter Søndervang, Aarhus'.")
        del out["format"]
    if out.get("visibility") == "members" and out.get("minutes_visibility") == "public":
        ctx.at(MEETING_MINUTES_VISIBILITY, v["minutes_visibility"], "Mødet er kun for medlemmer, så referatet kan ikke være offentligt.",
               "Slet 'minutes_visibility', eller gør mødet offentligt.")
        del out["minutes_visibility"]
    if out.get("visibility") == "public":
        for node in (v["cases"].value if "cases" in out else []):
            if links._visibility_of(ctx.run, node.value, ctx.run.kb) == "members":
                target = f"cases/{node.value}.md"
                ctx.at(MEETING_MEMBERS_CASE, node, f"Det offentlige møde nævner {target}, som kun er for medlemmer.",
                       "Fjern casen fra 'cases', eller gør mødet 'visibility: members'.", (Related(target, 0, 0, "casen er kun for medlemmer"),))
                out.pop("cases", None)
    return out


def free_text_nodes(fm: Y) -> list[Y]:
    """What people write freely in a meeting (where personal data could slip in)."""
    v = fm.value
    nodes = [v[k] for k in ("title", "place", "agenda") if k in v]
    for talk in (v["presenters"].value if "presenters" in v and v["presenters"].is_seq else []):
        if talk.is_map:
            nodes += [talk.value[k] for k in ("name", "topic", "organisation") if k in talk.value]
    return nodes


def check_text(ctx: FileContext, text: str, first_line: int) -> None:
    """The description and minutes: personal data, headings, HTML and links."""
    lines = body.Lines(text, first_line)
    encoded = utf8(text)  # the quick tests of both read the UTF-8 bytes
    privacy.in_text(ctx, text, lines.at, encoded)
    scan = bodyscan.scan(text, encoded=encoded)
    for offset, level, _ in scan.headings:
        if level == 1:
            ctx.add(body.BODY_H1, *lines.at(offset), "Brug '##' til overskrifter i teksten.", "Sidens eneste hovedoverskrift er mødets titel.")
    for tag in scan.tags:
        reason = bodyscan.unsafe_reason(tag)
        if reason:
            ctx.add(body.BODY_HTML, *lines.at(tag.offset), f"{reason}.", "Kun enkel, sikker HTML er tilladt; brug Markdown i stedet.")
    for link in scan.links:
        target = link.target.strip()
        scheme = bodyscan.url_scheme(target)
        if scheme and scheme not in bodyscan.SAFE_SCHEMES:
            ctx.add(body.BODY_HTML, *lines.at(link.offset), f"Links med '{scheme}:' er ikke tilladt.", "Brug en almindelig webadresse (https://…).")
        elif not scheme and target and not target.startswith("#"):
            ctx.add(MEETING_BODY_LINK, *lines.at(link.offset), f"Linket '{target}' virker ikke fra mødets side.",
                    "Link til en webadresse (https://…); cases fra mødet skrives i 'cases', og materiale under 'presenters'.")


# -- the checks for the meeting schema's own kinds of field -------------------


def _time(ctx: FileContext, n: Y, f: Field, rule: Rule):
    # YAML reads an unquoted 10:00 as the number 600 (base 60): judge it as written.
    text = n.raw if isinstance(n.value, int) and not isinstance(n.value, bool) and n.raw else n.value
    m = TIME_RE.match(text.strip()) if isinstance(text, str) else None
    if not m:
        ctx.at(rule, n, f"'{f.key}' skal være et klokkeslæt på formen TT:MM i dansk tid; '{text}' er det ikke.", f"Skriv fx {f.key}: {f.example}.")
        return None
    return dt.time(int(m.group(1)), int(m.group(2)))


def _lines(ctx: FileContext, n: Y, f: schema.Lines, rule: Rule):
    if not n.is_seq or not 1 <= len(n.value) <= f.max_items:
        ctx.at(rule, n, f"'{f.key}' skal være en liste med 1–{f.max_items} punkter, ét pr. linje.", "Skriv hvert punkt på sin egen linje med '- ' foran.")
        return None
    out = []
    for item in n.value:
        if not isinstance(item.value, str) or not 1 <= len(item.value.strip()) <= f.max_len:
            ctx.at(rule, item, f"Hvert punkt i '{f.key}' skal være en kort tekst (højst {f.max_len} tegn).",
                   "Sæt punktet i anførselstegn, hvis det starter med et klokkeslæt som 10:00.")
            return None
        out.append(" ".join(item.value.split()))
    return out


def _talks(ctx: FileContext, n: Y, f: schema.Talks, rule: Rule):
    if not n.is_seq:
        ctx.at(rule, n, f"'{f.key}' skal være en liste; hvert oplæg har 'name' og 'topic' og evt. 'centre' og 'material'.")
        return None
    out, ok = [], True
    for item in n.value:
        talk = _talk(ctx, item, f, rule)
        ok &= talk is not None
        if talk:
            out.append(talk)
    return out if ok else None


def _talk(ctx: FileContext, n: Y, f: schema.Talks, rule: Rule) -> dict | None:
    if not n.is_map:
        ctx.at(rule, n, "Hvert oplæg skal have felterne 'name' og 'topic' på hver sin linje.", "Evt. også 'centre', 'organisation' og 'material'.")
        return None
    ok = True
    for key, (line, col) in n.key_pos.items():
        if key not in f.parts:
            ctx.add(rule, line, col, f"Ukendt felt '{key}' i et oplæg.", f"{did_you_mean(key, f.parts)} Tilladte felter: {', '.join(f.parts)}.")
            ok = False
    v, out = n.value, {}
    for key, what, lo, hi in (("name", "oplægsholderens navn", 2, 80), ("topic", "emnet for oplægget", 3, 200),
                              ("organisation", "", 2, 120)):
        node = v.get(key)
        if node is None:
            if what:
                ctx.at(rule, n, f"Oplægget mangler '{key}' ({what}).")
                ok = False
            continue
        text = node.value.strip() if isinstance(node.value, str) else ""
        if not lo <= len(text) <= hi:
            ctx.at(rule, node, f"'{key}' i et oplæg skal være en tekst på {lo}–{hi} tegn.")
            ok = False
        else:
            out[key] = " ".join(text.split())
    if "centre" in v:
        c = v["centre"]
        if not isinstance(c.value, str) or c.value not in ctx.run.kb.centres:
            ctx.at(rule, c, f"Ukendt center '{c.value}'.",
                   f"{did_you_mean(c.value, ctx.run.kb.centres)} De gyldige id'er står i data/centres.yml; en gæst udefra får 'organisation' i stedet.")
            ok = False
        else:
            out["centre"] = c.value
    if "material" in v:
        material = _material(ctx, v["material"], f)
        ok &= material is not None
        out["material"] = material or []
    return out if ok else None


def _material(ctx: FileContext, n: Y, f: schema.Talks) -> list[dict] | None:
    if not n.is_seq:
        ctx.at(MEETING_MATERIAL, n, "'material' skal være en liste; hvert punkt har 'title' og 'url'.")
        return None
    out = []
    for item in n.value:
        if not item.is_map or set(item.value) != set(f.material_parts):
            ctx.at(MEETING_MATERIAL, item, "Hvert materiale skal have præcis felterne 'title' og 'url'.",
                   "'title' siger, hvad det er; 'url' er en webadresse eller en fil i mødets mappe.")
            return None
        title = item.value["title"].value
        if not isinstance(title, str) or not 2 <= len(title.strip()) <= 120:
            ctx.at(MEETING_MATERIAL, item.value["title"], "'title' skal være en tekst på 2–120 tegn.")
            return None
        url = _material_url(ctx, item.value["url"])
        if url is None:
            return None
        out.append({"title": " ".join(title.split()), "url": url})
    return out


def _material_url(ctx: FileContext, n: Y) -> str | None:
    target = n.value.strip() if isinstance(n.value, str) else ""
    stem = ctx.path.stem
    folder = f"{ctx.run.project.rel(ctx.run.project.meetings_dir)}/{stem}/"
    if bodyscan.url_scheme(target) in ("http", "https"):
        return target
    if not target or bodyscan.url_scheme(target) or target.startswith("/"):
        ctx.at(MEETING_MATERIAL, n, f"'url' skal være en webadresse (https://…) eller en fil i mappen {folder}.", f"Skriv fx '{stem}/slides.pdf'.")
        return None
    where = ctx.run.project.rel(Path(os.path.normpath(os.path.join(ctx.path.parent, target))))
    if not where.startswith(folder) or not os.path.isfile(ctx.run.project.root / where):
        ctx.at(MEETING_MATERIAL, n, f"Filen '{where}' findes ikke i mødets mappe {folder}.", f"Læg materialet dér, og skriv stien som '{stem}/<filnavn>'.")
        return None
    return where


def _case_refs(ctx: FileContext, n: Y, f: Field, rule: Rule):
    known = ctx.run.case_slugs
    if not n.is_seq:
        ctx.at(rule, n, f"Skriv '{f.key}' som en liste af casenes filnavne uden '.md'.", f"Fx {f.example}.")
        return None
    seen: dict[str, Y] = {}
    ok = True
    for item in n.value:
        slug = item.value
        if not isinstance(slug, str) or slug not in known:
            ctx.at(rule, item, f"Casen '{slug}' findes ikke i cases/.", f"{did_you_mean(slug, known)} Skriv casens filnavn uden '.md'.")
            ok = False
        elif slug in seen:
            first = seen[slug]
            ctx.at(rule, item, f"'{slug}' står to gange.", "Slet den ene.", (Related(ctx.rel, first.line, first.col, "første gang"),))
            ok = False
        else:
            seen[slug] = item
    return list(seen) if ok else None


# The meeting schema checked like the case schema: its key rules, a rule per
# field, and a check for each kind of field only meetings have.
fields.COLLECTION_RULES[schema.MEETINGS] = (MEETING_UNKNOWN_KEY, MEETING_REQUIRED)
fields.FIELD_RULES.update(FIELD_RULES)
fields.CHECKS.update({schema.Time: _time, schema.Lines: _lines, schema.Talks: _talks, schema.CaseRefs: _case_refs})
