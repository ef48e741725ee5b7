"""The adapter between our core and the site generator (MkDocs today).

Only this package imports MkDocs (an import contract in pyproject.toml holds
it to that). Everything it renders comes from the staging tree that
``render.pages.write_pages`` wrote; its interface is two calls:

- ``render_site(root, staging, site_dir, audience)`` renders the staging tree
  into ``site_dir`` (strict: any MkDocs warning raises ``RenderFailed``);
- ``serve(root, staging, audience, dev_addr, after_build)`` serves it with
  live reload, calling ``after_build(site_dir)`` after each rebuild.

A Zensical adapter, which reads the same mkdocs.yml, is one more module with
the same two calls.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from brobyg.render import routes

# Material 9.8 prints an end-of-life banner on every build; we know (README).
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CODE_ROOT = Path(__file__).resolve().parents[2]
HOOKS = Path(__file__).with_name("mkdocs_hooks.py")


class RenderFailed(Exception):
    """MkDocs could not render the site; the message is MkDocs' own."""


def config_file(root: Path) -> Path:
    """The content root's mkdocs.yml, else this repository's (for test and
    benchmark trees that hold only content)."""
    own = root / "mkdocs.yml"
    return own if own.exists() else CODE_ROOT / "mkdocs.yml"


def apply_site(cfg, audience: str):
    """What the theme needs from us: the audience (banner, noindex, name),
    and the routes (the nav and the search page's URL)."""
    cfg.nav = routes.nav()
    cfg.extra["audience"] = audience
    cfg.extra["search_page"] = routes.page_url(routes.SEARCH)
    if audience == "members":
        cfg.site_name = f"{cfg.site_name} · medlemmer"
        # Its own address: canonical links and the sitemap never point members-only
        # pages at the public host. Without one, the members' site names no host at all.
        cfg.site_url = cfg.extra.get("members_site_url") or None
    return cfg


def _config(root: Path, audience: str, docs_dir: Path, site_dir: Path, **extra):
    from mkdocs.config import load_config

    cfg = load_config(config_file=str(config_file(root)), docs_dir=str(docs_dir), site_dir=str(site_dir), **extra)
    return apply_site(cfg, audience)


def _quiet_mkdocs() -> None:
    """Show MkDocs' warnings (they fail the strict build), not its chatter."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    if not any(getattr(h, "_brobyg", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
        handler._brobyg = True
        logger.addHandler(handler)


def render_site(root: Path, staging: Path, site_dir: Path, audience: str) -> None:
    """Render the staging tree into ``site_dir``, strictly."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    _quiet_mkdocs()
    try:
        cfg = _config(root, audience, staging, site_dir, strict=True)
        gc.freeze()  # our model outlives MkDocs: spare its garbage collections from walking it
        try:
            mkdocs_build(cfg)
        finally:
            gc.unfreeze()
    except (MkDocsException, SystemExit) as exc:
        raise RenderFailed(str(exc)) from None


@dataclass
class Serving:
    """What the hooks of the running `serve` need. MkDocs loads hooks by file
    path and calls them with its config only, so this one registry object is
    how they reach the call that started the server."""

    audience: str
    after_build: Callable[[Path], None]


SERVING: Serving | None = None  # set by serve() for mkdocs_hooks.py


def serve(root: Path, staging: Path, audience: str, dev_addr: str, after_build: Callable[[Path], None]) -> None:
    """Serve the staging tree with live reload until Ctrl+C. MkDocs watches the
    staging tree and the theme; OSError when the address is taken."""
    global SERVING
    from mkdocs.commands.serve import serve as mkdocs_serve

    SERVING = Serving(audience, after_build)
    try:
        mkdocs_serve(
            config_file=str(config_file(root)), livereload=True, dev_addr=dev_addr,
            docs_dir=str(staging), watch=[str(config_file(root).parent / "theme")], hooks=[str(HOOKS)],
        )
    finally:
        SERVING = None
