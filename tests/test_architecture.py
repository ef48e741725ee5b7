"""The code's shape: ruff passes, and the import contracts in pyproject.toml
hold (only the generator adapter imports MkDocs; the flow goes one way)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import REPO


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_passes():
    done = _run(sys.executable, "-m", "ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_contracts_hold():
    done = _run(str(Path(sys.executable).with_name("lint-imports")), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def test_the_package_is_installed_not_patched_in():
    import brobyg

    done = _run(sys.executable, "-c", "import brobyg, sys; print(brobyg.__file__)")
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).resolve() == Path(brobyg.__file__).resolve()


def test_the_nav_comes_from_the_routes(tmp_path):
    from brobyg.generator.mkdocs import apply_site, config_file
    from brobyg.model import THEME_IDS
    from brobyg.render import routes
    from mkdocs.config import load_config

    raw = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert "nav" not in raw, "the nav is injected from brobyg/render/routes.py"
    cfg = apply_site(load_config(config_file=str(config_file(REPO)), docs_dir=str(tmp_path)), "public")
    themes = next(entry["Temaer"] for entry in cfg.nav if "Temaer" in entry)
    assert themes == [routes.THEMES_INDEX] + [f"{routes.THEMES_DIR}/{t}.md" for t in THEME_IDS]
