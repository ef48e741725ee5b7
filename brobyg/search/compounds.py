"""The tails of Danish compounds, so a word finds the compounds it ends.

Pagefind finds a compound by the word it begins with (prefix search: "job"
finds "jobcentret"), but not by the word it ends with: "psykiatri" does not
find "distriktspsykiatrien". So each search record also carries the tails of
its compounds ("psykiatrien"), which Pagefind stems and finds as any word.

The splitter follows Koehn & Knight (2003): a word is split into parts that
are words of a general Danish word list (wordfreq's "small" Danish list, a
pinned build-time dependency; the list, CC BY-SA 4.0, is not copied into this
repository), each non-final part optionally followed by a linking -s- or -e-
("distrikt-s-psykiatri"), the final part optionally inflected (-en, -et,
-er, -erne, -s …). Of the possible splits the one with the fewest parts and,
among those, the highest geometric mean of the parts' frequencies wins (by
the mean alone, frequent short words win: "fri|villig|centret"). Unlike
Koehn & Knight, a word the list knows, or knows without an inflectional
ending, is never split: "foreningen" stays whole ("for" + "ingen" would win a
frequency contest). A part has at least three letters and is neither a
function word ("for", "ingen", "over" …) nor a derivational ending that is
also a word ("hed", "lig", "ning").

A compound that more than half of the records have ("Målgruppe", a heading
of every case) gives no tails: they would find every case.

Words are split once per distinct word (``tails`` is cached), and a text's
compounds are kept by its digest, so `serve` does not find them again for
the cases an edit did not touch.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter

# A part of a compound has at least this many letters ("job", "liv", "råd").
MIN_PART = 3
# Only words this long are looked at (two parts and a linking letter).
MIN_WORD = 2 * MIN_PART + 1
# At most this many parts (a longer chain is more likely a wrong split).
MAX_PARTS = 4
# The letters that join the parts of a Danish compound ("distrikt-s-psykiatri", "børn-e-have").
LINKS = ("", "s", "e")
# Inflectional endings of Danish nouns, adjectives and verbs, longest first.
ENDINGS = ("ernes", "enes", "erne", "ene", "ens", "ets", "ers", "ede", "ere", "ste", "en", "et", "er", "es", "ne", "de", "te",
           "e", "s", "r", "n", "t")
# A linking -e- is rarer than -s-: a split with one must be clearly better
# ("stue|etage", not "stue|e|tage").
LINK_E_WEIGHT = 0.01
# Words that are never a part of a compound here: as parts they make nonsense
# splits ("for|ingen", "over|alt", "mod|tager").
FUNCTION_WORDS = frozenset("""
    af al alle alt andre anden andet at bag blev bliver da de dem den denne der deres det dette dig din dit du
    efter egen eller en end ene ens er et for fordi fra frem før få går ham han har hans hel hele helt hende hendes
    her hos hun hvad hvem hver hvis hvor hvordan hvorfor i igen ikke ind ingen intet jeg jer jo kan kun løs man
    mange med meget men mere mest mig min mine mit mod må måske ned nej nogen noget nogle nok nu når og også om op
    os over på sammen sat se selv ser ses set sig sin sine sit skal som så til tit ud uden under var ved vi vil
    være været sgu tre fire fem seks syv otte ni ti
""".split()) | frozenset(
    # Derivational endings that are also words ("frivillig|hed", "match|ning", "overskue|lig").
    "hed heden heder lig ligt lige ning ningen ninger skab skabet else elsen ende isk iske".split()
)

VOWELS = frozenset("aeiouyæøå")

_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _frequencies() -> dict[str, float]:
    # Imported here: only a build that indexes needs the word list.
    import wordfreq

    return wordfreq.get_frequency_dict("da", "small")


def _known(word: str) -> float:
    """The frequency of ``word`` as a list word, or 0."""
    return _frequencies().get(word, 0.0)


def _known_inflected(word: str) -> float:
    """The frequency of ``word`` or of its base without an inflectional ending, or 0."""
    f = _known(word)
    if f:
        return f
    for ending in ENDINGS:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= MIN_PART:
            # A doubled consonant before the ending: "klubben", "oplægget".
            f = _known(base) or (base[-1] == base[-2] and base[-1] not in VOWELS and _known(base[:-1]))
            if f:
                return f
    return 0.0


def _part(word: str) -> float:
    """The frequency of ``word`` as a part of a compound, or 0."""
    return 0.0 if word in FUNCTION_WORDS else _known(word)


def split(word: str) -> list[str]:
    """The parts of a compound as they stand in it, linking letters kept with
    the part before them ("distriktspsykiatrien" -> ["distrikts", "psykiatrien"]);
    ``[word]`` when it is no compound, or a word the list knows."""
    w = word.lower()
    if len(w) < MIN_WORD or not w.isalpha() or _known_inflected(w):
        return [word]
    best = _best_split(w)
    if best is None:
        return [word]
    bounds = (0, *best)
    return [word[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _best_split(w: str) -> tuple[int, ...] | None:
    """The end of each part of the best split of ``w`` into two or more parts."""

    @functools.cache
    def splits(start: int, depth: int) -> list[tuple[tuple[float, ...], tuple[int, ...]]]:
        # Every way to read w[start:] as parts depth, depth + 1, …: (log frequencies, ends).
        out = []
        rest = w[start:]
        if depth > 1 and rest not in FUNCTION_WORDS:
            f = _known_inflected(rest)
            if f:
                out.append(((math.log(f),), (len(w),)))
        if depth < MAX_PARTS:
            for end in range(start + MIN_PART, len(w) - MIN_PART + 1):
                head = w[start:end]
                for link in LINKS:
                    after = end + len(link)
                    if not w.startswith(link, end) or len(w) - after < MIN_PART:
                        continue
                    # "samarbejd-s-": a final -e drops before the linking -s-.
                    f = _part(head) or (link == "s" and _part(head + "e"))
                    if not f:
                        continue
                    if link == "e":
                        f *= LINK_E_WEIGHT
                    out.extend(((math.log(f), *logs), (after, *ends)) for logs, ends in best_of(after, depth + 1))
        return out

    @functools.cache
    def best_of(start: int, depth: int) -> list[tuple[tuple[float, ...], tuple[int, ...]]]:
        # Keep, per number of parts, only the best reading: the mean then decides.
        by_count: dict[int, tuple[tuple[float, ...], tuple[int, ...]]] = {}
        for logs, ends in splits(start, depth):
            if len(logs) not in by_count or sum(logs) > sum(by_count[len(logs)][0]):
                by_count[len(logs)] = (logs, ends)
        return [by_count[k] for k in sorted(by_count)]

    # More than two parts with at most one of three letters ("bro|bygger|stilling",
    # but "have|lau|get" is no split).
    options = [o for o in best_of(0, 1) if len(o[1]) == 2 or _short_parts(o[1]) <= 1]
    if not options:
        return None
    # The fewest parts, then the highest geometric mean of their frequencies
    # (by the mean alone, frequent short words win: "fri|villig|centret").
    logs, ends = max(options, key=lambda o: (-len(o[0]), sum(o[0]) / len(o[0])))
    return ends


def _short_parts(ends: tuple[int, ...]) -> int:
    bounds = (0, *ends)
    return sum(b - a <= MIN_PART for a, b in zip(bounds, bounds[1:], strict=False))


@functools.cache
def tails(word: str) -> tuple[str, ...]:
    """The tails of a compound from each joint on, as written
    ("distriktspsykiatrien" -> ("psykiatrien",)); () for any other word."""
    parts = split(word)
    return tuple("".join(parts[k:]).lower() for k in range(1, len(parts)))


# A compound in more than this share of the records, and in at least
# COMMON_MIN of them, is boilerplate: its tails would find nearly every case
# ("Målgruppe", a heading of every case, for "gruppe"; "frivilligcentret" for
# "center"), so they are left out.
COMMON_SHARE = 0.5
COMMON_MIN = 5

# The compounds of the texts seen so far, by a digest of the text: `serve`
# makes every record again on each edit, and most texts have not changed.
_TEXTS: dict[bytes, dict[str, tuple[str, ...]]] = {}
_TEXTS_KEPT = 100_000


def compounds_in(text: str) -> dict[str, tuple[str, ...]]:
    """The compounds of ``text`` (lower case, in the order they first occur),
    each with its tails that are not already words of the text."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    found = _TEXTS.get(key)
    if found is None:
        words = dict.fromkeys(_WORD.findall(text.lower()))
        found = {}
        for word in words:
            if len(word) >= MIN_WORD:
                new = tuple(t for t in tails(word) if t not in words)
                if new:
                    found[word] = new
        if len(_TEXTS) >= _TEXTS_KEPT:
            _TEXTS.clear()
        _TEXTS[key] = found
    return found


def compound_tails(text: str, common: frozenset[str] = frozenset()) -> list[str]:
    """The tails of the compounds in ``text`` (but those in ``common``) that
    are not already words of it, each once, in the order they first occur."""
    return _tails(compounds_in(text), common)


def _tails(found: dict[str, tuple[str, ...]], common: frozenset[str]) -> list[str]:
    seen: dict[str, None] = {}
    for word, ts in found.items():
        if word not in common:
            seen.update(dict.fromkeys(ts))
    return list(seen)


def tails_of_texts(texts: list[str]) -> list[list[str]]:
    """``compound_tails`` of each text, without the compounds that most of the
    texts have (see COMMON_SHARE)."""
    found = [compounds_in(text) for text in texts]
    counts = Counter(word for compounds in found for word in compounds)
    common = frozenset(w for w, n in counts.items() if n >= COMMON_MIN and n > COMMON_SHARE * len(texts))
    return [_tails(compounds, common) for compounds in found]
