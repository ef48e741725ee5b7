"""YAML rules: the syntax of front matter and data files, and the YAML
features we refuse (tabs, anchors, tags, deep nesting, repeated keys)."""

from __future__ import annotations

from brobyg.load.frontmatter import MAX_YAML_DEPTH, Failure, Kind
from brobyg.problems import Related
from brobyg.validate.rules.base import ERROR, Rule, case_example

FAMILY_TITLE = "YAML"

YAML_SYNTAX = Rule(
    "YAML-SYNTAX", ERROR, "Ugyldig YAML",
    what="Front matter (eller en datafil) kan ikke læses som YAML: et kolon, en indrykning, et anførselstegn eller en klamme er forkert.",
    why="Er YAML'en ugyldig, kan ingen af felterne læses.",
    fix="Ret linjen, meddelelsen peger på. Står der ': ' inde i en tekst, så sæt hele teksten i anførselstegn.",
    bad=case_example(title="Mødested: Åben café"),
    good=case_example(title='"Mødested: Åben café"'),
)
YAML_TAB = Rule(
    "YAML-TAB", ERROR, "Tabulator i indrykningen",
    what="En linje i front matter er rykket ind med tabulator.",
    why="YAML tillader kun mellemrum til indrykning; en tabulator gør filen ugyldig.",
    fix="Erstat tabulatoren med mellemrum (fx to).",
    bad=case_example("contact:\n\tname: Lise Holm", contact="\n\tname: Lise Holm"),
    good=case_example("contact:\n  name: Lise Holm", contact="\n  name: Lise Holm"),
)
YAML_KEY = Rule(
    "YAML-KEY", ERROR, "Ugyldig nøgle",
    what="En nøgle (det før kolonet) er en liste eller en { }-værdi i stedet for et ord.",
    why="Felterne hedder noget bestemt, fx 'title'; en sammensat nøgle kan ikke være et felt.",
    fix="Skriv feltets navn før kolonet, fx 'title: …'.",
    bad=case_example("[title]: Åben café", title=None, **{"[title]": "Åben café"}),
    good=case_example(title="Åben café som første skridt"),
)
YAML_DUPLICATE_KEY = Rule(
    "YAML-DUPLICATE-KEY", ERROR, "Et felt står to gange",
    what="Det samme felt står to gange i front matter.",
    why="Kun én af værdierne ville blive brugt, og det er ikke til at se hvilken.",
    fix="Slet den ene linje, så der kun er én værdi. Meddelelsen siger, hvor feltet stod første gang.",
    bad=case_example("title: Åben café\ntitle: Åben café som første skridt",
                     title="Åben café\ntitle: Åben café som første skridt"),
    good=case_example(title="Åben café som første skridt"),
)
YAML_ALIAS = Rule(
    "YAML-ALIAS", ERROR, "YAML-anker eller -alias",
    what="En værdi bruger YAML's ankre og aliaser ('&navn' og '*navn').",
    why="De gør filen svær at læse for andre, og en fil med mange aliaser kan få tjekket til at gå i stå.",
    fix="Skriv værdien ud hvert sted. Starter en tekst med '*' eller '&', så sæt den i anførselstegn.",
    bad=case_example(title="&titel Åben café som første skridt"),
    good=case_example(title="Åben café som første skridt"),
)
YAML_TAG = Rule(
    "YAML-TAG", ERROR, "YAML-tag",
    what="En værdi har et YAML-tag, fx '!!str' eller '!!python/object'.",
    why="Tags kan få YAML til at lave andet end tekst, tal og lister; i en case er der ikke brug for dem.",
    fix="Slet tagget, og skriv værdien som almindelig tekst.",
    bad=case_example(title="!!str Åben café som første skridt"),
    good=case_example(title="Åben café som første skridt"),
)
YAML_DEPTH = Rule(
    "YAML-DEPTH", ERROR, "For dybt indlejret",
    what=f"En værdi er indlejret mere end {MAX_YAML_DEPTH} niveauer (lister i lister i lister …).",
    why="Felterne i en case er højst to niveauer dybe; dybere strukturer er en fejl og gør tjekket langsomt.",
    fix="Skriv feltet som i skabelonen templates/case.md.",
    bad=case_example(partners="[[[[[[[[[Jobcenter]]]]]]]]]"),
    good=case_example(partners="[Jobcenter]"),
)

_YAML_HINTS = [
    ("mapping values are not allowed", "Står der ': ' inde i en tekst? Så sæt hele teksten i anførselstegn."),
    ("could not find expected ':'", "Hvert felt skal skrives som 'navn: værdi'. Mangler der et kolon?"),
    ("found character '\\t'", "Brug mellemrum, ikke tabulator, til indrykning."),
    ("found unexpected end of stream", "Et anførselstegn eller en klamme er ikke lukket."),
    ("did not find expected ',' or ']'", "En liste i [ ] mangler et komma eller den lukkende ']'."),
    ("did not find expected ',' or '}'", "En { }-værdi mangler et komma eller den lukkende '}'."),
    ("did not find expected key", "Indrykningen er skæv: felter på samme niveau skal starte i samme kolonne."),
    ("found undefined alias", "Tegnet '*' har en særlig betydning i YAML. Sæt teksten i anførselstegn."),
    ("expected alphabetic or numeric character", "Tegnene '*' og '&' har særlig betydning i YAML. Sæt teksten i anførselstegn."),
    ("found character '@' that cannot start any token", "En værdi må ikke starte med '@'. Sæt den i anførselstegn."),
    ("found character '`' that cannot start any token", "En værdi må ikke starte med '`'. Sæt den i anførselstegn."),
]


def _syntax(f: Failure):
    problem = f.detail["problem"]
    hint = next((h for key, h in _YAML_HINTS if key in problem), "Tjek kolon, indrykning og anførselstegn på linjen.")
    if f.detail["char"]:
        hint = f"En værdi må ikke starte med '{f.detail['char']}'. Sæt den i anførselstegn."
    return YAML_SYNTAX, f"Ugyldig YAML ({problem}).", hint


def _duplicate(f: Failure, rel: str):
    name, first = f.detail["name"], f.detail["first_line"]
    return (YAML_DUPLICATE_KEY, f"Feltet '{name}' står to gange (første gang på linje {first}).",
            "Slet den ene, så der kun er én værdi.", (Related(rel, first, f.detail["first_col"], f"'{name}' første gang"),))


_ALIAS = ("YAML-ankre og -aliaser ('&' og '*') bruges ikke her.", "Skriv værdien ud, eller sæt teksten i anførselstegn.")

ON_FAILURE = {
    Kind.TAB: lambda f: (YAML_TAB, "Indrykning med tabulator er ikke tilladt i YAML.", "Brug mellemrum i stedet."),
    Kind.SYNTAX: _syntax,
    Kind.BAD_EXCEPTION: lambda f: (YAML_SYNTAX, f"Ugyldig YAML ({f.detail['error']}).", "Tjek kolon, indrykning og anførselstegn."),
    Kind.SECOND_DOCUMENT: lambda f: (YAML_SYNTAX, "Der er mere end ét YAML-dokument.", "Slet den ekstra '---'-linje."),
    Kind.COMPLEX_KEY: lambda f: (YAML_KEY, "En nøgle skal være et enkelt ord, fx 'title'.", ""),
    Kind.DUPLICATE_KEY: _duplicate,  # takes the file, for the related location
    Kind.ALIAS: lambda f: (YAML_ALIAS, *_ALIAS),
    Kind.TAG: lambda f: (YAML_TAG, f"YAML-tagget '{f.detail['tag']}' er ikke tilladt.", "Slet det, og skriv værdien som almindelig tekst."),
    Kind.TOO_DEEP: lambda f: (YAML_DEPTH, f"Værdien er indlejret mere end {f.detail['max_depth']} niveauer.",
                              "Felterne i en case er højst to niveauer dybe."),
}
