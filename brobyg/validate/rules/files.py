"""Whole-file rules: a file's name, size, encoding, and whether it can be read."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from brobyg.load.frontmatter import MAX_TEXT_BYTES, Failure, Kind
from brobyg.model import SLUG_RE, slugify
from brobyg.problems import Report
from brobyg.project import Project
from brobyg.validate import placement
from brobyg.validate.rules.base import ERROR, SAMPLE_CASE, WARNING, Example, Rule, file_example

FAMILY_TITLE = "Filer"


def _dangling_link(root: Path) -> None:
    (root / "cases").mkdir(exist_ok=True)
    os.symlink("findes-ikke.md", root / "cases" / "genvej.md")


def _big_case(root: Path) -> None:
    (root / "cases" / "lang-case.md").write_text(SAMPLE_CASE + "Lang tekst. " * 50_000, encoding="utf-8")


def _saved_as_cp1252(root: Path) -> None:
    (root / "cases" / "aaben-cafe-2.md").write_bytes(SAMPLE_CASE.encode("cp1252"))


FILE_NAME = Rule(
    "FILE-NAME", ERROR, "Ugyldigt filnavn",
    what="En case skal ligge i en fil, der hedder <navn>.md, hvor navnet kun har små bogstaver a-z, tal og bindestreger.",
    why="Filnavnet bliver casens adresse på sitet. En fil, der ender på fx '.MD' eller '.txt', bliver slet ikke læst.",
    fix="Omdøb filen til det navn, meddelelsen foreslår (æ→ae, ø→oe, å→aa).",
    bad=file_example("cases/Åben Café.md", {"cases/Åben Café.md": SAMPLE_CASE}, lang="text"),
    good=file_example("cases/aaben-cafe-2.md", {"cases/aaben-cafe-2.md": SAMPLE_CASE}, lang="text"),
)
FILE_READ = Rule(
    "FILE-READ", ERROR, "Filen kan ikke læses",
    what="Filen findes ikke, er en genvej til en fil, der ikke findes, eller må ikke læses.",
    why="En case, der ikke kan læses, kan ikke tjekkes og kommer ikke med på sitet.",
    fix="Tjek at filen findes, at en genvej peger på en rigtig fil, og at filen må læses.",
    bad=file_example("cases/genvej.md → findes-ikke.md (en genvej til en fil, der ikke findes)", {}, _dangling_link, "text"),
    good=file_example("cases/aaben-cafe-2.md (en almindelig fil)", {"cases/aaben-cafe-2.md": SAMPLE_CASE}, lang="text"),
)
FILE_SIZE = Rule(
    "FILE-SIZE", ERROR, "Filen er for stor",
    what=f"En tekstfil må højst fylde {MAX_TEXT_BYTES // 1024} KB. En lang case fylder omkring 10 KB.",
    why="Så store filer er næsten altid en fejl, fx et indsat billede eller et dokument gemt som tekst.",
    fix="Del teksten op, eller flyt store bilag ud af filen og link til dem.",
    bad=file_example("cases/lang-case.md (600 KB tekst)", {}, _big_case, "text"),
    good=file_example("cases/aaben-cafe-2.md (et par KB)", {"cases/aaben-cafe-2.md": SAMPLE_CASE}, lang="text"),
)
FILE_EMPTY = Rule(
    "FILE-EMPTY", ERROR, "Filen er tom",
    what="Filen indeholder ingenting, eller kun mellemrum og tomme linjer.",
    why="En tom case kan ikke vises; den er som regel gemt for tidligt.",
    fix="Start fra skabelonen templates/case.md, eller kør 'python build.py new'.",
    bad=file_example("(en tom fil)", {"cases/tom.md": ""}, lang="text"),
    good=file_example(SAMPLE_CASE, {"cases/tom.md": SAMPLE_CASE}, lang="markdown"),
)
FILE_BINARY = Rule(
    "FILE-BINARY", ERROR, "Filen er ikke tekst",
    what="Filen er en binær fil, fx et Word-dokument eller et billede, der er gemt med endelsen .md.",
    why="Kun almindelig tekst kan læses som en case.",
    fix="Kopiér teksten over i en almindelig tekstfil (Markdown, UTF-8), fx fra skabelonen templates/case.md.",
    bad=file_example("(et Word-dokument gemt som cases/rapport.md)", {"cases/rapport.md": b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64}, lang="text"),
    good=file_example(SAMPLE_CASE, {"cases/rapport.md": SAMPLE_CASE}, lang="markdown"),
)
FILE_ENCODING = Rule(
    "FILE-ENCODING", ERROR, "Filen er ikke gemt som UTF-8",
    what="Filen er gemt med et andet tegnsæt end UTF-8, fx Windows-1252.",
    why="Med det forkerte tegnsæt bliver æ, ø og å til mærkelige tegn på sitet.",
    fix="Gem filen igen og vælg tegnsættet UTF-8 (i Notesblok: Gem som → Kodning: UTF-8).",
    bad=file_example("title: Åben café   (gemt som Windows-1252)", {}, _saved_as_cp1252),
    good=file_example("title: Åben café   (gemt som UTF-8)", {"cases/aaben-cafe-2.md": SAMPLE_CASE}),
)

_OS_ERRORS = {
    errno.ENOENT: "den findes ikke, eller den er en genvej til en fil, der ikke findes",
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.EISDIR: "det er en mappe",
    errno.ELOOP: "genvejen peger på sig selv",
}


def _too_big(f: Failure):
    return (FILE_SIZE, f"Filen fylder {f.detail['size'] / 1024:.0f} KB; grænsen er {f.detail['max_bytes'] // 1024} KB.",
            "Del teksten op, eller flyt store bilag ud af filen.")


def _unreadable(f: Failure):
    why = _OS_ERRORS.get(f.detail["errno"], f.detail["strerror"])
    return FILE_READ, f"Filen kan ikke læses ({why}).", "Tjek at den findes og må læses."


ON_FAILURE = {
    Kind.TOO_BIG: _too_big,
    Kind.UNREADABLE: _unreadable,
    Kind.EMPTY: lambda f: (FILE_EMPTY, "Filen er tom.", "Start fra skabelonen templates/case.md eller kør 'python build.py new'."),
    Kind.BINARY: lambda f: (FILE_BINARY, "Filen er en binær fil, ikke tekst.", "Gem den som almindelig tekst (Markdown, UTF-8)."),
    Kind.NOT_UTF8: lambda f: (FILE_ENCODING, "Filen er ikke gemt som UTF-8 (æ, ø og å bliver forkerte).",
                              "Gem den igen med tegnsættet UTF-8."),
}


# -- file names --------------------------------------------------------------

def _case_in(folder: str, name: str = "min-case.md"):
    return file_example(f"{folder}{name}", {f"{folder}{name}": SAMPLE_CASE}, lang="text")


FILE_PLACE = Rule(
    "FILE-PLACE", ERROR, "En case ligger det forkerte sted",
    what="En Markdown-fil ligger uden for de steder, hvor indhold hører til: i repositoriets øverste mappe, i en "
         "undermappe af cases/, i templates/ eller i en anden mappe.",
    why="Kun filer direkte i cases/ bliver til cases på sitet. En case, der ligger et andet sted, bliver hverken tjekket "
        "eller vist, og det er ikke til at se.",
    fix="Flyt filen til cases/<navn>.md. Undermapper af cases/ er til casens billeder og bilag.",
    bad=_case_in("cases/2024/"),
    good=_case_in("cases/"),
)
FILE_NOT_CASE = Rule(
    "FILE-NOT-CASE", WARNING, "Filen er ikke en case",
    what="Du har bedt om at tjekke en fil, som ikke er en case: fx README.md, CHANGELOG.md, skabelonen templates/case.md "
         "eller en fil i .github/.",
    why="Tjekket læser kun cases som cases. Uden besked ville det se ud, som om filen var tjekket og fundet i orden.",
    fix="Tjek casen i cases/ i stedet, fx 'python build.py check cases/aaben-cafe.md'.",
    bad=Example("python build.py check README.md", (("README.md", "# Brobygningsbasen\n"),), lang="text", paths=("README.md",)),
    good=Example("python build.py check cases/aaben-cafe-2.md", (("cases/aaben-cafe-2.md", SAMPLE_CASE),), lang="text",
                 paths=("cases/aaben-cafe-2.md",)),
)

_NEW_CENTRE = (
    "+data/centres.yml",
    "- id: frivilligcenter-nyby\n  name: Frivilligcenter Nyby\n  municipality: Skive\n  website: https://nyby.example.org/\n",
)
FILE_DERIVED = Rule(
    "FILE-DERIVED", WARNING, "En afledt fil er forældet",
    what="Issue-formularen (.github/ISSUE_TEMPLATE/ny-case.yml) og JSON-skemaerne i schemas/ har listerne over centre, "
         "målgrupper og temaer fra data/. En af dem passer ikke til data/ eller skemaerne, som de er nu.",
    why="Et nyt center kan ellers ikke vælges i formularen til nye cases, editorens skema afviser en rigtig case, og "
        "testene i pull requesten fejler.",
    fix="Kør 'python -m brobyg.commands.generate' (eller './dev generate'), og læg de ændrede filer med i samme commit.",
    bad=Example("data/centres.yml har fået et nyt center, men schemas/ og issue-formularen er ikke skrevet igen",
                (_NEW_CENTRE,), lang="text"),
    good=Example("det nye center, og bagefter: python -m brobyg.commands.generate", (_NEW_CENTRE,), lang="text"),
    stage="repo",
)

_WHERE_CASES_GO = "En case skal ligge direkte i mappen cases/ og hedde cases/<navn>.md"
_PLACES = {
    placement.IN_CASES_SUBFOLDER: ("ligger i en undermappe af cases/", " Undermapper er til casens billeder og bilag."),
    placement.IN_TEMPLATES: ("ligger i templates/, hvor skabelonerne bor", ""),
    placement.AT_ROOT: ("ligger i repositoriets øverste mappe", ""),
}


def _word(f: placement.Finding) -> tuple[Rule, str, str]:
    if f.kind == placement.NOT_A_CASE:
        what = "skabelonen for nye cases" if f.rel in placement.TEMPLATE_FILES else "en del af repositoriets egen dokumentation"
        return (FILE_NOT_CASE, f"{f.rel} er ikke en case, men {what}, og bliver ikke tjekket som en case.",
                f"{_WHERE_CASES_GO}, fx cases/aaben-cafe.md.")
    if f.kind == placement.WORD_DOCUMENT:
        return (FILE_NAME, f"'{f.name}' er et tekstbehandlingsdokument og bliver ikke læst.",
                f"Kopiér teksten over i en Markdown-fil, fx '{f.suggestion}' (start fra skabelonen templates/case.md).")
    if f.kind == placement.NOT_MD:
        return FILE_NAME, f"Filen '{f.name}' bliver ikke læst: en case skal ende på '.md'.", f"Omdøb filen til '{f.suggestion}'."
    where, extra = _PLACES.get(f.kind, (f"ligger i {f.folder}/", ""))
    return (FILE_PLACE, f"'{f.rel}' {where}, så den bliver hverken tjekket eller vist på sitet.",
            f"{_WHERE_CASES_GO}: flyt filen til cases/{f.suggestion}.{extra}")


def misplaced_files(project: Project, report: Report, paths: list[Path] | None, expanded: list[Path]) -> set[str]:
    """Report every file check would not read although it looks like content
    (placement.findings); the set of their paths."""
    found = placement.findings(project, paths, expanded)
    for f in found:
        rule, what, hint = _word(f)
        report.add(rule, f.rel, 0, 0, what, hint)
    return {f.rel for f in found}


def case_file_name(report: Report, path: Path, rel: str) -> None:
    if not SLUG_RE.match(path.stem):
        report.add(FILE_NAME, rel, 0, 0,
                   f"Filnavnet '{path.name}' er ikke gyldigt: brug kun a-z, 0-9 og '-' (æ→ae, ø→oe, å→aa).",
                   f"Omdøb filen til '{slugify(path.stem) or 'min-case'}.md'.")
