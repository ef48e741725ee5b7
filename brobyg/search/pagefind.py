"""How to run the Pagefind indexer: the npm package pinned in package.json.

Pagefind 1.6 (npm) writes its filter indexes in a stable order (upstream
Pagefind/pagefind#638), so two builds of the same records are byte-identical
without any post-processing; the PyPI packages were still at 1.5.2, whose
filter files needed re-sorting. `./dev` runs `npm ci`, which puts the
platform's binary under node_modules/@pagefind/.
"""

from __future__ import annotations

import platform
import shutil
import sys
from pathlib import Path

CODE_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = CODE_ROOT / "node_modules"

_ARCH = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}
_OS = {"linux": "linux", "darwin": "darwin", "win32": "windows", "freebsd": "freebsd"}


class PagefindMissing(Exception):
    """The pinned Pagefind is not installed; the message is for the user (Danish)."""


def pagefind_command() -> list[str]:
    """The command that runs the pinned Pagefind: its binary straight away
    (no Node start-up), else the npm package's own runner."""
    osname = next((v for k, v in _OS.items() if sys.platform.startswith(k)), sys.platform)
    arch = _ARCH.get(platform.machine().lower(), platform.machine().lower())
    bin_dir = NODE_MODULES / "@pagefind" / f"{osname}-{arch}" / "bin"
    for name in ("pagefind_extended", "pagefind", "pagefind_extended.exe", "pagefind.exe"):
        if (bin_dir / name).is_file():
            return [str(bin_dir / name)]
    runner = NODE_MODULES / "pagefind" / "lib" / "runner" / "bin.cjs"
    node = shutil.which("node")
    if runner.is_file() and node:
        return [node, str(runner)]
    raise PagefindMissing(
        "Søgeindekset kræver Pagefind fra npm, men det er ikke installeret. "
        "Kør ./dev serve eller ./dev test (eller npm ci i projektets rod), og byg igen."
    )


def index_command(site: Path, out: Path) -> list[str]:
    return [*pagefind_command(), "--site", str(site), "--output-path", str(out), "--silent"]


# Pagefind writes its own search interfaces beside the index in every bundle
# (about 430 KB). The search page is ours (theme/assets/javascripts/search.js)
# and loads none of them, so the site does not carry them.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def drop_unused_files(bundle: Path) -> None:
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
