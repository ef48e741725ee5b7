"""The content model: what a valid knowledge base is made of.

Only the validator creates these objects, so everything downstream (pages,
search, audiences) can trust them: ids resolve, dates are real dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# The six themes of the network. Ids are fixed; titles and texts live in topics/.
THEME_IDS = ("kendskab", "matchning", "vejen-ind", "velkomst", "tilpasning", "samarbejde")

VISIBILITIES = ("public", "members")
AUDIENCES = VISIBILITIES  # a build's audience: "members" sees both visibilities

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "ue", "ö": "oe", "ä": "ae"})


def slugify(text: str) -> str:
    """'Åben café' -> 'aaben-cafe' (the design's slug rule)."""
    text = text.lower().translate(_TRANSLIT)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    title: str
    question: str
    guiding_questions: tuple[str, ...]
    intro: str  # Markdown


@dataclass(frozen=True, slots=True)
class Centre:
    id: str
    name: str
    municipality: str
    region: str
    website: str | None = None


@dataclass(frozen=True, slots=True)
class TargetGroup:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    slug: str
    path: str  # repository-relative source path
    title: str
    summary: str
    centre: str
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    visibility: str
    published: dt.date
    body: str  # Markdown, front matter removed
    updated: dt.date | None = None
    period_start: str | None = None  # "YYYY-MM"
    period_end: str | None = None  # None with a start: ongoing
    partners: tuple[str, ...] = ()
    contact: Contact | None = None
    example: bool = False
    case_links: tuple[str, ...] = ()  # slugs of cases the body links to

    @property
    def members_only(self) -> bool:
        return self.visibility == "members"

    @property
    def last_changed(self) -> dt.date:
        return self.updated or self.published


@dataclass(slots=True)
class KnowledgeBase:
    themes: dict[str, Theme] = field(default_factory=dict)
    centres: dict[str, Centre] = field(default_factory=dict)
    target_groups: dict[str, TargetGroup] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)  # municipality -> region
    cases: dict[str, Case] = field(default_factory=dict)

    def for_audience(self, audience: str) -> "KnowledgeBase":
        """The knowledge base as one audience may see it.

        The public audience gets a copy without members-only cases, so no page,
        count, related link or search entry can leak them: they are simply not
        there for anything downstream to find.
        """
        if audience == "members":
            return self
        return KnowledgeBase(
            themes=self.themes,
            centres=self.centres,
            target_groups=self.target_groups,
            regions=self.regions,
            cases={s: c for s, c in self.cases.items() if not c.members_only},
        )

    def newest_first(self) -> list[Case]:
        return sorted(self.cases.values(), key=lambda c: (c.published, c.slug), reverse=True)
