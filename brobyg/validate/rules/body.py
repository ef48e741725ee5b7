"""Body rules: the Markdown text under the front matter, its headings and
its HTML. Links and images are judged by the link rules."""

from __future__ import annotations

import bisect
import re

from brobyg.schema.cases import SUGGESTED_HEADINGS
from brobyg.validate import body as bodyscan
from brobyg.validate import privacy as detect
from brobyg.validate.rules import links, privacy
from brobyg.validate.rules.base import ERROR, SAMPLE_BODY, WARNING, Rule, case_example
from brobyg.validate.rules.context import FileContext

FAMILY_TITLE = "Teksten i en case"

BODY_EMPTY = Rule(
    "BODY-EMPTY", ERROR, "Casen har ingen tekst",
    what="Der står ingenting efter front matter.",
    why="Det er teksten, andre centre skal lære af; uden den er der ingen case.",
    fix="Skriv casen under overskrifterne Baggrund, Målgruppe, Sådan gjorde vi, Resultater, Det lærte vi og Gode råd.",
    bad=case_example(body="", shown="(ingen tekst efter den sidste '---')"),
    good=case_example(body=SAMPLE_BODY, shown="## Baggrund\n\nEn kort tekst under overskriften baggrund.\n\n…"),
)
BODY_H1 = Rule(
    "BODY-H1", ERROR, "Hovedoverskrift i teksten",
    what="Teksten har en hovedoverskrift ('# Overskrift' eller en linje understreget med '===').",
    why="Sidens eneste hovedoverskrift er casens titel; flere hovedoverskrifter forvirrer skærmlæsere og søgemaskiner.",
    fix="Brug '##' til overskrifter i teksten.",
    bad=case_example(body="# Baggrund\n\n" + SAMPLE_BODY.split("\n", 1)[1], shown="# Baggrund"),
    good=case_example(body=SAMPLE_BODY, shown="## Baggrund"),
)
BODY_HEADING = Rule(
    "BODY-HEADING", WARNING, "En foreslået overskrift mangler",
    what="En eller flere af de foreslåede overskrifter mangler: " + ", ".join(SUGGESTED_HEADINGS) + ".",
    why="De samme overskrifter i hver case gør det let for læseren at finde det samme i hver case. Det er en advarsel, ikke en fejl.",
    fix="Tilføj de manglende overskrifter med '##', eller lad advarslen stå, hvis en overskrift ikke passer til jeres case.",
    bad=case_example(body="## Baggrund\n\nKun baggrund.\n", shown="## Baggrund\n\nKun baggrund."),
    good=case_example(body=SAMPLE_BODY, shown="\n".join(f"## {h}" for h in SUGGESTED_HEADINGS)),
)
BODY_HTML = Rule(
    "BODY-HTML", ERROR, "HTML eller link, der ikke er tilladt",
    what="Teksten bruger HTML, der ikke er på listen over enkel, sikker HTML, eller et link med en farlig adresse (fx 'javascript:').",
    why="Sitet viser teksten som den er; script, formularer og farlige links kunne skade læserne eller sitet.",
    fix="Brug Markdown i stedet: **fed**, *kursiv*, [link](https://…), ## overskrift. Skriv '&lt;' for et mindre-end-tegn.",
    bad=case_example(body=SAMPLE_BODY + '\n<script>alert("hej")</script>\n', shown='<script>alert("hej")</script>'),
    good=case_example(body=SAMPLE_BODY + "\n**Hej!**\n", shown="**Hej!**"),
)
BODY_COMMENT = Rule(
    "BODY-COMMENT", WARNING, "HTML-kommentar i teksten",
    what="Teksten har en HTML-kommentar ('<!-- … -->').",
    why="Kommentaren kommer ikke med på sitet, men alle, der kan se repositoriet, kan læse den. Interne noter og personoplysninger hører ikke hjemme der.",
    fix="Slet kommentaren, eller flyt noten et sted hen, som kun de rette kan se.",
    bad=case_example(body=SAMPLE_BODY + "\n<!-- Intern note: tallene må ikke deles endnu -->\n",
                     shown="<!-- Intern note: tallene må ikke deles endnu -->"),
    good=case_example(body=SAMPLE_BODY, shown="## Resultater\n\nEn kort tekst under overskriften resultater."),
)
BODY_UNVETTED = Rule(
    "BODY-UNVETTED", ERROR, "Siden ville vise noget, tjekket ikke har set",
    what="Da sitet blev bygget, ville en side vise et link, et billede eller HTML, som tjekket ikke havde kontrolleret.",
    why="Det, tjekket godkender, skal være præcis det, sitet viser; ellers kunne et billede med GPS-position eller et forkert link slippe igennem.",
    fix="Skriv linket eller billedet på den enkle måde: [tekst](fil.md) eller ![alt-tekst](mappe/billede.png), kør python build.py check igen, og sig det gerne til FriSe.",
    bad=case_example(body=SAMPLE_BODY, shown="(en skrivemåde, som tjekket og Markdown læser forskelligt)"),
    good=case_example(body=SAMPLE_BODY, shown="[Læs også følgeven-casen](foelgeven-til-foerste-gang.md)"),
    stage="build",
)

BODY_PROMPT = Rule(
    "BODY-PROMPT", ERROR, "Skabelonens hjælpetekst står i teksten",
    what="Teksten indeholder stadig en af de kursive hjælpetekster fra skabelonen templates/case.md eller fra "
         "'python build.py new', fx '*Hvorfor begyndte I? …*'.",
    why="Hjælpeteksterne er spørgsmål til den, der skriver casen; på sitet ville de stå, som om casen var færdig.",
    fix="Erstat hver hjælpetekst med jeres eget svar, eller slet den.",
    bad=case_example(body=SAMPLE_BODY.replace("En kort tekst under overskriften baggrund.",
                                              "*Hvorfor begyndte I? Hvilket problem eller behov ville I gøre noget ved?*"),
                     shown="## Baggrund\n\n*Hvorfor begyndte I? Hvilket problem eller behov ville I gøre noget ved?*"),
    good=case_example(body=SAMPLE_BODY, shown="## Baggrund\n\nVi manglede et sted, hvor borgere kunne møde foreningerne."),
)


_SUGGESTED_FOLDED = tuple((h, h.casefold()) for h in SUGGESTED_HEADINGS)


class Lines:
    """Maps offsets in a text to 1-based (line, col) in its file."""

    __slots__ = ("first_line", "text", "starts", "asked")

    # Up to this many offsets are placed by counting line breaks before them
    # (most files ask only for their few links); after that, a table of where
    # each line starts is built once, so a file with thousands of problems
    # stays linear.
    COUNT_UP_TO = 16

    def __init__(self, text: str, first_line: int) -> None:
        self.first_line = first_line
        self.text = text
        self.starts: list[int] | None = None
        self.asked = 0

    def at(self, offset: int) -> tuple[int, int]:
        if self.starts is None:
            if self.asked < self.COUNT_UP_TO:
                self.asked += 1
                text = self.text
                return self.first_line + text.count("\n", 0, offset), offset - text.rfind("\n", 0, offset)
            self.starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + i, offset - self.starts[i] + 1


def check_body(ctx: FileContext, text: str, first_line: int) -> list[str]:
    """Check a case's body; return the slugs of the cases it links to."""
    lines = Lines(text, first_line)
    if not text or text.isspace():  # what `not text.strip()` says, without copying the text
        ctx.add(BODY_EMPTY, first_line, 1, "Casen har ingen tekst efter front matter.",
                "Skriv casen under overskrifterne Baggrund, Målgruppe, Sådan gjorde vi osv.")
        return []
    encoded = detect.utf8(text)  # the quick tests of both read the UTF-8 bytes
    privacy.in_text(ctx, text, lines.at, encoded)
    for offset, prompt in ctx.run.template_text.prompts_in(text, encoded):
        ctx.add(BODY_PROMPT, *lines.at(offset), f"Skabelonens hjælpetekst står stadig i teksten: '{prompt}'.",
                "Erstat den med jeres egen tekst, eller slet den.")
    scan = bodyscan.scan(text, encoded=encoded)
    for start, _ in scan.comments:
        ctx.add(BODY_COMMENT, *lines.at(start), "HTML-kommentaren kommer ikke med på sitet, men alle, der kan se repositoriet, kan læse den.",
                "Skriv ikke interne noter eller personoplysninger i en kommentar: slet den, eller flyt noten et andet sted hen.")
    found = set()
    for offset, level, title in scan.headings:
        if level == 1:
            ctx.add(BODY_H1, *lines.at(offset), "Brug '##' til overskrifter i teksten.", "Sidens eneste hovedoverskrift er casens titel.")
        found.add(title.strip().rstrip(":").casefold())
    missing = [h for h, folded in _SUGGESTED_FOLDED if folded not in found]
    if missing:
        ctx.add(BODY_HEADING, first_line, 1, f"Overskrift{'en' if len(missing) == 1 else 'erne'} {', '.join(repr(h) for h in missing)} mangler.",
                "De gør det let for læseren at finde det samme i hver case.")
    for tag in scan.tags:
        reason = bodyscan.unsafe_reason(tag)
        if reason:
            ctx.add(BODY_HTML, *lines.at(tag.offset), f"{reason}.", "Kun enkel, sikker HTML er tilladt; brug Markdown i stedet.")
            continue
        if tag.name == "img":
            attrs = dict(tag.attrs)
            links.image(ctx, lines.at(tag.offset), attrs.get("src") or "", attrs.get("alt"))
        elif tag.name == "a" and dict(tag.attrs).get("href"):
            _link(ctx, lines.at(tag.offset), dict(tag.attrs)["href"])
    slugs: list[str] = []
    for link in scan.links:
        pos = lines.at(link.offset)
        if link.is_image:
            links.image(ctx, pos, link.target, link.text)
        else:
            slug = _link(ctx, pos, link.target)
            if slug:
                slugs.append(slug)
    return slugs


def _link(ctx: FileContext, pos: tuple[int, int], target: str) -> str | None:
    target = target.strip()
    scheme = bodyscan.url_scheme(target)
    if scheme:
        if scheme not in bodyscan.SAFE_SCHEMES:
            ctx.add(BODY_HTML, *pos, f"Links med '{scheme}:' er ikke tilladt.", "Brug en almindelig webadresse (https://…).")
        return None
    return links.link(ctx, pos, target)
