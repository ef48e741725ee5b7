"""Privacy rules, precise in both directions: the numbers real write-ups are
full of are not personal data; phone numbers and CPR numbers in every common
spelling still are; public numbers and a centre's shared inbox have a
documented way through that a reviewer sees in the diff."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brobyg.validate import privacy
from tests.conftest import REPO, copy_fixture, only


def write(kb, extra: str, **fm) -> str:
    return kb.write_case("privat", kb.front_matter(**fm), kb.valid_body + "\n" + extra + "\n")


# -- not personal data ---------------------------------------------------------

NOT_PERSONAL = [
    "Foreningens CVR 37421806 står på fakturaen.",
    "CVR-nr. 37421806",
    "CVR: 37 42 18 06",
    "CVR-nummer 37-42-18-06.",
    "cvr.nr.: 37421806",
    "P-nr. 1012345678",
    "P-nummer: 1003388497",
    "Kommunens EAN 5798000012345",
    "EAN-nr. 5798 0000 1234 5",
    "Vores j.nr. 2024-12345 hos kommunen.",
    "J.nr. 22.03.01-P20-1-24",
    "sagsnr. 24/12345",
    "Sagsnummer 20241234",
    "ISBN 978-87-7777-123-4",
    "ISBN 87 7777 1234",
    "reg.nr. 1234 kontonr. 12345678",
    "Reg. nr. 1234, konto nr. 0012345678",
    "Kontonummer 1234567890",
    "Vi fik kr. 12.500 fra puljen.",
    "Vi fik 12 500 kr. fra puljen.",
    "Budgettet var kr. 22.334.455 over tre år.",
    "En bevilling på 22 33 44 55 kr.",
    "Caféen er åben kl. 10.15 10.45 og igen kl. 13.00 13.30.",
    "fra kl. 10.15 til 10.45 og 11.00 11.30",
    "Perioden 2019 2020 og 2021-2024.",
    "Postnr. 8000 og 8200",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_labelled_numbers_are_not_personal_data(kb, text):
    write(kb, text)
    assert kb.problems() == []


@pytest.mark.parametrize(("key", "value"), [("title", "Café med CVR 37421806 og P-nr. 1012345678"),
                                            ("summary", "Puljen gav kr. 22.334.455; sagsnr. 24/12345 og kl. 10.15 10.45 hver uge.")])
def test_labelled_numbers_in_front_matter(kb, key, value):
    write(kb, "", **{key: value})
    assert kb.problems() == []


def test_cvr_is_not_called_a_phone_number_and_p_number_not_a_cpr_number(kb):
    write(kb, "Foreningen (CVR 37 42 18 06, P-nr. 1012345678) står for caféen.")
    assert kb.problems() == []


# -- still caught ----------------------------------------------------------------


@pytest.mark.parametrize("phone", ["2233 4455", "22-33-44-55", "22.33.44.55", "+45 22 33 44 55", "22 33 44 55", "22334455",
                                   "+4522334455", "0045 2233 4455", "2233-4455", "+45 2233 4455"])
def test_phone_numbers_in_every_spelling(kb, phone):
    rel = write(kb, f"Ring til Jens på {phone}, hvis du vil med.")
    [(line, col, msg)] = only(kb, "PRIVACY-PHONE")
    assert (line, col) == kb.position(rel, phone)
    assert f"'{phone}'" in msg and privacy.PUBLIC_NUMBERS_FILE in msg  # the way through, if it is a public number


@pytest.mark.parametrize("cpr", ["120385-xxxx", "120385-****", "120385-XXXX", "120385xxxx", "120385 xxxx", "120385-12xx"])
def test_partial_cpr_numbers(kb, cpr):
    rel = write(kb, f"Borgeren ({cpr}) kom hver uge.")
    [(line, col, msg)] = only(kb, "PRIVACY-CPR")
    assert (line, col) == kb.position(rel, cpr)
    assert "delvist CPR-nummer" in msg


@pytest.mark.parametrize("text", ["Modelnummer 320385-xxxx", "Vare 1234-xxxx", "120385-xxxxx", "Se 1203-**** i listen"])
def test_masked_numbers_that_are_not_cpr_numbers(kb, text):
    write(kb, text)
    assert kb.problems() == []


@pytest.mark.parametrize("text", ["CPR-nr. 010190-1234", "cpr: 0101901234", "Tlf. 22 33 44 55", "Mobil: 22334455"])
def test_a_personal_label_does_not_excuse_the_number(kb, text):
    write(kb, text)
    assert kb.problems() and all(p.code.startswith("PRIVACY-") for p in kb.problems())


def test_a_label_only_covers_its_own_number(kb):
    rel = write(kb, "CVR 37421806, ring 22 33 44 55.")
    [(line, col, _)] = only(kb, "PRIVACY-PHONE")
    assert (line, col) == kb.position(rel, "22 33 44 55")


# -- the way through for public numbers ----------------------------------------


PUBLIC = '- number: "70 11 31 31"\n  name: Lægevagten\n- number: "+45 33 66 33 66"\n  name: Borgerservice i Fjordby\n'


@pytest.mark.parametrize("spelling", ["70 11 31 31", "70113131", "+45 70 11 31 31", "7011 3131", "33 66 33 66"])
def test_listed_public_number_passes(kb, spelling):
    kb.write("data/public-numbers.yml", PUBLIC)
    write(kb, f"Om natten kan borgeren ringe til lægevagten på {spelling}.")
    assert kb.problems() == []


def test_unlisted_number_still_fails_next_to_a_listed_one(kb):
    kb.write("data/public-numbers.yml", PUBLIC)
    rel = write(kb, "Ring til lægevagten på 70 11 31 31 eller til Jens på 22 33 44 55.")
    [(line, col, _)] = only(kb, "PRIVACY-PHONE")
    assert (line, col) == kb.position(rel, "22 33 44 55")


def test_the_repositorys_public_numbers_load():
    from brobyg.problems import Report
    from brobyg.project import Project
    from brobyg.validate.vocab import load_public_numbers

    report = Report()
    numbers = load_public_numbers(Project(REPO), report)
    assert report.problems == [] and numbers and all(len(d) == 8 and d.isdigit() for d in numbers)


@pytest.mark.parametrize(
    ("text", "code", "needle"),
    [
        ('- number: "1234"\n  name: Noget\n', "DATA-FIELD", '"1234"'),
        ('- number: "70 11 31 31"\n  name: A\n- number: "70113131"\n  name: B\n', "DATA-DUPLICATE", '"70113131"'),
        ('- number: "70 11 31 31"\n', "DATA-FIELD", "- number"),
        ('- number: "70 11 31 31"\n  navn: Lægevagten\n', "DATA-UNKNOWN-KEY", "navn"),
    ],
    ids=["too-short", "duplicate", "no-name", "unknown-key"],
)
def test_bad_public_numbers_file(kb, text, code, needle):
    kb.write("data/public-numbers.yml", text)
    problems = [p for p in kb.problems() if p.path == "data/public-numbers.yml"]
    assert (code, kb.line_of("data/public-numbers.yml", needle)) in [(p.code, p.line) for p in problems], problems


# -- the way through for a centre's shared inbox --------------------------------


@pytest.mark.parametrize("address", ["info@fjordby.example.org", "kontakt@fjordby.example.org", "INFO@Fjordby.Example.org",
                                     "info@www.fjordby.example.org"])
def test_centres_shared_inbox_on_its_own_domain_passes(kb, address):
    write(kb, f"Skriv til centret på {address}.")
    assert kb.problems() == []


def test_a_persons_address_on_the_centres_domain_fails(kb):
    write(kb, "Skriv til lise@fjordby.example.org.")
    [(_, _, msg)] = only(kb, "PRIVACY-EMAIL")
    assert "fælles postkasse" in msg and "info@fjordby.example.org" in msg


def test_a_shared_inbox_on_another_domain_fails(kb):
    write(kb, "Skriv til info@gmail.com.")
    [(_, _, msg)] = only(kb, "PRIVACY-EMAIL")
    assert "data/centres.yml" in msg


def test_a_centre_without_a_website_has_no_inbox_way_through(kb):
    write(kb, "Skriv til info@nordvang.example.org.")  # Nordvang's registry entry has no website
    assert [code for code, _ in kb.codes()] == ["PRIVACY-EMAIL"]


# -- the class: generated spellings --------------------------------------------

digit = st.sampled_from("0123456789")
eight = st.lists(digit, min_size=8, max_size=8).map("".join)


def spell(d: str, style: int) -> str:
    return [d, f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}", f"{d[:2]}-{d[2:4]}-{d[4:6]}-{d[6:]}", f"{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:]}",
            f"{d[:4]} {d[4:]}", f"+45 {d[:2]} {d[2:4]} {d[4:6]} {d[6:]}", f"+45{d}"][style]


LABELS = ["CVR", "CVR-nr.", "cvr.nr.:", "CVR-nummer", "P-nr.", "EAN", "EAN-nr.", "j.nr.", "J.nr.", "sagsnr.", "Sagsnummer",
          "ISBN", "reg.nr.", "kontonr.", "Konto nr.", "kr.", "DKK"]


@settings(max_examples=200, deadline=None)
@given(d=eight, style=st.integers(0, 6), label=st.sampled_from(LABELS))
def test_generated_labelled_numbers_pass_and_unlabelled_ones_fail(d, style, label):
    number = spell(d, style)
    if "+" in number and label not in ("kr.", "DKK"):
        number = spell(d, 1)
    assert list(privacy.find(f"Foreningen har {label} {number} i år.")) == []
    if privacy._years(number) or privacy.CPR_RE.fullmatch(number):
        return
    found = list(privacy.find(f"Ring til Jens på {number} i aften."))
    assert [kind for _, kind, _ in found] == [privacy.PHONE], (number, found)
    assert found[0][0] == len("Ring til Jens på ")


@settings(max_examples=200, deadline=None)
@given(day=st.integers(1, 28), month=st.integers(1, 12), year=st.integers(0, 99),
       mask=st.sampled_from(["xxxx", "XXXX", "****", "12xx", "1***"]), sep=st.sampled_from(["-", " ", ""]))
def test_generated_partial_cpr_numbers_fail(day, month, year, mask, sep):
    cpr = f"{day:02}{month:02}{year:02}{sep}{mask}"
    found = list(privacy.find(f"Borgeren ({cpr}) kom."))
    assert [(off, kind) for off, kind, _ in found] == [(len("Borgeren ("), privacy.PARTIAL_CPR)], cpr


def test_a_fixture_copy_is_used_here(tmp_path):
    # The way-through tests rely on the fixture's centres: Fjordby has a website, Nordvang none.
    kb = copy_fixture("minimal", tmp_path / "kb")
    text = kb.read("data/centres.yml")
    assert "https://fjordby.example.org/" in text and "nordvang.example.org" not in text


# -- a summary over several lines: the line where it is -------------------------

MULTILINE = [
    "summary: Et ugentligt, uforpligtende caféformat,\n  hvor borgere kan ringe til {x} og møde foreningerne.",
    "summary: >-\n  Et ugentligt, uforpligtende caféformat,\n  hvor borgere kan ringe til {x} og møde foreningerne.",
    "summary: |-\n  Et ugentligt, uforpligtende caféformat,\n  hvor borgere kan ringe til {x} og møde foreningerne.",
    'summary: "Et ugentligt, uforpligtende caféformat,\n  hvor borgere kan ringe til {x} og møde foreningerne."',
]


@pytest.mark.parametrize("layout", MULTILINE, ids=["plain", "folded", "literal", "quoted"])
@pytest.mark.parametrize(("x", "code"), [("22 33 44 55", "PRIVACY-PHONE"), ("010190-1234", "PRIVACY-CPR"),
                                         ("jens@example.org", "PRIVACY-EMAIL")])
def test_personal_data_on_the_second_line_of_a_summary(kb, layout, x, code):
    fm = kb.dump_front_matter(kb.front_matter()).replace(
        "summary: Et ugentligt, uforpligtende caféformat, hvor borgere kan møde foreningerne.", layout.format(x=x))
    rel = kb.write_case("flere-linjer", fm)
    [(line, col, _)] = only(kb, code)
    assert (line, col) == kb.position(rel, x)


def test_markup_on_the_second_line_of_a_summary(kb):
    fm = kb.dump_front_matter(kb.front_matter()).replace(
        "summary: Et ugentligt, uforpligtende caféformat, hvor borgere kan møde foreningerne.",
        "summary: >-\n  Et ugentligt, uforpligtende caféformat,\n  hvor borgere kan møde **foreningerne**.")
    rel = kb.write_case("flere-linjer", fm)
    [(line, col, _)] = only(kb, "CASE-SUMMARY")
    assert (line, col) == kb.position(rel, "**")
