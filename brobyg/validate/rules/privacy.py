"""Privacy rules: no CPR numbers, e-mail addresses or phone numbers outside
the staff contact, and no GPS positions in images."""

from __future__ import annotations

from pathlib import Path

from brobyg.load.frontmatter import Y
from brobyg.validate import privacy as detect
from brobyg.validate.rules.base import ERROR, SAMPLE_BODY, Rule, case_example, write_image
from brobyg.validate.rules.context import FileContext

FAMILY_TITLE = "Personoplysninger"

_WHY = "Cases handler om mennesker i sårbare positioner, og teksten bliver offentlig"
_IMAGE = "cases/aaben-cafe-2/cafe.jpg"
_IMAGE_BODY = SAMPLE_BODY + "\n![Frivillige ved caféens bord](aaben-cafe-2/cafe.jpg)\n"


PRIVACY_CPR = Rule(
    "PRIVACY-CPR", ERROR, "CPR-nummer i teksten",
    what="Teksten eller et felt indeholder noget, der ligner et CPR-nummer (DDMMÅÅ-XXXX).",
    why="Cases handler om mennesker i sårbare positioner, og teksten bliver offentlig. Et CPR-nummer må aldrig stå i en case.",
    fix="Slet nummeret helt. Skriv om borgere, så ingen kan genkendes.",
    bad=case_example(body=SAMPLE_BODY + "\nBorgeren (010190-1234) kom med.\n", shown="Borgeren (010190-1234) kom med."),
    good=case_example(body=SAMPLE_BODY + "\nBorgeren kom med.\n", shown="Borgeren kom med."),
)
PRIVACY_EMAIL = Rule(
    "PRIVACY-EMAIL", ERROR, "E-mailadresse i teksten",
    what="Teksten, titlen, resuméet eller partnerne indeholder en e-mailadresse.",
    why="Adresser i teksten kan pege på borgere og bliver offentlige. Medarbejderes kontakt hører til i feltet 'contact'.",
    fix="Slet adressen fra teksten, og skriv en medarbejders e-mail i feltet 'contact'.",
    bad=case_example(body=SAMPLE_BODY + "\nSkriv til lise.holm@fjordby.example.org.\n", shown="Skriv til lise.holm@fjordby.example.org."),
    good=case_example(body=SAMPLE_BODY + "\nSkriv til kontaktpersonen herunder.\n", shown="Skriv til kontaktpersonen herunder."),
)
PRIVACY_PHONE = Rule(
    "PRIVACY-PHONE", ERROR, "Telefonnummer i teksten",
    what="Teksten, titlen, resuméet eller partnerne indeholder et dansk telefonnummer.",
    why="Numre i teksten kan pege på borgere og bliver offentlige. Medarbejderes kontakt hører til i feltet 'contact'.",
    fix="Slet nummeret fra teksten, og skriv en medarbejders nummer i feltet 'contact'.",
    bad=case_example(body=SAMPLE_BODY + "\nRing på 12 34 56 78.\n", shown="Ring på 12 34 56 78."),
    good=case_example(body=SAMPLE_BODY + "\nRing til kontaktpersonen.\n", shown="Ring til kontaktpersonen."),
)
PRIVACY_GPS = Rule(
    "PRIVACY-GPS", ERROR, "GPS-position i et billede",
    what="Et billede i casen har en GPS-position i sine metadata (typisk fra en mobiltelefon).",
    why="Positionen kan vise, hvor borgere bor eller mødes, også når billedet ikke viser det.",
    fix="Fjern placeringsdata: i Windows Egenskaber → Detaljer → 'Fjern egenskaber og personlige oplysninger'; "
        "på iPhone 'Valgmuligheder' → slå 'Lokalitet' fra ved deling; eller gem billedet igen uden metadata.",
    bad=case_example(body=_IMAGE_BODY, shown="![Frivillige ved caféens bord](aaben-cafe-2/cafe.jpg)   (billedet har en GPS-position)",
                     setup=lambda root: write_image(root, _IMAGE, gps=True)),
    good=case_example(body=_IMAGE_BODY, shown="![Frivillige ved caféens bord](aaben-cafe-2/cafe.jpg)   (uden placeringsdata)",
                      setup=lambda root: write_image(root, _IMAGE)),
)

_PUBLIC_WAY = (f"Er det et offentligt nummer (fx borgerservice eller lægevagten), kan det tilføjes med navn i "
               f"{detect.PUBLIC_NUMBERS_FILE}; så må det stå i teksten.")


def _inboxes(address: str) -> str:
    domain = address.rpartition("@")[2].lower().removeprefix("www.")
    return ", ".join(f"{i}@{domain}" for i in detect.SHARED_INBOXES[:2])


_BY_KIND = {
    detect.CPR: lambda found: (PRIVACY_CPR, f"Teksten ser ud til at indeholde et CPR-nummer ('{found}').", f"{_WHY}: slet nummeret helt."),
    detect.PARTIAL_CPR: lambda found: (PRIVACY_CPR, f"Teksten ser ud til at indeholde et delvist CPR-nummer ('{found}').",
                                       f"{_WHY}: slet nummeret helt; også fødselsdatoen alene kan pege på en person."),
    detect.EMAIL: lambda found: (PRIVACY_EMAIL, f"E-mailadressen '{found}' må ikke stå i teksten.",
                                 f"{_WHY}. Skriv en medarbejders kontakt i feltet 'contact', og nævn ingen borgeres adresser. "
                                 "Et centers fælles postkasse på centrets eget domæne (fx info@ og domænet fra hjemmesiden "
                                 "i data/centres.yml) må gerne stå i teksten."),
    detect.EMAIL_ON_CENTRE_DOMAIN: lambda found: (
        PRIVACY_EMAIL, f"E-mailadressen '{found}' må ikke stå i teksten.",
        f"{_WHY}. Skriv en medarbejders kontakt i feltet 'contact'. Af centrets adresser må kun den fælles postkasse "
        f"({_inboxes(found)} …) stå i teksten."),
    detect.PHONE: lambda found: (PRIVACY_PHONE, f"Telefonnummeret '{found}' må ikke stå i teksten.",
                                 f"{_WHY}. Skriv en medarbejders nummer i feltet 'contact'. {_PUBLIC_WAY}"),
}


def allowances(ctx: FileContext) -> detect.Allowances:
    """The documented ways through, from the registry (cached on the run)."""
    run = ctx.run
    allow = getattr(run, "privacy_allowances", None)
    if allow is None:
        kb = run.kb
        allow = detect.Allowances.from_registry(kb.public_numbers, (c.website for c in kb.centres.values()))
        run.privacy_allowances = allow
    return allow


def in_text(ctx: FileContext, text: str, at, encoded: bytes | None = None) -> None:
    """Personal data in a text; ``at(offset)`` gives a (line, col); ``encoded``
    is ``detect.utf8(text)`` when the caller has it."""
    for offset, kind, found in detect.find(text, allowances(ctx), encoded):
        rule, what, hint = _BY_KIND[kind](found)
        ctx.add(rule, *at(offset), what, hint)


def in_nodes(ctx: FileContext, nodes: list[Y]) -> None:
    """Personal data in front matter values, each reported on the line where it
    stands (a summary may run over several lines)."""
    allow = allowances(ctx)
    for node in nodes:
        for item in node.value if node.is_seq else [node]:
            if isinstance(item.value, str) and detect.may_hold_personal_data(item.value):
                for _, kind, found in detect.find(item.value, allow):
                    rule, what, hint = _BY_KIND[kind](found)
                    ctx.add(rule, *ctx.where(item, found), what, hint)


def image_position(ctx: FileContext, pos: tuple[int, int], path: Path, where: str) -> bool | None:
    """Report a GPS position in an image; None when it cannot be read as an image."""
    gps = detect.image_has_gps(path)
    if gps:
        ctx.add(PRIVACY_GPS, *pos, f"Billedet '{where}' indeholder en GPS-position, der kan vise, hvor borgere bor eller mødes.",
                PRIVACY_GPS.fix)
    return gps
