"""MkDocs hooks used by `build.py serve` only: `serve` rebuilds inside MkDocs,
so the audience and the search index must be added from within."""

import os
from pathlib import Path

from brobyg.site import index_built_site


def on_config(config):
    config.extra["audience"] = os.environ.get("BROBYG_AUDIENCE", "public")
    if config.extra["audience"] == "members":
        config.site_name = f"{config.site_name} · medlemmer"
    return config


def on_post_build(config):
    index_built_site(Path(os.environ["BROBYG_ROOT"]), config.extra["audience"], Path(config.site_dir))
