#!/usr/bin/env python3
"""Brobygningsbasen's command line: check, build, serve and new.

    python build.py check [PATH ...] [--format text|github|json] [--strict]
    python build.py build [--audience public|members] [--out DIR]
    python build.py serve [--audience public|members]
    python build.py new
"""

import importlib.util
import sys

# The packages from requirements.txt that the commands import (module names).
# Checked with the standard library only, before anything else is imported:
# run with the system's Python instead of the project's, `check` would
# otherwise end in an English ModuleNotFoundError traceback.
NEEDED = ("yaml", "jinja2", "markupsafe", "markdown", "mkdocs", "material", "pymdownx", "PIL")


def _missing() -> list[str]:
    return [name for name in NEEDED if importlib.util.find_spec(name) is None]


if __name__ == "__main__":
    missing = _missing()
    if missing:
        print(f"build.py: fejl: Python-pakkerne {', '.join(missing)} mangler. Du kører nok build.py med computerens "
              "egen Python i stedet for projektets. Brug ./dev, som installerer pakkerne første gang, fx "
              "'./dev check cases/min-case.md', eller kør '.venv/bin/python build.py …'.", file=sys.stderr)
        sys.exit(2)
    from brobyg.cli import main

    sys.exit(main())
