"""`mkdocs build` of a given docs folder, as a process of its own.

    python bench/mkdocs_alone.py CONFIG DOCS_DIR SITE_DIR [--strict] [--audience A] [--plugins search]

This is what the `mkdocs build --strict` command does (load the config with
the folders overridden, build), for a page tree outside the config's folder.
bench_site.py times it as a whole process, imports included, beside our own
`build.py build`, so both pay the same start-up.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("config")
    ap.add_argument("docs_dir")
    ap.add_argument("site_dir")
    ap.add_argument("--plugins", nargs="*")
    ap.add_argument("--audience", help="what our build sets in extra.audience")
    ap.add_argument("--strict", action="store_true", help="warnings fail the build, as in ours")
    args = ap.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from brobyg.render import routes

    if not args.strict:  # the plain text's links to topics/ lead nowhere; that is expected
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
    extra = {} if args.plugins is None else {"plugins": args.plugins}
    cfg = load_config(config_file=args.config, docs_dir=args.docs_dir, site_dir=args.site_dir, strict=args.strict, **extra)
    cfg.nav = routes.nav()  # as our adapter injects it
    if args.audience:
        cfg.extra["audience"] = args.audience
    build(cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
