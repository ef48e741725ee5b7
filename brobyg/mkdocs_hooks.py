"""MkDocs hooks used by `build.py serve` only: `serve` rebuilds inside MkDocs,
so the audience and the search index must be added from within."""

import os

from brobyg.site import run_pagefind


def on_config(config):
    config.extra["audience"] = os.environ.get("BROBYG_AUDIENCE", "public")
    if config.extra["audience"] == "members":
        config.site_name = f"{config.site_name} · medlemmer"
    return config


def on_post_build(config):
    from pathlib import Path

    run_pagefind(Path(config.site_dir))
