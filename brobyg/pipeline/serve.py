"""`build.py serve`: validate and write the staging tree, let the generator
serve it with live reload, and write it again whenever a source changes."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from brobyg.generator import mkdocs as generator
from brobyg.model import KnowledgeBase
from brobyg.pipeline.build import AUDIENCE_LABEL, BuildFailed, validated, write_staging
from brobyg.search.indexer import index_built_site

WATCHED = ("cases", "topics", "data", "docs", "meetings")


class Preview:
    """The served audience and the model behind the pages last written: the
    generator's rebuild indexes that model instead of validating again."""

    def __init__(self, root: Path, audience: str) -> None:
        self.root = root
        self.audience = audience
        self.kb: KnowledgeBase | None = None

    def prepare(self) -> Path:
        """Validate, then write the page tree. Raises BuildFailed."""
        kb = validated(self.root, self.audience)
        staging = write_staging(self.root, kb, self.audience)
        self.kb = kb
        return staging

    def index(self, site_dir: Path) -> None:
        index_built_site(self.kb, site_dir)


def _snapshot(root: Path) -> dict[str, tuple[float, int]]:
    state = {}
    for name in WATCHED:
        for dirpath, _, files in os.walk(root / name):
            for f in files:
                p = os.path.join(dirpath, f)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                state[p] = (st.st_mtime, st.st_size)
    return state


def _watch_sources(preview: Preview, stop: threading.Event) -> None:
    """Regenerate the staging tree when a source changes; MkDocs' own watcher
    then sees the staging change, rebuilds and reloads the browser."""
    last = _snapshot(preview.root)
    while not stop.wait(0.5):
        now = _snapshot(preview.root)
        if now == last:
            continue
        last = now
        try:
            preview.prepare()
            print("Kilderne er ændret: siderne er skrevet igen.", file=sys.stderr)
        except BuildFailed as exc:
            print(f"{exc}\nRet fejlene; siden viser imens den sidste gode udgave.", file=sys.stderr)
        except Exception as exc:  # keep serving whatever happens in one rebuild
            print(f"Kunne ikke skrive siderne igen: {exc}", file=sys.stderr)


def serve_command(root: Path, audience: str, dev_addr: str) -> int:
    preview = Preview(root, audience)
    try:
        staging = preview.prepare()
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        print("Ret fejlene, og start igen.", file=sys.stderr)
        return 1
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_sources, args=(preview, stop), daemon=True)
    watcher.start()
    print(f"Viser det {AUDIENCE_LABEL[audience]} på http://{dev_addr}/ (stop med Ctrl+C).", file=sys.stderr)
    try:
        generator.serve(root, staging, audience, dev_addr, after_build=preview.index)
    except KeyboardInterrupt:
        pass
    except OSError as exc:  # e.g. the port is taken
        print(f"Kunne ikke starte serveren på {dev_addr}: {exc}. Prøv en anden adresse med --dev-addr.", file=sys.stderr)
        return 1
    finally:
        stop.set()
    return 0
