"""`build.py new --from-issue FILE`: a GitHub issue form's body -> a case file.

GitHub writes the answers of an issue form as ``### <label>`` sections, with
``_No response_`` for an empty answer and ``- [X] <option>`` for a ticked
checkbox. The questions are ``issue_form.form_parts()``, so the form and this
converter read the same list.

Every answer is checked against the case schema and the vocabularies. Missing
or odd answers never become a file: they become a Danish comment that says
what to fix in the issue (``--comment-file``, posted by the workflow). When all
answers are fine, the images in the issue are fetched into the case's own
folder (``attachments.py``: GitHub's own attachment hosts only), the case is
written and run through `check`; anything `check` refuses is reported in the
comment the same way, and the files are removed again.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import yaml

from brobyg.model import KnowledgeBase, slugify
from brobyg.problems import ERROR, Report
from brobyg.project import Project
from brobyg.render.issue_form import CONSENT, IMAGES, LABEL, Part, form_parts
from brobyg.schema.types import Choice, Contact, Names, Period, Ref, RefList, Text
from brobyg.validate.rules.fields import CONTACT_EMAIL_RE, CONTACT_PHONE_RE
from brobyg.validate.vocab import did_you_mean, load_vocabularies

NO_RESPONSE = {"_no response_", "no response", "none", "_none_", "ingen", "-"}
SECTION = re.compile(r"^###[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
CHECKBOX = re.compile(r"^[ \t]*[-*][ \t]+\[([ xX])\][ \t]+(.+?)[ \t]*$", re.M)
MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
MONTH = r"(\d{4})-(0[1-9]|1[0-2])"
PERIOD_RE = re.compile(rf"^(?:fra\s+)?{MONTH}(?:\s*(?:–|-|—|til)\s*{MONTH})?$", re.I)
# What GitHub or a phone calls an image when nobody described it.
GENERIC_ALT = re.compile(r"^(image|billede|img|photo|foto|picture|screenshot|skærmbillede|unavngivet|untitled)\b|\.(png|jpe?g|gif|webp|heic)$|^(img|dsc|pxl)[_-]?\d+", re.I)


@dataclass
class ImageRef:
    url: str
    alt: str
    source: str  # the text as written in the issue, replaced in the body


@dataclass
class Draft:
    fields: dict = field(default_factory=dict)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (heading, Markdown)
    images: list[ImageRef] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # Danish, one per thing to fix


def split_sections(body: str, labels: set[str]) -> dict[str, str]:
    """label -> answer text for the form's own headings (other '###' lines are content)."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    hits = [m for m in SECTION.finditer(body) if m.group(1).strip() in labels]
    out: dict[str, str] = {}
    for i, m in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(body)
        answer = body[m.end():end].strip()
        out.setdefault(m.group(1).strip(), "" if answer.casefold() in NO_RESPONSE else answer)
    return out


class _ImgAttrs(HTMLParser):
    def __init__(self, tag: str) -> None:
        super().__init__()
        self.attrs: dict[str, str] = {}
        self.feed(tag)

    def handle_starttag(self, tag, attrs):
        self.attrs = {k: v or "" for k, v in attrs}


def find_images(text: str) -> list[ImageRef]:
    found = [ImageRef(m.group(2), m.group(1).strip(), m.group(0)) for m in MD_IMAGE.finditer(text)]
    for m in HTML_IMAGE.finditer(text):
        attrs = _ImgAttrs(m.group(0)).attrs
        found.append(ImageRef(html.unescape(attrs.get("src", "")), html.unescape(attrs.get("alt", "")).strip(), m.group(0)))
    return found


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _pick(part: Part, answer: str, vocab_hint: str, d: Draft) -> str | None:
    """A dropdown answer -> its value."""
    by_label = {label.casefold(): value for value, label in part.options}
    by_value = {value.casefold(): value for value, _ in part.options}
    key = _one_line(answer).casefold()
    if key in by_label:
        return by_label[key]
    if key in by_value:
        return by_value[key]
    labels = [label for _, label in part.options]
    d.problems.append(f"**{part.label}**: „{_one_line(answer)}“ kender vi ikke.{did_you_mean(_one_line(answer), labels)} "
                      f"Vælg et af punkterne i listen{vocab_hint}.")
    return None


def _ticked(part: Part, answer: str, d: Draft) -> list[str]:
    by_label = {label.casefold(): value for value, label in part.options}
    picked, unknown = [], []
    for mark, label in CHECKBOX.findall(answer):
        if mark.strip():
            value = by_label.get(_one_line(label).casefold())
            if value is None:
                unknown.append(label)
            elif value not in picked:
                picked.append(value)
    if unknown:
        d.problems.append(f"**{part.label}**: {', '.join(f'„{u}“' for u in unknown)} står ikke i formularen. Sæt kryds ved punkterne i listen.")
    return picked


def convert(text: str, vocab: KnowledgeBase, today: dt.date, repository_private: bool | None = None) -> Draft:
    parts = form_parts(vocab)
    answers = split_sections(text, {p.label for p in parts})
    d = Draft()
    if not answers:
        d.problems.append("Issuet er ikke skrevet med formularen „Ny case“, så felterne kan ikke findes. "
                          "Opret et nyt issue med formularen, og kopiér teksten over i den.")
        return d
    contact: dict[str, str] = {}
    extra_images: list[ImageRef] = []
    for p in parts:
        answer = answers.get(p.label, "")
        f = p.field
        if p.heading:
            if answer:
                d.sections.append((p.heading, answer))
            continue
        if p.label == IMAGES:
            extra_images = find_images(answer)  # after the ones in the text, in reading order
            continue
        if p.label == CONSENT:
            ticked = [mark for mark, _ in CHECKBOX.findall(answer) if mark.strip()]
            if len(ticked) < len(p.options):
                d.problems.append(f"**{CONSENT}**: sæt kryds ved alle {len(p.options)} punkter. FriSe kan ikke udgive casen uden.")
            continue
        if not answer:
            if f.required:
                d.problems.append(f"**{p.label}**: mangler. {p.description}".rstrip())
            continue
        if isinstance(f, Text):
            value = _one_line(answer)
            if not f.min_len <= len(value) <= f.max_len:
                d.problems.append(f"**{p.label}**: er {len(value)} tegn; den skal være {f.min_len}–{f.max_len} tegn.")
            elif f.plain and (find_images(value) or re.search(r"<[a-zA-Z/!]|\[[^\]]*\]\(|\*\*|__|`", value)):
                d.problems.append(f"**{p.label}**: skal være almindelig tekst uden billeder, links eller formatering.")
            else:
                d.fields[f.key] = value
        elif isinstance(f, RefList):
            picked = _ticked(p, answer, d)
            if not f.min_items <= len(picked) <= f.max_items:
                d.problems.append(f"**{p.label}**: sæt kryds ved {f.min_items}–{f.max_items}; der er {len(picked)}.")
            else:
                d.fields[f.key] = picked
        elif isinstance(f, (Ref, Choice)):
            hint = ", eller skriv til FriSe, hvis jeres center mangler" if isinstance(f, Ref) else ""
            value = _pick(p, answer, hint, d)
            if value is not None:
                d.fields[f.key] = value
        elif isinstance(f, Period):
            m = PERIOD_RE.match(_one_line(answer))
            if not m:
                d.problems.append(f"**{p.label}**: „{_one_line(answer)}“ kan ikke læses. Skriv fx 2024-01 til 2025-06, eller 2024-01, hvis indsatsen stadig kører.")
            else:
                start, end = f"{m.group(1)}-{m.group(2)}", (f"{m.group(3)}-{m.group(4)}" if m.group(3) else None)
                if end and end < start:
                    d.problems.append(f"**{p.label}**: slutter ({end}) før den begynder ({start}).")
                else:
                    d.fields[f.key] = {"start": start, **({"end": end} if end else {})}
        elif isinstance(f, Names):
            names = [_one_line(line.lstrip("-*• \t")) for line in answer.split("\n")]
            names = [n for n in names if n]
            long = [n for n in names if len(n) > f.max_len]
            if long:
                d.problems.append(f"**{p.label}**: „{long[0][:40]}…“ er for langt; skriv korte navne (højst {f.max_len} tegn), ét pr. linje.")
            elif names:
                d.fields[f.key] = names
        elif isinstance(f, Contact):
            value = _one_line(answer)
            if p.part == "email" and not CONTACT_EMAIL_RE.match(value):
                d.problems.append(f"**{p.label}**: „{value}“ er ikke en e-mailadresse. Skriv den som navn@frivilligcenter.dk.")
            elif p.part == "phone" and not CONTACT_PHONE_RE.match(value):
                d.problems.append(f"**{p.label}**: „{value}“ er ikke et telefonnummer. Skriv det som 12 34 56 78 eller +45 12 34 56 78.")
            else:
                contact[p.part] = value
    if contact:
        if "name" not in contact:
            d.problems.append("**Kontaktperson**: skriv også kontaktpersonens navn, eller slet de andre kontaktoplysninger.")
        else:
            d.fields["contact"] = {k: contact[k] for k in ("name", "role", "email", "phone") if k in contact}
    if d.fields.get("visibility") == "members" and repository_private is False:
        d.problems.append("**Hvem må se casen**: dette repository er offentligt, så en case kun for medlemmer kan ikke laves herfra "
                          "(alle kan læse issuet og filerne). Vælg „Alle kan se casen“, eller send casen til FriSe på anden vis.")
    if not d.sections:
        d.problems.append("**Teksten**: skriv under mindst én af overskrifterne (Baggrund, Målgruppe, Sådan gjorde vi …). "
                          "Casen har ellers ingen tekst.")
    for _, answer in d.sections:
        d.images.extend(find_images(answer))
    d.images.extend(extra_images)
    from brobyg.commands.attachments import allowed

    for n, img in enumerate(d.images, 1):
        if not allowed(img.url):
            d.problems.append(f"**Billede {n}** („{img.url[:60]}“) er ikke lagt op i issuet. Træk selve billedfilen ind i feltet, "
                              "så GitHub gemmer den; billeder fra andre hjemmesider bruges ikke.")
        if not img.alt or GENERIC_ALT.search(img.alt):
            named = f" („{img.alt}“)" if img.alt else ""
            d.problems.append(f"**Billede {n}**{named} mangler en beskrivelse. Skriv i de kantede parenteser, hvad billedet viser, "
                              "fx `![Frivillige ved caféens bord](…)`. Skærmlæsere læser teksten højt.")
    d.fields["published"] = today
    return d


def case_text(d: Draft, image_paths: dict[str, str]) -> str:
    from brobyg.render.form_fields import FIELDS

    fields = {f.key: d.fields[f.key] for f in FIELDS if f.key in d.fields}
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=None, width=88)
    sections = []
    for heading, answer in d.sections:
        for img in d.images:
            if img.source in answer:
                answer = answer.replace(img.source, f"![{_one_line(img.alt)}]({image_paths[img.url]})")
        sections.append(f"## {heading}\n\n{answer.strip()}\n")
    extra = [img for img in d.images if not any(img.source in a for _, a in d.sections)]
    body = "\n".join(sections)
    if extra:
        body += "\n" + "\n".join(f"![{_one_line(img.alt)}]({image_paths[img.url]})\n" for img in extra)
    return f"---\n{front}---\n\n{body}"


def comment(problems: list[str]) -> str:
    lines = [
        "Tak for forslaget! Før casen kan laves, skal dette rettes. Redigér issuet (•••  → Edit), ret punkterne, "
        f"og bed FriSe om at sætte mærket `{LABEL}` på igen:",
        "",
        *[f"- {p}" for p in problems],
        "",
        "Vejledningen „Skriv en case“ på sitet forklarer felterne og reglerne for privatliv.",
    ]
    return "\n".join(lines) + "\n"


def _unique_slug(project: Project, title: str) -> str:
    base = slugify(title)[:60].strip("-") or "ny-case"
    slug, n = base, 2
    while (project.cases_dir / f"{slug}.md").exists() or (project.cases_dir / slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


Fetch = Callable[[str], tuple[bytes, str]]  # url -> (bytes, file extension with dot)


def write_case(root: Path, d: Draft, fetch: Fetch | None, warnings: list[str] | None = None) -> tuple[Path | None, list[str]]:
    """Write the case (and its images); on any problem remove them again.
    `check`'s warnings on the written case are added to ``warnings``."""
    from brobyg.commands.attachments import AttachmentError
    from brobyg.validate.check import check

    project = Project(root)
    slug = _unique_slug(project, d.fields["title"])
    folder = project.cases_dir / slug
    path = project.cases_dir / f"{slug}.md"
    image_paths: dict[str, str] = {}
    written: list[Path] = []
    problems: list[str] = []
    for n, img in enumerate(d.images, 1):
        if img.url in image_paths:
            continue
        if fetch is None:
            problems.append(f"**Billede {n}** blev ikke hentet (kør med --fetch-images).")
            continue
        try:
            data, ext = fetch(img.url)
        except AttachmentError as exc:
            problems.append(f"**Billede {n}**: {exc}")
            continue
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"billede-{n}{ext}"
        target.write_bytes(data)
        written.append(target)
        image_paths[img.url] = f"{slug}/{target.name}"
    if not problems:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(case_text(d, image_paths), encoding="utf-8")
        written.append(path)
        rel = project.rel(path)
        for p in check(root, [path]).report.sorted():
            if p.path not in (rel, *(project.rel(w) for w in written)):
                continue
            if p.severity == ERROR:
                problems.append(f"{p.message} (`{p.code}`)")
            elif warnings is not None:
                warnings.append(f"{p.message} (`{p.code}`)")
    if problems:
        for w in written:
            w.unlink(missing_ok=True)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        return None, problems
    return path, []


def from_issue_command(root: Path, issue_file: Path, comment_file: Path | None, fetch_images: bool,
                       repository_private: str | None = None, today: dt.date | None = None) -> int:
    from brobyg.commands.attachments import fetch_attachment

    def answer(problems: list[str], ok_text: str = "") -> None:
        text = comment(problems) if problems else ok_text
        if comment_file:
            comment_file.write_text(text, encoding="utf-8")
        print(text, file=sys.stderr if problems else sys.stdout)

    try:
        text = issue_file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"build.py: fejl: kan ikke læse {issue_file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    private = {"true": True, "false": False}.get((repository_private or "").strip().lower())
    report = Report()
    vocab = load_vocabularies(Project(root), report)
    if report.problems:
        answer(["Vidensbasens datafiler har fejl lige nu, så casen kan ikke laves. FriSe retter det og prøver igen."])
        return 1
    d = convert(text, vocab, today or dt.date.today(), private)
    if d.problems:
        answer(d.problems)
        return 1
    warnings: list[str] = []
    path, problems = write_case(root, d, fetch_attachment if fetch_images else None, warnings)
    if problems:
        answer(problems)
        return 1
    rel = Project(root).rel(path)
    notes = "".join(f"\n- {w}" for w in warnings)
    answer([], f"Tak! Forslaget er nu casen `{rel}`, og FriSe gennemgår den i et pull request, før den udgives.\n"
               + (f"\nDet kan I eventuelt forbedre (ikke påkrævet):{notes}\n" if warnings else ""))
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as out:
            out.write(f"case={rel}\n")
    print(rel)
    return 0
