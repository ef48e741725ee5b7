"""The search index in shards: several Pagefind bundles, one Pagefind run
each, that the search page merges in the browser.

Pagefind's indexer holds every word occurrence of every record several times
over until it writes the index (about 270 KB per record of ours, linear in
the text; nothing in its options bounds it), so one run over 7,400 records
(10,000 cases) peaks above 2 GB. A shard is one run over a bounded part of
the records, and the runs follow one another, so the peak is one shard's.

- Up to ``max_records()`` records (4,000 unless ``BROBYG_SEARCH_SHARD_RECORDS``
  says otherwise) the index is one bundle, as without shards.
- Above that, the records go into ``shard_count(n)`` shards of about half
  that many each. A record's shard is a hash of its URL, so adding or
  editing a case changes only its own shard (and ``serve`` re-indexes only
  that one), as long as the number of shards stays the same.

The bundles are ``pagefind/`` (the first shard that holds records, whose
``pagefind.js`` and WebAssembly the page loads) and ``pagefind-1/``,
``pagefind-2/`` … beside it, one for each other shard that holds records. The
manifest ``pagefind/shards.json`` lists the others (those that hold records), and the search page
merges them with Pagefind's ``mergeIndex`` (the merged instances use shard
0's WebAssembly: one download). Pagefind shortens a word a shard does not
hold until something matches (upstream Pagefind/pagefind#599), so the page
checks each word shard by shard and asks only the shards that hold it: a
sharded index gives each record the filter ``s``, its shard.
"""

from __future__ import annotations

import hashlib
import json
import math
import os

SHARD_RECORDS_ENV = "BROBYG_SEARCH_SHARD_RECORDS"
DEFAULT_MAX_RECORDS = 4000
MANIFEST = "shards.json"
FILTER_SHARD = "s"  # the Pagefind filter holding a record's shard (only when there are several)


def max_records() -> int:
    """The most records one bundle holds before the index is split."""
    try:
        return max(1, int(os.environ.get(SHARD_RECORDS_ENV, "")))
    except ValueError:
        return DEFAULT_MAX_RECORDS


def shard_count(n: int, limit: int | None = None) -> int:
    limit = max_records() if limit is None else limit
    return 1 if n <= limit else math.ceil(n / max(1, limit // 2))


def shard_of(url: str, count: int) -> int:
    if count == 1:
        return 0
    return int.from_bytes(hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest(), "big") % count


PRIMARY = "pagefind"


def primary_of(held: set[int] | list[int]) -> int:
    """The shard whose bundle is ``pagefind/``: the first that holds records
    (Pagefind makes no bundle of no records), 0 when none does."""
    return min(held, default=0)


def bundle_name(shard: int, primary: int = 0) -> str:
    """The bundle's folder in the built site."""
    return PRIMARY if shard == primary else f"{PRIMARY}-{shard}"


def manifest(held: set[int] | list[int]) -> str:
    """shards.json: the bundles beside the primary one, [shard, folder from the site root] each."""
    primary = primary_of(held)
    return json.dumps([[s, f"{bundle_name(s, primary)}/"] for s in sorted(held) if s != primary]) + "\n"


def shard_number(name: str) -> int | None:
    """The shard a secondary bundle's folder name says (None: no such name)."""
    head, _, tail = name.partition("-")
    return int(tail) if head == PRIMARY and tail.isdigit() and tail == str(int(tail)) else None
