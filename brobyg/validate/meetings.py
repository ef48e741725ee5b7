"""The validator for meetings (meetings/<slug>.md): every problem a Danish,
gcc-style message with file, line and fix, as for cases.

A meeting file is front matter plus Markdown: a short description, and after
the meeting its minutes under the heading '## Referat'.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path, PurePosixPath

from brobyg.load.frontmatter import Y, is_date, parse_yaml, read_text, split_front_matter
from brobyg.model import (
    MEETING_FORMATS, SLUG_RE, THEME_IDS, VISIBILITIES, KnowledgeBase, Material, Meeting, Presenter, slugify,
)
from brobyg.problems import ERROR, Report
from brobyg.project import Project
from brobyg.validate import body as bodyscan
from brobyg.validate import privacy
from brobyg.validate.vocab import did_you_mean

MEETINGS_DIR = "meetings"
MINUTES_HEADING = "Referat"

REQUIRED = ("title", "date", "start", "end", "format", "themes", "visibility", "published")
OPTIONAL = ("place", "agenda", "presenters", "cases", "minutes_visibility", "updated", "example")
KNOWN_KEYS = REQUIRED + OPTIONAL
PRESENTER_KEYS = ("name", "topic", "centre", "organisation", "material")
MATERIAL_KEYS = ("title", "url")

DATE_PREFIX_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]")
TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_MINUTES_RE = re.compile(rf"^##[ \t]+{MINUTES_HEADING}[ \t]*:?[ \t]*#*[ \t]*$", re.M | re.I)


class CaseVisibility:
    """The case slugs, and each one's visibility, read only when a meeting names it."""

    def __init__(self, slugs: set[str], visibility_of) -> None:
        self.slugs = slugs
        self._of = visibility_of

    def __contains__(self, slug) -> bool:
        return slug in self.slugs

    def __iter__(self):
        return iter(self.slugs)

    def get(self, slug: str) -> str | None:
        return self._of(slug) if slug in self.slugs else None


def meeting_files(project: Project) -> list[Path]:
    folder = project.root / MEETINGS_DIR
    return sorted(folder.glob("*.md"), key=str) if folder.is_dir() else []


def check_meetings(project: Project, kb: KnowledgeBase, report: Report, today: dt.date,
                   case_visibility: CaseVisibility) -> dict[str, Meeting]:
    """Check every meeting file; return the valid meetings by slug."""
    checker = MeetingChecker(project, kb, report, today, case_visibility)
    meetings = {}
    for path in meeting_files(project):
        m = checker.check_file(path)
        if m:
            meetings[m.slug] = m
    return meetings


def split_minutes(body: str) -> tuple[str, str | None]:
    """(description, minutes): the minutes are what stands under '## Referat'."""
    code_free = bodyscan.mask(body, bodyscan._FENCED) if ("```" in body or "~~~" in body) else body
    m = _MINUTES_RE.search(code_free)
    if not m:
        return body, None
    minutes = body[m.end():].strip("\n")
    return body[: m.start()].rstrip() + "\n", (minutes + "\n") if minutes.strip() else None


class MeetingChecker:
    def __init__(self, project: Project, kb: KnowledgeBase, report: Report, today: dt.date,
                 case_visibility: CaseVisibility) -> None:
        self.project = project
        self.kb = kb
        self.report = report
        self.today = today
        self.case_visibility = case_visibility

    def err(self, rel, n: Y | tuple[int, int], code: str, msg: str) -> None:
        line, col = (n.line, n.col) if isinstance(n, Y) else n
        self.report.error(rel, line, col, code, msg)

    def check_file(self, path: Path) -> Meeting | None:
        rel = self.project.rel(path)
        r = self.report
        before = len(r.problems)
        if not SLUG_RE.match(path.stem):
            suggestion = slugify(path.stem) or "2025-10-02-netvaerksmoede"
            r.error(rel, 0, 0, "FILE-NAME",
                    f"Filnavnet '{path.name}' er ikke gyldigt: brug kun a-z, 0-9 og '-' (æ→ae, ø→oe, å→aa). Omdøb filen til '{suggestion}.md'.")
        elif not DATE_PREFIX_RE.match(path.stem):
            r.error(rel, 0, 0, "MEETING-FILE-NAME",
                    f"Et mødes filnavn skal begynde med mødets dato, fx '2025-10-02-{path.stem}.md'. Omdøb filen.")
        src = read_text(path, rel, r)
        split = src and split_front_matter(src, r)
        before_yaml = len(r.problems)
        fm = split and parse_yaml(split.yaml_text, rel, split.yaml_first_line, r)
        if split and fm is None and len(r.problems) == before_yaml:
            r.error(rel, 1, 1, "FM-MISSING", "Front matter er tom. Udfyld felterne fra skabelonen templates/meeting.md.")
            return None
        if not fm:
            return None
        if not fm.is_map:
            r.error(rel, fm.line, fm.col, "FM-NOT-MAPPING", "Front matter skal bestå af felter på formen 'navn: værdi', ét pr. linje (title, date, …).")
            return None
        f = self._fields(rel, fm, split.yaml_first_line, path)
        prefix = DATE_PREFIX_RE.match(path.stem)
        if prefix and "date" in f and prefix.group(1) != f["date"].isoformat():
            r.warning(rel, fm.value["date"].line, fm.value["date"].col, "MEETING-FILE-NAME",
                      f"Filnavnet begynder med {prefix.group(1)}, men mødet er {f['date']}. Omdøb filen, så datoerne passer.")
        description, minutes = split_minutes(split.body)
        self._body(rel, split.body, split.body_first_line)
        if minutes and "date" in f and f["date"] > self.today:
            r.warning(rel, split.body_first_line, 1, "MEETING-MINUTES-EARLY",
                      f"Mødet er først {f['date']}, men filen har allerede et referat under '## {MINUTES_HEADING}'. Skriv referatet efter mødet.")
        if any(p.severity == ERROR for p in r.problems[before:]):
            return None
        return Meeting(
            slug=path.stem, path=rel, title=f["title"], date=f["date"], start=f["start"], end=f["end"],
            format=f["format"], themes=tuple(f["themes"]), visibility=f["visibility"],
            minutes_visibility=f.get("minutes_visibility", "members"), published=f["published"],
            body=description, place=f.get("place"), agenda=tuple(f.get("agenda", ())),
            presenters=tuple(f.get("presenters", ())), cases=tuple(f.get("cases", ())), minutes=minutes,
            updated=f.get("updated"), example=bool(f.get("example", False)),
        )

    # -- front matter -------------------------------------------------------

    def _fields(self, rel: str, fm: Y, first_line: int, path: Path) -> dict:
        out: dict = {}
        for key, pos in fm.key_pos.items():
            if key not in KNOWN_KEYS:
                self.err(rel, pos, "MEETING-UNKNOWN-KEY",
                         f"Ukendt felt '{key}'.{did_you_mean(key, KNOWN_KEYS)} Tilladte felter: {', '.join(KNOWN_KEYS)}.")
        for key in REQUIRED:
            if key not in fm.value:
                self.err(rel, (first_line, 1), "MEETING-REQUIRED", f"Det påkrævede felt '{key}' mangler.{_REQUIRED_HINT.get(key, '')}")
        v = fm.value
        checks = {
            "title": lambda n: self._text(rel, n, "MEETING-TITLE", "title", 5, 120),
            "date": lambda n: self._date(rel, n, "MEETING-DATE", "date", future_ok=True),
            "start": lambda n: self._time(rel, n, "start"),
            "end": lambda n: self._time(rel, n, "end"),
            "format": lambda n: self._choice(rel, n, "MEETING-FORMAT", "format", MEETING_FORMATS,
                                             "'online' (mødet foregår online) eller 'physical' (fysisk møde med et sted)"),
            "place": lambda n: self._text(rel, n, "MEETING-PLACE", "place", 3, 200),
            "themes": lambda n: self._ids(rel, n, "MEETING-THEME", "tema", "temaer", THEME_IDS, "topics/", 1, 6),
            "agenda": lambda n: self._agenda(rel, n),
            "presenters": lambda n: self._presenters(rel, n, path),
            "cases": lambda n: self._cases(rel, n),
            "visibility": lambda n: self._choice(rel, n, "MEETING-VISIBILITY", "visibility", VISIBILITIES,
                                                 "'public' (alle kan se mødet) eller 'members' (kun medlemmer)"),
            "minutes_visibility": lambda n: self._choice(rel, n, "MEETING-MINUTES-VISIBILITY", "minutes_visibility", VISIBILITIES,
                                                         "'public' (alle kan læse referatet) eller 'members' (kun medlemmer)"),
            "published": lambda n: self._date(rel, n, "MEETING-PUBLISHED", "published"),
            "updated": lambda n: self._date(rel, n, "MEETING-UPDATED", "updated"),
            "example": lambda n: self._bool(rel, n, "MEETING-EXAMPLE", "example"),
        }
        for key, fn in checks.items():
            if key in v:
                value = fn(v[key])
                if value is not None:
                    out[key] = value
        if "start" in out and "end" in out and out["end"] <= out["start"]:
            self.err(rel, v["end"], "MEETING-TIME", f"Mødet slutter ({out['end']:%H:%M}) før det begynder ({out['start']:%H:%M}). Ret 'start' eller 'end'.")
        if out.get("format") == "physical" and "place" not in v:
            self.err(rel, v["format"], "MEETING-PLACE", "Et fysisk møde skal have et sted: skriv fx 'place: Frivilligcenter Søndervang, Aarhus'.")
        pub, upd = out.get("published"), out.get("updated")
        if pub and upd and upd < pub:
            self.err(rel, v["updated"], "MEETING-UPDATED", f"'updated' ({upd}) ligger før 'published' ({pub}). Ret en af datoerne.")
        if out.get("visibility") == "members" and out.get("minutes_visibility") == "public":
            self.err(rel, v["minutes_visibility"], "MEETING-MINUTES-VISIBILITY",
                     "Mødet er kun for medlemmer, så referatet kan ikke være offentligt. Slet 'minutes_visibility', eller gør mødet offentligt.")
        if out.get("visibility") == "public":
            for node in (v["cases"].value if "cases" in v and v["cases"].is_seq else []):
                if self.case_visibility.get(node.value) == "members":
                    self.err(rel, node, "MEETING-MEMBERS-CASE",
                             f"Det offentlige møde nævner casen cases/{node.value}.md, som kun er for medlemmer, og ville afsløre den. "
                             "Fjern casen fra listen, eller gør mødet 'visibility: members'.")
        for key in ("title", "place"):
            if key in v:
                self._privacy(rel, v[key])
        for item in (v["agenda"].value if "agenda" in v and v["agenda"].is_seq else []):
            self._privacy(rel, item)
        return out

    def _privacy(self, rel, node: Y) -> None:
        if isinstance(node.value, str):
            for _, code, msg in privacy.find(node.value):
                self.err(rel, node, code, msg)

    def _text(self, rel, n: Y, code, key, lo, hi):
        if not isinstance(n.value, str):
            self.err(rel, n, code, f"'{key}' skal være en tekst. Sæt den i anførselstegn, hvis den ligner et tal eller en dato.")
            return None
        text = " ".join(n.value.split())
        if not lo <= len(text) <= hi:
            self.err(rel, n, code, f"'{key}' er {len(text)} tegn lang; den skal være {lo}–{hi} tegn.")
            return None
        return text

    def _choice(self, rel, n: Y, code, key, choices, meaning):
        if n.value not in choices:
            self.err(rel, n, code, f"'{key}' skal være {meaning}, ikke '{n.value}'.{did_you_mean(n.value, choices)}")
            return None
        return n.value

    def _date(self, rel, n: Y, code, key, future_ok=False):
        value = n.value
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                self.err(rel, n, code, f"'{key}' skal være en rigtig dato på formen ÅÅÅÅ-MM-DD, fx 2025-10-02; '{n.value}' er det ikke.")
                return None
        if not is_date(value):
            self.err(rel, n, code, f"'{key}' skal være en dato på formen ÅÅÅÅ-MM-DD, fx 2025-10-02.")
            return None
        if not future_ok and value > self.today:
            self.err(rel, n, code, f"'{key}' ({value}) ligger i fremtiden. Brug dagens dato eller en dato før.")
            return None
        return value

    def _time(self, rel, n: Y, key):
        # YAML reads an unquoted 10:00 as the number 600 (base 60): judge it as written.
        text = n.raw if isinstance(n.value, int) and not isinstance(n.value, bool) and n.raw else n.value
        m = TIME_RE.match(text.strip()) if isinstance(text, str) else None
        if not m:
            self.err(rel, n, "MEETING-TIME", f"'{key}' skal være et klokkeslæt på formen TT:MM, fx \"10:00\" (dansk tid); '{text}' er det ikke.")
            return None
        return dt.time(int(m.group(1)), int(m.group(2)))

    def _ids(self, rel, n: Y, code, what, whats, known, where, lo, hi):
        if not n.is_seq:
            self.err(rel, n, code, f"Skriv {whats} som en liste, fx [{', '.join(list(known)[:2])}].")
            return None
        if not lo <= len(n.value) <= hi:
            self.err(rel, n, code, f"Angiv {lo}–{hi} {whats}; der står {len(n.value)}.")
            return None
        out, ok = [], True
        for item in n.value:
            if not isinstance(item.value, str) or item.value not in known:
                self.err(rel, item, code, f"Ukendt {what} '{item.value}'.{did_you_mean(item.value, known)} De gyldige id'er står i {where}.")
                ok = False
            elif item.value in out:
                self.err(rel, item, code, f"'{item.value}' står to gange. Slet den ene.")
                ok = False
            else:
                out.append(item.value)
        return out if ok else None

    def _cases(self, rel, n: Y):
        if not n.is_seq:
            self.err(rel, n, "MEETING-CASE", "Skriv casene som en liste af deres filnavne uden '.md', fx [aaben-cafe-foerste-skridt].")
            return None
        out, ok = [], True
        for item in n.value:
            slug = item.value
            if not isinstance(slug, str) or slug not in self.case_visibility:
                self.err(rel, item, "MEETING-CASE",
                         f"Casen '{slug}' findes ikke i cases/.{did_you_mean(slug, self.case_visibility)} Skriv casens filnavn uden '.md'.")
                ok = False
            elif slug in out:
                self.err(rel, item, "MEETING-CASE", f"'{slug}' står to gange. Slet den ene.")
                ok = False
            else:
                out.append(slug)
        return out if ok else None

    def _agenda(self, rel, n: Y):
        if not n.is_seq or not n.value:
            self.err(rel, n, "MEETING-AGENDA", "'agenda' skal være en liste med ét punkt pr. linje under 'agenda:', fx '  - \"10.00 Velkomst\"'.")
            return None
        out = []
        for item in n.value:
            if not isinstance(item.value, str) or not 1 <= len(item.value.strip()) <= 200:
                self.err(rel, item, "MEETING-AGENDA", "Hvert punkt i 'agenda' skal være en kort tekst (højst 200 tegn). Sæt punktet i anførselstegn, hvis det starter med et klokkeslæt som 10:00.")
                return None
            out.append(" ".join(item.value.split()))
        return out

    def _presenters(self, rel, n: Y, path: Path):
        if not n.is_seq:
            self.err(rel, n, "MEETING-PRESENTER", "'presenters' skal være en liste; hvert oplæg har 'name' og 'topic' og evt. 'centre' og 'material'.")
            return None
        out, ok = [], True
        for item in n.value:
            p = self._presenter(rel, item, path)
            ok &= p is not None
            if p:
                out.append(p)
        return out if ok else None

    def _presenter(self, rel, n: Y, path: Path) -> Presenter | None:
        if not n.is_map:
            self.err(rel, n, "MEETING-PRESENTER", "Hvert oplæg skal have felterne 'name' og 'topic' (og evt. 'centre', 'organisation' og 'material') på hver sin linje.")
            return None
        ok = True
        for key, pos in n.key_pos.items():
            if key not in PRESENTER_KEYS:
                self.err(rel, pos, "MEETING-PRESENTER", f"Ukendt felt '{key}' i et oplæg.{did_you_mean(key, PRESENTER_KEYS)} Tilladte felter: {', '.join(PRESENTER_KEYS)}.")
                ok = False
        v = n.value
        fields = {}
        for key, lo, hi in (("name", 2, 80), ("topic", 3, 200), ("organisation", 2, 120)):
            if key in v:
                fields[key] = self._text(rel, v[key], "MEETING-PRESENTER", key, lo, hi)
                ok &= fields[key] is not None
                if fields[key]:
                    self._privacy(rel, v[key])
            elif key != "organisation":
                self.err(rel, n, "MEETING-PRESENTER", f"Oplægget mangler '{key}' ({'oplægsholderens navn' if key == 'name' else 'emnet for oplægget'}).")
                ok = False
        centre = None
        if "centre" in v:
            c = v["centre"]
            if not isinstance(c.value, str) or c.value not in self.kb.centres:
                self.err(rel, c, "MEETING-PRESENTER", f"Ukendt center '{c.value}'.{did_you_mean(c.value, self.kb.centres)} De gyldige id'er står i data/centres.yml; en gæst udefra får 'organisation' i stedet.")
                ok = False
            else:
                centre = c.value
        material = ()
        if "material" in v:
            material = self._material(rel, v["material"], path)
            ok &= material is not None
        if not ok:
            return None
        return Presenter(name=fields["name"], topic=fields["topic"], centre=centre, organisation=fields.get("organisation"),
                         material=tuple(material or ()))

    def _material(self, rel, n: Y, path: Path):
        if not n.is_seq:
            self.err(rel, n, "MEETING-MATERIAL", "'material' skal være en liste; hvert punkt har 'title' og 'url'.")
            return None
        out = []
        for item in n.value:
            if not item.is_map or set(item.value) != set(MATERIAL_KEYS):
                self.err(rel, item, "MEETING-MATERIAL", "Hvert materiale skal have præcis felterne 'title' (hvad det er) og 'url' (en webadresse eller en fil i mødets mappe).")
                return None
            title = self._text(rel, item.value["title"], "MEETING-MATERIAL", "title", 2, 120)
            url = self._material_url(rel, item.value["url"], path)
            if title is None or url is None:
                return None
            out.append(Material(title, url))
        return out

    def _material_url(self, rel, n: Y, path: Path) -> str | None:
        target = n.value.strip() if isinstance(n.value, str) else ""
        folder = f"{MEETINGS_DIR}/{path.stem}/"
        if target.startswith("https://") or target.startswith("http://"):
            return target
        if not target or bodyscan.url_scheme(target) or target.startswith("/"):
            self.err(rel, n, "MEETING-MATERIAL", f"'url' skal være en webadresse (https://…) eller en fil i mappen {folder}, fx '{path.stem}/slides.pdf'.")
            return None
        resolved = os.path.normpath(os.path.join(path.parent, target))
        where = self.project.rel(Path(resolved))
        if not where.startswith(folder) or not os.path.isfile(resolved):
            self.err(rel, n, "MEETING-MATERIAL", f"Filen '{where}' findes ikke i mødets mappe {folder}. Læg materialet dér, og skriv stien som '{path.stem}/<filnavn>'.")
            return None
        return where

    def _bool(self, rel, n: Y, code, key):
        if not isinstance(n.value, bool):
            self.err(rel, n, code, f"'{key}' skal være true eller false.")
            return None
        return n.value

    # -- body ---------------------------------------------------------------

    def _body(self, rel: str, text: str, first_line: int) -> None:
        lines = _LineMap(text, first_line)
        for offset, code, msg in privacy.find(text):
            self.report.error(rel, *lines.at(offset), code, msg)
        scan = bodyscan.scan(text)
        for offset, level, _ in scan.headings:
            if level == 1:
                self.report.error(rel, *lines.at(offset), "BODY-H1", "Brug '##' til overskrifter i teksten. Sidens eneste hovedoverskrift er mødets titel.")
        for tag in scan.tags:
            reason = bodyscan.unsafe_reason(tag)
            if reason:
                self.report.error(rel, *lines.at(tag.offset), "BODY-HTML", f"{reason}. Kun enkel, sikker HTML er tilladt; brug Markdown i stedet.")
        for link in scan.links:
            target = link.target.strip()
            scheme = bodyscan.url_scheme(target)
            if scheme and scheme not in bodyscan.SAFE_SCHEMES:
                self.report.error(rel, *lines.at(link.offset), "BODY-HTML", f"Links med '{scheme}:' er ikke tilladt. Brug en almindelig webadresse (https://…).")
            elif not scheme and target and not target.startswith("#"):
                self.report.error(rel, *lines.at(link.offset), "MEETING-BODY-LINK",
                                  f"Linket '{target}' virker ikke fra mødets side. Link til en webadresse (https://…); "
                                  "cases, der blev vist på mødet, skrives i feltet 'cases', og materiale under 'presenters'.")


_REQUIRED_HINT = {
    "visibility": " Skriv 'visibility: public' eller 'visibility: members'; der er ingen standardværdi.",
    "format": " Skriv 'format: online' eller 'format: physical' (og 'place').",
    "start": " Skriv fx 'start: \"10:00\"' (dansk tid).",
    "end": " Skriv fx 'end: \"15:00\"' (dansk tid).",
}


class _LineMap:
    def __init__(self, text: str, first_line: int) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.first_line = first_line

    def at(self, offset: int) -> tuple[int, int]:
        import bisect

        i = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + i, offset - self.starts[i] + 1
