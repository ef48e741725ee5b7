"""What `check` vetted in a case body, carried to the renderer.

Each case page in the staging tree starts its body with one marker line that
names the case file, the line its body starts on, and every link and image
target the validator's scanner found (and so judged). The Markdown extension
in ``markdown_vetted`` compares what Python-Markdown actually renders with
that list: anything the renderer would publish that `check` did not see is
a build error on the case's line, never a silent pass. No MkDocs here.
"""

from __future__ import annotations

import contextlib
import json

from brobyg.problems import Problem
from brobyg.render.routes import SOURCE_TO_SITE
from brobyg.validate.rules.body import BODY_UNVETTED

MARKER = "<!-- brobyg:vetted "
MARKER_END = " -->"
CODE = BODY_UNVETTED.code


def site_target(target: str) -> str:
    for source, site in SOURCE_TO_SITE:
        if target.startswith(source):
            return site + target[len(source):]
    return target


def normal(target: str) -> str:
    """Targets compared as the browser reads them: outer and repeated whitespace do not count."""
    return " ".join(target.split())


def marker(path: str, body_line: int, targets: set[str]) -> str:
    data = {"path": path, "line": body_line, "targets": sorted(normal(site_target(t)) for t in targets)}
    return MARKER + json.dumps(data, ensure_ascii=True) + MARKER_END


def parse_marker(line: str) -> dict | None:
    if not line.startswith(MARKER) or not line.rstrip().endswith(MARKER_END.strip()):
        return None
    try:
        data = json.loads(line.rstrip()[len(MARKER):-len(MARKER_END)])
    except ValueError:
        return None
    return data if isinstance(data, dict) and {"path", "line", "targets"} <= data.keys() else None


class UnvettedContent(Exception):
    """Raised when no build collects the problems (e.g. MkDocs run on its own)."""


_collectors: list[list[Problem]] = []


@contextlib.contextmanager
def collect(problems: list[Problem] | None = None):
    """Gather the problems of every page rendered inside the block into ``problems``."""
    problems = [] if problems is None else problems
    _collectors.append(problems)
    try:
        yield problems
    finally:
        _collectors.remove(problems)


def summary(problems: list[Problem]) -> str:
    """The problems as `check` prints them, for a failed build."""
    from brobyg.problems import render

    unique = sorted(set(problems))
    return render(unique, "text", len({p.path for p in unique}))


def report(problem: Problem) -> None:
    if not _collectors:
        raise UnvettedContent(problem.as_text())
    _collectors[-1].append(problem)


def message(kind: str, target: str) -> str:
    what = {"img": "et billede", "a": "et link"}.get(kind)
    if what:
        return (f"Siden ville vise {what} til '{target}', som tjekket ikke har kontrolleret: tjekket og siden læser "
                "teksten forskelligt her. Skriv det enkelt, fx [tekst](anden-case.md) eller ![beskrivelse](mappe/billede.png) "
                "på én linje, kør python build.py check igen, og sig det gerne til FriSe.")
    return (f"Siden ville vise HTML, som tjekket ikke har kontrolleret: {target}. Brug Markdown i stedet, "
            "kør python build.py check igen, og sig det gerne til FriSe.")
