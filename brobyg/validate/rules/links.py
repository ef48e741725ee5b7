"""Link rules: where a case's links and images point, and that a public case
never sends readers to a members-only one."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from brobyg.model import THEME_IDS, KnowledgeBase, slugify
from brobyg.problems import Related, Report
from brobyg.validate import body as bodyscan
from brobyg.validate.rules import frontmatter as fm_rules
from brobyg.validate.rules import privacy
from brobyg.validate.rules.base import ERROR, SAMPLE_BODY, SAMPLE_CASE, Example, Rule, case_example, file_example, write_image
from brobyg.validate.rules.context import FileContext, Run
from brobyg.validate.rules.base import did_you_mean

FAMILY_TITLE = "Links og billeder"

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp")
MAX_IMAGE_BYTES = 5 * 1024 * 1024

_IMAGE = "cases/aaben-cafe-2/cafe.jpg"


def _members_only(visibility: str, link: bool) -> Example:
    body = SAMPLE_BODY + ("\nSe også [netværket for medlemmer](kun-medlemmer.md).\n" if link else "")
    other = SAMPLE_CASE.replace("visibility: public", f"visibility: {visibility}")
    return file_example(
        f"cases/aaben-cafe-2.md (visibility: public):\n  Se også [netværket for medlemmer](kun-medlemmer.md).\n"
        f"cases/kun-medlemmer.md:\n  visibility: {visibility}",
        {"cases/aaben-cafe-2.md": SAMPLE_CASE.replace(SAMPLE_BODY, body), "cases/kun-medlemmer.md": other},
        lang="text",
    )

BODY_LINK = Rule(
    "BODY-LINK", ERROR, "Linket virker ikke",
    what="Et link i teksten peger på en case, et tema, en side eller en fil, der ikke findes, eller som ikke kommer med på sitet.",
    why="Et dødt link efterlader læseren uden det, linket lovede.",
    fix="Brug en relativ sti: til en case 'anden-case.md', til et tema '../topics/velkomst.md', til en side i docs/, "
        "eller læg bilag i casens egen mappe (cases/<casens-navn>/).",
    bad=case_example(body=SAMPLE_BODY + "\nLæs om [den gode velkomst](../topics/velkomsten.md).\n",
                     shown="Læs om [den gode velkomst](../topics/velkomsten.md)."),
    good=case_example(body=SAMPLE_BODY + "\nLæs om [den gode velkomst](../topics/velkomst.md).\n",
                      shown="Læs om [den gode velkomst](../topics/velkomst.md)."),
)
BODY_IMAGE = Rule(
    "BODY-IMAGE", ERROR, "Billedet kan ikke bruges",
    what=f"Et billede findes ikke, ligger uden for repositoriet, hentes fra en anden hjemmeside, er ikke en billedfil "
         f"({', '.join(IMAGE_EXTENSIONS)}), fylder over {MAX_IMAGE_BYTES // (1024 * 1024)} MB eller kan ikke læses.",
    why="Billedet skal kunne vises på sitet, og billeder fra andre hjemmesider kan forsvinde eller spore læserne.",
    fix="Læg billedet i casens egen mappe (cases/<casens-navn>/), og link til det med en relativ sti.",
    bad=case_example(body=SAMPLE_BODY + "\n![Frivillige ved caféens bord](aaben-cafe-2/cafe.jpg)\n",
                     shown="![Frivillige ved caféens bord](aaben-cafe-2/cafe.jpg)   (filen findes ikke)"),
    good=case_example(body=SAMPLE_BODY + "\n![Frivillige ved caféens bord](aaben-cafe-2/cafe.jpg)\n",
                      shown="![Frivillige ved caféens bord](aaben-cafe-2/cafe.jpg)   (filen ligger i cases/aaben-cafe-2/)",
                      setup=lambda root: write_image(root, _IMAGE)),
)
BODY_ALT = Rule(
    "BODY-ALT", ERROR, "Billedet mangler alt-tekst",
    what="Et billede har ingen alt-tekst (teksten i [ ] foran adressen).",
    why="Skærmlæsere læser alt-teksten højt for blinde og svagtseende; uden den ved de ikke, hvad billedet viser.",
    fix="Beskriv kort, hvad billedet viser: ![Frivillige ved caféens bord](…).",
    bad=case_example(body=SAMPLE_BODY + "\n![](aaben-cafe-2/cafe.jpg)\n", shown="![](aaben-cafe-2/cafe.jpg)",
                     setup=lambda root: write_image(root, _IMAGE)),
    good=case_example(body=SAMPLE_BODY + "\n![Frivillige ved caféens bord](aaben-cafe-2/cafe.jpg)\n",
                      shown="![Frivillige ved caféens bord](aaben-cafe-2/cafe.jpg)", setup=lambda root: write_image(root, _IMAGE)),
)
CASE_MEMBERS_LINK = Rule(
    "CASE-MEMBERS-LINK", ERROR, "Offentlig case linker til en medlemscase",
    what="En offentlig case (visibility: public) linker til en case, der kun er for medlemmer.",
    why="Medlemscasen er ikke med på det offentlige site: linket ville være dødt og afsløre, at casen findes.",
    fix="Fjern linket, eller gør den anden case offentlig, hvis den må være det.",
    bad=_members_only("members", link=True),
    good=_members_only("public", link=True),
)


_CONTROL = re.compile("[\x00-\x1f]")


def _is_file(path: Path | str) -> bool:
    """Path.is_file() without the OSError a 300-character link target raises (name too long)."""
    return os.path.isfile(path)  # False for any OSError or ValueError


def _own_folder(ctx: FileContext) -> str:
    stem = Path(ctx.rel).stem
    return f"cases/{slugify(stem) or stem}/"


def _resolve(ctx: FileContext, pos: tuple[int, int], target: str, rule: Rule) -> Path | None:
    """The repository file a relative target names, or None after an error."""
    resolved = _resolve_str(ctx, pos, target, rule)
    return None if resolved is None else Path(resolved)


def _resolve_str(ctx: FileContext, pos: tuple[int, int], target: str, rule: Rule) -> str | None:
    """``_resolve`` as a string path (no Path objects: every link passes here)."""
    file_part = target.split("#", 1)[0].split("?", 1)[0]
    if "%" in file_part:
        file_part = unquote(file_part)
    if target.startswith("/") or file_part.startswith("/"):
        ctx.add(rule, *pos, f"Linket '{target}' er absolut.", "Brug en relativ sti til filen, fx 'anden-case.md' eller '../topics/velkomst.md'.")
        return None
    if _CONTROL.search(file_part):  # e.g. '%00': no file can have that name
        ctx.add(rule, *pos, f"Linket '{target}' indeholder kontroltegn, som ingen filnavne har.", "Ret stien.")
        return None
    resolved = os.path.normpath(os.path.join(ctx.folder, file_part))
    if not _inside_root(ctx.run, resolved):
        ctx.add(rule, *pos, f"'{target}' peger uden for repositoriet.", "Læg filen i casens mappe, eller link til en webadresse.")
        return None
    return resolved


def _inside_root(run: Run, path: str) -> bool:
    """Whether ``path`` stays in the repository once symlinks are followed.
    Folders' real paths are cached: most links point into the same few."""
    try:
        folder, name = os.path.split(path)
        real_folder = run.real_dirs.get(folder)
        if real_folder is None:
            real_folder = run.real_dirs[folder] = os.path.realpath(folder)
        real = os.path.realpath(path) if os.path.islink(path) else os.path.join(real_folder, name)
    except (OSError, RuntimeError, ValueError):  # a symlink loop, or a name the OS refuses
        return False
    return real == run.real_root or real.startswith(run.real_root + os.sep)


def link(ctx: FileContext, pos: tuple[int, int], target: str) -> str | None:
    """Check a relative link; return the slug when it points at another case."""
    if not target or target.startswith("#"):
        return None
    resolved = _resolve_str(ctx, pos, target, BODY_LINK)
    if resolved is None:
        return None
    run = ctx.run
    where = run.rel(resolved)
    parts = where.split("/")  # "." (the root itself) is one part, outside cases/
    if where.endswith(".md"):
        if len(parts) == 2 and parts[0] == "cases":
            slug = os.path.splitext(parts[1])[0]
            if slug not in run.case_slugs:
                ctx.add(BODY_LINK, *pos, f"Linket peger på casen '{where}', som ikke findes.", did_you_mean(slug, run.case_slugs))
                return None
            run.link_sites.append((ctx.rel, pos[0], pos[1], slug, ctx.visibility))
            return slug
        if len(parts) == 2 and parts[0] == "topics":
            if PurePosixPath(where).stem not in THEME_IDS:
                ctx.add(BODY_LINK, *pos, f"'{where}' er ikke et tema.", did_you_mean(PurePosixPath(where).stem, THEME_IDS))
            return None
        if parts[0] == "docs" and _is_file(resolved):
            return None
        if parts[0] == "docs":
            ctx.add(BODY_LINK, *pos, f"Siden '{where}' findes ikke.", "Tjek stavningen; siderne ligger i docs/.")
            return None
        ctx.add(BODY_LINK, *pos, f"Linket '{target}' peger på '{where}', som ikke er en side på sitet.",
                "Link til en case (fx 'anden-case.md'), et tema ('../topics/velkomst.md') eller en side i docs/.")
        return None
    if parts[0] != "cases":
        ctx.add(BODY_LINK, *pos, f"'{where}' ligger uden for cases/ og kommer ikke med på sitet.",
                f"Læg bilag i casens egen mappe ({_own_folder(ctx)}).")
    elif not _is_file(resolved):
        ctx.add(BODY_LINK, *pos, f"Filen '{where}' findes ikke.", f"Læg bilag i casens egen mappe ({_own_folder(ctx)}) og tjek stavningen.")
    return None


def image(ctx: FileContext, pos: tuple[int, int], target: str, alt: str | None) -> None:
    if not alt or not alt.strip():
        ctx.add(BODY_ALT, *pos, "Billedet mangler alt-tekst.",
                "Beskriv kort, hvad billedet viser: ![Frivillige ved caféens bord](…). Skærmlæsere læser teksten højt.")
    if bodyscan.url_scheme(target):
        ctx.add(BODY_IMAGE, *pos, "Billeder skal ligge i repositoriet, ikke hentes fra en anden hjemmeside: læg filen i casens mappe.")
        return
    resolved = _resolve(ctx, pos, target, BODY_IMAGE)
    if resolved is None:
        return
    where = ctx.run.project.rel(resolved)
    if resolved.suffix.lower() not in IMAGE_EXTENSIONS:
        ctx.add(BODY_IMAGE, *pos, f"'{where}' er ikke en tilladt billedtype.", f"Brug {', '.join(IMAGE_EXTENSIONS)}.")
        return
    if not _is_file(resolved):
        ctx.add(BODY_IMAGE, *pos, f"Billedet '{where}' findes ikke.",
                f"Læg det i {_own_folder(ctx)} og tjek stavningen (store og små bogstaver tæller).")
        return
    size = resolved.stat().st_size
    if size > MAX_IMAGE_BYTES:
        ctx.add(BODY_IMAGE, *pos, f"Billedet '{where}' fylder {size / 1e6:.1f} MB; grænsen er {MAX_IMAGE_BYTES // (1024 * 1024)} MB.",
                "Gør det mindre (fx 1600 px bredt).")
        return
    if privacy.image_position(ctx, pos, resolved, where) is None:
        ctx.add(BODY_IMAGE, *pos, f"'{where}' kan ikke læses som et billede.", "Gem det igen som PNG eller JPEG.")


# -- across files -------------------------------------------------------------


def members_links(run: Run, report: Report) -> None:
    """A public case must not send readers to a members-only case."""
    kb = run.kb
    visibility: dict[str, str | None] = {}
    for rel, line, col, slug, source_vis in run.link_sites:
        if source_vis != "public":
            continue
        if slug not in visibility:
            visibility[slug] = _visibility_of(run, slug, kb)
        if visibility[slug] == "members":
            target = f"cases/{slug}.md"
            report.add(CASE_MEMBERS_LINK, rel, line, col,
                       f"Den offentlige case {rel} linker til {target}, som kun er for medlemmer.",
                       f"Linket ville være dødt på det offentlige site og afsløre casen: fjern linket, eller gør {target} offentlig.",
                       (Related(target, 0, 0, "casen er kun for medlemmer"),))
            kb.cases.pop(PurePosixPath(rel).stem, None)


def _visibility_of(run: Run, slug: str, kb: KnowledgeBase) -> str | None:
    if slug in kb.cases:
        return kb.cases[slug].visibility
    # Not among the checked files (or not valid): read just its front matter, quietly.
    loaded = fm_rules.read_front_matter(Report(), run.project.cases_dir / f"{slug}.md", slug)
    vis = loaded[1].value.get("visibility") if loaded else None
    return vis.value if vis is not None else None
