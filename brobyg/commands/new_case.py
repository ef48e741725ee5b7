"""`build.py new`: ask for a case's fields in Danish and write a valid file.

Every answer is checked as it is given, against the same vocabularies the
validator reads, and the finished file is run through the validator.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

from brobyg.model import SUGGESTED_HEADINGS, THEME_IDS, slugify
from brobyg.problems import ERROR, Report
from brobyg.project import Project
from brobyg.validate.check import check
from brobyg.validate.vocab import load_vocabularies

# The same prompts as under the headings of templates/case.md (a test holds them together);
# `check` refuses a case that still has them (validate/template_text.py).
HINTS = {
    "Baggrund": "Hvorfor begyndte I? Hvilket problem eller behov ville I gøre noget ved?",
    "Målgruppe": "Hvem var indsatsen for? Beskriv gruppen, aldrig en person, der kan genkendes.",
    "Sådan gjorde vi": "Fortæl konkret, gerne trin for trin, hvad I gjorde, og hvem der var med.",
    "Resultater": "Hvad kom der ud af det? Skriv det, hvis tallene er skøn.",
    "Det lærte vi": "Hvad gik anderledes end ventet, og hvad ville I gøre om?",
    "Gode råd": "Giv tre til fem korte råd til et center, der vil prøve det samme.",
}


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


def _choose(label: str, options: list[tuple[str, str]], many: bool) -> list[str]:
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
        if picked and all(1 <= n <= len(options) for n in picked) and (many or len(picked) == 1):
            return list(dict.fromkeys(options[n - 1][0] for n in picked))
        print(f"  Skriv {how} mellem 1 og {len(options)}.")


def new_command(root: Path) -> int:
    project = Project(root)
    report = Report()
    vocab = load_vocabularies(project, report)
    centres, groups, themes = vocab.centres, vocab.target_groups, vocab.themes
    if report.problems or not centres or not groups:
        print("Datafilerne har fejl; ret dem først (python build.py check).", file=sys.stderr)
        return 1
    print("Ny case. Svar på spørgsmålene; du kan rette alt i filen bagefter.\n")
    try:
        title = _ask_text("Titel", 5, 120)
        summary = _ask_text("Kort resumé", 20, 300)
        centre = _choose("Center", [(c.id, f"{c.name} ({c.municipality})") for c in centres.values()], many=False)[0]
        theme_ids = _choose("Temaer", [(t, f"{themes[t].title} – {themes[t].question}" if t in themes else t) for t in THEME_IDS], many=True)
        group_ids = _choose("Målgrupper", [(g.id, g.label) for g in groups.values()], many=True)
        visibility = _choose("Hvem må se casen", [("public", "Alle (offentlig)"), ("members", "Kun medlemmer af netværket")], many=False)[0]
    except (_NoInput, KeyboardInterrupt):
        print("\nAfbrudt; der er ikke skrevet nogen fil.", file=sys.stderr)
        return 2

    base = slugify(title) or "ny-case"
    slug, n = base, 2
    while (project.cases_dir / f"{slug}.md").exists():
        slug, n = f"{base}-{n}", n + 1
    fields = {
        "title": title, "summary": summary, "centre": centre, "themes": theme_ids,
        "target_groups": group_ids, "visibility": visibility, "published": dt.date.today(),
    }
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=None, width=88)
    body = "\n".join(f"## {h}\n\n*{HINTS[h]}*\n" for h in SUGGESTED_HEADINGS)
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
