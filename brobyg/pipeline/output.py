"""Where a build may write its site: never over what it did not create.

`build --out DIR` replaces DIR with the new site. Before anything is built,
``refuse_unsafe`` refuses, in Danish, every folder whose loss would be data
loss: the repository itself or a folder above it, a folder that holds
sources (this repository's or another's), a folder inside the sources, and a
non-empty folder that is not an earlier build of the same audience. Every
site the build writes carries a marker file (``mark``) that names its
audience, so the next build knows the folder is its own.
"""

from __future__ import annotations

import json
from pathlib import Path

MARKER = ".brobyg-build"
# What marks a folder as holding sources (a checkout of this or a similar project).
SOURCE_NAMES = ("cases", "topics", "data", "docs", "theme", "templates", ".git", "mkdocs.yml", "build.py")
ALWAYS_SOURCE = (".git", "mkdocs.yml", "build.py", "topics", "data", "templates")
# Folders of the repository a site may never be written into: sources, code and the staging tree.
SOURCE_DIRS = ("cases", "topics", "data", "docs", "theme", "templates", ".git", ".github", "brobyg", "tests",
               "bench", "scripts", "build", ".venv", "node_modules")
AUDIENCE_NAME = {"public": "det offentlige site", "members": "medlemssitet"}


class OutputRefused(Exception):
    """The output folder is not ours to replace; the message is for the user (Danish)."""


def refuse_unsafe(root: Path, out: Path, audience: str, default: Path | None = None) -> None:
    """Raise OutputRefused unless replacing ``out`` (resolved) loses nothing the build did not write.

    ``default`` is the audience's own site folder (site/<audience>): a site
    built there before builds were marked is taken as an earlier build."""
    root = root.resolve()
    out = out.resolve()
    shown = str(out)
    hint = f"Vælg en ny mappe, fx --out site/{audience}, eller udelad --out."
    if out == root:
        raise OutputRefused(f"Mappen {shown} er selve vidensbasen. Bygningen erstatter mappen, så alt i den ville blive slettet. {hint}")
    if root.is_relative_to(out):
        raise OutputRefused(f"Mappen {shown} indeholder vidensbasen ({root}). Bygningen erstatter mappen, så vidensbasen ville blive slettet. {hint}")
    if out.is_relative_to(root):
        top = out.relative_to(root).parts[0]
        if top in SOURCE_DIRS:
            raise OutputRefused(f"Mappen {shown} ligger i '{top}/', som hører til vidensbasens kilder. Bygningen ville slette dem. {hint}")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"Mappen {shown} er en fil, ikke en mappe. {hint}")
    if not out.is_dir():
        return
    built = built_for(out)
    # A site has a cases/ folder of its own; a checkout's marks are never in one.
    looks_built = built is not None or _unmarked_site(out)
    marks = ALWAYS_SOURCE if looks_built else SOURCE_NAMES
    sources = sorted(name for name in marks if (out / name).exists())
    if sources:
        raise OutputRefused(f"Mappen {shown} indeholder kilder ({', '.join(sources)}). Bygningen erstatter mappen og ville slette dem. {hint}")
    if built is None and default is not None and out == default.resolve() and _unmarked_site(out):
        built = audience
    if built is None and any(out.iterdir()):
        if looks_built:  # a site, but not marked as ours: perhaps built before builds were marked, perhaps not by us
            hint = f"Er det et site, du selv har bygget, så slet mappen, og byg igen. {hint}"
        raise OutputRefused(f"Mappen {shown} er ikke tom og er ikke et tidligere byggeri af sitet (filen {MARKER} mangler). "
                            f"Bygningen ville slette det, der ligger der. {hint}")
    if built is not None and built != audience:
        raise OutputRefused(f"Mappen {shown} indeholder {AUDIENCE_NAME.get(built, built)}. Byg {AUDIENCE_NAME[audience]} "
                            f"i sin egen mappe, så de to aldrig blandes. {hint}")


def built_for(folder: Path) -> str | None:
    """The audience of the earlier build in ``folder``, or None when it is not one."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("audience") if isinstance(data, dict) and isinstance(data.get("audience"), str) else None


def _unmarked_site(folder: Path) -> bool:
    return all((folder / name).is_file() for name in ("index.html", "404.html", "sitemap.xml"))


def mark(site: Path, audience: str) -> None:
    """Mark a freshly built site as ours, for its audience."""
    (site / MARKER).write_text(json.dumps({"audience": audience, "by": "python build.py build"}) + "\n", encoding="utf-8")
