"""Related cases, ranked by shared themes and target groups (weighted).

Like Hugo's related content: a shared theme weighs more than a shared target
group. Ties go to the newest case, then the slug, so the order is stable.

Scores depend only on a case's (themes, target groups) signature, so cases
are grouped by signature and each group is visited with an upper bound that
stops the search once no further group can beat the current top k. That keeps
the work close to linear in the number of cases.
"""

from __future__ import annotations

from collections import defaultdict

from .model import Case

THEME_WEIGHT = 2
TARGET_GROUP_WEIGHT = 1


def _mask(ids, index: dict[str, int]) -> int:
    m = 0
    for i in ids:
        m |= 1 << index.setdefault(i, len(index))
    return m


def _rank_key(case: Case):
    return (-case.published.toordinal(), case.slug)


def related_cases(cases: list[Case], k: int = 5) -> dict[str, list[Case]]:
    theme_ix: dict[str, int] = {}
    group_ix: dict[str, int] = {}
    by_sig: dict[tuple[int, int], list[Case]] = defaultdict(list)
    for c in cases:
        by_sig[(_mask(c.themes, theme_ix), _mask(c.target_groups, group_ix))].append(c)
    rank = {c.slug: _rank_key(c) for c in cases}
    for members in by_sig.values():
        members.sort(key=_rank_key)
    by_theme_mask: dict[int, list[int]] = defaultdict(list)
    for tmask, gmask in by_sig:
        by_theme_mask[tmask].append(gmask)

    result: dict[str, list[Case]] = {}
    for (tmask, gmask), members in by_sig.items():
        # Theme groups by their theme score, best first, for the bound below.
        groups = sorted(by_theme_mask, key=lambda t: -(t & tmask).bit_count())
        best_group = gmask.bit_count() * TARGET_GROUP_WEIGHT
        # (-score, -date, slug, case): plain tuples sort fast, best first; slugs are unique.
        scored: list[tuple[int, int, str, Case]] = []
        kth_score = 0
        for t2 in groups:
            tscore = (t2 & tmask).bit_count() * THEME_WEIGHT
            if len(scored) > k and tscore + best_group < kth_score:
                break
            for g2 in by_theme_mask[t2]:
                score = tscore + (g2 & gmask).bit_count() * TARGET_GROUP_WEIGHT
                if score > 0:
                    # k + 1 per group suffices: one of them may be the case itself.
                    scored.extend((-score, *rank[c.slug], c) for c in by_sig[(t2, g2)][: k + 1])
            scored.sort()
            del scored[k + 1:]
            kth_score = -scored[min(k, len(scored) - 1)][0] if scored else 0
        for case in members:
            result[case.slug] = [item[3] for item in scored if item[2] != case.slug][:k]
    return result
