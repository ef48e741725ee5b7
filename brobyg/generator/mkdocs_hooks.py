"""MkDocs hooks used by `build.py serve` only: `serve` rebuilds inside MkDocs,
so the audience and the search index must be added from within."""

import os
from pathlib import Path

from brobyg.generator.mkdocs import apply_audience, index_built_site


def on_config(config):
    return apply_audience(config, os.environ.get("BROBYG_AUDIENCE", "public"))


def on_post_build(config):
    index_built_site(Path(os.environ["BROBYG_ROOT"]), config.extra["audience"], Path(config.site_dir))
