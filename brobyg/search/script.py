"""The search page's script as the site serves it: without its comment lines
and indentation (a quarter of its bytes, and it is fetched before any
result shows). The source in theme/ stays readable; this only drops whole
comment lines and leading blanks, which cannot change what the code does
(the script has no multi-line strings or template literals; a test keeps it so).
"""

from __future__ import annotations

import re
from pathlib import Path

SCRIPT = Path("assets/javascripts/search.js")  # where the theme's copy lands in the built site
_HEADER = re.compile(r"\A/\*.*?\*/\s*", re.S)


def compact(source: str) -> str:
    out = []
    for line in _HEADER.sub("", source).splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            out.append(line)
    return "\n".join(out) + "\n"


def compact_search_script(site: Path) -> None:
    path = site / SCRIPT
    if path.is_file():
        path.write_text(compact(path.read_text(encoding="utf-8")), encoding="utf-8")
