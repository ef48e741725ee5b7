"""What the core needs from the site's configuration (mkdocs.yml, which
Zensical reads too): the addresses, for feeds, the calendar and the links
in `check`'s messages, and the site's name. Read as plain YAML once per
file version; MkDocs is never imported for it."""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlsplit

import yaml

CODE_ROOT = Path(__file__).resolve().parents[1]


def config_file(root: Path) -> Path:
    """The content root's mkdocs.yml, else this repository's (for test and
    benchmark trees that hold only content)."""
    own = root / "mkdocs.yml"
    return own if own.exists() else CODE_ROOT / "mkdocs.yml"


class _TolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: `check` reads this too
    """mkdocs.yml may hold !!python/... and !ENV tags; we read plain keys only."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@functools.lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict:
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def site_url(root: Path, audience: str = "public") -> str | None:
    """The audience's absolute address with a trailing slash, or None when unset.
    The members' site has its own (extra.members_site_url), so its feeds and
    open data never point members-only pages at the public host."""
    path = config_file(root)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    config = _read(str(path), mtime)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    url = extra.get("members_site_url") if audience == "members" else config.get("site_url")
    if not isinstance(url, str) or not urlsplit(url).scheme or not urlsplit(url).netloc:
        return None
    return url if url.endswith("/") else url + "/"


def _text(root: Path, key: str, default: str) -> str:
    path = config_file(root)
    try:
        value = _read(str(path), path.stat().st_mtime).get(key)
    except OSError:
        value = None
    return value.strip() if isinstance(value, str) and value.strip() else default


def site_name(root: Path) -> str:
    return _text(root, "site_name", "Brobygningsbasen")


def site_author(root: Path) -> str:
    return _text(root, "site_author", "FriSe")
