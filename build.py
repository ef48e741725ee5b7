#!/usr/bin/env python3
"""Brobygningsbasen's command line: check, build, serve and new.

    python build.py check [PATH ...] [--format text|github|json] [--strict]
    python build.py build [--audience public|members] [--out DIR]
    python build.py serve [--audience public|members]
    python build.py new
"""

import sys

from brobyg.cli import main

if __name__ == "__main__":
    sys.exit(main())
