#!/usr/bin/env python3
"""Real content at scale: the repository's sample cases replicated to n files.

    python -m bench.replicate OUT -n 1000

``replicate(root, n)`` writes a repository tree whose ``cases/`` holds n case
files made from the sample cases in ``cases/`` (in name order, round after
round), with their image folders, and a copy of ``data/``, ``topics/``,
``meetings/`` (with their folders), ``docs/``, ``templates/`` and
``mkdocs.yml`` as they are. Round 0 is the sample cases themselves; in
round k ≥ 1 the case ``slug.md`` becomes ``slug-r<k>.md`` and its folder
``slug-r<k>/``. A link from one case to another (or to its image folder)
is rewritten to the same round's copy, or to the original when the last,
partial round has no copy of it, so every link stays valid and a public
case still never links to a members-only one. The bodies keep every
number, link, image and heading of the originals: what `check` meets in
real content, unlike the generated cases of ``bench/generate.py``.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ("data", "topics", "meetings", "docs", "templates")


def sample_slugs(source: Path = REPO) -> list[str]:
    return sorted(p.stem for p in (source / "cases").glob("*.md"))


def copy_slug(slug: str, round_: int) -> str:
    return slug if round_ == 0 else f"{slug}-r{round_}"


def replicate(root: Path, n: int, source: Path = REPO) -> int:
    """Write the tree under ``root``; return how many case files it has (n)."""
    slugs = sample_slugs(source)
    if not slugs:
        raise SystemExit(f"no sample cases in {source / 'cases'}")
    for name in COPIED:
        if (source / name).is_dir():
            shutil.copytree(source / name, root / name, dirs_exist_ok=True)
    if (source / "mkdocs.yml").is_file():
        shutil.copy2(source / "mkdocs.yml", root / "mkdocs.yml")
    cases = root / "cases"
    cases.mkdir(parents=True, exist_ok=True)
    texts = {s: (source / "cases" / f"{s}.md").read_text(encoding="utf-8") for s in slugs}
    # A link to another sample case or into its folder: '](slug.md', '](slug/…'.
    pattern = re.compile(r"\]\((%s)(\.md|/)" % "|".join(re.escape(s) for s in sorted(slugs, key=len, reverse=True)))
    count = len(slugs)
    for i in range(n):
        round_, slug = divmod(i, count)[0], slugs[i % count]
        last = n - 1  # the highest index written: a copy exists when its index is at most this

        def target(m: re.Match, round_=round_) -> str:
            other = m.group(1)
            exists = round_ * count + slugs.index(other) <= last
            return f"]({copy_slug(other, round_ if exists else 0)}{m.group(2)}"

        name = copy_slug(slug, round_)
        text = texts[slug] if round_ == 0 else pattern.sub(target, texts[slug])
        (cases / f"{name}.md").write_text(text, encoding="utf-8")
        folder = source / "cases" / slug
        if folder.is_dir():
            shutil.copytree(folder, cases / name, dirs_exist_ok=True)
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("-n", type=int, default=1000)
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    replicate(args.out, args.n)
    print(f"{args.n} cases -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
