"""Vocabulary rules: the data files FriSe edits (municipalities, centres,
target groups) and the six topic files."""

from __future__ import annotations

from brobyg.model import THEME_IDS
from brobyg.validate.rules.base import ERROR, Rule, file_example

FAMILY_TITLE = "Datafiler og temaer"

_CENTRE = "- id: frivilligcenter-vest\n  name: Frivilligcenter Vest\n  municipality: Skive\n"


def _centre(text: str) -> dict:
    return {"+data/centres.yml": text}


_TOPIC = (
    "---\ntitle: Kendskab og overblik\n"
    "question: Hvordan skabes kendskab til og overblik over frivillige fællesskaber og aktiviteter?\n"
    "guiding_questions:\n  - Hvor leder borgerne selv efter noget at tage sig til?\n---\n"
)
_TOPIC_INTRO = "Mange borgere ved ikke, hvilke fællesskaber der findes i nærheden.\n"

DATA_MISSING = Rule(
    "DATA-MISSING", ERROR, "En datafil mangler",
    what="En af datafilerne data/municipalities.yml, data/centres.yml eller data/target-groups.yml findes ikke.",
    why="Centre, regioner og målgrupper læses herfra; uden filen kan ingen case tjekkes.",
    fix="Gendan filen fra git (fx 'git checkout -- data/target-groups.yml').",
    bad=file_example("(data/target-groups.yml er slettet)", {"data/target-groups.yml": None}, lang="text"),
    good=file_example("data/target-groups.yml findes", {}, lang="text"),
)
DATA_SHAPE = Rule(
    "DATA-SHAPE", ERROR, "Datafilen har forkert form",
    what="En datafil er tom eller har ikke den form, den skal have: en liste af elementer, der hver starter med '- id: …' "
         "(kommunefilen: en region pr. linje med en liste af kommuner under).",
    why="Tjekket og sitet læser filen element for element; med en anden form kan den ikke læses.",
    fix="Skriv hvert element som de andre i filen, eller gendan filen fra git.",
    bad=file_example("- Nye i byen", {"+data/target-groups.yml": "- Nye i byen\n"}),
    good=file_example("- id: nye-i-byen\n  label: Nye i byen", {"+data/target-groups.yml": "- id: nye-i-byen\n  label: Nye i byen\n"}),
)
DATA_FIELD = Rule(
    "DATA-FIELD", ERROR, "Et felt i en datafil mangler eller er forkert",
    what="Et element i en datafil mangler et påkrævet felt, eller et felt er ikke en tekst (en hjemmeside skal starte med https://).",
    why="Centrenes navne, kommuner og hjemmesider vises på sitet og bruges til at udlede regionen.",
    fix="Udfyld feltet som i de andre elementer i filen.",
    bad=file_example("- id: frivilligcenter-vest\n  name: Frivilligcenter Vest", _centre("- id: frivilligcenter-vest\n  name: Frivilligcenter Vest\n")),
    good=file_example(_CENTRE.rstrip("\n"), _centre(_CENTRE)),
)
DATA_ID = Rule(
    "DATA-ID", ERROR, "Ugyldigt id i en datafil",
    what="Et id i en datafil har andre tegn end a-z, 0-9 og '-'.",
    why="Id'et bruges i cases og i sidernes adresser, så det skal være kort og uden mellemrum og æ, ø, å.",
    fix="Brug det id, meddelelsen foreslår.",
    bad=file_example("- id: Frivilligcenter Vest", _centre(_CENTRE.replace("frivilligcenter-vest", "Frivilligcenter Vest"))),
    good=file_example("- id: frivilligcenter-vest", _centre(_CENTRE)),
)
DATA_DUPLICATE = Rule(
    "DATA-DUPLICATE", ERROR, "Det samme står to gange i en datafil",
    what="Et id eller en kommune står to gange i en datafil.",
    why="Et id skal pege på præcis ét center eller én målgruppe.",
    fix="Slet det ene, eller giv det et andet id. Meddelelsen siger, hvor det stod første gang.",
    bad=file_example("- id: frivilligcenter-fjordby   (findes allerede)", _centre(_CENTRE.replace("frivilligcenter-vest", "frivilligcenter-fjordby"))),
    good=file_example("- id: frivilligcenter-vest", _centre(_CENTRE)),
)
DATA_UNKNOWN_KEY = Rule(
    "DATA-UNKNOWN-KEY", ERROR, "Ukendt felt i en datafil",
    what="Et element i en datafil har et felt, filen ikke kender, ofte en stavefejl.",
    why="Et ukendt felt bliver ikke brugt nogen steder, så det, der står i det, går tabt.",
    fix="Ret stavningen (meddelelsen foreslår det nærmeste felt), eller slet feltet.",
    bad=file_example("  navn: Frivilligcenter Vest", _centre(_CENTRE.replace("  name:", "  navn:"))),
    good=file_example("  name: Frivilligcenter Vest", _centre(_CENTRE)),
)
DATA_MUNICIPALITY = Rule(
    "DATA-MUNICIPALITY", ERROR, "Ukendt kommune",
    what="Et center ligger i en kommune, der ikke står i data/municipalities.yml.",
    why="Centrets region udledes af kommunen; læserne filtrerer efter region.",
    fix="Skriv kommunens korte navn, som det står i data/municipalities.yml, fx 'København' eller 'Nordfyns'.",
    bad=file_example("  municipality: Skive Kommune", _centre(_CENTRE.replace("Skive", "Skive Kommune"))),
    good=file_example("  municipality: Skive", _centre(_CENTRE)),
)
TOPIC_UNKNOWN = Rule(
    "TOPIC-UNKNOWN", ERROR, "Ukendt tema-fil",
    what="Der ligger en fil i topics/, hvis navn ikke er et af netværkets seks temaer.",
    why="Temaerne er faste: " + ", ".join(THEME_IDS) + ". En fil med et andet navn bliver ikke vist.",
    fix="Ret filnavnet til et af de seks temaer, eller slet filen.",
    bad=file_example("topics/velkomsten.md", {"topics/velkomsten.md": _TOPIC + _TOPIC_INTRO}, lang="text"),
    good=file_example("topics/velkomst.md", {}, lang="text"),
)
TOPIC_MISSING = Rule(
    "TOPIC-MISSING", ERROR, "Et tema mangler sin tekst",
    what="Et af de seks temaer har ingen fil i topics/.",
    why="Temasiden viser temaets titel, spørgsmål og introduktion fra filen.",
    fix="Opret topics/<tema>.md med title, question, guiding_questions og en introduktion, eller gendan filen fra git.",
    bad=file_example("(topics/kendskab.md er slettet)", {"topics/kendskab.md": None}, lang="text"),
    good=file_example("topics/kendskab.md findes", {}, lang="text"),
)
TOPIC_FIELD = Rule(
    "TOPIC-FIELD", ERROR, "Et felt i en tema-fil er forkert",
    what="En tema-fil mangler title, question eller guiding_questions (1–8 spørgsmål), har et ukendt felt, eller mangler en introduktion.",
    why="Temasiden viser felterne og introduktionen; de er netværkets fælles spørgsmål.",
    fix="Udfyld felterne og skriv et par afsnit introduktion efter front matter.",
    bad=file_example(_TOPIC.replace("guiding_questions:\n  - Hvor leder borgerne selv efter noget at tage sig til?\n", ""),
                     {"topics/kendskab.md": _TOPIC.replace("guiding_questions:\n  - Hvor leder borgerne selv efter noget at tage sig til?\n", "") + _TOPIC_INTRO},
                     lang="markdown"),
    good=file_example(_TOPIC + _TOPIC_INTRO, {"topics/kendskab.md": _TOPIC + _TOPIC_INTRO}, lang="markdown"),
)
