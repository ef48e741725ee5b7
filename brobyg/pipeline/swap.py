"""Moving a finished site into place, so the last good site stays until the
new one is complete."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def swap_into_place(new: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    os.chmod(out, 0o755)  # a web server must be able to read it, whatever the umask made
