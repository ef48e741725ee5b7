"""The validator's quicker hot paths give exactly the answers of the originals.

Each function made quicker for `check` (issue 15: checking at the floor) is
run beside its original (``reference_old.py``) on random input from
Hypothesis, on texts put together from the pieces that matter to it, and on
every real case and fixture in the repository, cut and spliced.
"""

from __future__ import annotations

import random
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brobyg.load import frontmatter as fm
from brobyg.validate import body as bodyscan
from brobyg.validate import privacy
from brobyg.validate.rules import body as body_rules
from brobyg.validate.rules import links
from brobyg.validate.template_text import TemplateText
from tests.conftest import REPO
from tests.validator import reference_old as old

SETTINGS = settings(max_examples=300, deadline=None)
KEYS = ("title", "summary", "centre", "themes", "contact", "name", "start", "end")


def _real_texts() -> list[str]:
    texts = []
    for folder in ("cases", "topics", "meetings", "templates", "docs", "tests/fixtures"):
        for path in sorted((REPO / folder).rglob("*.md")):
            texts.append(path.read_text(encoding="utf-8"))
    assert len(texts) > 20
    return texts


REAL = _real_texts()


def _spliced(rng: random.Random, pieces: list[str], n: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(n)))


def _mutations(rng: random.Random, count: int) -> list[str]:
    """Real texts cut at random places and spliced with each other."""
    out = []
    for _ in range(count):
        a, b = rng.choice(REAL), rng.choice(REAL)
        i, j = sorted(rng.randrange(len(a) + 1) for _ in range(2))
        k = rng.randrange(len(b) + 1)
        out.append(a[:i] + b[k:k + rng.randrange(200)] + a[j:])
    return out


# -- front matter: the event builder ----------------------------------------------

YAML_PIECES = [
    "title", "summary", "centre", "name", "start", "themes", ": ", ":", " ", "  ", "\n", "\n  ", "\n- ", "- ", "-",
    "\t", "'", '"', "#", " #", " # note", "&a ", "*a", "!!str ", "! ", "[", "]", "{", "}", ", ", "?", "|", ">-",
    "---", "...", "2025-03-01", "2025-02-30", "2024-01", "12", "+4512345678", "true", "yes", "null", "~", "",
    "velkomst", "frivilligcenter-fjordby", "Åben café", "„citat“", "{start:2024-01}", "name:Lise", "-vejen-ind",
    "published 2025-03-01", "%", "@", "\\", "0x1F", "1e3", ".inf", "=",
]


def _yaml_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = [_spliced(rng, YAML_PIECES, 40) for _ in range(count)]
    for text in REAL:  # every real front matter, whole and cut
        if text.startswith("---\n") and "\n---" in text[4:]:
            front = text[4:text.index("\n---", 4) + 1]
            texts.append(front)
            texts += [front[: rng.randrange(len(front) + 1)] for _ in range(5)]
            texts += [front[: (i := rng.randrange(len(front) + 1))] + rng.choice(YAML_PIECES) + front[i:] for _ in range(20)]
    return texts


def _same_parse(text: str) -> None:
    for first_line, keys, divider in ((2, KEYS, None), (2, (), 9), (5, KEYS, 40)):
        new = fm.parse_yaml(text, first_line, keys, divider)
        try:
            was = old.parse_yaml(text, first_line, keys, divider)
        except IndexError:  # the original's bug: an empty value at the very end ('- ?' without a line break)
            assert not text.endswith("\n"), text
            continue
        assert repr(new) == repr(was), text


@pytest.mark.parametrize("text", ["?", "- ?", "centres:\n- ?", "a: b\n? ", "- id: unge\n  label: Unge\n- ?"])
def test_an_empty_value_at_the_very_end_reads_as_with_a_line_break_after_it(text):
    # The original raised IndexError here: a traceback from `check` on a data file ending so.
    for keys in ((), KEYS):
        assert repr(fm.parse_yaml(text, 1, keys)) == repr(fm.parse_yaml(text + "\n", 1, keys))


def test_a_data_file_ending_in_an_empty_key_gets_a_message(kb):
    path = kb.path("data/target-groups.yml")
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n- ?", encoding="utf-8")
    problems = [p for p in kb.problems() if p.path == "data/target-groups.yml"]
    assert problems and all(p.line >= 1 for p in problems), problems


def test_event_builder_matches_the_original_on_real_and_spliced_front_matter():
    texts = _yaml_texts(3000, seed=15)
    for text in texts:
        _same_parse(text)


@SETTINGS
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join))
def test_event_builder_matches_the_original_on_random_pieces(text):
    _same_parse(text)


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_event_builder_matches_the_original_on_random_text(text):
    _same_parse(text)


# -- the body: blocks, line numbers, prompts ----------------------------------------

BODY_PIECES = [
    "\n", "\n\n", "\n \n", "\n\t\n", "\n\n\n", "  ", " ", "text", "æøå", "„“", "](", "[", "]", "(", ")", "![alt",
    "[link](anden-case.md)", "`", "``", "\\`", "# ", "## Baggrund", "> ", "---", "***", "- ", "1. ", "    ", "<div>",
    "</div>", "<p markdown>", "<!-- x -->", "<", ">", "{: .x}", "\"", "'", "x\n", "*Hvorfor begyndte I?*",
]


def _body_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = [_spliced(rng, BODY_PIECES, 60) for _ in range(count)]
    return texts + REAL + _mutations(rng, count // 2)


def _same_blocks(text: str) -> None:
    for needle in ("](", "`"):
        assert list(bodyscan._blocks(text, needle)) == list(old._blocks(text, needle)), (needle, text)


def test_blocks_match_the_original():
    for text in _body_texts(4000, seed=15):
        _same_blocks(text)


@SETTINGS
@given(st.lists(st.sampled_from(BODY_PIECES), max_size=40).map("".join))
def test_blocks_match_the_original_on_random_pieces(text):
    _same_blocks(text)


@SETTINGS
@given(st.text(alphabet=" \t\n`]([x", max_size=60))
def test_blocks_match_the_original_on_random_text(text):
    _same_blocks(text)


def _same_lines(text: str, offsets) -> None:
    new, was = body_rules.Lines(text, 7), old.Lines(text, 7)
    for offset in offsets:  # past COUNT_UP_TO, the table takes over
        assert new.at(offset) == was.at(offset), (text, offset)


def test_line_numbers_match_the_original():
    rng = random.Random(15)
    for text in _body_texts(500, seed=16):
        offsets = [rng.randrange(len(text) + 3) for _ in range(40)] + [0, len(text)]
        _same_lines(text, offsets)


@SETTINGS
@given(st.text(alphabet="ab\n", max_size=40), st.lists(st.integers(0, 45), max_size=40))
def test_line_numbers_match_the_original_on_random_text(text, offsets):
    _same_lines(text, offsets)


PROMPTS = ("Hvorfor begyndte I? Hvilket problem eller behov ville I gøre noget ved?", "Hvad gik anderledes end ventet",
           "„gæstestol“ i caféen", "ab", "\udcff x")


def _same_prompts(text: str) -> None:
    words = TemplateText(frozenset(), (), PROMPTS, frozenset())
    assert words.prompts_in(text, privacy.utf8(text)) == old.prompts_in(PROMPTS, text) == words.prompts_in(text)


def test_prompts_found_in_bytes_where_they_stand_in_the_text():
    rng = random.Random(15)
    pieces = list(PROMPTS) + ["æ", "„", "\n", "x", "Hvorfor", "\udcff", "a", "b", "😀"]
    for text in REAL + [_spliced(rng, pieces, 12) for _ in range(3000)]:
        _same_prompts(text)


@SETTINGS
@given(st.lists(st.sampled_from(["a", "b", "æ", "„", "😀", "\udcff", " ", "x", "Hvad gik anderledes end ventet"]),
                max_size=20).map("".join))
def test_prompts_found_in_bytes_on_random_text(text):
    _same_prompts(text)


def test_url_scheme_and_control_characters_match_the_original():
    rng = random.Random(15)
    pieces = ["java", "script", ":", "\t", " ", "\x00", "\x1f", "\x7f", "&#x09;", "&amp;", "&", "https", "mailto", "a.b",
              "/", "%00", "æ", "+", "-", "."]
    for _ in range(5000):
        url = _spliced(rng, pieces, 8)
        assert bodyscan.url_scheme(url) == old.url_scheme(url), url
        assert bool(links._CONTROL.search(url)) == old.has_control_character(url), url


# -- privacy: the quick gate before the number-run scan -----------------------------

NUMBER_PIECES = ["1", "12", "0", "9", "+", "+45 ", " ", ".", "-", "x", "X", "*", "æ", "„", "–", "٣", "３", "𝟙", "\n",
                 "kr.", "CVR ", "a", "\udcff", "12 34 56 78", "120385-1234", "120385-xxxx", "2019-2024"]


def _gate_holds(text: str) -> None:
    if old.NUMBER_RUN.search(text):
        assert privacy._may_hold_number_run(text), text
        assert privacy._may_hold_number_run(text, privacy.utf8(text)), text


def test_gate_lets_every_number_run_through():
    rng = random.Random(15)
    for text in REAL + _mutations(rng, 500) + [_spliced(rng, NUMBER_PIECES, 20) for _ in range(20000)]:
        _gate_holds(text)
        assert list(privacy.find(text)) == list(privacy.find(text, encoded=privacy.utf8(text)))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=25).map("".join))
def test_gate_lets_every_number_run_through_on_random_pieces(text):
    _gate_holds(text)


@SETTINGS
@given(st.text(max_size=40))
def test_gate_lets_every_number_run_through_on_random_text(text):
    _gate_holds(text)


def test_gate_knows_the_first_byte_of_every_decimal_digit():
    """What the regular expressions' \\d matches beyond ASCII (Unicode's Nd),
    as this Python knows it: each digit's first UTF-8 byte must read as a digit."""
    leads = set(privacy._DIGIT_LEAD_BYTES)
    missing = {hex(c) for c in range(0x80, sys.maxunicode + 1)
               if not 0xD800 <= c < 0xE000 and chr(c).isdecimal() and chr(c).encode()[0] not in leads}
    assert not missing


@SETTINGS
@given(st.lists(st.sampled_from(["]", ":", "x", "æ", "]:", "„"]), max_size=30).map("".join))
def test_pair_search_finds_what_in_finds(text):
    raw = privacy.utf8(text)
    assert bodyscan._holds_pair(raw, b"]", b":") == (b"]:" in raw)


def test_scan_matches_the_scan_without_the_byte_gates():
    """scan() tests markers on the UTF-8 bytes first; told the bytes hold every
    marker, it runs each pattern as before the gates: the answers are the same."""
    every_marker = b"```~~~`#](]:<!--<{\\\\"
    for text in _body_texts(1500, seed=17):
        a, b = bodyscan.scan(text), bodyscan.scan(text, encoded=every_marker)
        assert (a.headings, a.links, a.tags, a.comments) == (b.headings, b.links, b.tags, b.comments), text


def test_quick_personal_data_test_never_hides_a_finding():
    rng = random.Random(15)
    for text in REAL + _mutations(rng, 300) + [_spliced(rng, NUMBER_PIECES + ["@", "a@b.dk"], 12) for _ in range(5000)]:
        if list(privacy.find(text)):
            assert privacy.may_hold_personal_data(text), text


def test_placeholders_are_recognised_from_single_spaced_text():
    from brobyg.project import Project
    from brobyg.validate import template_text

    words = template_text.load(Project(REPO))
    rng = random.Random(15)
    pieces = ["Skriv", " ", "  ", "\n", "en", "kort", "titel", "TODO", "Titel", "ß", "İ", ".", "…", "!", ":", "lorem ipsum"]
    for text in [_spliced(rng, pieces, 10) for _ in range(3000)] + REAL[:5]:
        spaced = " ".join(text.split())
        assert words.placeholder_title(spaced, spaced=True) == words.placeholder_title(text)
        assert words.placeholder_summary(spaced, spaced=True) == words.placeholder_summary(text)


FENCE_PIECES = ["---", "...", "--", "-", ".", "\n", " ", "\t", "x", "a: b", "#", "\n---\n", "\n...", "---x", "æ"]


def test_end_fence_found_as_the_pattern_finds_it():
    rng = random.Random(15)
    texts = REAL + _mutations(rng, 300) + [_spliced(rng, FENCE_PIECES, 14) for _ in range(20000)]
    for text in texts:
        for start in {1, 4, text.find("\n") + 1} - {0}:
            if start <= len(text) and text[start - 1] == "\n":
                a, b = fm._end_fence(text, start), fm._END_FENCE.search(text, start)
                assert (a and a.span()) == (b and b.span()), (text, start)
