"""The floor `check` is measured against: read each case file and parse its
front matter with libyaml, one file after the other, nothing else.

    python bench/floor.py TREE

bench_check.py calls ``floor()`` in its own process and runs this file as a
whole process; it imports nothing but yaml, so the process is the interpreter,
yaml and this loop.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def floor(root: Path) -> int:
    """The cheapest honest pass: read each case and parse its front matter."""
    parsed = 0
    for path in sorted((root / "cases").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        end = text.find("\n---\n", 3)
        fm = text[4:end + 1] if end >= 0 else text[4:]
        yaml.load(fm, Loader=yaml.CSafeLoader)
        parsed += 1
    return parsed


if __name__ == "__main__":
    floor(Path(sys.argv[1]))
