"""The compound splitter that gives the search its compounds' tails
(brobyg/search/compounds.py), on real Danish words and on the sample content."""

from __future__ import annotations

import re

import pytest

from brobyg.search.compounds import COMMON_MIN, FUNCTION_WORDS, MIN_PART, compound_tails, split, tails, tails_of_texts
from brobyg.search.records import record_html, search_records

# A word a member types, the compound a case writes: the word is its tail.
COMPOUNDS = [
    ("distriktspsykiatrien", ["distrikts", "psykiatrien"]),   # linking -s-, inflected tail
    ("socialnetværket", ["social", "netværket"]),
    ("angstforeningen", ["angst", "foreningen"]),
    ("frivilligmentorer", ["frivillig", "mentorer"]),          # the tail's plural is not in the list
    ("demenskoordinatorer", ["demens", "koordinatorer"]),
    ("cykelværkstedet", ["cykel", "værkstedet"]),
    ("ungdomsskole", ["ungdoms", "skole"]),
    ("samarbejdsniveau", ["samarbejds", "niveau"]),            # samarbejde: the -e drops before -s-
    ("strikkeklubben", ["strikke", "klubben"]),                # doubled consonant before -en
    ("stueetage", ["stue", "etage"]),                          # not stue-e-tage
    ("frivilligcentret", ["frivillig", "centret"]),            # not fri|villig|centret
    ("jobcentrene", ["job", "centrene"]),                      # a three-letter head
    ("netværksmøderne", ["netværks", "møderne"]),
    ("Velkomstambassadører", ["Velkomst", "ambassadører"]),    # as written
]


@pytest.mark.parametrize("word,parts", COMPOUNDS, ids=[w for w, _ in COMPOUNDS])
def test_a_compound_splits_into_its_words(word, parts):
    assert split(word) == parts
    assert tails(word) == (parts[-1].lower(),)


# Words that are no compounds, though they begin or end with a word:
# "foreningen" is not "for" + "ingen".
WHOLE = [
    "foreningen", "foreningernes", "forsamlingen", "forældrene", "fortællingen", "forventningerne", "forskellen",
    "forsikringen", "forandringen", "indsatsen", "overblikket", "overgangen", "undervisningen", "udfordringerne",
    "tilbuddene", "tilgængelighed", "medlemmerne", "oplægget", "indtrykkene", "samtalerne", "erfaringerne",
    "frivillighed", "hjemløshed", "matchning", "ansvarligheden", "uoverskueligheden", "uforpligtende",
    "tilbagevendende", "opsøgende", "vedkommende", "sagsbehandleren", "ildsjælene", "deltagerne",
    "kontaktpersonerne", "tilrettelagt", "gennemførte", "fællesskabet", "ensomme",
]


@pytest.mark.parametrize("word", WHOLE)
def test_a_word_that_is_no_compound_stays_whole(word):
    assert split(word) == [word]
    assert tails(word) == ()


def test_three_parts_give_every_tail():
    parts = split("frivilligmedlemskabet")
    assert "".join(parts) == "frivilligmedlemskabet"
    assert tails("frivilligmedlemskabet")[-1] == "medlemskabet"
    assert tails("brobyggerstilling") == ("byggerstilling", "stilling")


def test_short_words_numbers_and_unknown_words_are_left_alone():
    for word in ("job", "angst", "2026", "x1y2z3", "qwxzvbnmkl", "kaffe-bord"):
        assert tails(word) == ()


def test_the_tails_of_a_text_come_once_in_order_and_not_when_the_text_has_the_word():
    text = "Distriktspsykiatrien og distriktspsykiatriens folk; socialnetværket, Distriktspsykiatrien. Netværket"
    assert compound_tails(text) == ["psykiatrien", "psykiatriens"]


def test_a_compound_most_texts_have_gives_no_tails():
    """Every case says "frivilligcentret": "center" must not find every case by it."""
    texts = ["Vi er frivilligcentret."] * (2 * COMMON_MIN)
    texts[0] = "Vi er frivilligcentret. Vi mødte pårørendegruppen i strikkeklubben."
    got = tails_of_texts(texts)
    assert got[0] == ["gruppen", "klubben"] and got[1:] == [[]] * (len(texts) - 1)
    # Until half of them have it, or with fewer texts than COMMON_MIN, a compound counts.
    few = tails_of_texts(texts[: COMMON_MIN - 1])
    assert all("centret" in t for t in few)
    half = tails_of_texts(texts[:COMMON_MIN] + ["Om noget andet."] * COMMON_MIN)
    assert all("centret" in t for t in half[:COMMON_MIN])


WORD = re.compile(r"[^\W\d_]+")


@pytest.mark.parametrize("audience", ["public", "members"])
def test_the_sample_records_carry_sensible_tails_of_their_own_words(sample_kb, audience):
    """Every tail is the end of a word of the record's own text (so nothing
    another audience's case says), at least three letters, no function word."""
    from brobyg.render.listing import listing_order

    kb = sample_kb.for_audience(audience)
    records = search_records(kb, listing_order(kb))
    all_tails = set()
    for r in records:
        text = f"{r.title} {r.summary} {r.body} {r.names}"
        words = {w.lower() for w in WORD.findall(text)}
        for tail in r.tails.split():
            all_tails.add(tail)
            assert len(tail) >= MIN_PART and tail not in FUNCTION_WORDS, (r.url, tail)
            assert any(w.endswith(tail) and w != tail for w in words), (r.url, tail)
            assert tail not in words, (r.url, tail)
        if r.tails:
            assert r.content.endswith(f" {r.tails}")
            assert f'<span data-pagefind-weight="0.5">{r.tails}</span></p>' in record_html(r)
    # The tails the sample's compounds should give.
    assert {"psykiatrien", "koordinatorer", "team"} <= all_tails
    # Most cases say "frivilligcentret": it gives no "centret" (only "sprogcentret" does).
    for r in records:
        words = {w.lower() for w in WORD.findall(f"{r.title} {r.summary} {r.body} {r.names}")}
        if "frivilligcentret" in words and not {w for w in words if w.endswith("centret")} - {"frivilligcentret"}:
            assert "centret" not in r.tails.split(), r.url
