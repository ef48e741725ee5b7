"""`serve` recomputes related cases only where an edit can change them;
the result must be exactly what computing them all again gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from brobyg.model import Case
from brobyg.render.related import related_cases, updated_related

THEMES = ["kendskab", "matchning", "vejen-ind", "velkomst", "tilpasning", "samarbejde"]
GROUPS = [f"gruppe-{i}" for i in range(10)]


def test_updating_after_random_edits_equals_computing_all_again():
    rng = random.Random(5)

    def case(slug: str) -> Case:
        return Case(slug=slug, path=f"cases/{slug}.md", title=slug, summary="", centre="c",
                    themes=tuple(rng.sample(THEMES, rng.randint(1, 3))), target_groups=tuple(rng.sample(GROUPS, rng.randint(1, 3))),
                    visibility="public", published=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 400)), body="")

    cases = [case(f"case-{i}") for i in range(300)]
    related = related_cases(cases)
    for step in range(200):
        new = list(cases)
        for _ in range(rng.randint(1, 3)):
            op = rng.random()
            if op < 0.6:  # new themes, groups or date
                i = rng.randrange(len(new))
                new[i] = dataclasses.replace(case(new[i].slug))
            elif op < 0.8:
                new.append(case(f"new-{step}-{rng.randrange(10**6)}"))
            else:
                new.pop(rng.randrange(len(new)))
        got = updated_related(related, cases, new)
        want = related_cases(new)
        assert got.keys() == want.keys()
        for slug, cases_want in want.items():
            assert [c.slug for c in got[slug]] == [c.slug for c in cases_want], (step, slug)
            assert all(a is b for a, b in zip(got[slug], cases_want)), "the lists hold the new case objects"
        cases, related = new, got
