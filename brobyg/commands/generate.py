"""Write the files derived from the schemas, or tell which are stale.

    python -m brobyg.commands.generate          # rewrite them
    python -m brobyg.commands.generate --check  # exit 1 and name the stale ones

Derived from ``brobyg/schema/`` (and the vocabularies in ``data/``):
``templates/case.md``, the field reference in ``docs/bidrag.md`` (between
its two marker lines), ``schemas/<collection>.schema.json`` and the issue
form ``.github/ISSUE_TEMPLATE/ny-case.yml``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from brobyg.model import THEME_IDS, KnowledgeBase
from brobyg.problems import Report
from brobyg.project import CASE_TEMPLATE, MEETING_TEMPLATE, Project
from brobyg.render import issue_form
from brobyg.schema import collections
from brobyg.schema.cases import CASES, starting_body
from brobyg.schema.types import (
    RECORDS, Choice, Collection, Contact, Date, Field, Flag, Id, Names, Period, Ref, RefList, Text, TextList, Url,
)
from brobyg.validate.rules.fields import CONTACT_EMAIL_RE, CONTACT_PHONE_RE, MONTH_RE
from brobyg.validate.vocab import URL_RE, load_vocabularies

TEMPLATE = CASE_TEMPLATE
GUIDE = "docs/bidrag.md"
SCHEMAS = "schemas"
# The guide's generated part sits between these lines (link definitions: they render as nothing).
GUIDE_START = "[felter-start]: # (Genereret fra brobyg/schema/cases.py af python -m brobyg.commands.generate. Ret dér, ikke her.)"
GUIDE_END = "[felter-slut]: #"
_COMMENT_COLUMN = 43


def generated(root: Path) -> dict[str, str]:
    """Repository path -> the content it should have."""
    files = {TEMPLATE: case_template(), MEETING_TEMPLATE: meeting_template(), GUIDE: guide(root / GUIDE)}
    return files | generated_from_data(root)


def generated_from_data(root: Path, vocab: KnowledgeBase | None = None) -> dict[str, str]:
    """The derived files that list ids from data/ (centres, target groups …),
    from ``vocab`` when the caller has read data/ already."""
    vocab = vocab or load_vocabularies(Project(root), Report())
    files = {issue_form.FORM: issue_form.render(vocab)}  # the GitHub issue form for new cases
    for collection in collections():
        files[f"{SCHEMAS}/{collection.schema_file}"] = json.dumps(json_schema(collection, vocab), ensure_ascii=False, indent=2) + "\n"
    return files


def report_stale_derived(root: Path, report: Report, vocab: KnowledgeBase) -> None:
    """`check`'s warning (FILE-DERIVED) for each derived file with ids from
    data/ that the tree has but that no longer matches ``vocab`` (what check
    read from data/): a coordinator who adds a centre learns here, in Danish,
    to regenerate them. Files the tree lacks (content-only trees) are not
    asked for."""
    from brobyg.validate.rules.files import FILE_DERIVED

    if not (root / issue_form.FORM).is_file() and not (root / SCHEMAS).is_dir():
        return
    for rel in _differing(root, generated_from_data(root, vocab), missing_too=False):
        report.add(FILE_DERIVED, rel, 0, 0,
                   "Filen passer ikke længere til data/ og skemaerne (fx efter et nyt center eller en ny målgruppe).",
                   "Kør 'python -m brobyg.commands.generate' (eller './dev generate'), og commit de ændrede filer.")


def stale(root: Path) -> list[str]:
    return _differing(root, generated(root), missing_too=True)


def _differing(root: Path, files: dict[str, str], missing_too: bool) -> list[str]:
    """The paths of ``files`` whose file in the tree holds something else
    (bytes that are no UTF-8 too); a missing file counts when ``missing_too``."""
    out = []
    for rel, content in files.items():
        path = root / rel
        if not path.is_file():
            if missing_too:
                out.append(rel)
        elif path.read_text(encoding="utf-8", errors="replace") != content:
            out.append(rel)
    return out


# -- templates/case.md ----------------------------------------------------------


def _words(field: Field) -> str:
    return field.words(field.doc, ids=", ".join(THEME_IDS))


def _template_line(text: str, comment: str) -> str:
    return f"{text}{' ' * max(3, _COMMENT_COLUMN - len(text))}# {comment}"


def case_template() -> str:
    return front_matter_template(CASES) + "\n\n" + starting_body()


def meeting_template() -> str:
    from brobyg.schema.meetings import MEETINGS, TEMPLATE_BODY

    return front_matter_template(MEETINGS) + "\n\n" + TEMPLATE_BODY


def front_matter_template(collection: Collection) -> str:
    lines = ["---"]
    optional = [f for f in collection.fields if not f.required and f.in_template]
    for f in collection.required:
        first, *rest = f"{f.key}: {f.example}".split("\n")
        lines.append(_template_line(first, f"Påkrævet. {_words(f)}"))
        lines += rest
    lines.append("# Valgfrie felter herunder. Fjern „# “ foran linjerne for at bruge dem.")
    for f in optional:
        first, *rest = f"{f.key}: {f.example}".replace(": \n", ":\n").split("\n")
        lines.append(_template_line(f"# {first}", _words(f)))
        lines += [f"# {line}" for line in rest]
    lines.append("---")
    return "\n".join(lines)


# -- the guide's field reference --------------------------------------------------


def field_reference() -> str:
    rows = ["| Felt | Skal udfyldes? | Hvad betyder det? | Eksempel |", "| --- | --- | --- | --- |"]
    for f in CASES.fields:
        rows.append(f"| `{f.key}` | {'Ja' if f.required else 'Nej'} | {f.words(f.guide or f.doc)} | {f.sample} |")
    return "\n".join(rows)


def guide(path: Path) -> str:
    """The guide with its field reference regenerated (the rest is hand-written)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if GUIDE_START not in text or GUIDE_END not in text:
        raise SystemExit(f"{GUIDE} mangler linjerne '{GUIDE_START}' og '{GUIDE_END}' omkring feltoversigten.")
    before, rest = text.split(GUIDE_START, 1)
    _, after = rest.split(GUIDE_END, 1)
    return f"{before}{GUIDE_START}\n\n{field_reference()}\n\n{GUIDE_END}{after}"


# -- JSON Schema -------------------------------------------------------------------


def _ids(field: Ref | RefList, vocab: KnowledgeBase) -> list[str]:
    known = THEME_IDS if field.vocabulary == "themes" else getattr(vocab, field.vocabulary)
    return list(known)


def _property(field: Field, vocab: KnowledgeBase) -> dict:
    p: dict = {"title": field.label, "description": _words(field)}
    if isinstance(field, Text):
        p.update(type="string", minLength=field.min_len)
        if field.max_len:
            p["maxLength"] = field.max_len
    elif isinstance(field, Id):
        p.update(type="string", pattern="^[a-z0-9]+(-[a-z0-9]+)*$")
    elif isinstance(field, Url):
        p.update(type="string", pattern=URL_RE.pattern)
    elif isinstance(field, Ref):
        p.update(type="string", enum=_ids(field, vocab))
    elif isinstance(field, RefList):
        p.update(type="array", items={"type": "string", "enum": _ids(field, vocab)},
                 minItems=field.min_items, maxItems=field.max_items, uniqueItems=True)
    elif isinstance(field, TextList):
        p.update(type="array", items={"type": "string", "minLength": 1}, minItems=field.min_items, maxItems=field.max_items)
    elif isinstance(field, Choice):
        p.update(type="string", enum=list(field.values))
    elif isinstance(field, Date):
        p.update(type="string", format="date")
    elif isinstance(field, Period):
        month = {"type": "string", "pattern": MONTH_RE.pattern.replace(r"(\d{2})", "(0[1-9]|1[0-2])")}
        p.update(type="object", properties={part: month for part in field.parts}, required=[field.parts[0]],
                 additionalProperties=False)
    elif isinstance(field, Names):
        p.update(type="array", items={"type": "string", "minLength": 1, "maxLength": field.max_len})
    elif isinstance(field, Contact):
        parts = {part: {"type": "string", "minLength": 1} for part in field.parts}
        parts["email"]["pattern"] = CONTACT_EMAIL_RE.pattern
        parts["phone"]["pattern"] = CONTACT_PHONE_RE.pattern
        p.update(type="object", properties=parts, required=[field.parts[0]], additionalProperties=False)
    elif isinstance(field, Flag):
        p.update(type="boolean")
    elif hasattr(field, "json_property"):  # a kind that describes itself (brobyg/schema/meetings.py)
        p.update(field.json_property(lambda ref: _ids(ref, vocab)))
    else:
        raise TypeError(f"no JSON Schema for {field!r}")
    return p


def json_schema(collection: Collection, vocab: KnowledgeBase) -> dict:
    item = {
        "type": "object",
        "properties": {f.key: _property(f, vocab) for f in collection.fields},
        "required": [f.key for f in collection.required],
        "additionalProperties": False,
    }
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://brobygningsbasen.example.org/schemas/{collection.schema_file}",
        "title": f"{collection.title} ({collection.source})",
        "description": collection.doc,
    }
    if collection.shape == RECORDS:
        return {**head, "type": "array", "items": item}
    return {**head, **item}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m brobyg.commands.generate", description=__doc__.split("\n\n")[0])
    p.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if a derived file is stale")
    args = p.parse_args(argv)
    root = args.root.resolve()
    if args.check:
        old = stale(root)
        for rel in old:
            print(f"{rel}: forældet; kør python -m brobyg.commands.generate", file=sys.stderr)
        return 1 if old else 0
    for rel, content in generated(root).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            print(f"skrev {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
