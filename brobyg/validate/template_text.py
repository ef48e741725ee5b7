"""The words a case starts with before anyone writes it: the template's
placeholder title and summary, its italic prompts under each heading, and
``build.py new``'s prompts. A case that still holds them is not written yet.

All of it is read from where it is written, in one place here: the case
schema (its example title and summary, and the question under each heading,
from which the template and ``build.py new`` are made) and the repository's
own ``templates/case.md`` (so an edited or older template is recognised too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from brobyg.project import Project
from brobyg.validate.privacy import utf8

# Words that stand in for a title or summary in any template or draft.
GENERIC = ("titel", "title", "overskrift", "todo", "tbd", "xxx", "test", "ny case", "min case", "skriv titel her",
           "skriv en titel", "resumé", "resume", "kort resumé", "summary", "lorem ipsum", "tekst", "skriv her")
_MARKERS = ("todo", "tbd", "xxx", "lorem ipsum")  # a text that starts so is a draft
_ITALIC_LINE = re.compile(r"^[ \t]*([*_])(?!\1)(.+?)(?<!\s)\1[ \t]*$", re.M)
_COMMENT = re.compile(r"(?:^|[ \t])#[ \t]?(.*)$")


def normalise(text: str) -> str:
    return _fold(" ".join(text.split()))


def _fold(spaced: str) -> str:
    """``normalise`` of a text whose white space is single spaces already."""
    return spaced.casefold().strip(" .…:!")


@dataclass(frozen=True, slots=True)
class TemplateText:
    titles: frozenset[str]  # normalised placeholder titles
    summaries: tuple[str, ...]  # normalised placeholder summaries
    prompts: tuple[str, ...]  # the prompt texts under the headings, as written
    comments: frozenset[str]  # the template's YAML comments, normalised
    prompts_utf8: tuple[bytes, ...] = field(init=False)  # the prompts as UTF-8, in the same order

    def __post_init__(self) -> None:
        object.__setattr__(self, "prompts_utf8", tuple(utf8(p) for p in self.prompts))

    def placeholder_title(self, title: str, spaced: bool = False) -> bool:
        """``spaced``: the title's white space is already single spaces ('" ".join(title.split())')."""
        t = _fold(title) if spaced else normalise(title)
        return t in self.titles or t.startswith(_MARKERS)

    def placeholder_summary(self, summary: str, spaced: bool = False) -> bool:
        s = _fold(summary) if spaced else normalise(summary)
        return s in self.titles or s.startswith(_MARKERS) or any(p and p in s for p in self.summaries)

    def prompts_in(self, body: str, encoded: bytes | None = None) -> list[tuple[int, str]]:
        """(offset, prompt) for each prompt still in the body. ``encoded`` is the
        body as UTF-8 (lone surrogates passed), when the caller has it: searching
        bytes is quicker than searching a text with characters beyond Latin-1,
        and in UTF-8 a prompt's bytes can only match where its characters do."""
        found = []
        if encoded is None:
            for p in self.prompts:
                i = body.find(p)
                if i >= 0:
                    found.append((i, p))
        else:
            for p, b in zip(self.prompts, self.prompts_utf8):
                i = encoded.find(b)
                if i >= 0:
                    found.append((len(encoded[:i].decode("utf-8", "surrogatepass")), p))
        return sorted(found)


def load(project: Project) -> TemplateText:
    from brobyg.schema.cases import HEADINGS, SUMMARY, TITLE  # the template's and `new`'s words

    titles = {normalise(g) for g in GENERIC}
    summaries = set()
    prompts = [question for _, question in HEADINGS]
    comments: set[str] = set()
    for example, into in ((TITLE.example, titles), (SUMMARY.example, summaries)):
        value = _yaml_value(example)
        if value:
            into.add(normalise(value))
    try:
        text = (project.root / "templates" / "case.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    if text.startswith("---\n") and "\n---" in text[4:]:
        front, _, body = text[4:].partition("\n---")
        try:
            fields = yaml.safe_load(front) or {}
        except yaml.YAMLError:
            fields = {}
        if isinstance(fields, dict):
            if isinstance(fields.get("title"), str):
                titles.add(normalise(fields["title"]))
            if isinstance(fields.get("summary"), str):
                summaries.add(normalise(fields["summary"]))
        for line in front.split("\n"):
            m = _COMMENT.search(line)
            if m:
                comments.add(normalise(m.group(1)))
        prompts += [m.group(2).strip() for m in _ITALIC_LINE.finditer(body)]
    # Longest first, so a prompt inside another is not reported twice.
    unique = sorted({p for p in prompts if len(p) >= 12}, key=len, reverse=True)
    return TemplateText(frozenset(titles), tuple(sorted(summaries)), tuple(unique), frozenset(comments))


def _yaml_value(example: str):
    try:
        return yaml.safe_load(f"v: {example}").get("v")
    except (yaml.YAMLError, AttributeError):
        return None
