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

from brobyg.model import Case

THEME_WEIGHT = 2
TARGET_GROUP_WEIGHT = 1


def _mask(ids, index: dict[str, int]) -> int:
    m = 0
    for i in ids:
        m |= 1 << index.setdefault(i, len(index))
    return m


def _rank_key(case: Case):
    return (-case.published.toordinal(), case.slug)


def related_cases(cases: list[Case], k: int = 5, only: list[Case] | None = None) -> dict[str, list[Case]]:
    """The k most related of ``cases`` for each case (or for each of ``only``)."""
    theme_ix: dict[str, int] = {}
    group_ix: dict[str, int] = {}
    by_sig: dict[tuple[int, int], list[Case]] = defaultdict(list)
    for c in cases:
        by_sig[(_mask(c.themes, theme_ix), _mask(c.target_groups, group_ix))].append(c)
    for members in by_sig.values():
        members.sort(key=_rank_key)
    by_theme_mask: dict[int, list[int]] = defaultdict(list)
    for tmask, gmask in by_sig:
        by_theme_mask[tmask].append(gmask)

    # The best k + 1 of each signature, as (-date, slug, case): one may be the case itself.
    top = {sig: [(*_rank_key(c), c) for c in members[: k + 1]] for sig, members in by_sig.items()}
    # Theme groups in order of their theme overlap, per theme mask (at most 63 of them).
    group_order: dict[int, list[int]] = {}

    wanted = None if only is None else {c.slug for c in only}
    result: dict[str, list[Case]] = {}
    for (tmask, gmask), members in by_sig.items():
        if wanted is not None:
            members = [c for c in members if c.slug in wanted]
            if not members:
                continue
        if tmask not in group_order:
            group_order[tmask] = sorted(by_theme_mask, key=lambda t: -(t & tmask).bit_count())
        best_group = gmask.bit_count() * TARGET_GROUP_WEIGHT
        # (-score, -date, slug, case): plain tuples sort fast, best first; slugs are unique.
        scored: list[tuple[int, int, str, Case]] = []
        for t2 in group_order[tmask]:
            tscore = (t2 & tmask).bit_count() * THEME_WEIGHT
            full = len(scored) > k
            kth_score = -scored[k][0] if full else 0
            if full and tscore + best_group < kth_score:
                break  # no later group can reach the current top k + 1
            # Within the group, buckets by target-group overlap, best first.
            buckets = sorted(((g2 & gmask).bit_count(), g2) for g2 in by_theme_mask[t2])
            taken, boundary = 0, 0
            while buckets:
                overlap, g2 = buckets.pop()
                score = tscore + overlap * TARGET_GROUP_WEIGHT
                if score <= 0 or (full and score < kth_score):
                    break  # the rest of this group scores lower still
                if taken > k and score < boundary:
                    break  # this group already gave k + 1 better ones
                items = top[(t2, g2)]
                scored.extend((-score, *item) for item in items)
                taken += len(items)
                boundary = score
            scored.sort()
            del scored[k + 1:]
        for case in members:
            result[case.slug] = [item[3] for item in scored if item[2] != case.slug][:k]
    return result


def updated_related(before: dict[str, list[Case]], old: list[Case], new: list[Case], k: int = 5,
                    most_changes: int = 20) -> dict[str, list[Case]]:
    """``related_cases(new, k)``, computed from ``before = related_cases(old, k)``
    when only a few cases differ (unchanged cases are the same objects).

    A case's related list depends on the others only pairwise, so it can change
    only if a changed case was on it, or a changed case now beats its k-th
    (or it had fewer than k). Only those lists are computed again."""
    old_by_slug = {c.slug: c for c in old}
    new_by_slug = {c.slug: c for c in new}
    changed = {s for s, c in new_by_slug.items() if old_by_slug.get(s) is not c} | (old_by_slug.keys() - new_by_slug.keys())
    if len(changed) > most_changes:
        return related_cases(new, k)
    theme_ix: dict[str, int] = {}
    group_ix: dict[str, int] = {}

    def masks(c: Case) -> tuple[int, int]:
        return _mask(c.themes, theme_ix), _mask(c.target_groups, group_ix)

    entering = [(masks(c), _rank_key(c)) for s in changed if (c := new_by_slug.get(s)) is not None]
    affected = set(changed & new_by_slug.keys())
    for slug, case in new_by_slug.items():
        if slug in affected:
            continue
        current = before[slug]
        if any(c.slug in changed for c in current):
            affected.add(slug)
            continue
        tmask, gmask = masks(case)
        if len(current) == k:
            t2, g2 = masks(current[-1])
            kth = (-((tmask & t2).bit_count() * THEME_WEIGHT + (gmask & g2).bit_count() * TARGET_GROUP_WEIGHT),
                   *_rank_key(current[-1]))
        else:
            kth = None
        for (t2, g2), rank in entering:
            score = (tmask & t2).bit_count() * THEME_WEIGHT + (gmask & g2).bit_count() * TARGET_GROUP_WEIGHT
            if score > 0 and (kth is None or (-score, *rank) < kth):
                affected.add(slug)
                break
    result = {s: before[s] for s in new_by_slug if s not in affected}
    if affected:
        result.update(related_cases(new, k, only=[new_by_slug[s] for s in affected]))
    return result
