"""The search index in shards (brobyg/search/shards.py), on real builds with
real Pagefind: a small BROBYG_SEARCH_SHARD_RECORDS makes a few cases shard."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import pytest

from brobyg.search import shards
from brobyg.search.pagefind import UNUSED_FILES
from tests.conftest import REPO, copy_fixture
from tests.site.conftest import build
from tests.site.test_audience import MARKERS, _all_bytes
from tests.site.test_build import run_build, tree_digest


def bundles(site: Path, limit: int | None = None) -> dict[int, Path]:
    """The bundles the manifest names, the primary one (pagefind/) included;
    ``limit``: the shard limit the site was built with (default: this process's)."""
    listed = {shard: site / folder for shard, folder in
              json.loads((site / "pagefind" / shards.MANIFEST).read_text(encoding="utf-8"))}
    urls = indexed_urls(site / "pagefind")
    count = shards.shard_count(len(urls) + sum(len(indexed_urls(b)) for b in listed.values()), limit)
    primary = shards.shard_of(urls[0], count) if urls else 0
    return {primary: site / "pagefind", **listed}


def indexed_urls(bundle: Path) -> list[str]:
    """The URL of every record in a bundle, from its fragments."""
    urls = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.append(json.loads(data)["url"])
    return urls


def page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())


def test_shard_count_and_assignment():
    assert shards.shard_count(4000, 4000) == 1
    assert shards.shard_count(4001, 4000) == 3
    assert shards.shard_count(7422, 4000) == 4
    urls = [f"/cases/case-{i}/" for i in range(500)]
    first = {u: shards.shard_of(u, 4) for u in urls}
    assert set(first.values()) == {0, 1, 2, 3}
    # A case's shard is its own: more cases (with the same number of shards) move none.
    assert {u: shards.shard_of(u, 4) for u in [*urls, "/cases/ny/"]}.items() >= first.items()
    assert shards.manifest([0, 2, 5]) == '[[2, "pagefind-2/"], [5, "pagefind-5/"]]\n'
    assert shards.manifest([2, 5]) == '[[5, "pagefind-5/"]]\n', "the first shard with records is pagefind/"
    assert [shards.shard_number(n) for n in ("pagefind", "pagefind-3", "pagefind-03", "pagefinder", "soeg")] == [None, 3, None, None, None]


SHARDED_LIMIT = 3  # records per bundle at most in the sharded sample site


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sharded")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(shards.SHARD_RECORDS_ENV, str(SHARDED_LIMIT))
        return build(REPO, "public", tmp)


def test_every_public_case_is_in_exactly_one_shard(sharded_site, sample_kb):
    found = bundles(sharded_site.out, SHARDED_LIMIT)
    assert len(found) > 2, "three records per bundle at most: the sample content must shard"
    on_disk = {p.name for p in sharded_site.out.iterdir() if p.name == "pagefind" or shards.shard_number(p.name) is not None}
    assert on_disk == {b.name for b in found.values()}, "every bundle is listed, and only bundles"
    urls = {shard: indexed_urls(b) for shard, b in found.items()}
    everywhere = [u for us in urls.values() for u in us]
    public = {f"/cases/{c.slug}/" for c in sample_kb.cases.values() if c.visibility == "public"}
    assert sorted(everywhere) == sorted(public)
    for shard, us in urls.items():
        assert us, f"an empty shard {shard} is not listed"
        assert {shards.shard_of(u, shards.shard_count(len(public), SHARDED_LIMIT)) for u in us} == {shard}
        assert page_count(found[shard]) == len(us)
    # The page loads Pagefind from pagefind/ and merges the others into it.
    primary = sharded_site.out / "pagefind"
    assert (primary / "pagefind.js").is_file() and (primary / "wasm.da.pagefind").is_file()
    assert not [b / name for b in found.values() for name in UNUSED_FILES if (b / name).exists()]


def test_pagefinds_own_search_interfaces_are_not_published(public_site):
    bundle = public_site.out / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert not [name for name in UNUSED_FILES if (bundle / name).exists()]
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()


def test_an_unsharded_index_is_one_bundle_with_an_empty_manifest(public_site):
    assert bundles(public_site.out) == {0: public_site.out / "pagefind"}
    assert not [p for p in public_site.out.iterdir() if re.fullmatch(r"pagefind-\d+", p.name)]


def more_cases(kb, n: int = 6) -> None:
    for i in range(n):
        kb.write_case(f"ekstra-{i}", kb.front_matter(title=f"Ekstra case nummer {i} om brobygning"))


def test_two_sharded_builds_are_byte_identical(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    more_cases(kb)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env[shards.SHARD_RECORDS_ENV] = "1"
    a = run_build(kb.root, tmp_path / "a", env=env)
    b = run_build(kb.root, tmp_path / "b", env=env)
    assert a.returncode == b.returncode == 0, a.stderr + b.stderr
    assert len(bundles(tmp_path / "a", 1)) > 1
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_a_sharded_public_index_holds_no_members_only_text(tmp_path, monkeypatch):
    kb = copy_fixture("minimal", tmp_path / "kb")
    fm = kb.front_matter(title=MARKERS["title"], summary=MARKERS["summary"], visibility="members",
                         themes=["velkomst", "vejen-ind"], partners=[MARKERS["partner"]])
    kb.write_case(MARKERS["slug"], fm, kb.valid_body + f"\n\nDenne tekst indeholder {MARKERS['body']}.\n")
    more_cases(kb)
    monkeypatch.setenv(shards.SHARD_RECORDS_ENV, "1")
    public, members = build(kb.root, "public", tmp_path), build(kb.root, "members", tmp_path)
    assert len(bundles(public.out, 1)) > 1
    case_markers = {k: MARKERS[k] for k in ("slug", "title", "summary", "partner", "body")}
    hits = [(p.name, name) for p, data in _all_bytes(public.out) for name, m in case_markers.items() if m.encode() in data]
    assert hits == []
    in_members = {u for b in bundles(members.out, 1).values() for u in indexed_urls(b)}
    assert f"/cases/{MARKERS['slug']}/" in in_members
