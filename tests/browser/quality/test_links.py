"""Every internal link, anchor and asset of both built sites resolves."""

from __future__ import annotations

import pytest

from .kinds import AUDIENCES
from .links import check_site


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_internal_link_anchor_and_asset_resolves(sites, audience):
    followed, broken = check_site(sites[audience])
    assert followed > 500, f"only {followed} references followed: is the checker reading the pages?"
    assert not broken, f"{len(broken)} broken references:\n  " + "\n  ".join(map(str, broken))


def test_the_checker_finds_a_broken_link_anchor_and_asset(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "s.css").write_text("body{background:url(missing.png)}", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="s.css"><a href="a/">ok</a><a href="a/#here">ok</a>'
        '<a href="a/#gone">anchor</a><a href="b/">page</a><img src="x.png" srcset="a/ 1x, y.webp 2x" alt="">'
        '<a href="https://example.org/nowhere">outside</a><a href="#top">self</a><p id="top"></p>',
        encoding="utf-8",
    )
    followed, broken = check_site(tmp_path)
    assert {(b.target, b.why.split(" in ")[0]) for b in broken} == {
        ("a/#gone", "no id 'gone'"), ("b/", "no such file"), ("x.png", "no such file"),
        ("y.webp", "no such file"), ("missing.png", "no such file"),
    }
    assert followed == 10
