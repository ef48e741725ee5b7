"""`build.py new`: ask for a case's fields in Danish and write a valid file.

The questions and their limits come from the case schema; every answer is
checked as it is given, against the same vocabularies the validator reads,
and the finished file is run through the validator.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

from brobyg.model import THEME_IDS, KnowledgeBase, slugify
from brobyg.problems import ERROR, Report
from brobyg.project import Project
from brobyg.schema.cases import CASES, starting_body
from brobyg.schema.types import Choice, Date, Field, Ref, RefList, Text
from brobyg.validate.check import check
from brobyg.validate.vocab import load_vocabularies


class _NoInput(Exception):
    pass


def _ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        raise _NoInput from None


def _ask_text(label: str, lo: int, hi: int) -> str:
    while True:
        text = " ".join(_ask(f"{label} ({lo}–{hi} tegn): ").split())
        if lo <= len(text) <= hi:
            return text
        print(f"  Teksten er {len(text)} tegn; den skal være {lo}–{hi} tegn. Prøv igen.")


def _choose(label: str, options: list[tuple[str, str]], many: bool, lo: int = 1, hi: int = 1) -> list[str]:
    print(f"{label}:")
    for i, (_, text) in enumerate(options, 1):
        print(f"  {i:2}. {text}")
    how = "et eller flere numre adskilt af komma" if many else "ét nummer"
    while True:
        answer = _ask(f"Vælg {how}: ")
        try:
            picked = [int(a) for a in answer.replace(" ", "").split(",") if a]
        except ValueError:
            picked = []
        chosen = list(dict.fromkeys(options[n - 1][0] for n in picked if 1 <= n <= len(options)))
        if picked and all(1 <= n <= len(options) for n in picked) and (many or len(picked) == 1) and lo <= len(chosen) <= hi:
            return chosen
        print(f"  Skriv {how} mellem 1 og {len(options)}." + (f" Vælg {lo}–{hi}." if many else ""))


def _options(field: Field, vocab: KnowledgeBase) -> list[tuple[str, str]]:
    """What to choose between for a reference or choice field, in Danish."""
    if isinstance(field, Choice):
        return [(value, meaning[:1].upper() + meaning[1:]) for value, meaning in field.choices]
    if field.vocabulary == "themes":
        themes = vocab.themes
        return [(t, f"{themes[t].title} – {themes[t].question}" if t in themes else t) for t in THEME_IDS]
    if field.vocabulary == "centres":
        return [(c.id, f"{c.name} ({c.municipality})") for c in vocab.centres.values()]
    return [(g.id, g.label) for g in vocab.target_groups.values()]


def _answer(field: Field, vocab: KnowledgeBase):
    """Ask for one required field, within the schema's limits."""
    if isinstance(field, Text):
        return _ask_text(field.label, field.min_len, field.max_len)
    if isinstance(field, Date):
        return dt.date.today()
    label = field.label
    if isinstance(field, RefList):
        return _choose(label, _options(field, vocab), many=True, lo=field.min_items, hi=field.max_items)
    if isinstance(field, (Ref, Choice)):
        return _choose(label, _options(field, vocab), many=False)[0]
    raise TypeError(f"build.py new cannot ask for {field!r}")


def new_command(root: Path, args=None) -> int:
    from brobyg.commands.new_flags import flag, given

    project = Project(root)
    report = Report()
    vocab = load_vocabularies(project, report)
    if report.problems or not vocab.centres or not vocab.target_groups:
        print("Datafilerne har fejl; ret dem først (python build.py check).", file=sys.stderr)
        return 1
    preset, errors = given(args, vocab) if args is not None else ({}, [])
    missing = [f for f in CASES.required if f.key not in preset and not isinstance(f, Date)]
    if preset and missing and not sys.stdin.isatty():
        errors.append("disse felter mangler: " + ", ".join(flag(f) for f in missing))
    for e in errors:
        print(f"build.py new: fejl: {e}", file=sys.stderr)
    if errors:
        return 2
    if missing:
        print("Ny case. Svar på spørgsmålene; du kan rette alt i filen bagefter.\n")
    try:
        fields = {f.key: preset[f.key] if f.key in preset else _answer(f, vocab) for f in CASES.required}
    except (_NoInput, KeyboardInterrupt):
        print("\nAfbrudt; der er ikke skrevet nogen fil.", file=sys.stderr)
        return 2

    base = slugify(fields["title"]) or "ny-case"
    slug, n = base, 2
    while (project.cases_dir / f"{slug}.md").exists():
        slug, n = f"{base}-{n}", n + 1
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=None, width=88)
    body = starting_body()
    path = project.cases_dir / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")

    from brobyg.validate.rules.body import BODY_PROMPT

    problems = [p for p in check(root, [path]).report.sorted() if p.path == project.rel(path)]
    # The prompts are meant to be there now; `check` refuses the case until they are replaced.
    prompts = [p for p in problems if p.code == BODY_PROMPT.code]
    problems = [p for p in problems if p.code != BODY_PROMPT.code]
    print(f"\nSkrev {project.rel(path)}. Erstat de {len(prompts)} kursive hjælpetekster med jeres egen tekst;")
    print("indtil da melder tjekket dem som fejl, så casen ikke udgives halvfærdig.")
    print(f"Tjek filen med: python build.py check {project.rel(path)}")
    for p in problems:
        print(p.as_text())
    return 1 if any(p.severity == ERROR for p in problems) else 0
