"""Links and images in a case body, and links to members-only cases (rules/links.py)."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.conftest import only


def write(kb, extra: str, slug: str = "krop", **fm) -> str:
    """A valid case whose body has ``extra`` appended (on lines of its own)."""
    return kb.write_case(slug, kb.front_matter(**fm), kb.valid_body + "\n" + extra + "\n")


def image(kb, rel: str, fmt: str | None = None) -> None:
    path = kb.path(rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 3), (200, 120, 40)).save(path, fmt)


# -- BODY-LINK ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "fragment"),
    [
        ("[Se casen](findes-ikke.md)", "casen 'cases/findes-ikke.md', som ikke findes"),
        ("[Se casen](foelgevn.md)", "Mente du 'foelgeven'?"),
        ("[Se casen](../cases/foelgevn.md#resultater)", "Mente du 'foelgeven'?"),
        ("[Temaet](../topics/velkomsten.md)", "'topics/velkomsten.md' er ikke et tema. Mente du 'velkomst'?"),
        ("[Om os](../docs/om-os.md)", "Siden 'docs/om-os.md' findes ikke"),
        ("[Absolut](/cases/foelgeven.md)", "er absolut"),
        ("[Absolut](//example.org/x.md)", "er absolut"),
        ("[Ude](../../hemmelig.md)", "uden for repositoriet"),
        ("[Ude](../../../../../../../../etc/passwd)", "uden for repositoriet"),
        ("[Data](../data/centres.yml)", "uden for cases/"),
        ("[Roden](..)", "'.' ligger uden for cases/"),  # the repository itself: a message, not a traceback
        ("[Bilag](krop/bilag.pdf)", "Filen 'cases/krop/bilag.pdf' findes ikke"),
        ("[Ikke en side](../README.md)", "ikke er en side på sitet"),
        ('<a href="findes-ikke.md">Se casen</a>', "som ikke findes"),
        ("[Nul](a%00b.md)", "kontroltegn"),
        ("[Langt](" + "a" * 300 + ".pdf)", "findes ikke"),
    ],
)
def test_broken_link(kb, link, fragment):
    rel = write(kb, "Se også " + link + " for mere.")
    [(line, col, msg)] = only(kb, "BODY-LINK")
    assert (line, col) == kb.position(rel, link[:12])
    assert fragment in msg


def test_broken_reference_definition(kb):
    rel = write(kb, "Se [casen][1].\n\n[1]: findes-ikke.md")
    assert [(line, col) for line, col, _ in only(kb, "BODY-LINK")] == [kb.position(rel, "findes-ikke.md")]


@pytest.mark.parametrize(
    "link",
    [
        "[Følgeven](foelgeven.md)",
        "[Følgeven](foelgeven.md#resultater)",
        "[Følgeven](./foelgeven.md)",
        "[Følgeven](../cases/foelgeven.md)",
        "[Følgeven](<foelgeven.md>)",
        '[Følgeven](foelgeven.md "Læs casen")',
        "[Temaet](../topics/velkomst.md)",
        "[Om netværket](../docs/om-netvaerket.md)",
        "[Hjemmeside](https://fjordby.example.org/om?side=1)",
        "[Afsnit](#baggrund)",
        "[Bilag](krop/bilag.pdf)",
        "<https://example.org>",
        '<a href="https://example.org" title="Eksempel">Eksempel</a>',
        "`[kode](findes-ikke.md)`",
        "\n\n```\n[kode](findes-ikke.md)\n```\n\n",
    ],
)
def test_good_link(kb, link):
    kb.write("cases/krop/bilag.pdf", b"%PDF-1.4\n")
    write(kb, "Se " + link + " for mere.")
    assert kb.problems() == []


def test_links_between_cases_are_recorded(kb):
    result = kb.check()
    assert result.kb.cases["aaben-cafe"].case_links == ("foelgeven",)


# -- BODY-IMAGE ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "fragment"),
    [
        ("![Caféen](krop/findes-ikke.png)", "'cases/krop/findes-ikke.png' findes ikke"),
        ("![Caféen](krop/Cafe.PNG)", "findes ikke"),  # the file is cafe.png: case matters on the server
        ("![Caféen](https://example.org/cafe.png)", "ligge i repositoriet"),
        ("![Caféen](data:image/png;base64,iVBORw0KGgo=)", "ligge i repositoriet"),
        ("![Caféen](krop/bilag.pdf)", "ikke en tilladt billedtype"),
        ("![Caféen](krop/logo.svg)", "ikke en tilladt billedtype"),
        ("![Caféen](krop/falsk.png)", "kan ikke læses som et billede"),
        ("![Caféen](krop/kaempe.png)", "grænsen er 5 MB"),
        ("![Caféen](/cases/krop/cafe.png)", "er absolut"),
        ("![Caféen](../../cafe.png)", "uden for repositoriet"),
        ('<img src="krop/findes-ikke.png" alt="Caféen">', "findes ikke"),
    ],
)
def test_bad_image(kb, markup, fragment):
    image(kb, "cases/krop/cafe.png")
    kb.write("cases/krop/bilag.pdf", b"%PDF-1.4\n")
    kb.write("cases/krop/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    kb.write("cases/krop/falsk.png", b"dette er ikke et billede")
    kb.write("cases/krop/kaempe.png", b"\x89PNG" + b"\x00" * (5 * 1024 * 1024))
    rel = write(kb, "Her er et billede:\n\n" + markup)
    [(line, col, msg)] = only(kb, "BODY-IMAGE")
    assert (line, col) == (kb.line_of(rel, markup), 1)
    assert fragment in msg


@pytest.mark.parametrize(
    ("name", "fmt"), [("cafe.png", None), ("cafe.jpg", None), ("cafe.jpeg", "JPEG"), ("cafe.gif", None), ("cafe.webp", None), ("CAFE.PNG", "PNG")]
)
def test_good_image(kb, name, fmt):
    image(kb, f"cases/krop/{name}", fmt)
    write(kb, f"![Et bord med kaffekopper](krop/{name})\n\n<img src=\"krop/{name}\" alt=\"Kaffekopper\" width=\"300\">")
    assert kb.problems() == []


# -- BODY-ALT -----------------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    ["![](krop/cafe.png)", "![   ](krop/cafe.png)", '<img src="krop/cafe.png">', '<img src="krop/cafe.png" alt="">', '<img alt src="krop/cafe.png">'],
    ids=["md-empty", "md-blank", "img-no-alt", "img-empty-alt", "img-valueless-alt"],
)
def test_image_without_alt_text(kb, markup):
    image(kb, "cases/krop/cafe.png")
    rel = write(kb, "Her er et billede:\n\n" + markup)
    [(line, col, msg)] = only(kb, "BODY-ALT")
    assert (line, col) == (kb.line_of(rel, markup), 1)
    assert "alt-tekst" in msg and "Skærmlæsere" in msg


# -- BODY-HTML ----------------------------------------------------------------

UNSAFE = [
    ("<script>alert(1)</script>", "<script>"),
    ("<SCRIPT SRC=https://example.org/x.js></SCRIPT>", "<script>"),
    ("<style>body { display: none }</style>", "<style>"),
    ('<iframe src="https://example.org"></iframe>', "<iframe>"),
    ('<form action="https://example.org">Send</form>', "<form>"),
    ('<object data="x.swf"></object>', "<object>"),
    ("<svg onload=alert(1)>", "<svg>"),
    ('<p onclick="alert(1)">Klik</p>', "'onclick'"),
    ('<img src="krop/cafe.png" alt="x" onerror="alert(1)">', "'onerror'"),
    ('<div style="position:fixed">x</div>', "'style'"),
    ('<a href="javascript:alert(1)">Klik</a>', "'javascript:'"),
    ('<a href="JaVaScRiPt:alert(1)">Klik</a>', "'javascript:'"),
    ('<a href="java&#x09;script:alert(1)">Klik</a>', "'javascript:'"),
    ('<a href="&#106;avascript:alert(1)">Klik</a>', "'javascript:'"),
    ('<a href=" javascript:alert(1)">Klik</a>', "'javascript:'"),
    ('<a href="vbscript:msgbox(1)">Klik</a>', "'vbscript:'"),
    ('<a href="data:text/html,hej">Klik</a>', "'data:'"),
    ('<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">', "'data:'"),
    ("[Klik](javascript:alert(1))", "'javascript:'"),
    ("[Klik](JaVaScRiPt:alert(1))", "'javascript:'"),
    ("[Klik](java&#x09;script:alert(1))", "'javascript:'"),
    ("[Klik](data:text/html,hej)", "'data:'"),
    ("<javascript:alert(1)>", "'javascript:'"),
    ("<!DOCTYPE html>", "HTML-konstruktion"),
    ("<?php echo 1; ?>", "HTML-konstruktion"),
    ("<![CDATA[ x ]]>", "HTML-konstruktion"),
    ("<![foo[ x", "HTML-konstruktion"),  # made the stdlib HTML parser raise
    ('[Klik](https://example.org){: onclick="alert(1)" }', "'onclick'"),
    ("[Klik](https://example.org){ href='javascript:alert(1)' }", "'href'"),
    ("## Overskrift {: style='display:none' }", "'style'"),
    # Half a tag: a browser may still read it as one, so it is refused.
    ("<img src=x onerror=alert(1) og så <b>fed</b>", "'<img…' er ufuldstændig HTML"),
    ('<a title="a > b" href="x.md">Klik</a>', "ufuldstændig HTML"),
    ("<!-- kommentar uden slut", "ufuldstændig HTML"),
]


@pytest.mark.parametrize(("markup", "fragment"), UNSAFE, ids=[m for m, _ in UNSAFE])
def test_unsafe_html(kb, markup, fragment):
    image(kb, "cases/krop/cafe.png")
    rel = write(kb, "Tekst før.\n\n" + markup + "\n\nTekst efter.")
    problems = only(kb, "BODY-HTML")
    assert len(problems) == 1, problems
    [(line, col, msg)] = problems
    assert line == kb.line_of(rel, markup)
    assert fragment in msg


def test_unsafe_html_column(kb):
    rel = write(kb, 'Tekst med <a href="javascript:x()">et link</a> og [et andet](javascript:y()).')
    assert [(line, col) for line, col, _ in only(kb, "BODY-HTML")] == [kb.position(rel, "<a href"), kb.position(rel, "[et andet]")]


def test_reference_definition_with_javascript(kb):
    rel = write(kb, "Se [her][1].\n\n[1]: javascript:alert(1)")
    assert [(line, col) for line, col, _ in only(kb, "BODY-HTML")] == [kb.position(rel, "javascript:")]


SAFE = [
    "<details><summary>Læs mere</summary>\n\nMere tekst.\n\n</details>",
    '<details open><summary>Åben</summary>Tekst</details>',
    '<abbr title="Frivilligcenter">FC</abbr> hjælper.',
    "Første linje<br>anden linje",
    '<table><tr><th scope="col">År</th></tr><tr><td colspan="2">2024</td></tr></table>',
    "<kbd>Ctrl</kbd> og <mark>vigtigt</mark> og <sup>1</sup>",
    "`<script>alert(1)</script>` er et eksempel i kode",
    "```html\n<script>alert(1)</script>\n<iframe></iframe>\n```",
    "Hvis a < b og c > d, så ...",
    "## Overskrift {#anker}",
    "[Knap](https://example.org){: .knap target=_blank }",
    "Mængden {x} er lille.",
    '<span lang="en">volunteering</span>',
]


@pytest.mark.parametrize("markup", SAFE)
def test_safe_html_passes(kb, markup):
    write(kb, markup)
    assert kb.problems() == []


# -- CASE-MEMBERS-LINK --------------------------------------------------------


@pytest.mark.parametrize("link", ["[Netværket](medlemsnetvaerk.md)", '<a href="medlemsnetvaerk.md">Netværket</a>', "[Netværket](../cases/medlemsnetvaerk.md#resultater)"])
def test_public_case_linking_to_members_case(kb, link):
    rel = write(kb, "Se også " + link + ".")
    [(line, col, msg)] = only(kb, "CASE-MEMBERS-LINK")
    assert (line, col) == kb.position(rel, link[:5])
    assert "cases/krop.md" in msg and "cases/medlemsnetvaerk.md" in msg
    assert "krop" not in kb.check().kb.cases


def test_members_case_may_link_to_public_and_members_cases(kb):
    write(kb, "Se [caféen](aaben-cafe.md) og [netværket](medlemsnetvaerk.md).", visibility="members")
    assert kb.problems() == []


def test_members_link_found_when_only_the_public_case_is_checked(kb):
    rel = write(kb, "Se [netværket](medlemsnetvaerk.md).")
    assert [(p.path, p.code) for p in kb.problems(rel)] == [(rel, "CASE-MEMBERS-LINK")]


def test_members_link_found_when_the_members_case_has_errors(kb):
    text = kb.read("cases/medlemsnetvaerk.md").replace("themes: [samarbejde, kendskab]", "themes: [samarbejdet]")
    kb.write("cases/medlemsnetvaerk.md", text)
    rel = write(kb, "Se [netværket](medlemsnetvaerk.md).")
    assert sorted((p.path, p.code) for p in kb.problems()) == [
        ("cases/krop.md", "CASE-MEMBERS-LINK"), ("cases/medlemsnetvaerk.md", "CASE-THEME")]
    assert rel == "cases/krop.md"


def test_making_the_target_public_fixes_it(kb):
    kb.write("cases/medlemsnetvaerk.md", kb.read("cases/medlemsnetvaerk.md").replace("visibility: members", "visibility: public"))
    write(kb, "Se [netværket](medlemsnetvaerk.md).")
    assert kb.problems() == []


# -- targets with spaces: read as the renderer reads them --------------------


@pytest.mark.parametrize(
    ("markup", "code", "fragment"),
    [
        ("![Udsigt fra bakken](krop/udsigt fra bakken.png)", "BODY-IMAGE", "'cases/krop/udsigt fra bakken.png' findes ikke"),
        ("![Udsigt fra bakken](<krop/udsigt fra bakken.png>)", "BODY-IMAGE", "'cases/krop/udsigt fra bakken.png' findes ikke"),
        ("[Følgeven](Følgeven til første gang.md)", "BODY-LINK", "'cases/Følgeven til første gang.md', som ikke findes"),
        ("[Følgeven](<Følgeven til første gang.md>)", "BODY-LINK", "som ikke findes"),
        ("[Bilag](krop/mit bilag.pdf \"Bilaget\")", "BODY-LINK", "'cases/krop/mit bilag.pdf' findes ikke"),
    ],
    ids=["image", "image-angle", "case-title", "case-title-angle", "titled"],
)
def test_targets_with_spaces_are_checked(kb, markup, code, fragment):
    rel = write(kb, "Se her:\n\n" + markup)
    [(line, col, msg)] = only(kb, code)
    assert (line, col) == (kb.line_of(rel, markup), 1)
    assert fragment in msg


def test_image_with_spaces_that_exists_passes(kb):
    image(kb, "cases/krop/udsigt fra bakken.png")
    write(kb, "![Udsigt fra bakken](krop/udsigt fra bakken.png)\n\n![Igen](<krop/udsigt fra bakken.png>)\n\n"
              "![Og igen](krop/udsigt%20fra%20bakken.png \"Bakken\")")
    assert kb.problems() == []
