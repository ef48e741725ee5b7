"""Generate a complete, valid Brobygningsbasen repository tree for benchmarks.

    from bench.generate import generate
    generate(Path("/tmp/kb"), n=1000, seed=1)

writes ``data/`` (a few regions and municipalities, 20 centres, 10 target
groups), ``topics/<six ids>.md`` and ``n`` cases in ``cases/``. The cases are
realistic Danish write-ups of 400-700 words with all six suggested headings,
varied by a seeded random generator, so the same seed always gives the same
tree byte for byte. The result passes ``python build.py check`` with no errors
and no warnings (it is fictional, but follows every rule: no personal data in
titles, summaries or bodies, links only to earlier cases of the same
visibility, dates in 2023-2025).

Run as a script to write a tree by hand:

    python -m bench.generate OUT_DIR [-n 100] [--seed 1] [--members-share 0.25]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import re
import textwrap
from pathlib import Path

__all__ = ["generate", "THEMES", "TARGET_GROUPS", "CENTRES", "REGIONS"]

# ---------------------------------------------------------------------------
REPO = Path(__file__).resolve().parent.parent

# Vocabularies (written to data/ and topics/)
# ---------------------------------------------------------------------------

REGIONS: dict[str, list[str]] = {
    "Region Hovedstaden": ["København", "Gladsaxe", "Hillerød", "Helsingør"],
    "Region Sjælland": ["Roskilde", "Næstved", "Holbæk", "Guldborgsund"],
    "Region Syddanmark": ["Odense", "Vejle", "Esbjerg", "Svendborg"],
    "Region Midtjylland": ["Aarhus", "Viborg", "Skive", "Randers"],
    "Region Nordjylland": ["Aalborg", "Thisted", "Hjørring", "Frederikshavn"],
}

_MUNICIPALITIES = [m for ms in REGIONS.values() for m in ms]

# (place, kind) -> centre id "frivilligcenter-<slug>" / "frivillighuset-<slug>"
_CENTRE_PLACES = [
    "Fjordby", "Skovbakken", "Strandlund", "Åkanten", "Møllebakken", "Lyngheden", "Søndervang",
    "Kløvermarken", "Bøgely", "Havnestad", "Engdal", "Bakkehuse", "Vesterå", "Nørrelund",
    "Solsiden", "Hedebo", "Egely", "Kildevang", "Toftegård", "Pilehaven",
]


def _slugify(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "ue", "ö": "oe", "ä": "ae"})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


def _centres() -> list[dict[str, str]]:
    out = []
    for i, place in enumerate(_CENTRE_PLACES):
        kind = "Frivillighuset" if i % 5 == 4 else "Frivilligcenter"
        slug = _slugify(place)
        out.append({
            "id": f"{kind.lower()}-{slug}",
            "name": f"{kind} {place}",
            "place": place,
            "municipality": _MUNICIPALITIES[i % len(_MUNICIPALITIES)],
            "website": f"https://{slug}.example.org/" if i % 4 != 3 else "",
            "host": f"{slug}.example.org",
        })
    return out


CENTRES = _centres()

# id, label (data file), phrase in running text, short form for titles
TARGET_GROUPS: list[tuple[str, str, str, str]] = [
    ("psykisk-saarbare", "Mennesker med psykisk sårbarhed", "borgere med psykisk sårbarhed", "psykisk sårbare"),
    ("ensomme", "Ensomme og socialt isolerede", "ensomme og socialt isolerede borgere", "ensomme"),
    ("unge", "Unge i sårbare positioner", "unge i sårbare positioner", "unge"),
    ("handicap", "Mennesker med handicap", "mennesker med handicap", "mennesker med handicap"),
    ("aeldre", "Ældre", "ældre borgere", "ældre"),
    ("flygtninge-indvandrere", "Flygtninge og indvandrere", "nytilkomne flygtninge og indvandrere", "nytilkomne"),
    ("ledige", "Ledige på kanten af arbejdsmarkedet", "ledige på kanten af arbejdsmarkedet", "ledige"),
    ("hjemloese", "Mennesker i hjemløshed", "mennesker i hjemløshed", "hjemløse"),
    ("misbrug", "Mennesker med misbrug", "borgere, der er på vej ud af et misbrug", "borgere i behandling"),
    ("paaroerende", "Pårørende", "pårørende til syge og sårbare", "pårørende"),
]

# id, title, question, guiding questions, intro
THEMES: list[tuple[str, str, str, list[str], str]] = [
    ("kendskab", "Kendskab og overblik",
     "Hvordan skabes kendskab til og overblik over frivillige fællesskaber og aktiviteter?",
     ["Hvor leder de borgere, vi gerne vil nå, selv efter noget at tage sig til?",
      "Hvem har overblik over foreningerne i kommunen?",
      "Kan vores oversigt læses af en person med et andet modersmål?"],
     "Mange borgere ved ikke, hvilke fællesskaber der findes i nærheden. Temaet handler om at samle viden "
     "om foreninger og aktiviteter og gøre den let at finde og forstå."),
    ("matchning", "Matchning",
     "Hvordan matche med et fællesskab ud fra individuelle ønsker, behov og ressourcer?",
     ["Hvordan finder vi ud af, hvad borgeren selv har lyst til?",
      "Hvem kender foreningerne godt nok til at foreslå det rette fællesskab?"],
     "Det rette fællesskab er det, der passer til den enkelte. Temaet samler erfaringer med samtaler, "
     "prøvebesøg og andre måder at finde et godt match på."),
    ("vejen-ind", "Vejen ind",
     "Hvordan støtte vejen hen til et fællesskab og til at træde ind ad døren?",
     ["Hvad holder borgeren tilbage, lige før døren?",
      "Hvem kan følge med de første gange?",
      "Hvordan gør vi det let at komme igen efter en pause?"],
     "Selv når lysten er der, kan vejen hen til fællesskabet være lang. Temaet handler om følgevenner, "
     "makkere og alt det praktiske, der gør det muligt at træde ind ad døren."),
    ("velkomst", "Den gode velkomst",
     "Hvordan skabe den gode og trygge velkomst?",
     ["Hvem tager imod en ny deltager, og hvad siger de?",
      "Hvordan undgår vi, at nye sidder alene?"],
     "De første minutter afgør ofte, om en ny deltager kommer igen. Temaet samler erfaringer med værter, "
     "faste ansigter og små ritualer, der gør det trygt at være ny."),
    ("tilpasning", "Tilpasning og fleksibel deltagelse",
     "Hvordan tilpasse aktiviteter eller fællesskaber til den enkeltes interesser og behov samt skabe "
     "fleksible deltagelsesmuligheder?",
     ["Kan man deltage uden at forpligte sig til hver gang?",
      "Hvordan tilpasser vi tempo, tidspunkt og pris?",
      "Hvad skal der til, for at man kan tage en pause og vende tilbage?"],
     "Ikke alle kan deltage på de samme vilkår. Temaet handler om fleksible roller, korte vagter og "
     "aktiviteter, der kan tilpasses den enkelte."),
    ("samarbejde", "Samarbejde på tværs",
     "Hvordan samarbejder vi på tværs i civilsamfundet og på tværs af sektorer?",
     ["Hvem i kommunen møder de borgere, vi gerne vil nå?",
      "Hvordan holder vi et samarbejde i live, når personalet skifter?"],
     "Brobygning lykkes sjældent alene. Temaet samler erfaringer med samarbejder mellem frivilligcentre, "
     "foreninger, kommuner og andre aktører."),
]

# ---------------------------------------------------------------------------
# Text material for the cases
# ---------------------------------------------------------------------------

# (title form, definite form in running text, description for the summary)
ACTIVITIES: list[tuple[str, str, str]] = [
    ("Åben café", "caféen", "en ugentlig åben café, hvor man kan møde foreningerne over en kop kaffe"),
    ("Følgevenner", "følgevenordningen", "frivillige følgevenner, der går med de første gange"),
    ("Gåfællesskab", "gåturene", "faste gåture med plads til snak og pauser undervejs"),
    ("Fællesspisning", "fællesspisningen", "fællesspisning en gang om ugen med frivillige kokke"),
    ("Foreningsmesse", "messen", "en årlig messe, hvor foreningerne viser sig frem i øjenhøjde"),
    ("Introforløb", "introforløbet", "et kort introforløb, der gør det lettere at finde et fællesskab"),
    ("Makkerordning", "makkerordningen", "en makkerordning, hvor nye og erfarne deltagere mødes to og to"),
    ("Prøvehold", "prøveholdene", "prøvehold, hvor man kan deltage nogle gange uden at melde sig ind"),
    ("Aktivitetsguide i let sprog", "guiden", "en aktivitetsguide i let sprog med billeder af steder og personer"),
    ("Brobygger i jobcentret", "brobyggerfunktionen", "en frivillig brobygger med fast kontortid i jobcentret"),
    ("Værkstedsfællesskab", "værkstedet", "et værksted, hvor man reparerer og bygger ting sammen"),
    ("Havefællesskab", "haven", "en fælles køkkenhave, hvor arbejdet giver anledning til samtale"),
    ("Strikkecafé", "strikkecaféen", "en strikkecafé med garn, kaffe og plads til begyndere"),
    ("Sangaftener", "sangaftenerne", "sangaftener, hvor ingen behøver at kunne synge"),
    ("Motionshold", "motionsholdet", "et roligt motionshold tilpasset deltagernes form"),
    ("Frivilligbørs", "børsen", "en frivilligbørs, der matcher borgere med foreninger"),
    ("Netværksmøder med fagpersoner", "netværksmøderne", "faste netværksmøder mellem frivillige og fagpersoner"),
    ("Digital foreningsoversigt", "oversigten", "en digital oversigt over foreningernes åbne aktiviteter"),
    ("Velkomstværter", "værtsordningen", "faste velkomstværter, der tager imod nye deltagere"),
    ("Fleksible vagter", "de fleksible vagter", "korte og fleksible frivilligvagter uden faste forpligtelser"),
    ("Kulturvenner", "kulturvennerne", "kulturvenner, der inviterer med til koncerter, museer og teater"),
    ("Mentorordning", "mentorordningen", "en mentorordning med erfarne frivillige som sparringspartnere"),
    ("Tøjbytte", "tøjbyttet", "et månedligt tøjbytte, der samler folk på tværs af alder"),
    ("Brætspilscafé", "spilcaféen", "en brætspilscafé, hvor spillet gør det let at falde i snak"),
    ("Naturture", "naturturene", "naturture med bål, madpakker og tid til at lytte"),
    ("Cykelværksted", "cykelværkstedet", "et cykelværksted, hvor man lærer at reparere sin egen cykel"),
    ("Madklub", "madklubben", "en madklub, hvor deltagerne skiftes til at lave mad til hinanden"),
    ("Læsegruppe", "læsegruppen", "en læsegruppe, hvor der læses højt, så alle kan være med"),
    ("Lektiecafé", "lektiecaféen", "en lektiecafé med frivillige, der også hjælper med foreningslivet"),
    ("Sommerdage i fællesskab", "sommerdagene", "åbne sommerdage, hvor foreningerne inviterer til prøveaktiviteter"),
    ("Foreningsambassadører", "ambassadørordningen", "foreningsambassadører, der viser nye rundt i foreningen"),
    ("Samtalebaseret matchning", "matchsamtalerne", "en samtale om ønsker og behov, før vi foreslår et fællesskab"),
    ("Åbent værksted for unge", "det åbne værksted", "et åbent værksted med musik, kreative projekter og fællesskab"),
    ("Hundeluftere", "hundelufterne", "frivillige hundeluftere, der også bliver en del af et fællesskab"),
    ("Besøgsvenner", "besøgsvennerne", "besøgsvenner, der bygger bro fra hjemmet til et fællesskab"),
    ("Frivilligt job med støtte", "støtteordningen", "frivillige opgaver med en fast kontaktperson og plads til pauser"),
    ("Fælles ture til foreningerne", "turene", "fælles ture, hvor vi besøger en ny forening hver måned"),
    ("Kaffe på biblioteket", "kaffemøderne", "faste kaffemøder på biblioteket med en ny forening hver gang"),
]

HOOKS = [
    "et trygt første skridt", "sådan fik vi flere med", "små skridt og faste ansigter",
    "når døren er svær at åbne", "fællesskab uden krav", "plads til at prøve", "erfaringer fra to år",
    "en ordning, der holdt", "fra idé til fast tilbud", "det enkle virker", "tid til at lande",
    "med hjælp fra foreningerne",
]

DISTRICTS = ["Vesterby", "Østerby", "Bymidten", "Havnekvarteret", "Stationsbyen", "Landsbyerne", "Nordbyen", "Sønderbro"]

# (name in front matter, phrase in running text)
PARTNERS: list[tuple[str, str]] = [
    ("Jobcentret", "jobcentret"), ("Socialpsykiatrien", "socialpsykiatrien"), ("Biblioteket", "biblioteket"),
    ("Sprogcentret", "sprogcentret"), ("Kommunens bostøtte", "kommunens bostøtte"),
    ("Den boligsociale helhedsplan", "den boligsociale helhedsplan"), ("Sundhedshuset", "sundhedshuset"),
    ("Ungdomsskolen", "ungdomsskolen"), ("Lokal idrætsforening", "den lokale idrætsforening"),
    ("Røde Kors", "Røde Kors"), ("Ældre Sagen", "Ældre Sagen"), ("Kirkens Korshær", "Kirkens Korshær"),
    ("Strikkeklubben", "strikkeklubben"), ("Havelauget", "havelauget"), ("Spejderne", "spejderne"),
    ("Misbrugscentret", "misbrugscentret"), ("Pårørendeforeningen", "pårørendeforeningen"),
    ("Aftenskolen", "aftenskolen"), ("Væresteder i kommunen", "kommunens væresteder"),
]

STAFF = [
    "en sagsbehandler i jobcentret", "en bostøttemedarbejder", "sundhedsplejersken",
    "en medarbejder i socialpsykiatrien", "den praktiserende læge", "en kontaktperson på et botilbud",
    "en lærer på sprogcentret", "en UU-vejleder",
]

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"]
DAYPARTS = ["formiddag", "eftermiddag", "aften"]
SEASONS = ["foråret", "sommeren", "efteråret", "vinteren"]
NUM_WORDS = ["fire", "fem", "seks", "syv", "otte", "ni", "ti", "tolv"]
FRACTIONS = ["tredje", "fjerde", "femte"]

FIRST_NAMES = [
    "Lise", "Mette", "Anne", "Hanne", "Karen", "Camilla", "Sofie", "Marie", "Louise", "Pia", "Birgitte",
    "Jens", "Peter", "Lars", "Søren", "Morten", "Anders", "Henrik", "Thomas", "Mads", "Rasmus", "Ole",
]
LAST_NAMES = [
    "Holm", "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Larsen", "Sørensen", "Rasmussen",
    "Kristensen", "Mortensen", "Østergaard", "Bach", "Lund", "Dahl", "Møller", "Kjær", "Vestergaard",
]
ROLES = ["Brobygger", "Frivilligkoordinator", "Leder", "Projektleder", "Konsulent", "Koordinator for brobygning"]

# Sentences per section. Slots: {centre} {place} {tg} {act} {partner} {staff} {weekday} {daypart}
# {season} {year} {num} {a} {b} {lo} {hi} {frac}.
BAGGRUND = [
    "I {centre} oplevede vi igen og igen, at {tg} gerne ville være en del af et fællesskab, men aldrig fik taget det første skridt.",
    "Når vi spurgte ind, handlede det sjældent om manglende lyst, men om usikkerhed over for det ukendte og tanken om at gå alene ind ad en fremmed dør.",
    "Mange af de borgere, vi mødte, havde prøvet at melde sig ind i en forening tidligere, men var faldet fra efter første eller anden gang.",
    "Samtidig fortalte foreningerne i {place}, at de gerne ville have flere nye medlemmer, men ikke vidste, hvordan de skulle nå dem.",
    "Fagpersonerne i kommunen kendte kun en lille del af de frivillige tilbud og henviste derfor sjældent borgere videre til foreningerne.",
    "Idéen til {act} opstod på et netværksmøde, hvor både frivillige, foreninger og medarbejdere fra kommunen var samlet om samme bord.",
    "Vi manglede et sted midt imellem den kommunale indsats og foreningslivet, hvor man kunne se fællesskabet an uden at skulle noget.",
    "Flere af vores frivillige havde selv været i en sårbar situation og kunne fortælle, hvor stor en forskel en personlig invitation gør.",
    "I {season} {year} fik vi midler fra en lokal pulje, som gjorde det muligt at afprøve en ny måde at arbejde på.",
    "Udgangspunktet var en fælles erkendelse af, at oversigter og foldere ikke er nok, hvis ingen følger borgeren det sidste stykke vej.",
    "Vores erfaring var, at {tg} ofte bliver mødt med mange tilbud på én gang, og at det kan virke mere overvældende end hjælpsomt.",
    "Det var tydeligt, at vi skulle arbejde tættere sammen med {partner}, hvis indsatsen skulle nå de rigtige borgere.",
    "Før vi gik i gang, talte vi med en håndfuld borgere om, hvad der havde holdt dem tilbage, og deres svar blev grundlaget for hele indsatsen.",
    "Nedlukningerne havde gjort mange mere isolerede end før, og flere foreninger havde mistet medlemmer, som aldrig kom tilbage.",
    "Vi ville gerne finde en form, der var enkel nok til, at den kunne fortsætte, også når projektmidlerne var brugt.",
]

MAALGRUPPE = [
    "Indsatsen henvender sig først og fremmest til {tg}, men alle er velkomne, og ingen bliver spurgt, hvorfor de kommer.",
    "Mange bliver henvist af {staff}, mens andre selv har set et opslag på biblioteket eller i det lokale supermarked.",
    "Deltagerne er typisk mellem {lo} og {hi} år, og de fleste bor i {place} eller i de omkringliggende landsbyer.",
    "Fælles for dem er, at de har lyst til at være sammen med andre, men har svært ved at tage det første skridt alene.",
    "Nogle deltagere har et netværk i forvejen, mens andre ikke har talt med ret mange mennesker i ugevis.",
    "Vi stiller ingen krav om diagnose, visitation eller tilmelding, og det er i orden bare at kigge forbi en enkelt gang.",
    "En del af deltagerne har tidligere haft dårlige oplevelser med fællesskaber og har derfor brug for, at tempoet er lavt.",
    "Vi har også haft gode erfaringer med at invitere pårørende og bostøttemedarbejdere med de første gange.",
    "Målgruppen er bred, og det har vist sig at være en styrke, fordi ingen føler sig udpeget eller sat i bås.",
    "Særligt {tg} har haft glæde af, at der altid er et kendt ansigt til stede, når de kommer.",
]

SAADAN = [
    "Hver {weekday} {daypart} holder vi {act} i frivilligcentrets lokaler, og der er altid kaffe på kanden.",
    "To faste frivillige værter står for velkomsten og sørger for, at ingen sidder alene, medmindre de har lyst til det.",
    "Vi begyndte i det små med {num} deltagere og udvidede først, da vi havde fundet en form, som både frivillige og deltagere var trygge ved.",
    "Før første møde ringer en frivillig til den nye deltager og fortæller, hvem der tager imod, og hvordan lokalet ser ud.",
    "Hver måned inviterer vi en ny forening, som fortæller kort om sit fællesskab og svarer på spørgsmål ved bordet.",
    "Vi har bevidst undgået oplæg og tilmeldingsblanketter, fordi samtalen skal føles som en almindelig snak mellem mennesker.",
    "Når en deltager får lyst til at prøve en forening, kan en frivillig følge med de første gange, indtil vedkommende føler sig hjemme.",
    "Samarbejdet med {partner} betyder, at medarbejderne kender {act} og kan fortælle om det med egne ord.",
    "De frivillige mødes en gang om måneden for at dele erfaringer og aftale, hvem der har ansvaret for de kommende uger.",
    "Alle nye frivillige får en kort introduktion til, hvordan man byder velkommen uden at spørge for meget ind.",
    "Vi laver en enkel plan for hver sæson, så deltagerne altid ved, hvad der skal ske, og hvem de møder.",
    "Aktiviteterne er tilrettelagt, så man kan komme og gå, som det passer, og så det er i orden bare at lytte med.",
    "Vi har lavet en lille folder med billeder af lokalet, de frivillige og indgangen, som fagpersoner kan give videre.",
    "Undervejs har vi justeret tidspunktet flere gange, fordi mange deltagere havde svært ved at komme afsted tidligt om morgenen.",
    "Foreningerne får en kort snak med os, før de deltager første gang, så de ved, hvad de kan forvente, og hvad der hjælper.",
    "Vi har fast aftalt, at der altid er mindst én frivillig, som ikke har andre opgaver end at tale med nye deltagere.",
    "Når vejret tillader det, flytter vi {act} udenfor, og det har givet nogle af de bedste samtaler.",
    "Deltagerne er selv med til at bestemme indholdet, og flere af de nye idéer er kommet fra dem.",
    "En gang i kvartalet holder vi et fælles arrangement med {partner}, hvor deltagere, frivillige og foreninger mødes på tværs.",
    "Vi fører ingen lister over deltagerne, men de frivillige noterer anonymt, hvor mange der kom, og hvad der fungerede.",
    "Transporten var en barriere for mange, så vi arrangerer samkørsel og mødes ved busstationen, inden vi går samlet derhen.",
]

RESULTATER = [
    "I det første år kom der typisk mellem {a} og {b} deltagere hver gang.",
    "Vi vurderer, at omkring hver {frac} faste deltager i løbet af året har prøvet mindst ét nyt fællesskab.",
    "Flere af de første deltagere er i dag selv blevet frivillige og tager imod nye.",
    "Foreningerne fortæller, at de har fået nye medlemmer, som de ellers ikke ville have mødt.",
    "Medarbejderne hos {partner} henviser nu jævnligt borgere og oplever, at det er blevet lettere at tale om fællesskaber.",
    "Vi har ikke ført præcis statistik, og tallene skal derfor læses som et skøn og en illustration.",
    "Deltagerne beskriver især, at de føler sig set, og at det er rart at blive genkendt fra gang til gang.",
    "{Num} foreninger har været med som gæster, og de fleste vil gerne fortsætte.",
    "Frafaldet er faldet mærkbart, siden vi begyndte at følge nye deltagere den første tid.",
    "Indsatsen fortsætter efter projektperioden og er nu en fast del af frivilligcentrets tilbud.",
    "En evaluering med korte interviews viste, at deltagerne især satte pris på de faste rammer og de kendte ansigter.",
]

LAERTE = [
    "Kontinuitet betyder mere end indhold: det er de samme værter, den samme dag og det samme sted, der skaber tryghed.",
    "Vi lærte, at foreningerne skulle forberedes på rollen som gæst, så de ikke kom med brochurer og indmeldelsesblanketter.",
    "Det tager længere tid, end vi regnede med, at opbygge tillid, og det skal der være plads til i planlægningen.",
    "Personlige invitationer virker langt bedre end opslag og nyhedsbreve, også når de tager mere tid.",
    "De frivillige har brug for at kunne dele svære oplevelser med hinanden, og derfor er de faste erfaringsmøder vigtige.",
    "Vi undervurderede, hvor meget praktiske ting som transport, pris og tidspunkt betyder for, om folk kommer.",
    "Det hjalp at have én fast kontaktperson hos {partner} frem for at skulle starte forfra med nye medarbejdere.",
    "Små ændringer, som at stille stolene i en rundkreds eller have navneskilte, gjorde en større forskel, end vi troede.",
    "Vi måtte lære at sige nej til at udvide for hurtigt, fordi kvaliteten i velkomsten ellers faldt.",
    "Det er vigtigt at fejre de små skridt, også når en deltager kun er kommet et par gange.",
    "Nogle deltagere har brug for en pause undervejs, og det skal være let at vende tilbage uden forklaringer.",
]

GODE_RAAD = [
    "Hold rammerne faste: samme tid, samme sted og gerne de samme frivillige.",
    "Lad være med at kræve tilmelding, især de første gange.",
    "Giv de frivillige en kort introduktion til den gode velkomst.",
    "Inddrag fagpersoner tidligt, så de kan fortælle om tilbuddet med egne ord.",
    "Tænk transport og pris med fra begyndelsen.",
    "Lad deltagerne være med til at bestemme indholdet.",
    "Tal med foreningerne, før de møder deltagerne første gang.",
    "Hold øje med, hvem der ikke kommer igen, og spørg, om de mangler noget.",
    "Start i det små, og udvid først, når formen fungerer.",
    "Sørg for, at der altid er én frivillig, som kun har tid til nye deltagere.",
    "Skriv aftaler med samarbejdspartnere ned, så de overlever udskiftning i personalet.",
    "Brug billeder af lokalet og de frivillige i jeres materiale.",
    "Fejr de små skridt sammen med deltagerne.",
    "Afsæt tid til erfaringsudveksling mellem de frivillige.",
]
RAAD_TAILS = [
    " Det skaber tryghed.", " Det gør det lettere at komme igen.", " Det betaler sig hurtigt.",
    " Det har vi gode erfaringer med.", " Så bliver det ikke et projekt, der stopper, når pengene slipper op.", "", "", "",
]

SUMMARY_GOALS = [
    "Målet er, at flere tager det første skridt ind i et fællesskab.",
    "Indsatsen gør det lettere at finde et fællesskab, der passer.",
    "Foreningerne møder nye deltagere, og deltagerne møder foreningerne i øjenhøjde.",
    "Ingen skal melde sig ind eller forpligte sig på forhånd.",
    "Vi arbejder tæt sammen med kommunen og de lokale foreninger.",
]

HEADINGS = ("Baggrund", "Målgruppe", "Sådan gjorde vi", "Resultater", "Det lærte vi", "Gode råd")
# Share of a case's words per section (Gode råd is bullets).
_SHARES = (0.16, 0.12, 0.30, 0.14, 0.14, 0.14)
_POOLS = (BAGGRUND, MAALGRUPPE, SAADAN, RESULTATER, LAERTE)

_PLAIN_SAFE = re.compile(r"^[A-Za-zÆØÅæøåÉé][^:#\[\]{}&*!|>'\"%@`,]*$")


def _yaml_str(s: str) -> str:
    """A YAML scalar for ``s``: plain when safe, double-quoted otherwise."""
    return s if _PLAIN_SAFE.match(s) and not s.endswith(" ") else json.dumps(s, ensure_ascii=False)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _write_data(root: Path) -> None:
    lines = ["# Regioner og kommuner (genereret til benchmark)."]
    for region, munis in REGIONS.items():
        lines.append(f"{region}:")
        lines += [f"  - {m}" for m in munis]
    _write(root / "data" / "municipalities.yml", "\n".join(lines) + "\n")

    lines = ["# Frivilligcentre (opdigtede, genereret til benchmark)."]
    for c in CENTRES:
        lines += [f"- id: {c['id']}", f"  name: {c['name']}", f"  municipality: {c['municipality']}"]
        if c["website"]:
            lines.append(f"  website: {c['website']}")
    _write(root / "data" / "centres.yml", "\n".join(lines) + "\n")

    lines = ["# Målgrupper (genereret til benchmark)."]
    for tid, label, _, _ in TARGET_GROUPS:
        lines += [f"- id: {tid}", f"  label: {label}"]
    _write(root / "data" / "target-groups.yml", "\n".join(lines) + "\n")


def _write_topics(root: Path) -> None:
    for tid, title, question, guiding, intro in THEMES:
        fm = [f"title: {_yaml_str(title)}", f"question: {_yaml_str(question)}", "guiding_questions:"]
        fm += [f"  - {_yaml_str(q)}" for q in guiding]
        _write(root / "topics" / f"{tid}.md", "---\n" + "\n".join(fm) + "\n---\n" + intro + "\n")


class _CaseWriter:
    def __init__(self, rng: random.Random, members_share: float):
        self.rng = rng
        self.members_share = members_share
        self.slugs: set[str] = set()
        self.titles: set[str] = set()
        self.by_visibility: dict[str, list[tuple[str, str]]] = {"public": [], "members": []}

    def _unique_title(self, act_title: str, tg_short: str, centre: dict) -> tuple[str, str]:
        rng = self.rng
        for attempt in range(40):
            place = centre["place"] if rng.random() < 0.5 else rng.choice(DISTRICTS)
            form = rng.randrange(4)
            if form == 0:
                title = f"{act_title} for {tg_short} i {place}"
            elif form == 1:
                title = f"{act_title} i {place}: {rng.choice(HOOKS)}"
            elif form == 2:
                title = f"{act_title} som vej ind i fællesskabet for {tg_short} i {place}"
            else:
                title = f"{_cap(rng.choice(HOOKS))}: {act_title.lower()} for {tg_short} i {place}"
            if attempt >= 20:
                title += f" ({attempt - 18}. runde)"
            slug = _slugify(title)
            if len(slug) > 90:
                slug = slug[:90].rsplit("-", 1)[0]
            if title not in self.titles and slug not in self.slugs:
                self.titles.add(title)
                self.slugs.add(slug)
                return title, slug
        # Practically unreachable; still guarantee uniqueness.
        k = len(self.slugs)
        title = f"{act_title} for {tg_short} i {centre['place']} (nr. {k})"
        slug = _slugify(title)
        self.titles.add(title)
        self.slugs.add(slug)
        return title, slug

    def case(self, published: dt.date) -> tuple[str, str]:
        rng = self.rng
        centre = rng.choice(CENTRES)
        act_title, act, act_desc = rng.choice(ACTIVITIES)
        tgs = rng.sample(TARGET_GROUPS, rng.choice((1, 1, 2, 2, 3)))
        themes = rng.sample([t[0] for t in THEMES], rng.choice((1, 2, 2, 3)))
        visibility = "members" if rng.random() < self.members_share else "public"
        title, slug = self._unique_title(act_title, tgs[0][3], centre)

        tg_text = " og ".join(t[2] for t in tgs[:2])
        summary = f"{_cap(act_desc)}. Indsatsen er tænkt for {tgs[0][2]}. {rng.choice(SUMMARY_GOALS)}"

        partners = rng.sample(PARTNERS, rng.randint(1, 3)) if rng.random() < 0.6 else []
        partner_phrase = partners[0][1] if partners else rng.choice(PARTNERS)[1]

        fm = [
            f"title: {_yaml_str(title)}",
            "summary: >-",
            *("  " + line for line in textwrap.wrap(summary, 78)),
            f"centre: {centre['id']}",
            f"themes: [{', '.join(themes)}]",
            f"target_groups: [{', '.join(t[0] for t in tgs)}]",
            f"visibility: {visibility}",
            f"published: {published.isoformat()}",
        ]
        last_day = dt.date(2025, 12, 31)
        if rng.random() < 0.4 and published < last_day - dt.timedelta(days=20):
            span = min(400, (last_day - published).days)
            fm.append(f"updated: {(published + dt.timedelta(days=rng.randint(10, span))).isoformat()}")
        if rng.random() < 0.5:
            start = published - dt.timedelta(days=rng.randint(60, 700))
            period = f"start: {start:%Y-%m}"
            if rng.random() < 0.5:
                end = start + dt.timedelta(days=rng.randint(90, 600))
                period += f", end: {end:%Y-%m}"
            fm.append(f"period: {{{period}}}")
        if partners:
            fm.append(f"partners: [{', '.join(p[0] for p in partners)}]")
        if rng.random() < 0.5:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            fm += ["contact:", f"  name: {first} {last}", f"  role: {rng.choice(ROLES)}"]
            if rng.random() < 0.7:
                fm.append(f"  email: {_slugify(first)}.{_slugify(last)}@{centre['host']}")
            if rng.random() < 0.6:
                d = [rng.randint(2, 9)] + [rng.randint(0, 9) for _ in range(7)]
                s = "".join(map(str, d))
                fmt = rng.randrange(4)
                phone = (f"+45 {s[0:2]} {s[2:4]} {s[4:6]} {s[6:8]}", f"{s[0:2]} {s[2:4]} {s[4:6]} {s[6:8]}",
                         f"+45 {s[:4]} {s[4:]}", s)[fmt]
                fm.append(f"  phone: {_yaml_str(phone) if not phone.isdigit() else phone}")
        if rng.random() < 0.05:
            fm.append("example: true")

        year = rng.randint(max(2021, published.year - 2), published.year)
        num = rng.choice(NUM_WORDS)
        lo = rng.choice((18, 20, 25, 30, 40, 55, 60))
        a = rng.randint(4, 12)
        slots = {
            "centre": centre["name"], "place": centre["place"], "tg": tg_text, "act": act,
            "partner": partner_phrase, "staff": rng.choice(STAFF), "weekday": rng.choice(WEEKDAYS),
            "daypart": rng.choice(DAYPARTS), "season": rng.choice(SEASONS), "year": year,
            "num": num, "Num": _cap(num), "a": a, "b": a + rng.randint(3, 14), "lo": lo,
            "hi": lo + rng.choice((15, 20, 30, 40)), "frac": rng.choice(FRACTIONS),
        }

        target_words = rng.randint(350, 570)
        sections: list[str] = []
        for heading, share, pool in zip(HEADINGS, _SHARES, _POOLS):
            want = share * target_words
            order = rng.sample(pool, len(pool))
            sentences, words = [], 0
            for template in order:
                if words >= want:
                    break
                sentence = template.format(**slots)
                sentences.append(_cap(sentence))
                words += len(sentence.split())
            if heading == "Sådan gjorde vi" and self.by_visibility[visibility] and rng.random() < 0.2:
                other_title, other_slug = rng.choice(self.by_visibility[visibility])
                sentences.insert(rng.randint(1, len(sentences)),
                                 f"Vi hentede inspiration i casen [{other_title}]({other_slug}.md), som vi fik anbefalet af et andet frivilligcenter.")
            paras, i = [], 0
            while i < len(sentences):
                k = rng.randint(2, 4)
                paras.append(" ".join(sentences[i:i + k]))
                i += k
            sections.append(f"## {heading}\n\n" + "\n\n".join(paras))
        tips = rng.sample(GODE_RAAD, rng.randint(4, 6))
        bullets = [f"- {tip}{rng.choice(RAAD_TAILS)}" for tip in tips]
        if rng.random() < 0.3:
            tid, ttitle = next((t[0], t[1]) for t in THEMES if t[0] == themes[0])
            bullets.append(f"- Læs mere på temasiden [{ttitle}](../topics/{tid}.md).")
        sections.append("## Gode råd\n\n" + "\n".join(bullets))

        self.by_visibility[visibility].append((title, slug))
        text = "---\n" + "\n".join(fm) + "\n---\n\n" + "\n\n".join(sections) + "\n"
        return slug, text


def generate(root: Path, n: int, seed: int = 1, members_share: float = 0.25) -> Path:
    """Write a complete, valid knowledge base with ``n`` cases into ``root``.

    Deterministic for a given ``(n, seed, members_share)``. Returns ``root``.
    Existing files with the same names are overwritten; other files are left.
    """
    root = Path(root)
    rng = random.Random(seed)
    _write_data(root)
    _write_topics(root)
    # The hand-written pages the nav names (routes.nav()), so the strict build passes.
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    cases_dir = root / "cases"
    cases_dir.mkdir(parents=True, exist_ok=True)

    first, last = dt.date(2023, 1, 1), dt.date(2025, 12, 31)
    span = (last - first).days
    dates = sorted(first + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    writer = _CaseWriter(rng, members_share)
    for published in dates:  # earlier cases are published earlier; links point backwards
        slug, text = writer.case(published)
        (cases_dir / f"{slug}.md").write_text(text, encoding="utf-8", newline="\n")
    return root


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Write a generated Brobygningsbasen tree for benchmarks.")
    p.add_argument("out", type=Path)
    p.add_argument("-n", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--members-share", type=float, default=0.25)
    args = p.parse_args(argv)
    generate(args.out, args.n, args.seed, args.members_share)
    print(f"Wrote {args.n} cases to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
