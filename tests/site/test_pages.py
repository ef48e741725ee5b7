"""The sample content, built for real with MkDocs: pages, links, counts,
related cases, language and accessibility basics."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit


from brobyg.model import THEME_IDS
from brobyg.render.pages import danish_date
from brobyg.render.related import TARGET_GROUP_WEIGHT, THEME_WEIGHT

from .conftest import Html


def public_cases(kb):
    return [c for c in kb.cases.values() if c.visibility == "public"]


def test_every_page_kind_exists(public_site, sample_kb):
    expected = ["", "temaer/", "cases/", "centre/", "maalgrupper/", "soeg/", "om-netvaerket/", "bidrag/"]
    expected += [f"temaer/{t}/" for t in THEME_IDS]
    expected += [f"cases/{c.slug}/" for c in public_cases(sample_kb)]
    expected += [f"centre/{c}/" for c in sample_kb.centres]
    expected += [f"maalgrupper/{g}/" for g in sample_kb.target_groups]
    missing = [p for p in expected if not (public_site.out / p / "index.html").is_file()]
    assert not missing


def _internal_targets(site, html_path):
    page_url = "/" + html_path.parent.relative_to(site.out).as_posix() + "/"
    doc = Html(html_path.read_text(encoding="utf-8"))
    for tag, attr in (("a", "href"), ("img", "src"), ("link", "href"), ("script", "src")):
        for url in doc.attrs(tag, attr):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            yield url, PurePosixPath(unquote(str(PurePosixPath(page_url) / parts.path)))


def test_all_internal_links_resolve(public_site):
    broken = []
    for html_path in public_site.html_files():
        if html_path.name == "404.html" or "pagefind" in html_path.parts:
            continue
        for url, target in _internal_targets(public_site, html_path):
            resolved = public_site.out / str(target).lstrip("/")
            # normalise '..' segments
            resolved = resolved.resolve()
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append((html_path.relative_to(public_site.out).as_posix(), url))
    assert not broken


def test_html_basics_on_every_page(public_site):
    for html_path in public_site.html_files():
        if "pagefind" in html_path.parts:
            continue
        doc = Html(html_path.read_text(encoding="utf-8"))
        rel = html_path.relative_to(public_site.out).as_posix()
        assert doc.lang == "da", rel
        assert doc.h1 == 1, f"{rel} has {doc.h1} h1 elements"
        for tag, attrs in doc.tags:
            if tag == "img":
                assert attrs.get("alt", "").strip(), f"{rel}: image {attrs.get('src')} without alt text"


def test_site_requests_nothing_from_other_hosts(public_site):
    for html_path in public_site.html_files():
        doc = Html(html_path.read_text(encoding="utf-8"))
        for tag, attrs in doc.tags:
            if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                continue  # names the page's address; the browser fetches nothing
            for attr in ("src", "href") if tag in ("img", "script", "link", "iframe", "source", "video", "audio") else ():
                url = attrs.get(attr) or ""
                assert not urlsplit(url).netloc, f"{html_path}: <{tag}> loads {url}"
    css = "".join(p.read_text(encoding="utf-8") for p in public_site.out.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_home_shows_theme_counts_and_newest(public_site, sample_kb):
    home = Html(public_site.page(""))
    text = home.text
    cases = public_cases(sample_kb)
    for tid, theme in sample_kb.themes.items():
        n = sum(tid in c.themes for c in cases)
        assert re.search(rf"{re.escape(theme.title)} {re.escape(theme.question)} {n} cases?", text), theme.title
    newest = sorted(cases, key=lambda c: (c.published, c.slug), reverse=True)[:6]
    links = home.attrs("a", "href")
    assert [h for h in links if h.startswith("cases/") and h != "cases/"][: len(newest)] == [f"cases/{c.slug}/" for c in newest]


def test_theme_page_lists_its_cases_newest_first(public_site, sample_kb):
    for tid, theme in sample_kb.themes.items():
        doc = Html(public_site.page(f"temaer/{tid}/"))
        expected = [c.slug for c in sorted(public_cases(sample_kb), key=lambda c: (c.published, c.slug), reverse=True) if tid in c.themes]
        cards = [h.split("/")[-2] for h in doc.attrs("a", "href") if h.startswith("../../cases/") and h.count("/") == 4]
        assert cards == expected, tid
        for q in theme.guiding_questions:
            assert q in doc.text


def _brute_force_related(case, cases, k=5):
    scored = []
    for other in cases:
        if other.slug == case.slug:
            continue
        score = THEME_WEIGHT * len(set(case.themes) & set(other.themes)) + TARGET_GROUP_WEIGHT * len(set(case.target_groups) & set(other.target_groups))
        if score:
            scored.append((-score, -other.published.toordinal(), other.slug))
    return [slug for *_, slug in sorted(scored)[:k]]


def test_case_page_metadata_and_related(public_site, sample_kb):
    cases = public_cases(sample_kb)
    for case in cases:
        html = public_site.page(f"cases/{case.slug}/")
        doc = Html(html)
        centre = sample_kb.centres[case.centre]
        assert case.title in doc.text and case.summary in doc.text
        assert centre.name in doc.text and centre.municipality in doc.text and centre.region in doc.text
        assert danish_date(case.published) in doc.text
        if case.updated:
            assert danish_date(case.updated) in doc.text
        if case.period_start and not case.period_end:
            assert "igangværende" in doc.text
        for tid in case.themes:
            assert f"../../temaer/{tid}/" in doc.attrs("a", "href")
        if case.example:
            assert "Eksempel" in doc.text
        related_html = html.split('id="relaterede-cases"', 1)[1] if 'id="relaterede-cases"' in html else ""
        got = re.findall(r'<p class="bb-card__title"><a href="\.\./\.\./cases/([^/"]+)/"', related_html)
        assert got == _brute_force_related(case, cases), case.slug


def test_danish_dates():
    import datetime as dt

    assert danish_date(dt.date(2025, 3, 3)) == "3. marts 2025"
    assert danish_date(dt.date(2024, 12, 24)) == "24. december 2024"


def test_all_cases_page_newest_first(public_site, sample_kb):
    doc = Html(public_site.page("cases/"))
    listed = [m.group(1) for h in doc.attrs("a", "href") if (m := re.fullmatch(r"(?:\.\./)*cases/([a-z0-9-]+)/", h))]
    expected = [c.slug for c in sorted(public_cases(sample_kb), key=lambda c: (c.published, c.slug), reverse=True)]
    assert listed == expected


def test_centre_and_group_pages_count_their_cases(public_site, sample_kb):
    cases = public_cases(sample_kb)
    for cid in sample_kb.centres:
        doc = Html(public_site.page(f"centre/{cid}/"))
        n = sum(c.centre == cid for c in cases)
        assert f"Cases fra centret ({n})" in doc.text
    for gid in sample_kb.target_groups:
        doc = Html(public_site.page(f"maalgrupper/{gid}/"))
        n = sum(gid in c.target_groups for c in cases)
        assert f"Cases ({n})" in doc.text


def test_cases_are_not_in_the_navigation(public_site, sample_kb):
    """Output grows linearly: a case is not a nav entry on every page."""
    some_case = public_cases(sample_kb)[0]
    home = public_site.page("")
    assert f"cases/{some_case.slug}/" not in home.split('class="md-content"')[0]


def test_sample_content_uses_every_construct_the_guide_allows(public_site, sample_kb):
    """A quote, a table, a <details>, an image whose name has a space and a
    link to another case, each rendered as Markdown says on some case page."""
    seen = set()
    for case in public_cases(sample_kb):
        article = public_site.page(f"cases/{case.slug}/")
        article = article[article.index("<article"):article.index("</article>")]
        doc = Html(article)
        tags = {t for t, _ in doc.tags}
        seen |= {name for name in ("blockquote", "table", "details", "summary") if name in tags}
        if any(" " in unquote(src) and (public_site.out / "cases" / case.slug / unquote(src)).resolve().is_file()
               for src in doc.attrs("img", "src")):
            seen.add("image-with-space")
        body_links = [h for h in doc.attrs("a", "href") if h.startswith("../") and not h.startswith("../../")]
        if any((public_site.out / "cases" / case.slug / h).resolve().joinpath("index.html").is_file() for h in body_links):
            seen.add("case-link")
        assert "&gt; " not in article and "&lt;details" not in article
    assert seen == {"blockquote", "table", "details", "summary", "image-with-space", "case-link"}
