"""`build.py serve` with the search index in shards (brobyg/search/shards.py):
after each edit the served index equals a clean build's, bundle for bundle
(Pagefind writes the same bytes for the same records), and an edit of one
case re-indexes only that case's shard."""

from __future__ import annotations

import json

import pytest

from brobyg.search.shards import MANIFEST, SHARD_RECORDS_ENV
from tests.conftest import copy_fixture
from tests.site import test_serve_incremental as serving
from tests.site.test_serve_incremental import clean_build, edit, get, server_for  # noqa: F401, F811 - a fixture


def served_index(server) -> dict[str, bytes] | None:
    """{bundle folder: its pagefind-entry.json} as served, from the manifest on."""
    status, body = get(f"{server.base}/pagefind/{MANIFEST}")
    if status != 200:
        return None
    out = {"pagefind/": get(f"{server.base}/pagefind/pagefind-entry.json")[1]}
    for _, folder in json.loads(body):
        status, entry = get(f"{server.base}/{folder}pagefind-entry.json")
        if status != 200:
            return None
        out[folder] = entry
    return out


def built_index(site) -> dict[str, bytes]:
    out = {"pagefind/": (site / "pagefind" / "pagefind-entry.json").read_bytes()}
    for _, folder in json.loads((site / "pagefind" / MANIFEST).read_text(encoding="utf-8")):
        out[folder] = (site / folder / "pagefind-entry.json").read_bytes()
    return out


@pytest.fixture
def sharding(monkeypatch):
    monkeypatch.setitem(serving.ENV, SHARD_RECORDS_ENV, "4")  # for serve and the clean builds


def test_served_sharded_index_equals_a_clean_build_after_each_edit(sharding, server_for, tmp_path):  # noqa: F811
    kb = copy_fixture("minimal", tmp_path / "kb")
    for i in range(10):
        kb.write_case(f"ekstra-{i}", kb.front_matter(title=f"Ekstra case nummer {i} om brobygning"))
    server = server_for(kb.root)
    rounds = iter(range(100))

    def settles(what: str) -> dict[str, bytes]:
        want = built_index(clean_build(kb.root, tmp_path / f"clean-{next(rounds)}"))
        assert len(want) > 1, "the fixture must shard"
        server.wait_for(lambda: served_index(server) == want, 120, f"the search index after {what}")
        return want

    before = settles("starting")
    edit(kb, "cases/ekstra-3.md", "Ekstra case nummer 3", "En helt anden titel")
    after = settles("a title edit")
    assert len([b for b in after if after[b] != before.get(b)]) == 1, "one case edited: one bundle re-indexed"

    kb.write_case("ny-case", kb.front_matter(title="En ny case om velkomst"))
    settles("a new case")
    kb.remove("cases/ekstra-5.md")
    settles("a removed case")
    edit(kb, "cases/ekstra-7.md", "visibility: public", "visibility: members")
    settles("a case that became members-only")
    for i in (0, 1, 2, 4, 6):  # fewer records: fewer shards, every record moves
        kb.remove(f"cases/ekstra-{i}.md")
    settles("half the cases removed")
    assert server.stop() == 0
    assert "Traceback" not in "".join(server.lines)
