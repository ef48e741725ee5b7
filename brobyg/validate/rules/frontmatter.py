"""Front matter rules: the '---' block of fields at the top of a case or
topic file. Also where a file is read, split and parsed for every other
rule, so each loading failure becomes exactly one problem."""

from __future__ import annotations

from pathlib import Path

from brobyg.load.frontmatter import Failure, FrontMatterSplit, Kind, SourceText, Y, parse_yaml, read_text, split_front_matter
from brobyg.problems import Report
from brobyg.schema.topics import TOPICS
from brobyg.validate.rules import files, yaml
from brobyg.validate.rules.base import ERROR, SAMPLE_BODY, Rule, file_example, front_matter

FAMILY_TITLE = "Front matter"

FM_MISSING = Rule(
    "FM-MISSING", ERROR, "Front matter mangler",
    what="Filen starter ikke med front matter: en linje med '---', felterne og så '---' igen. Eller front matter er tom.",
    why="Felterne (titel, center, temaer …) er det, sitet bruger til at vise og finde casen.",
    fix="Start filen med '---', skriv felterne fra skabelonen templates/case.md, og afslut med '---'.",
    bad=file_example("## Baggrund\n\nTeksten starter uden front matter.", {"cases/aaben-cafe-2.md": SAMPLE_BODY}, lang="markdown"),
    good=file_example(f"---\n{front_matter()}---\n\n## Baggrund …", {"cases/aaben-cafe-2.md": f"---\n{front_matter()}---\n\n{SAMPLE_BODY}"}, lang="markdown"),
)
FM_UNTERMINATED = Rule(
    "FM-UNTERMINATED", ERROR, "Front matter slutter aldrig",
    what="Der er en '---'-linje før felterne, men ingen '---'-linje efter dem.",
    why="Uden den afsluttende linje kan tjekket ikke se, hvor felterne slutter, og teksten begynder.",
    fix="Tilføj en linje med '---' efter det sidste felt, før selve teksten.",
    bad=file_example("---\ntitle: Åben café som første skridt\n…\npublished: 2025-03-01\n\n## Baggrund",
                     {"cases/aaben-cafe-2.md": f"---\n{front_matter()}\n{SAMPLE_BODY}"}, lang="markdown"),
    good=file_example("---\ntitle: Åben café som første skridt\n…\npublished: 2025-03-01\n---\n\n## Baggrund",
                      {"cases/aaben-cafe-2.md": f"---\n{front_matter()}---\n\n{SAMPLE_BODY}"}, lang="markdown"),
)
FM_NOT_MAPPING = Rule(
    "FM-NOT-MAPPING", ERROR, "Front matter er ikke felter",
    what="Front matter er en liste eller en enkelt tekst i stedet for felter på formen 'navn: værdi'.",
    why="Hvert felt skal have sit navn, så tjekket og sitet ved, hvad værdien er.",
    fix="Skriv ét felt pr. linje: 'title: …', 'summary: …' osv., som i skabelonen templates/case.md.",
    bad=file_example("---\n- title: Åben café\n- summary: En tekst\n---",
                     {"cases/aaben-cafe-2.md": f"---\n- title: Åben café\n- summary: En tekst\n---\n\n{SAMPLE_BODY}"}),
    good=file_example(f"---\n{front_matter()}---", {"cases/aaben-cafe-2.md": f"---\n{front_matter()}---\n\n{SAMPLE_BODY}"}),
)

# What an empty or list-shaped front matter should have held, per kind of file.
_TOPIC_KEYS = TOPICS.keys
_EMPTY_HINT = {
    "case": "Udfyld felterne fra skabelonen templates/case.md.",
    "topic": f"Skriv felterne {', '.join(_TOPIC_KEYS[:-1])} og {_TOPIC_KEYS[-1]} mellem de to '---'-linjer.",
}
_NOT_MAPPING = {
    "case": "Front matter skal bestå af felter på formen 'navn: værdi', ét pr. linje (title, summary, …).",
    "topic": "Front matter skal bestå af felter på formen 'navn: værdi'.",
}

ON_FAILURE = {
    Kind.NO_FRONT_MATTER: lambda f: (FM_MISSING, "Filen mangler front matter.",
                                     "Første linje skal være '---', derefter felterne (title, summary, …) "
                                     "og så '---' igen. Se skabelonen templates/case.md."),
    Kind.UNTERMINATED: lambda f: (FM_UNTERMINATED, "Front matter slutter aldrig.",
                                  "Tilføj en linje med '---' efter det sidste felt, før selve teksten."),
}
_ON_FAILURE = {**files.ON_FAILURE, **ON_FAILURE, **yaml.ON_FAILURE}


def report_failure(report: Report, rel: str, failure: Failure) -> None:
    """One problem for what went wrong while loading ``rel``."""
    handler = _ON_FAILURE[failure.kind]
    rule, what, hint, *related = handler(failure, rel) if failure.kind == Kind.DUPLICATE_KEY else handler(failure)
    report.add(rule, rel, failure.line, failure.col, what, hint, related[0] if related else ())


def read(report: Report, path: Path, rel: str) -> SourceText | None:
    src = read_text(path, rel)
    if isinstance(src, Failure):
        report_failure(report, rel, src)
        return None
    return src


def parse(report: Report, text: str, rel: str, first_line: int) -> Y | None | Failure:
    """The YAML value; None for only comments; a reported Failure when broken."""
    value = parse_yaml(text, first_line)
    if isinstance(value, Failure):
        report_failure(report, rel, value)
    return value


def read_front_matter(report: Report, path: Path, rel: str, kind: str = "case") -> tuple[FrontMatterSplit, Y] | None:
    """Read a Markdown file with front matter; its fields as a mapping, or None after a problem."""
    src = read(report, path, rel)
    if src is None:
        return None
    split = split_front_matter(src)
    if isinstance(split, Failure):
        report_failure(report, rel, split)
        return None
    fm = parse(report, split.yaml_text, rel, split.yaml_first_line)
    if fm is None:  # nothing but blank lines or comments
        report.add(FM_MISSING, rel, 1, 1, "Front matter er tom.", _EMPTY_HINT[kind])
        return None
    if isinstance(fm, Failure):
        return None
    if not fm.is_map:
        report.add(FM_NOT_MAPPING, rel, fm.line, fm.col, _NOT_MAPPING[kind])
        return None
    return split, fm
