"""What `serve` remembers between two writes of the staging tree, so that one
edited case re-renders only the pages that show it.

A page marked *stable* shows nothing but its front matter, its template
context and the vocabularies (themes, centres, target groups). When those
compare equal to the last run's, its staging file is still right and the
template is not rendered again. Cases that did not change are the very same
objects from one run to the next, so comparing a listing of thousands of them
is mostly identity checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from brobyg.model import Case, KnowledgeBase
from brobyg.render.related import related_cases, updated_related


@dataclass
class StagingChanges:
    """Staging paths ('cases/x.md') whose bytes a write changed, and those it removed."""

    changed: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)


class PageMemo:
    def __init__(self) -> None:
        self.keys: dict[str, tuple] = {}  # staging path -> what its page was rendered from
        self.extras: dict[str, tuple[str, ...]] = {}  # staging path -> files its rendering also wrote
        self.snippets: dict[tuple[str, str, int], tuple[Case, str]] = {}  # (template, slug, depth) -> (case, HTML)
        self.env = None  # the Jinja environment, compiled once
        self.written: set[str] | None = None  # every staging path of the last run
        self._vocab: tuple | None = None
        self._seen: set[str] = set()
        self._related_input: list[Case] | None = None
        self._related: dict[str, list[Case]] = {}

    def start(self, kb: KnowledgeBase) -> None:
        vocab = (kb.themes, kb.centres, kb.target_groups, kb.regions)
        if vocab != self._vocab:  # every page may show a theme title or a centre name
            self.keys.clear()
            self.extras.clear()
            self.snippets.clear()
            self._vocab = vocab
        self._seen = set()

    def unchanged(self, rel: str, key: tuple) -> bool:
        """Whether ``rel`` was last rendered from ``key``; remembers ``key``."""
        self._seen.add(rel)
        old = self.keys.get(rel)
        self.keys[rel] = key
        return old is not None and old == key

    def related(self, newest: list[Case]) -> dict[str, list[Case]]:
        """Related cases for all of ``newest``, computed again only when the cases changed."""
        if self._related_input is None:
            self._related = related_cases(newest)
        elif self._related_input != newest:
            self._related = updated_related(self._related, self._related_input, newest)
        self._related_input = newest
        return self._related

    def remove_unwritten(self, staging: Path, written: set[str]) -> set[str]:
        """Remove the files the last run wrote and this one did not."""
        removed = self.written - written
        for rel in sorted(removed, reverse=True):
            path = staging / rel
            path.unlink(missing_ok=True)
            parent = path.parent
            while parent != staging and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        return removed

    def finish(self, env, written: set[str]) -> None:
        self.env = env
        self.written = written
        for rel in self.keys.keys() - self._seen:  # pages that are gone
            del self.keys[rel]
            self.extras.pop(rel, None)
