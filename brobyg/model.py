"""The content model: what a valid knowledge base is made of.

Only the validator creates these objects, so everything downstream (pages,
search, audiences) can trust them: ids resolve, dates are real dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

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
    body_line: int = 1  # the line of the case file the body starts on

    @property
    def members_only(self) -> bool:
        return self.visibility == "members"

    @property
    def last_changed(self) -> dt.date:
        return self.updated or self.published


# Meetings of the network: date and times are local time in Denmark.
MEETING_TZ = ZoneInfo("Europe/Copenhagen")
MEETING_FORMATS = ("online", "physical")


@dataclass(frozen=True, slots=True)
class Material:
    title: str
    url: str  # an https:// address, or a file beside the meeting: "meetings/<slug>/<file>"

    @property
    def is_file(self) -> bool:
        return "://" not in self.url


@dataclass(frozen=True, slots=True)
class Presenter:
    name: str
    topic: str
    centre: str | None = None  # an id in the centres registry; None for a guest from outside
    organisation: str | None = None  # a guest's organisation
    material: tuple[Material, ...] = ()


@dataclass(frozen=True, slots=True)
class Meeting:
    slug: str
    path: str
    title: str
    date: dt.date
    start: dt.time
    end: dt.time
    format: str  # "online" | "physical"
    themes: tuple[str, ...]
    visibility: str
    minutes_visibility: str
    published: dt.date
    body: str  # the description (Markdown), minutes removed
    place: str | None = None  # required for a physical meeting
    agenda: tuple[str, ...] = ()
    presenters: tuple[Presenter, ...] = ()
    cases: tuple[str, ...] = ()  # slugs of the cases presented
    minutes: str | None = None  # Markdown under the minutes heading, None when there are none (or not for this audience)
    updated: dt.date | None = None
    example: bool = False

    @property
    def members_only(self) -> bool:
        return self.visibility == "members"

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start, MEETING_TZ)

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.end, MEETING_TZ)

    @property
    def last_changed(self) -> dt.date:
        return self.updated or self.published


@dataclass(slots=True)
class KnowledgeBase:
    themes: dict[str, Theme] = field(default_factory=dict)
    centres: dict[str, Centre] = field(default_factory=dict)
    target_groups: dict[str, TargetGroup] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)  # municipality -> region
    public_numbers: dict[str, str] = field(default_factory=dict)  # 8 digits -> public institution
    cases: dict[str, Case] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)

    def for_audience(self, audience: str) -> "KnowledgeBase":
        """The knowledge base as one audience may see it.

        The public audience gets a copy without members-only cases, so no page,
        count, related link or search entry can leak them: they are simply not
        there for anything downstream to find.
        """
        if audience == "members":
            return self
        cases = {s: c for s, c in self.cases.items() if not c.members_only}
        return KnowledgeBase(
            themes=self.themes,
            centres=self.centres,
            target_groups=self.target_groups,
            regions=self.regions,
            public_numbers=self.public_numbers,
            cases=cases,
            meetings={s: _public_meeting(m, cases) for s, m in self.meetings.items() if not m.members_only},
        )

    def newest_first(self) -> list[Case]:
        return sorted(self.cases.values(), key=lambda c: (c.published, c.slug), reverse=True)


def _public_meeting(m: Meeting, public_cases: dict[str, Case]) -> Meeting:
    """A public meeting as the public may see it: members-only minutes and
    members-only cases taken out."""
    minutes = m.minutes if m.minutes_visibility == "public" else None
    cases = tuple(s for s in m.cases if s in public_cases)
    return m if (minutes, cases) == (m.minutes, m.cases) else replace(m, minutes=minutes, cases=cases)
