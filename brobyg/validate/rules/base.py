"""What a rule is: a code, a severity, and the Danish words that explain it.

Each family module in this package declares its rules with ``Rule(...)``;
declaring one registers it. A rule's code is written only there: checks
report through ``Report.add(rule, …)``, which stamps code and severity.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from pathlib import Path

from brobyg.schema.cases import SUGGESTED_HEADINGS
from brobyg.problems import ERROR, WARNING

__all__ = ["ERROR", "WARNING", "Example", "Rule", "case_example", "sample_example", "file_example", "write_image", "SAMPLE_BODY", "SAMPLE_CASE"]

_DECLARED: list["Rule"] = []


class Example:
    """A small knowledge base change that shows a rule.

    ``files`` are written over a copy of a valid knowledge base (``None``
    deletes the file; a path starting with '+' is appended to); ``setup``
    does what text cannot (symlinks, images, big files). ``shown`` is what
    the error-code page prints, highlighted as ``lang``. ``paths`` are what
    is checked (``python build.py check PATH …``); none: the whole knowledge base."""

    __slots__ = ("shown", "files", "setup", "lang", "paths")

    def __init__(self, shown: str, files: tuple[tuple[str, str | bytes | None], ...] = (),
                 setup: Callable[[Path], None] | None = None, lang: str = "yaml", paths: tuple[str, ...] = ()) -> None:
        self.shown, self.files, self.setup, self.lang, self.paths = shown, files, setup, lang, paths

    def apply(self, root: Path) -> None:
        for rel, content in self.files:
            path = root / rel.lstrip("+")
            if content is None:
                path.unlink(missing_ok=True)
                continue
            data = content.encode("utf-8") if isinstance(content, str) else content
            if rel.startswith("+"):
                data = path.read_bytes() + data
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if self.setup:
            self.setup(root)


class Rule:
    """One rule: declared once, in its family's module; reported through
    ``Report.add(rule, …)``. (A plain class: `check` imports every rule on
    each run, and plain classes are the cheapest to create.)"""

    __slots__ = ("code", "severity", "title", "what", "why", "fix", "bad", "good", "family", "stage")

    def __init__(self, code: str, severity: str, title: str, *, what: str, why: str, fix: str,
                 bad: Example, good: Example, stage: str = "check") -> None:
        self.code = code
        self.severity = severity
        self.title = title  # Danish, a few words
        self.what = what  # what the rule checks
        self.why = why  # why it matters
        self.fix = fix  # how to fix a problem it reports
        self.bad = bad  # makes the rule report a problem
        self.good = good  # the same, fixed: no problem at all
        # "check": reported by `check`; "build": a last guard that only the build
        # can report (its examples are for the error-code page, not for `check`).
        self.stage = stage
        # The family is the declaring module: brobyg.validate.rules.<family>.
        self.family = sys._getframe(1).f_globals["__name__"].rsplit(".", 1)[-1]
        _DECLARED.append(self)

    def __repr__(self) -> str:
        return f"Rule({self.code!r})"


def declared() -> list[Rule]:
    return list(_DECLARED)


# -- examples ----------------------------------------------------------------

# A valid case against the sample vocabularies (and the test fixture's).
SAMPLE_FIELDS: dict[str, str] = {
    "title": "Åben café som første skridt",
    "summary": "Et ugentligt, uforpligtende caféformat, hvor borgere kan møde foreningerne.",
    "centre": "frivilligcenter-fjordby",
    "themes": "[vejen-ind, velkomst]",
    "target_groups": "[ensomme]",
    "visibility": "public",
    "published": "2025-03-01",
}
SAMPLE_BODY = "\n".join(f"## {h}\n\nEn kort tekst under overskriften {h.lower()}.\n" for h in SUGGESTED_HEADINGS)
SAMPLE_PATH = "cases/aaben-cafe-2.md"


def changed_front_matter(sample: dict[str, str], changes: dict[str, str | None]) -> str:
    """``sample`` as front matter, one 'key: value' line each, with ``changes``:
    ``None`` drops a key, new keys go last, a value starting with a line break
    is a block."""
    fields = dict(sample)
    for key, value in changes.items():
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
    return "".join(f"{k}: {v}\n" if not v.startswith("\n") else f"{k}:{v}\n" for k, v in fields.items())


def front_matter(**changes: str | None) -> str:
    """The sample case's front matter with some lines changed."""
    return changed_front_matter(SAMPLE_FIELDS, changes)


def sample_example(sample: dict[str, str], sample_body: str, path: str, shown: str | None, body: str | None,
                   setup: Callable[[Path], None] | None, changes: dict[str, str | None]) -> Example:
    """A sample file (a case, a meeting) with some front matter lines changed,
    or another body. The page shows the changed lines (or the body) unless
    ``shown`` says otherwise."""
    text = f"---\n{changed_front_matter(sample, changes)}---\n\n{sample_body if body is None else body}"
    if shown is None:
        shown = "\n".join(f"{k}:{'' if v.startswith(chr(10)) else ' '}{v}" for k, v in changes.items() if v is not None)
        shown = shown or (body or "").strip() or "(feltet er slettet)"
    lang = "markdown" if body is not None and not changes else "yaml"
    return Example(shown, ((path, text),), setup, lang)


SAMPLE_CASE = f"---\n{front_matter()}---\n\n{SAMPLE_BODY}"


def case_example(shown: str | None = None, *, body: str | None = None, path: str = SAMPLE_PATH,
                 setup: Callable[[Path], None] | None = None, **changes: str | None) -> Example:
    """The sample case with some front matter lines changed, or another body."""
    return sample_example(SAMPLE_FIELDS, SAMPLE_BODY, path, shown, body, setup, changes)


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" Mente du '{close[0]}'?" if close else ""


def write_image(root: Path, rel: str, gps: bool = False) -> None:
    """A small JPEG at ``rel``, with or without a GPS position in its metadata."""
    import io

    from PIL import Image

    from brobyg.validate.privacy import GPS_IFD

    exif = Image.Exif()
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 40.0, 12.5), 3: "E", 4: (12.0, 34.0, 5.0)})
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "JPEG", exif=exif)
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def file_example(shown: str, files: dict[str, str | bytes | None], setup: Callable[[Path], None] | None = None,
                 lang: str = "yaml") -> Example:
    return Example(shown, tuple(files.items()), setup, lang)
