"""Our copies of Material's templates differ from Material's own only by the
documented fixes, so an upgrade of Material (which may fix them or change
the rest) fails here and gets looked at."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from tests.conftest import REPO

MATERIAL = Path(material.__file__).parent / "templates"
THEME = REPO / "theme"

# Each copied template: the (Material's text, ours) replacements it makes.
FIXES = {
    "base.html": [
        (' id="__drawer" autocomplete="off">', ' id="__drawer">'),
        (' id="__search" autocomplete="off">', ' id="__search">'),
    ],
    "partials/nav-item.html": [
        ('tabindex="{{ tabindex }}"', '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}'),
    ],
    "partials/toc.html": [
        ('    <label class="md-nav__title" for="__toc">\n      <span class="md-nav__icon md-icon"></span>\n'
         '      {{ title }}\n    </label>',
         '    {% if page in nav.pages and "toc.integrate" not in features %}\n'
         '    <label class="md-nav__title" for="__toc">\n      <span class="md-nav__icon md-icon"></span>\n'
         '      {{ title }}\n    </label>\n    {% else %}\n    <div class="md-nav__title">{{ title }}</div>\n'
         '    {% endif %}'),
    ],
}
_HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.S)


@pytest.mark.parametrize("name", sorted(FIXES))
def test_copied_template_is_materials_plus_our_fixes(name):
    theirs = _HEADER.sub("", (MATERIAL / name).read_text(encoding="utf-8"))
    ours = _HEADER.sub("", (THEME / name).read_text(encoding="utf-8"))
    for old, new in FIXES[name]:
        assert old in theirs, f"Material's {name} changed: {old!r} is gone; is the fix still needed?"
        theirs = theirs.replace(old, new)
    assert ours == theirs, f"theme/{name} differs from Material's {name} by more than the documented fixes"
