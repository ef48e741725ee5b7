"""The adapter between our core and the site generator (MkDocs today).

Only this package imports MkDocs (an import contract in pyproject.toml holds
it to that). Everything it renders comes from the staging tree that
``render.pages.write_pages`` wrote; its interface is small:

- ``render_site(root, staging, site_dir, audience)`` renders the staging tree
  into ``site_dir`` (strict: any MkDocs warning raises ``RenderFailed``);
- ``LiveSite(root, staging, site_dir, audience, dev_addr)`` keeps a rendered
  site in memory for `serve`: ``render_all()``, then ``update(changed,
  removed)`` with the staging paths that changed; ``serve(live, watch,
  rebuild)`` serves it with live reload and calls ``rebuild`` on changes.

A Zensical adapter, which reads the same mkdocs.yml, is one more module with
the same two calls.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from typing import Callable

from brobyg.render import routes

# Material 9.8 prints an end-of-life banner on every build; we know (README).
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CODE_ROOT = Path(__file__).resolve().parents[2]


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


class LiveSite:
    """The site `serve` shows, kept in memory between edits: MkDocs' config,
    files, nav and rendered pages. ``update`` re-reads and re-renders only the
    staging pages that changed, which is what a clean build would write for
    them: the nav of every page is rendered again when a title in it changed,
    and the sitemap when pages came or went.

    MkDocs' own dirty builds cannot do this (they read only the changed pages,
    so the nav of the others loses its titles), hence the build steps of
    ``mkdocs.commands.build.build`` one by one. They are MkDocs 1.6 internals:
    mkdocs is pinned, and 1.x gets no new releases.
    """

    def __init__(self, root: Path, staging: Path, site_dir: Path, audience: str, dev_addr: str) -> None:
        from urllib.parse import urlsplit

        self.root, self.staging, self.site_dir, self.audience = root, staging, site_dir, audience
        cfg = _config(root, audience, staging, site_dir, dev_addr=dev_addr)
        self.host, self.port = cfg.dev_addr.host, cfg.dev_addr.port
        self.mount_path = urlsplit(cfg.site_url or "/").path
        cfg.site_url = f"http://{self.host}:{self.port}{self.mount_path}"  # as `mkdocs serve` does
        self.cfg = cfg

    def render_all(self) -> None:
        """A clean render of the whole staging tree into site_dir."""
        from mkdocs.commands.build import _build_extra_template, _build_theme_template, _populate_page
        from mkdocs.structure.files import get_files
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        cfg = self.cfg = self.cfg.plugins.on_config(self.cfg)
        cfg.plugins.on_pre_build(config=cfg)
        files = get_files(cfg)
        env = cfg.theme.get_env()
        files.add_files_from_theme(env, cfg)
        self.files = cfg.plugins.on_files(files, config=cfg)
        self.nav = cfg.plugins.on_nav(get_navigation(self.files, cfg), config=cfg, files=self.files)
        for file in self.files.documentation_pages():
            if file.page is None:
                Page(None, file, cfg)
            _populate_page(file.page, cfg, self.files)
        self.env = cfg.plugins.on_env(env, config=cfg, files=self.files)
        self.files.copy_static_files()
        for template in cfg.theme.static_templates:
            _build_theme_template(template, self.env, self.files, cfg, self.nav)
        for template in cfg.extra_templates:
            _build_extra_template(template, self.files, cfg, self.nav)
        self._build_pages(self.files.documentation_pages())
        cfg.plugins.on_post_build(config=cfg)

    def update(self, changed: set[str], removed: set[str]) -> None:
        """Bring site_dir up to date with these staging paths."""
        from mkdocs.commands.build import _build_theme_template, _populate_page
        from mkdocs.structure.pages import Page

        cfg = self.cfg
        added = {rel for rel in changed if self.files.get_file_from_path(rel) is None}
        if added or removed:
            self._refresh_files(removed)
        titles = {page.file.src_uri: page.title for page in self.nav.pages}
        pages = []
        for rel in sorted(changed):
            file = self.files.get_file_from_path(rel)
            if file is None:  # excluded by MkDocs (a dot file, say)
                continue
            if file.is_documentation_page():
                if file.page is None:
                    Page(None, file, cfg)
                _populate_page(file.page, cfg, self.files)
                pages.append(file)
            else:
                file.copy_file()
        nav_changed = titles != {page.file.src_uri: page.title for page in self.nav.pages}
        self._build_pages(self.files.documentation_pages() if nav_changed else pages)
        for template in cfg.theme.static_templates:
            if nav_changed or ((added or removed) and template.startswith("sitemap")):
                _build_theme_template(template, self.env, self.files, cfg, self.nav)

    def _refresh_files(self, removed: set[str]) -> None:
        """New and removed pages: the file list in the order a clean build walks
        it (the sitemap lists pages in that order), keeping the known files."""
        from mkdocs.structure.files import Files, get_files

        for rel in removed:
            file = self.files.get_file_from_path(rel)
            if file is not None:
                _remove_output(Path(file.abs_dest_path), self.site_dir)
        docs = os.path.abspath(self.cfg.docs_dir)
        known = self.files.src_uris
        fresh = [known.get(f.src_uri, f) for f in get_files(self.cfg)]
        theme = [f for f in self.files if f.src_dir is None or os.path.abspath(f.src_dir) != docs]
        self.files = Files(fresh + theme)

    def _build_pages(self, files) -> None:
        from mkdocs.commands.build import _build_page

        doc_files = self.files.documentation_pages()
        for file in files:
            _build_page(file.page, self.cfg, doc_files, self.nav, self.env)


def _remove_output(path: Path, site_dir: Path) -> None:
    """Remove a page's or file's output, and the folders that leaves empty."""
    path.unlink(missing_ok=True)
    parent = path.parent
    while parent != site_dir and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def serve(live: LiveSite, watch: list[Path], rebuild: Callable[[set[str]], None]) -> None:
    """Serve ``live.site_dir`` with live reload until Ctrl+C: when files under
    ``watch`` change, call ``rebuild`` (in this thread) with the paths the
    file-system events named, then reload the browsers. Events (inotify)
    wake it, not MkDocs' polling of every file each 0.5 s. OSError when the
    address is taken."""
    import threading

    import watchdog.events
    import watchdog.observers
    from mkdocs.livereload import LiveReloadServer

    touched: set[str] = set()
    lock = threading.Lock()

    def build() -> None:
        with lock:
            paths = set(touched)
            touched.clear()
        rebuild(paths)

    # Writes only: inotify also reports every file we open and close, and
    # every update reads sources, so reads would wake the next update forever.
    changes = [watchdog.events.FileCreatedEvent, watchdog.events.FileDeletedEvent, watchdog.events.FileModifiedEvent,
               watchdog.events.FileMovedEvent, watchdog.events.FileClosedEvent, watchdog.events.DirCreatedEvent,
               watchdog.events.DirDeletedEvent, watchdog.events.DirMovedEvent]

    class Recorder(watchdog.events.FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type in ("opened", "closed_no_write", "attrib"):
                return
            with lock:
                touched.update(os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p)
            # What LiveReloadServer.watch()'s own handler does, which would also wake on reads.
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

    server = LiveReloadServer(builder=build, host=live.host, port=live.port, root=str(live.site_dir),
                              mount_path=live.mount_path)
    server.observer = watchdog.observers.Observer()

    def error_page(code: int) -> bytes | None:
        page = live.site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    recorder = Recorder()
    for path in watch:
        if path.exists():
            server.observer.schedule(recorder, str(path), recursive=path.is_dir(), event_filter=changes)
    server.observer.start()  # serve() starts it only for paths given to watch()
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
