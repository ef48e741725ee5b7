"""Where things live in a Brobygningsbasen repository."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


# The generated templates contributors copy (python -m brobyg.commands.generate writes them).
CASE_TEMPLATE = "templates/case.md"
MEETING_TEMPLATE = "templates/meeting.md"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def cases_dir(self) -> Path:
        return self.root / "cases"

    @property
    def topics_dir(self) -> Path:
        return self.root / "topics"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def meetings_dir(self) -> Path:
        return self.root / "meetings"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def municipalities_file(self) -> Path:
        return self.data_dir / "municipalities.yml"

    @property
    def centres_file(self) -> Path:
        return self.data_dir / "centres.yml"

    @property
    def target_groups_file(self) -> Path:
        return self.data_dir / "target-groups.yml"

    @property
    def public_numbers_file(self) -> Path:
        return self.data_dir / "public-numbers.yml"

    def site_url(self) -> str:
        """The public site's address ('' when mkdocs.yml has none)."""
        from brobyg.site_config import site_url

        return site_url(self.root) or ""

    def rel(self, path: Path) -> str:
        """Repository-relative POSIX path for messages; absolute when outside.

        Symlinks are not followed: a problem is reported under the name the
        contributor sees (and a symlink loop cannot make this raise)."""
        full = os.path.abspath(path)
        root = os.path.abspath(self.root)
        if full.startswith(root + os.sep):
            return full[len(root) + 1 :].replace(os.sep, "/")
        return full.replace(os.sep, "/") if full != root else "."

    def meeting_files(self) -> list[Path]:
        return sorted(self.meetings_dir.glob("*.md"), key=str) if self.meetings_dir.is_dir() else []

    def case_files(self) -> list[Path]:
        return sorted(self.cases_dir.glob("*.md"), key=str) if self.cases_dir.is_dir() else []
