"""MkDocs hooks used by `build.py serve` only: `serve` rebuilds inside MkDocs,
so the audience and the search index must be added from within. They reach
the running serve through the adapter's ``SERVING`` registry."""

from pathlib import Path

from brobyg.generator import mkdocs as adapter


def on_config(config):
    return adapter.apply_site(config, adapter.SERVING.audience)


def on_post_build(config):
    adapter.SERVING.after_build(Path(config.site_dir))
