"""The search page's script as the site serves it: minified with terser (the
npm package pinned in package.json), because it is fetched before any result
shows and counts against the first query's download budget (35.8 KB as
written, 16.2 KB minified). The source in theme/ stays readable.

terser takes about 0.3 s (a Node start), so its output is kept in a cache
folder, keyed by the source and terser's version: a rebuild with an unchanged
script costs a file read. Without Node or terser (a machine set up by hand,
without npm) the script is served as written: larger, and the same program.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from brobyg.search.pagefind import NODE_MODULES

SCRIPT = Path("assets/javascripts/search.js")  # where the theme's copy lands in the built site
TERSER = NODE_MODULES / "terser"
# compress and mangle; the script is an ES2018 program (Unicode property escapes in its patterns)
TERSER_OPTIONS = ["--compress", "--mangle", "--ecma", "2018"]


def _terser() -> tuple[list[str], str] | None:
    """The command that runs the pinned terser, and its version."""
    node = shutil.which("node")
    try:
        version = json.loads((TERSER / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None
    runner = TERSER / "bin" / "terser"
    if node is None or not runner.is_file():
        return None
    return [node, str(runner), *TERSER_OPTIONS], version


def _cache_dir() -> Path:
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"brobyg-minified-{uid}"


def minify(source: str) -> str:
    """The script minified, or as it is when terser cannot run."""
    terser = _terser()
    if terser is None:
        return source
    command, version = terser
    key = hashlib.sha256("\0".join([version, *TERSER_OPTIONS, source]).encode("utf-8")).hexdigest()
    cached = _cache_dir() / f"{key}.js"
    try:
        return cached.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    done = subprocess.run(command, input=source, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0 or not done.stdout.strip():
        return source
    try:  # written whole, then renamed: a build running beside this one never reads half a file
        cached.parent.mkdir(parents=True, exist_ok=True)
        part = cached.with_suffix(f".{os.getpid()}.part")
        part.write_text(done.stdout, encoding="utf-8")
        part.replace(cached)
    except OSError:  # a full or read-only temp folder: minify again next time
        pass
    return done.stdout


def minify_search_script(site: Path) -> None:
    path = site / SCRIPT
    if path.is_file():
        path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
