#!/usr/bin/env python3
"""The trust model for members-only cases, enforced in the workflows.

    python scripts/members_guard.py --repository-private "${{ github.event.repository.private }}"

Members-only cases may live only in a **private** repository: in a public one
anyone can read them, whatever the build leaves out. So:

- private repository: the members' site may be built (and, in the publish
  workflow, kept as a short-lived artifact that only collaborators can get).
  Prints ``members-site=true``.
- public repository without members-only cases: the public site is built as
  usual; the members' site is not built or uploaded. Prints ``members-site=false``.
- public repository with members-only cases: fails (exit 1) with a Danish
  annotation on each such case, so the workflow stops loudly.
- anything else than "true" or "false" (e.g. run outside GitHub): exit 2. The
  guard fails closed; it never guesses that a repository is private.

The answer also goes to ``$GITHUB_OUTPUT`` as ``members-site=…`` when that is set.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MEMBERS_LINE = re.compile(r"^visibility\s*:\s*['\"]?members['\"]?\s*(#.*)?$", re.M)


def visibility(text: str) -> str | None:
    """A case's visibility from its front matter, as far as it can be read."""
    parts = text.lstrip("\ufeff").split("\n---", 1)
    head = parts[0].removeprefix("---\n") if text.lstrip("\ufeff").startswith("---") else ""
    try:
        data = yaml.safe_load(head)
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("visibility"), str):
        return data["visibility"].strip()
    return "members" if MEMBERS_LINE.search(head) else None  # broken YAML: judge by the line itself


def members_only_cases(root: Path) -> list[str]:
    cases = root / "cases"
    found = []
    for path in sorted(cases.rglob("*.md")) if cases.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if visibility(text) == "members":
            found.append(path.relative_to(root).as_posix())
    return found


def _output(value: str) -> None:
    print(f"members-site={value}")
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"members-site={value}\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Må medlemssitet bygges her? (kun fra et privat repository)")
    p.add_argument("--repository-private", required=True, help="github.event.repository.private: true eller false")
    p.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    answer = args.repository_private.strip().lower()
    if answer not in ("true", "false"):
        print(f"::error::Kan ikke se, om repositoriet er privat ('{args.repository_private}'). "
              "Medlemssitet bygges kun, når GitHub siger, at repositoriet er privat.")
        return 2
    if answer == "true":
        _output("true")
        return 0
    leaks = members_only_cases(args.root)
    if leaks:
        for rel in leaks:
            print(f"::error file={rel},line=1,title=Kun for medlemmer i et offentligt repository::"
                  f"{rel} er kun for medlemmer, men repositoriet er offentligt, så alle kan læse filen. "
                  "Gør repositoriet privat (Settings → General → Danger Zone → Change visibility), "
                  "eller slet casen og tal med FriSe: den kan stadig læses i repositoriets historik.")
        print(f"{len(leaks)} case(s) er kun for medlemmer i et offentligt repository. "
              "Medlemssitet bygges ikke, og workflowet stopper.", file=sys.stderr)
        return 1
    _output("false")
    return 0


if __name__ == "__main__":
    sys.exit(main())
