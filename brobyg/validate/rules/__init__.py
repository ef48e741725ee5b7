"""The rule registry: every rule the validator has, one module per family.

A family module declares its rules with ``Rule(...)`` (code, severity,
Danish title and explanation, a failing and a passing example) and holds
the checks that report them. ``registry()`` collects them all, in family
order; the error-code page and the tests read it from here.
"""

from __future__ import annotations

import importlib

# In the order a file meets them: read, split, parsed, its fields, its text, its links.
FAMILIES = ("files", "frontmatter", "yaml", "fields", "body", "links", "privacy", "vocabularies")


def families() -> list[tuple[str, str, list]]:
    """(module name, Danish title, its rules) for each family."""
    from brobyg.validate.rules.base import Rule

    out = []
    for name in FAMILIES:
        module = importlib.import_module(f"{__name__}.{name}")
        rules = [v for v in vars(module).values() if isinstance(v, Rule) and v.family == name]
        out.append((name, module.FAMILY_TITLE, rules))
    return out


def registry() -> dict:
    """Code -> Rule, for every rule there is."""
    from brobyg.validate.rules.base import declared

    families()  # import every family, which declares its rules
    rules = declared()
    codes = [r.code for r in rules]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValueError(f"codes declared twice: {duplicates}")
    return {r.code: r for r in rules}
