"""Load the vocabularies FriSe edits by pull request: regions, centres,
target groups and the six topic texts. Each check reads from here."""

from __future__ import annotations

import re

from brobyg.load.frontmatter import Failure, Y
from brobyg.model import SLUG_RE, THEME_IDS, Centre, KnowledgeBase, TargetGroup, Theme, slugify
from brobyg.problems import Related, Report
from brobyg.project import Project
from brobyg.schema.centres import CENTRES
from brobyg.schema.target_groups import TARGET_GROUPS
from brobyg.schema.topics import TOPICS
from brobyg.schema.types import Collection, Text, TextList
from brobyg.validate.rules import frontmatter as fm_rules
from brobyg.validate.rules.base import did_you_mean
from brobyg.validate.rules.vocabularies import (
    DATA_DUPLICATE, DATA_FIELD, DATA_ID, DATA_MISSING, DATA_MUNICIPALITY, DATA_SHAPE, DATA_UNKNOWN_KEY, TOPIC_FIELD,
    TOPIC_MISSING, TOPIC_UNKNOWN,
)

URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)


def _load_yaml_file(project: Project, path, report: Report) -> tuple[str, Y | None]:
    rel = project.rel(path)
    if not path.exists():
        report.add(DATA_MISSING, rel, 0, 0, f"Datafilen {rel} mangler.", "Den skal findes i repositoriet; gendan den fra git.")
        return rel, None
    src = fm_rules.read(report, path, rel)
    if src is None:
        return rel, None
    root = fm_rules.parse(report, src.text, rel, 1)
    if root is None:  # only comments and blank lines
        report.add(DATA_SHAPE, rel, 1, 1, f"Datafilen {rel} indeholder ingen data, kun kommentarer.", "Gendan indholdet fra git.")
    return rel, None if isinstance(root, Failure) else root


def load_regions(project: Project, report: Report) -> dict[str, str]:
    """municipality -> region, from data/municipalities.yml."""
    rel, root = _load_yaml_file(project, project.municipalities_file, report)
    regions: dict[str, str] = {}
    first: dict[str, Y] = {}
    if root is None:
        return regions
    if not root.is_map:
        report.add(DATA_SHAPE, rel, root.line, root.col, "Filen skal have en region pr. linje med en liste af kommuner under.")
        return regions
    for region, munis in root.value.items():
        if not munis.is_seq:
            report.add(DATA_SHAPE, rel, munis.line, munis.col, f"Under '{region}' skal der stå en liste af kommuner ('- Navn').")
            continue
        for m in munis.value:
            if not isinstance(m.value, str) or not m.value.strip():
                report.add(DATA_FIELD, rel, m.line, m.col, "En kommune skal være et navn.")
            elif m.value in regions:
                report.add(DATA_DUPLICATE, rel, m.line, m.col, f"Kommunen '{m.value}' står to gange.", "Slet den ene.",
                           (Related(rel, first[m.value].line, first[m.value].col, "første gang"),))
            else:
                regions[m.value] = str(region)
                first[m.value] = m
    return regions


def _records(project: Project, path, report: Report, fields: dict[str, bool], what: str):
    """Yield (rel, record Y) for each well-formed record of a list-of-maps file."""
    rel, root = _load_yaml_file(project, path, report)
    if root is None:
        return
    if not root.is_seq:
        report.add(DATA_SHAPE, rel, root.line, root.col, f"Filen skal være en liste af {what}, hver startende med '- id: …'.")
        return
    seen: dict[str, Y] = {}
    for rec in root.value:
        if not rec.is_map:
            report.add(DATA_SHAPE, rel, rec.line, rec.col, f"Hvert element skal have felterne {', '.join(fields)}.")
            continue
        ok = True
        for key, (kline, kcol) in rec.key_pos.items():
            if key not in fields:
                report.add(DATA_UNKNOWN_KEY, rel, kline, kcol, f"Ukendt felt '{key}'.", f"{did_you_mean(key, fields)} Tilladte felter: {', '.join(fields)}.")
                ok = False
        for key, required in fields.items():
            node = rec.value.get(key)
            if node is None:
                if required:
                    report.add(DATA_FIELD, rel, rec.line, rec.col, f"Feltet '{key}' mangler.")
                    ok = False
            elif not isinstance(node.value, str) or not node.value.strip():
                report.add(DATA_FIELD, rel, node.line, node.col, f"Feltet '{key}' skal være en tekst.")
                ok = False
        ident = rec.value.get("id")
        if ident is not None and isinstance(ident.value, str):
            if not SLUG_RE.match(ident.value):
                report.add(DATA_ID, rel, ident.line, ident.col, f"Id'et '{ident.value}' må kun indeholde a-z, 0-9 og '-'.", f"Brug '{slugify(ident.value)}'.")
                ok = False
            elif ident.value in seen:
                other = seen[ident.value]
                report.add(DATA_DUPLICATE, rel, ident.line, ident.col, f"Id'et '{ident.value}' bruges allerede på linje {other.line}.",
                           "Id'er skal være unikke.", (Related(rel, other.line, other.col, "første gang"),))
                ok = False
            else:
                seen[ident.value] = ident
        if ok:
            yield rel, rec


def _model(collection: Collection, rec: Y, **extra):
    """The model object of a valid record: texts stripped, the rest as written."""
    attrs = {f.model_attr: rec.value[f.key].value for f in collection.fields if f.key in rec.value}
    attrs.update((f.model_attr, attrs[f.model_attr].strip()) for f in collection.fields if isinstance(f, Text) and f.model_attr in attrs)
    return collection.model(**attrs, **extra)


def load_centres(project: Project, regions: dict[str, str], report: Report) -> dict[str, Centre]:
    centres: dict[str, Centre] = {}
    fields = {f.key: f.required for f in CENTRES.fields}
    for rel, rec in _records(project, project.centres_file, report, fields, "centre"):
        muni = rec.value["municipality"]
        if regions and muni.value not in regions:
            report.add(DATA_MUNICIPALITY, rel, muni.line, muni.col, f"Ukendt kommune '{muni.value}'.",
                       f"{did_you_mean(muni.value, regions)} Kommunerne står i data/municipalities.yml.")
            continue
        site = rec.value.get("website")
        if site is not None and not URL_RE.match(site.value):
            report.add(DATA_FIELD, rel, site.line, site.col, "Hjemmesiden skal være en fuld adresse, der starter med https://.")
            continue
        centre = _model(CENTRES, rec, region=regions.get(muni.value, ""))
        centres[centre.id] = centre
    return centres


def load_target_groups(project: Project, report: Report) -> dict[str, TargetGroup]:
    fields = {f.key: f.required for f in TARGET_GROUPS.fields}
    groups = (_model(TARGET_GROUPS, rec) for _, rec in _records(project, project.target_groups_file, report, fields, "målgrupper"))
    return {group.id: group for group in groups}


def load_topics(project: Project, report: Report) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for path in sorted(project.topics_dir.glob("*.md")) if project.topics_dir.is_dir() else []:
        rel = project.rel(path)
        if path.stem not in THEME_IDS:
            report.add(TOPIC_UNKNOWN, rel, 0, 0, f"'{path.stem}' er ikke et af netværkets seks temaer.",
                       f"{did_you_mean(path.stem, THEME_IDS)} Temaerne er: {', '.join(THEME_IDS)}.")
            continue
        theme = _load_topic(path, rel, report)
        if theme:
            themes[theme.id] = theme
    keys = TOPICS.keys
    for tid in THEME_IDS:
        path = project.topics_dir / f"{tid}.md"
        if not path.exists():
            report.add(TOPIC_MISSING, project.rel(path), 0, 0, f"Temaet '{tid}' mangler sin tekstfil.",
                       f"Opret topics/{tid}.md med {', '.join(keys[:-1])} og {keys[-1]}.")
    # The network's order, not the file system's.
    return {tid: themes[tid] for tid in THEME_IDS if tid in themes}


def _load_topic(path, rel: str, report: Report) -> Theme | None:
    loaded = fm_rules.read_front_matter(report, path, rel, kind="topic")
    if loaded is None:
        return None
    split, fm = loaded
    ok = True
    keys = TOPICS.keys
    for key, (line, col) in fm.key_pos.items():
        if key not in TOPICS:
            report.add(TOPIC_FIELD, rel, line, col, f"Ukendt felt '{key}'.", f"{did_you_mean(key, keys)} Tilladte felter: {', '.join(keys)}.")
            ok = False
    values: dict = {}
    for f in TOPICS.fields:
        node = fm.value.get(f.key)
        line, col = (node.line, node.col) if node else (1, 1)
        if isinstance(f, Text):
            if node is None or not isinstance(node.value, str) or not node.value.strip():
                report.add(TOPIC_FIELD, rel, line, col, f"Feltet '{f.key}' skal være en tekst.")
                ok = False
            else:
                values[f.model_attr] = node.value.strip()
        elif isinstance(f, TextList):
            if (node is None or not node.is_seq or not f.min_items <= len(node.value) <= f.max_items
                    or not all(isinstance(q.value, str) for q in node.value)):
                report.add(TOPIC_FIELD, rel, line, col,
                           f"Feltet '{f.key}' skal være en liste med {f.min_items}–{f.max_items} spørgsmål ('- Hvordan …?').")
                ok = False
            else:
                values.update(f.to_model([q.value.strip() for q in node.value]))
    if not split.body.strip():
        report.add(TOPIC_FIELD, rel, split.body_first_line, 1, "Temaet mangler en introduktion.", "Skriv et par afsnit efter front matter.")
        ok = False
    if not ok:
        return None
    return TOPICS.model(id=path.stem, intro=split.body.strip(), **values)


def load_vocabularies(project: Project, report: Report) -> KnowledgeBase:
    """Themes, centres, target groups and regions, without cases yet."""
    regions = load_regions(project, report)
    return KnowledgeBase(
        themes=load_topics(project, report),
        centres=load_centres(project, regions, report),
        target_groups=load_target_groups(project, report),
        regions=regions,
    )
