"""Quality gates over the built sample site, in both audiences.

The two sites are built once per test session (per xdist worker) by the
browser tests' fixtures (../conftest.py), which this folder shares: the same
Chromium, the same guarded pages, the same 127.0.0.1 servers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO

from .kinds import AUDIENCES, Sample

NODE_MODULES = REPO / "node_modules"


def npm_tool(*parts: str) -> Path:
    """A file of a pinned npm tool (package.json); ./dev installs them with npm ci."""
    path = NODE_MODULES.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path.relative_to(REPO)} is missing: run ./dev test, which installs the pinned npm tools", pytrace=False)
    return path


@pytest.fixture(scope="session")
def sites(request) -> dict[str, Path]:
    """Both audiences' built sites, by audience."""
    return {a: request.getfixturevalue(f"{a}_site") for a in AUDIENCES}


@pytest.fixture(scope="session")
def urls(request) -> dict[str, str]:
    """Both audiences' served sites (base URLs), by audience."""
    return {a: request.getfixturevalue(f"{a}_url") for a in AUDIENCES}


@pytest.fixture(scope="session")
def samples(sample_kb) -> dict[str, Sample]:
    return {a: Sample(sample_kb, a) for a in AUDIENCES}
