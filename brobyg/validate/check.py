"""The validator: every rule with its code, run over the whole knowledge base.

``check()`` never raises on bad input: each problem becomes a ``Problem``
with file, line, code and a Danish message saying what to do. It returns the
model of everything that was valid, so the build reads the same model the
checks vouched for.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from brobyg.validate import body as bodyscan
from brobyg import forked
from brobyg.validate import placement, privacy
from brobyg.load.frontmatter import Y, is_date, parse_front_matter, parse_yaml, read_text, split_front_matter
from brobyg.model import (
    SLUG_RE, SUGGESTED_HEADINGS, THEME_IDS, VISIBILITIES, Case, Contact, KnowledgeBase, slugify,
)
from brobyg.problems import ERROR, Report
from brobyg.project import Project
from brobyg.validate.vocab import did_you_mean, load_vocabularies

REQUIRED = ("title", "summary", "centre", "themes", "target_groups", "visibility", "published")
OPTIONAL = ("updated", "period", "partners", "contact", "example")
KNOWN_KEYS = REQUIRED + OPTIONAL
CONTACT_KEYS = ("name", "role", "email", "phone")
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp")
MAX_IMAGE_BYTES = 5 * 1024 * 1024

CONTACT_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
CONTACT_PHONE_RE = re.compile(r"^(\+45 ?)?(\d{8}|\d{2}( \d{2}){3}|\d{4} \d{4})$|^\+\d{1,3}( ?\d){6,14}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MARKUP_RE = re.compile(r"<[a-zA-Z/!]|\[[^\]]*\]\(|\*\*|__|`")


@dataclass
class CheckResult:
    kb: KnowledgeBase
    report: Report
    files: int  # how many files were checked


def check(root: Path, paths: list[Path] | None = None, today: dt.date | None = None) -> CheckResult:
    """Check the knowledge base under ``root``; with ``paths``, only those files
    are reported on, but they are judged against the whole knowledge base."""
    project = Project(root)
    report = Report()
    today = today or dt.date.today()
    kb = load_vocabularies(project, report)
    data_files = [project.municipalities_file, project.centres_file, project.target_groups_file]
    data_files += [project.public_numbers_file] if project.public_numbers_file.exists() else []
    data_files += sorted(project.topics_dir.glob("*.md")) if project.topics_dir.is_dir() else []

    if paths is not None and any(root.resolve().is_relative_to(p.resolve()) for p in paths):
        paths = None  # `check .`: the whole knowledge base
    all_cases = project.case_files()
    expanded = [] if paths is None else _expand(paths)
    misplaced = placement.findings(project, paths, expanded)
    for f in misplaced:
        report.add(f.rel, 0, 0, f.code, f.message, f.severity)
    selected = all_cases if paths is None else [p for p in expanded if placement.is_case_path(project, p)]
    case_slugs = {p.stem for p in all_cases}

    def check_chunk(files: list[Path]) -> tuple[list[Case], list, list]:
        checker = CaseChecker(project, kb, Report(), today, case_slugs)
        cases = [case for case in map(checker.check_file, files) if case]
        return cases, checker.report.problems, checker.link_sites

    # Big knowledge bases are checked by several processes, in file order.
    checker = CaseChecker(project, kb, report, today, case_slugs)
    parts = [functools.partial(check_chunk, c) for c in forked.chunks(selected)]
    for cases, problems, link_sites in forked.run_side_by_side(parts):
        kb.cases.update((case.slug, case) for case in cases)
        report.problems.extend(problems)
        checker.link_sites.extend(link_sites)
    checker.check_members_links(kb)

    if paths is None:
        return CheckResult(kb, report, len(all_cases) + len(data_files) + len(misplaced))
    chosen = {project.rel(p) for p in expanded}
    files = len(chosen | {f.rel for f in misplaced})
    chosen |= {f.rel for f in misplaced}
    # Broken vocabularies make every case look wrong, so they are always shown.
    chosen |= {project.rel(p) for p in data_files}
    return CheckResult(kb, report.only(chosen), files)


def _expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.md"), key=str) if p.is_dir() else [p])
    return out


def _is_file(path: Path) -> bool:
    """Path.is_file() without the OSError a 300-character link target raises (name too long)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


class _Lines:
    """Maps offsets in a text to 1-based (line, col) in its file."""

    def __init__(self, text: str, first_line: int) -> None:
        self.first_line = first_line
        self.text = text
        self.starts: list[int] | None = None  # built on the first problem: most files have none

    def at(self, offset: int) -> tuple[int, int]:
        if self.starts is None:
            self.starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + i, offset - self.starts[i] + 1


class CaseChecker:
    def __init__(self, project: Project, kb: KnowledgeBase, report: Report, today: dt.date, case_slugs: set[str]):
        self.project = project
        self.kb = kb
        self.report = report
        self.today = today
        self.case_slugs = case_slugs
        self.allow = privacy.Allowances.from_registry(kb.public_numbers, (c.website for c in kb.centres.values()))
        self._visibility_cache: dict[str, str | None] = {}
        self._real_root = os.path.realpath(project.root)
        self._real_dirs: dict[str, str] = {}
        self.link_sites: list[tuple[str, int, int, str, str | None]] = []  # (case rel, line, col, target slug, its visibility)

    # -- one file -----------------------------------------------------------

    def check_file(self, path: Path) -> Case | None:
        rel = self.project.rel(path)
        r = self.report
        before = len(r.problems)
        if not SLUG_RE.match(path.stem):
            suggestion = slugify(path.stem) or "min-case"
            r.error(rel, 0, 0, "FILE-NAME",
                    f"Filnavnet '{path.name}' er ikke gyldigt: brug kun a-z, 0-9 og '-' (æ→ae, ø→oe, å→aa). Omdøb filen til '{suggestion}.md'.")
        src = read_text(path, rel, r)
        split = src and split_front_matter(src, r)
        before_yaml = len(r.problems)
        fm = split and parse_front_matter(split, rel, r, KNOWN_KEYS + CONTACT_KEYS + ('start', 'end'))
        if split and fm is None and len(r.problems) == before_yaml:  # nothing but blank lines or comments
            r.error(rel, 1, 1, "FM-MISSING", "Front matter er tom. Udfyld felterne fra skabelonen templates/case.md.")
            return None
        if not fm:
            return None
        if not fm.is_map:
            r.error(rel, fm.line, fm.col, "FM-NOT-MAPPING",
                    "Front matter skal bestå af felter på formen 'navn: værdi', ét pr. linje (title, summary, …).")
            return None
        fields = self._fields(rel, fm, split.yaml_first_line)
        links = self._body(rel, split.body, split.body_first_line, path, fields.get("visibility"))
        if any(p.severity == ERROR for p in r.problems[before:]):
            return None
        contact = fields.get("contact")
        period = fields.get("period") or (None, None)
        return Case(
            slug=path.stem, path=rel, title=fields["title"], summary=fields["summary"], centre=fields["centre"],
            themes=tuple(fields["themes"]), target_groups=tuple(fields["target_groups"]),
            visibility=fields["visibility"], published=fields["published"], body=split.body,
            updated=fields.get("updated"), period_start=period[0], period_end=period[1],
            partners=tuple(fields.get("partners") or ()), contact=Contact(**contact) if contact else None,
            example=bool(fields.get("example", False)), case_links=tuple(links),
        )

    # -- front matter -------------------------------------------------------

    def _fields(self, rel: str, fm: Y, first_line: int) -> dict:
        r = self.report
        out: dict = {}
        for key, (line, col) in fm.key_pos.items():
            if key not in KNOWN_KEYS:
                r.error(rel, line, col, "CASE-UNKNOWN-KEY",
                        f"Ukendt felt '{key}'.{did_you_mean(key, KNOWN_KEYS)} Tilladte felter: {', '.join(KNOWN_KEYS)}.")
        for key in REQUIRED:
            if key not in fm.value:
                hint = " Skriv 'visibility: public' eller 'visibility: members'; der er ingen standardværdi." if key == "visibility" else ""
                r.error(rel, first_line, 1, "CASE-REQUIRED", f"Det påkrævede felt '{key}' mangler.{hint}")
        v = fm.value
        checks = {
            "title": lambda n: self._text(rel, n, "CASE-TITLE", "title", 5, 120),
            "summary": lambda n: self._text(rel, n, "CASE-SUMMARY", "summary", 20, 300, plain=True),
            "centre": lambda n: self._id(rel, n, "CASE-CENTRE", "centret", self.kb.centres, "data/centres.yml"),
            "themes": lambda n: self._ids(rel, n, "CASE-THEME", "tema", "temaer", THEME_IDS, "topics/", 1, 6),
            "target_groups": lambda n: self._ids(rel, n, "CASE-TARGET-GROUP", "målgruppe", "målgrupper", self.kb.target_groups, "data/target-groups.yml", 1, 12),
            "visibility": lambda n: self._visibility(rel, n),
            "published": lambda n: self._date(rel, n, "CASE-PUBLISHED", "published"),
            "updated": lambda n: self._date(rel, n, "CASE-UPDATED", "updated"),
            "period": lambda n: self._period(rel, n),
            "partners": lambda n: self._partners(rel, n),
            "contact": lambda n: self._contact(rel, n),
            "example": lambda n: self._bool(rel, n, "CASE-EXAMPLE", "example"),
        }
        for key, fn in checks.items():
            if key in v:
                value = fn(v[key])
                if value is not None:
                    out[key] = value
        pub, upd = out.get("published"), out.get("updated")
        if pub and upd and upd < pub:
            n = v["updated"]
            r.error(rel, n.line, n.col, "CASE-UPDATED", f"'updated' ({upd}) ligger før 'published' ({pub}). Ret en af datoerne.")
            del out["updated"]
        # Personal data may sit only in `contact`.
        for key in ("title", "summary", "partners"):
            if key in v:
                self._privacy_in_node(rel, v[key])
        return out

    def _privacy_in_node(self, rel: str, node: Y) -> None:
        items = node.value if node.is_seq else [node]
        for item in items:
            if isinstance(item.value, str):
                for _, code, msg in privacy.find(item.value, self.allow):
                    self.report.error(rel, item.line, item.col, code, msg)

    def _text(self, rel, n: Y, code, key, lo, hi, plain=False):
        if not isinstance(n.value, str):
            self.report.error(rel, n.line, n.col, code, f"'{key}' skal være en tekst. Sæt den i anførselstegn, hvis den ligner et tal eller en dato.")
            return None
        text = " ".join(n.value.split())
        if not lo <= len(text) <= hi:
            self.report.error(rel, n.line, n.col, code, f"'{key}' er {len(text)} tegn lang; den skal være {lo}–{hi} tegn.")
            return None
        if plain and MARKUP_RE.search(text):
            self.report.error(rel, n.line, n.col, code, f"'{key}' skal være almindelig tekst uden HTML, links eller Markdown-formatering.")
            return None
        return text

    def _id(self, rel, n: Y, code, what, known, where):
        if not isinstance(n.value, str):
            self.report.error(rel, n.line, n.col, code, f"Angiv {what} som et id, fx '{next(iter(known), 'frivilligcenter-eksempelby')}'.")
            return None
        if n.value not in known:
            self.report.error(rel, n.line, n.col, code, f"Ukendt id '{n.value}' for {what}.{did_you_mean(n.value, known)} De gyldige id'er står i {where}.")
            return None
        return n.value

    def _ids(self, rel, n: Y, code, what, whats, known, where, lo, hi):
        items = n.value if n.is_seq else None
        if items is None:
            example = ", ".join(list(known)[:2])
            self.report.error(rel, n.line, n.col, code, f"Skriv {whats} som en liste, fx [{example}].")
            return None
        if not lo <= len(items) <= hi:
            self.report.error(rel, n.line, n.col, code, f"Angiv {lo}–{hi} {whats}; der står {len(items)}.")
            return None
        out, ok = [], True
        for item in items:
            if not isinstance(item.value, str):
                self.report.error(rel, item.line, item.col, code, f"Hver {what} skal være et id (tekst), ikke '{item.value}'.")
                ok = False
            elif item.value not in known:
                self.report.error(rel, item.line, item.col, code,
                                  f"Ukendt {what} '{item.value}'.{did_you_mean(item.value, known)} De gyldige id'er står i {where}.")
                ok = False
            elif item.value in out:
                self.report.error(rel, item.line, item.col, code, f"'{item.value}' står to gange. Slet den ene.")
                ok = False
            else:
                out.append(item.value)
        return out if ok else None

    def _visibility(self, rel, n: Y):
        if n.value not in VISIBILITIES:
            self.report.error(rel, n.line, n.col, "CASE-VISIBILITY",
                              f"'visibility' skal være 'public' (alle kan se casen) eller 'members' (kun medlemmer), ikke '{n.value}'.{did_you_mean(n.value, VISIBILITIES)}")
            return None
        return n.value

    def _date(self, rel, n: Y, code, key):
        value = n.value
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                self.report.error(rel, n.line, n.col, code,
                                  f"'{key}' skal være en rigtig dato på formen ÅÅÅÅ-MM-DD, fx 2025-03-01; '{n.value}' er det ikke.")
                return None
        if not is_date(value):
            self.report.error(rel, n.line, n.col, code, f"'{key}' skal være en dato på formen ÅÅÅÅ-MM-DD, fx 2025-03-01.")
            return None
        if value > self.today:
            self.report.error(rel, n.line, n.col, code, f"'{key}' ({value}) ligger i fremtiden. Brug dagens dato eller en dato før.")
            return None
        return value

    def _period(self, rel, n: Y):
        if not n.is_map:
            self.report.error(rel, n.line, n.col, "CASE-PERIOD", "'period' skal skrives som {start: 2024-01, end: 2025-06}; udelad end, hvis indsatsen kører endnu.")
            return None
        ok = True
        for key, (line, col) in n.key_pos.items():
            if key not in ("start", "end"):
                self.report.error(rel, line, col, "CASE-PERIOD", f"'period' kender kun 'start' og 'end', ikke '{key}'.")
                ok = False
        months = {}
        for key in ("start", "end"):
            node = n.value.get(key)
            if node is None:
                continue
            m = MONTH_RE.match(str(node.value)) if isinstance(node.value, str) else None
            if not m or not 1 <= int(m.group(2)) <= 12:
                self.report.error(rel, node.line, node.col, "CASE-PERIOD", f"'{key}' skal være en måned på formen ÅÅÅÅ-MM, fx 2024-01; '{node.value}' er det ikke.")
                ok = False
            else:
                months[key] = node.value
        if "start" not in n.value:
            self.report.error(rel, n.line, n.col, "CASE-PERIOD", "'period' mangler 'start' (måneden indsatsen begyndte, fx 2024-01).")
            ok = False
        if ok and "end" in months and months["end"] < months["start"]:
            node = n.value["end"]
            self.report.error(rel, node.line, node.col, "CASE-PERIOD", f"Perioden slutter ({months['end']}) før den begynder ({months['start']}).")
            ok = False
        return (months["start"], months.get("end")) if ok else None

    def _partners(self, rel, n: Y):
        if not n.is_seq or not all(isinstance(i.value, str) and 1 <= len(i.value.strip()) <= 80 for i in n.value):
            self.report.error(rel, n.line, n.col, "CASE-PARTNERS", "'partners' skal være en liste af korte navne (højst 80 tegn), fx [Kommunens jobcenter, Lokal idrætsforening].")
            return None
        return [i.value.strip() for i in n.value]

    def _contact(self, rel, n: Y):
        r = self.report
        if not n.is_map:
            r.error(rel, n.line, n.col, "CASE-CONTACT", "'contact' skal have felterne name, role, email og phone, hver på sin egen linje.")
            return None
        ok = True
        for key, (line, col) in n.key_pos.items():
            if key not in CONTACT_KEYS:
                r.error(rel, line, col, "CASE-CONTACT", f"Ukendt felt '{key}' i 'contact'.{did_you_mean(key, CONTACT_KEYS)} Tilladte felter: {', '.join(CONTACT_KEYS)}.")
                ok = False
        out = {}
        for key in CONTACT_KEYS:
            node = n.value.get(key)
            if node is None:
                continue
            value = node.value
            if isinstance(value, int) and not isinstance(value, bool) and key == "phone":
                value = node.raw or str(value)  # '+4512345678' is an int to YAML; judge it as written
            if not isinstance(value, str) or not value.strip():
                r.error(rel, node.line, node.col, "CASE-CONTACT", f"'{key}' i 'contact' skal være en tekst.")
                ok = False
                continue
            value = value.strip()
            if key == "email" and not CONTACT_EMAIL_RE.match(value):
                r.error(rel, node.line, node.col, "CASE-CONTACT", f"'{value}' er ikke en gyldig e-mailadresse. Skriv den som navn@frivilligcenter.dk.")
                ok = False
            elif key == "phone" and not CONTACT_PHONE_RE.match(value):
                r.error(rel, node.line, node.col, "CASE-CONTACT", f"'{value}' er ikke et gyldigt telefonnummer. Skriv det som 12 34 56 78 eller +45 12 34 56 78.")
                ok = False
            out[key] = value
        if "name" not in out and ok:
            r.error(rel, n.line, n.col, "CASE-CONTACT", "'contact' mangler 'name' (medarbejderens navn).")
            ok = False
        return out if ok else None

    def _bool(self, rel, n: Y, code, key):
        if not isinstance(n.value, bool):
            self.report.error(rel, n.line, n.col, code, f"'{key}' skal være true eller false.")
            return None
        return n.value

    # -- body ---------------------------------------------------------------

    def _body(self, rel: str, text: str, first_line: int, path: Path, visibility: str | None) -> list[str]:
        r = self.report
        lines = _Lines(text, first_line)
        if not text.strip():
            r.error(rel, first_line, 1, "BODY-EMPTY", "Casen har ingen tekst efter front matter. Skriv casen under overskrifterne Baggrund, Målgruppe, Sådan gjorde vi osv.")
            return []
        for offset, code, msg in privacy.find(text, self.allow):
            r.error(rel, *lines.at(offset), code, msg)
        scan = bodyscan.scan(text)
        found = set()
        for offset, level, title in scan.headings:
            if level == 1:
                r.error(rel, *lines.at(offset), "BODY-H1", "Brug '##' til overskrifter i teksten. Sidens eneste hovedoverskrift er casens titel.")
            found.add(title.strip().rstrip(":").casefold())
        missing = [h for h in SUGGESTED_HEADINGS if h.casefold() not in found]
        if missing:
            r.warning(rel, first_line, 1, "BODY-HEADING",
                      f"Overskrift{'en' if len(missing) == 1 else 'erne'} {', '.join(repr(h) for h in missing)} mangler. "
                      "De gør det let for læseren at finde det samme i hver case.")
        for tag in scan.tags:
            reason = bodyscan.unsafe_reason(tag)
            if reason:
                r.error(rel, *lines.at(tag.offset), "BODY-HTML",
                        f"{reason}. Kun enkel, sikker HTML er tilladt; brug Markdown i stedet.")
                continue
            if tag.name == "img":
                attrs = dict(tag.attrs)
                self._image(rel, lines.at(tag.offset), attrs.get("src") or "", attrs.get("alt"), path)
            elif tag.name == "a" and dict(tag.attrs).get("href"):
                self._link(rel, lines.at(tag.offset), dict(tag.attrs)["href"], path, visibility)
        links: list[str] = []
        for link in scan.links:
            pos = lines.at(link.offset)
            if link.is_image:
                self._image(rel, pos, link.target, link.text, path)
            else:
                slug = self._link(rel, pos, link.target, path, visibility)
                if slug:
                    links.append(slug)
        return links

    def _resolve(self, rel: str, pos, target: str, path: Path, code: str = "BODY-LINK") -> Path | None:
        """The repository file a relative target names, or None after an error."""
        file_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if target.startswith("/") or file_part.startswith("/"):
            self.report.error(rel, *pos, code, f"Linket '{target}' er absolut. Brug en relativ sti til filen, fx 'anden-case.md' eller '../topics/velkomst.md'.")
            return None
        if any(ch < " " for ch in file_part):  # e.g. '%00': no file can have that name
            self.report.error(rel, *pos, code, f"Linket '{target}' indeholder kontroltegn, som ingen filnavne har. Ret stien.")
            return None
        resolved = os.path.normpath(os.path.join(path.parent, file_part))
        if not self._inside_root(resolved):
            self.report.error(rel, *pos, code, f"'{target}' peger uden for repositoriet. Læg filen i casens mappe, eller link til en webadresse.")
            return None
        return Path(resolved)

    def _inside_root(self, path: str) -> bool:
        """Whether ``path`` stays in the repository once symlinks are followed.
        Folders' real paths are cached: most links point into the same few."""
        try:
            folder, name = os.path.split(path)
            real_folder = self._real_dirs.get(folder)
            if real_folder is None:
                real_folder = self._real_dirs[folder] = os.path.realpath(folder)
            real = os.path.realpath(path) if os.path.islink(path) else os.path.join(real_folder, name)
        except (OSError, RuntimeError, ValueError):  # a symlink loop, or a name the OS refuses
            return False
        return real == self._real_root or real.startswith(self._real_root + os.sep)

    def _link(self, rel: str, pos, target: str, path: Path, visibility: str | None) -> str | None:
        """Check a link; return the slug when it points at another case."""
        target = target.strip()
        scheme = bodyscan.url_scheme(target)
        if scheme:
            if scheme not in bodyscan.SAFE_SCHEMES:
                self.report.error(rel, *pos, "BODY-HTML", f"Links med '{scheme}:' er ikke tilladt. Brug en almindelig webadresse (https://…).")
            return None
        if not target or target.startswith("#"):
            return None
        resolved = self._resolve(rel, pos, target, path)
        if resolved is None:
            return None
        where = self.project.rel(resolved)
        parts = PurePosixPath(where).parts
        if where.endswith(".md"):
            if len(parts) == 2 and parts[0] == "cases":
                slug = PurePosixPath(where).stem
                if slug not in self.case_slugs:
                    self.report.error(rel, *pos, "BODY-LINK", f"Linket peger på casen '{where}', som ikke findes.{did_you_mean(slug, self.case_slugs)}")
                    return None
                self.link_sites.append((rel, pos[0], pos[1], slug, visibility))
                return slug
            if len(parts) == 2 and parts[0] == "topics":
                if PurePosixPath(where).stem not in THEME_IDS:
                    self.report.error(rel, *pos, "BODY-LINK", f"'{where}' er ikke et tema.{did_you_mean(PurePosixPath(where).stem, THEME_IDS)}")
                return None
            if parts[0] == "docs" and _is_file(resolved):
                return None
            if parts[0] == "docs":
                self.report.error(rel, *pos, "BODY-LINK", f"Siden '{where}' findes ikke. Tjek stavningen; siderne ligger i docs/.")
                return None
            self.report.error(rel, *pos, "BODY-LINK",
                              f"Linket '{target}' peger på '{where}', som ikke er en side på sitet. Link til en case (fx 'anden-case.md'), et tema ('../topics/velkomst.md') eller en side i docs/.")
            return None
        if parts[0] != "cases":
            self.report.error(rel, *pos, "BODY-LINK",
                              f"'{where}' ligger uden for cases/ og kommer ikke med på sitet. Læg bilag i casens egen mappe (cases/{slugify(Path(rel).stem) or Path(rel).stem}/).")
        elif not _is_file(resolved):
            self.report.error(rel, *pos, "BODY-LINK", f"Filen '{where}' findes ikke. Læg bilag i casens egen mappe (cases/{slugify(Path(rel).stem) or Path(rel).stem}/) og tjek stavningen.")
        return None

    def _image(self, rel: str, pos, target: str, alt: str | None, path: Path) -> None:
        r = self.report
        if not alt or not alt.strip():
            r.error(rel, *pos, "BODY-ALT", "Billedet mangler alt-tekst. Beskriv kort, hvad billedet viser: ![Frivillige ved caféens bord](…). Skærmlæsere læser teksten højt.")
        if bodyscan.url_scheme(target):
            r.error(rel, *pos, "BODY-IMAGE", "Billeder skal ligge i repositoriet, ikke hentes fra en anden hjemmeside: læg filen i casens mappe.")
            return
        resolved = self._resolve(rel, pos, target, path, "BODY-IMAGE")
        if resolved is None:
            return
        where = self.project.rel(resolved)
        if resolved.suffix.lower() not in IMAGE_EXTENSIONS:
            r.error(rel, *pos, "BODY-IMAGE", f"'{where}' er ikke en tilladt billedtype. Brug {', '.join(IMAGE_EXTENSIONS)}.")
            return
        if not _is_file(resolved):
            r.error(rel, *pos, "BODY-IMAGE", f"Billedet '{where}' findes ikke. Læg det i cases/{slugify(Path(rel).stem) or Path(rel).stem}/ og tjek stavningen (store og små bogstaver tæller).")
            return
        size = resolved.stat().st_size
        if size > MAX_IMAGE_BYTES:
            r.error(rel, *pos, "BODY-IMAGE", f"Billedet '{where}' fylder {size / 1e6:.1f} MB; grænsen er {MAX_IMAGE_BYTES // (1024 * 1024)} MB. Gør det mindre (fx 1600 px bredt).")
            return
        gps = privacy.image_has_gps(resolved)
        if gps is None:
            r.error(rel, *pos, "BODY-IMAGE", f"'{where}' kan ikke læses som et billede. Gem det igen som PNG eller JPEG.")
        elif gps:
            r.error(rel, *pos, "PRIVACY-GPS",
                    f"Billedet '{where}' indeholder en GPS-position, der kan vise, hvor borgere bor eller mødes. "
                    "Fjern placeringsdata: i Windows Egenskaber → Detaljer → 'Fjern egenskaber og personlige oplysninger'; "
                    "på iPhone 'Valgmuligheder' → slå 'Lokalitet' fra ved deling; eller gem billedet igen uden metadata.")

    # -- across files -------------------------------------------------------

    def _visibility_of(self, slug: str, kb: KnowledgeBase) -> str | None:
        if slug in kb.cases:
            return kb.cases[slug].visibility
        if slug not in self._visibility_cache:
            # Not among the checked files: read just its front matter, quietly.
            quiet = Report()
            path = self.project.cases_dir / f"{slug}.md"
            src = read_text(path, slug, quiet)
            split = src and split_front_matter(src, quiet)
            fm = split and parse_yaml(split.yaml_text, slug, 2, quiet)
            vis = fm.value.get("visibility") if fm and fm.is_map else None
            self._visibility_cache[slug] = vis.value if vis is not None else None
        return self._visibility_cache[slug]

    def check_members_links(self, kb: KnowledgeBase) -> None:
        """A public case must not send readers to a members-only case."""
        for rel, line, col, slug, source_vis in self.link_sites:
            if source_vis == "public" and self._visibility_of(slug, kb) == "members":
                target = f"cases/{slug}.md"
                self.report.error(rel, line, col, "CASE-MEMBERS-LINK",
                                  f"Den offentlige case {rel} linker til {target}, som kun er for medlemmer. "
                                  "Linket ville være dødt på det offentlige site og afsløre casen: fjern linket, "
                                  f"eller gør {target} offentlig.")
                kb.cases.pop(PurePosixPath(rel).stem, None)
