"""The case fields: keys, types, lengths, vocabularies, dates, contact."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import DROP, only


def case(kb, **changes) -> str:
    """Write a case whose front matter differs from the valid one by ``changes`` (DROP removes a key)."""
    return kb.write_case("felter", kb.front_matter(**changes))


def raw_case(kb, old: str, new: str) -> str:
    """Write a case with one line of the valid front matter replaced verbatim."""
    text = kb.dump_front_matter(kb.front_matter())
    assert old in text
    return kb.write_case("felter", text.replace(old, new))


def test_valid_case_becomes_a_model_object(kb):
    rel = case(kb, contact={"name": "Lise Holm", "phone": "12 34 56 78"}, period={"start": "2024-01"},
               partners=["Jobcenter"], updated=dt.date(2025, 4, 1), example=True)
    result = kb.check()
    assert result.report.sorted() == []
    c = result.kb.cases["felter"]
    assert (c.path, c.themes, c.target_groups, c.published) == (rel, ("vejen-ind", "velkomst"), ("ensomme",), dt.date(2025, 3, 1))
    assert (c.period_start, c.period_end, c.partners, c.contact.phone, c.example) == ("2024-01", None, ("Jobcenter",), "12 34 56 78", True)


def test_case_with_an_error_is_left_out_of_the_model(kb):
    case(kb, themes=["velkomsten"])
    result = kb.check()
    assert "felter" not in result.kb.cases
    assert "aaben-cafe" in result.kb.cases


# -- CASE-UNKNOWN-KEY ---------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [("summery", "summary"), ("theme", "themes"), ("targetgroups", "target_groups"), ("visability", "visibility"),
     ("kontakt", "contact"), ("forfatter", None)],
)
def test_unknown_key_with_did_you_mean(kb, key, suggestion):
    rel = case(kb, **{key: "x"})
    [(line, col, msg)] = only(kb, "CASE-UNKNOWN-KEY")
    assert (line, col) == kb.position(rel, f"{key}:")
    assert f"'{key}'" in msg
    if suggestion:
        assert f"Mente du '{suggestion}'?" in msg
    else:
        assert "Mente du" not in msg and "Tilladte felter: title, summary" in msg


# -- CASE-REQUIRED ------------------------------------------------------------


@pytest.mark.parametrize("key", ["title", "summary", "centre", "themes", "target_groups", "visibility", "published"])
def test_missing_required_key(kb, key):
    case(kb, **{key: DROP})
    [(line, col, msg)] = only(kb, "CASE-REQUIRED")
    assert (line, col) == (2, 1)
    assert f"'{key}'" in msg


def test_visibility_has_no_default(kb):
    case(kb, visibility=DROP)
    [(_, _, msg)] = only(kb, "CASE-REQUIRED")
    assert "visibility: public" in msg and "visibility: members" in msg and "ingen standardværdi" in msg


def test_all_missing_keys_are_reported_at_once(kb):
    kb.write_case("felter", "example: true\n")
    assert sorted(msg.split("'")[1] for _, _, msg in only(kb, "CASE-REQUIRED")) == sorted(
        ["title", "summary", "centre", "themes", "target_groups", "visibility", "published"]
    )


# -- CASE-TITLE and CASE-SUMMARY ----------------------------------------------


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("Kort", "4 tegn"), ("  Kort  ", "4 tegn"), ("A" * 121, "121 tegn"), (12345, "tekst"), (["En liste"], "tekst"), (None, "tekst")],
    ids=["4-chars", "4-after-trim", "121-chars", "int", "list", "null"],
)
def test_bad_title(kb, value, fragment):
    rel = case(kb, title=value)
    [(line, col, msg)] = only(kb, "CASE-TITLE")
    assert line == kb.line_of(rel, "title:") and col == 8
    assert fragment in msg


@pytest.mark.parametrize("value", ["Fem t", "A" * 120, "Caféen: et frirum", "12345"], ids=["5-chars", "120-chars", "colon", "number-as-text"])
def test_good_title(kb, value):
    case(kb, title=value)
    assert kb.problems() == []


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("For kort opsummering", None),  # 20: fine, checked below
        ("A" * 19, "19 tegn"),
        ("A" * 301, "301 tegn"),
        ("En café med <b>fed</b> skrift og mere tekst", "almindelig tekst"),
        ("En café, se [linket](https://example.org) for mere", "almindelig tekst"),
        ("En café med **fed** skrift og mere tekst", "almindelig tekst"),
        ("En café med `kode` i og mere tekst her", "almindelig tekst"),
        (2025, "tekst"),
    ],
    ids=["20-chars", "19-chars", "301-chars", "html", "link", "bold", "code", "int"],
)
def test_summary(kb, value, fragment):
    rel = case(kb, summary=value)
    problems = only(kb, "CASE-SUMMARY")
    if fragment is None:
        assert problems == []
    else:
        [(line, col, msg)] = problems
        assert (line, col) == (kb.line_of(rel, "summary:"), 10)
        assert fragment in msg


def test_summary_of_300_chars_passes(kb):
    case(kb, summary="A" * 300)
    assert kb.problems() == []


def test_folded_summary_counts_the_joined_text(kb):
    text = kb.dump_front_matter(kb.front_matter(summary=None)).replace(
        "summary: null", "summary: >-\n  Et ugentligt caféformat,\n  hvor borgere møder foreningerne."
    )
    kb.write_case("felter", text)
    assert kb.problems() == []


# -- CASE-CENTRE --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("frivilligcenter-fjordbi", "Mente du 'frivilligcenter-fjordby'?"), ("helt-andet-center", "data/centres.yml"),
     (["frivilligcenter-fjordby"], "som et id"), (42, "som et id")],
)
def test_bad_centre(kb, value, fragment):
    rel = case(kb, centre=value)
    [(line, col, msg)] = only(kb, "CASE-CENTRE")
    assert (line, col) == (kb.line_of(rel, "centre:"), 9)
    assert fragment in msg


def test_good_centre(kb):
    case(kb, centre="frivilligcenter-nordvang")
    assert kb.problems() == []


# -- CASE-THEME and CASE-TARGET-GROUP ----------------------------------------


@pytest.mark.parametrize(
    ("value", "needle", "fragment"),
    [
        (["velkomsten"], "velkomsten", "Ukendt tema 'velkomsten'. Mente du 'velkomst'?"),
        (["vejen-ind", "Velkomst"], "Velkomst", "Mente du 'velkomst'?"),
        (["vejen-ind", "vejen-ind"], ("vejen-ind", 2), "står to gange"),
        (["vejen-ind", 7], "7", "skal være et id"),
        ("velkomst", "velkomst", "Skriv temaer som en liste"),
        ([], "[]", "Angiv 1–6 temaer; der står 0"),
        (["kendskab", "matchning", "vejen-ind", "velkomst", "tilpasning", "samarbejde", "velkomst"], "[", "der står 7"),
    ],
    ids=["unknown", "case", "repeated", "not-text", "not-a-list", "empty", "seven"],
)
def test_bad_themes(kb, value, needle, fragment):
    rel = case(kb, themes=value)
    [(line, col, msg)] = only(kb, "CASE-THEME")
    needle, nth = needle if isinstance(needle, tuple) else (needle, 1)
    assert (line, col) == kb.position(rel, needle, nth)
    assert fragment in msg


def test_all_six_themes_pass(kb):
    case(kb, themes=["kendskab", "matchning", "vejen-ind", "velkomst", "tilpasning", "samarbejde"])
    assert kb.problems() == []


@pytest.mark.parametrize(
    ("value", "needle", "fragment"),
    [
        (["ensom"], "ensom", "Ukendt målgruppe 'ensom'. Mente du 'ensomme'?"),
        (["unge", "unge"], ("unge", 2), "står to gange"),
        ("unge", "unge", "Skriv målgrupper som en liste"),
        ([], "[]", "Angiv 1–12 målgrupper"),
        (["aeldre"], "aeldre", "data/target-groups.yml"),  # an id of the real list, not of this knowledge base
    ],
    ids=["unknown", "repeated", "not-a-list", "empty", "not-in-this-vocabulary"],
)
def test_bad_target_groups(kb, value, needle, fragment):
    rel = case(kb, target_groups=value)
    [(line, col, msg)] = only(kb, "CASE-TARGET-GROUP")
    needle, nth = needle if isinstance(needle, tuple) else (needle, 1)
    assert (line, col) == kb.position(rel, needle, nth)
    assert fragment in msg


def test_target_groups_come_from_the_data_file(kb):
    kb.write("data/target-groups.yml", kb.read("data/target-groups.yml") + "- id: aeldre\n  label: Ældre\n")
    case(kb, target_groups=["aeldre", "unge"])
    assert kb.problems() == []


# -- CASE-VISIBILITY ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [("offentlig", "public"), ("Public", "public"), ("member", "members"), (True, None), ("", None), (None, None)],
)
def test_bad_visibility(kb, value, suggestion):
    rel = case(kb, visibility=value)
    [(line, col, msg)] = only(kb, "CASE-VISIBILITY")
    assert (line, col) == (kb.line_of(rel, "visibility:"), 13)
    assert "'public'" in msg and "'members'" in msg
    assert (f"Mente du '{suggestion}'?" in msg) if suggestion else ("Mente du" not in msg)


@pytest.mark.parametrize("value", ["public", "members"])
def test_good_visibility(kb, value):
    case(kb, visibility=value)
    assert kb.problems() == []


# -- CASE-PUBLISHED and CASE-UPDATED ------------------------------------------


@pytest.mark.parametrize(
    ("line_text", "fragment"),
    [
        ("published: 2025-02-30", "'2025-02-30' er det ikke"),  # not a real day
        ("published: 2025-13-01", "'2025-13-01' er det ikke"),
        ("published: '2025-02-30'", "'2025-02-30' er det ikke"),
        ("published: 1. marts 2025", "ÅÅÅÅ-MM-DD"),
        ("published: 2025-03-01 10:30:00", "ÅÅÅÅ-MM-DD"),  # a time, not a date
        ("published: 20250301", "ÅÅÅÅ-MM-DD"),
        ("published: 2025-06-02", "ligger i fremtiden"),  # the day after `today`
        ("published: 3025-01-01", "ligger i fremtiden"),
    ],
)
def test_bad_published(kb, line_text, fragment):
    rel = raw_case(kb, "published: 2025-03-01", line_text)
    [(line, col, msg)] = only(kb, "CASE-PUBLISHED")
    assert (line, col) == (kb.line_of(rel, "published:"), 12)
    assert fragment in msg


@pytest.mark.parametrize("line_text", ["published: 2025-06-01", "published: '2025-03-01'", "published: 2001-01-01"], ids=["today", "quoted", "old"])
def test_good_published(kb, line_text):
    raw_case(kb, "published: 2025-03-01", line_text)
    assert kb.problems() == []


def test_the_real_today_is_the_default(kb):
    from brobyg.validate.check import check

    kb.write_case("felter", kb.front_matter(published=dt.date.today() + dt.timedelta(days=1)))
    assert [p.code for p in check(kb.root).report.sorted()] == ["CASE-PUBLISHED"]


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (dt.date(2025, 2, 28), "ligger før 'published' (2025-03-01)"),
        ("2025-02-29", "'2025-02-29' er det ikke"),
        (dt.date(2025, 12, 24), "ligger i fremtiden"),
        ("snart", "ÅÅÅÅ-MM-DD"),
    ],
)
def test_bad_updated(kb, value, fragment):
    rel = case(kb, updated=value)
    [(line, col, msg)] = only(kb, "CASE-UPDATED")
    assert (line, col) == (kb.line_of(rel, "updated:"), 10)
    assert fragment in msg


@pytest.mark.parametrize("value", [dt.date(2025, 3, 1), dt.date(2025, 5, 31)], ids=["same-day", "later"])
def test_good_updated(kb, value):
    case(kb, updated=value)
    assert kb.problems() == []


# -- CASE-PERIOD --------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "needle", "fragment"),
    [
        ("{start: 2024-13}", "2024-13", "'start' skal være en måned"),
        ("{start: 2024-00}", "2024-00", "ÅÅÅÅ-MM"),
        ("{start: 2024-1}", "2024-1", "ÅÅÅÅ-MM"),
        ("{start: 202401}", "202401", "ÅÅÅÅ-MM"),
        ("{start: 2024-01-15}", "2024-01-15", "ÅÅÅÅ-MM"),
        ("{start: 2024-06, end: 2024-01}", "2024-01", "slutter (2024-01) før den begynder (2024-06)"),
        ("{end: 2024-02}", "{", "mangler 'start'"),
        ("{start: 2024-01, slut: 2024-02}", "slut", "kun 'start' og 'end'"),
        ("2024-01", "2024-01", "{start: 2024-01, end: 2025-06}"),
        ("[2024-01, 2024-06]", "[", "{start: 2024-01, end: 2025-06}"),
    ],
    ids=["month-13", "month-0", "one-digit", "int", "a-day", "end-before-start", "no-start", "unknown-key", "text", "list"],
)
def test_bad_period(kb, period, needle, fragment):
    rel = raw_case(kb, "published: 2025-03-01", f"published: 2025-03-01\nperiod: {period}")
    [(line, col, msg)] = only(kb, "CASE-PERIOD")
    assert line == kb.line_of(rel, "period:")
    assert col == kb.read(rel).split("\n")[line - 1].index(needle, len("period:")) + 1
    assert fragment in msg


@pytest.mark.parametrize("period", ["{start: 2024-01}", "{start: 2024-01, end: 2024-01}", "{start: 2023-09, end: 2025-06}", "\n  start: 2024-01\n  end: 2024-12"])
def test_good_period(kb, period):
    raw_case(kb, "published: 2025-03-01", f"published: 2025-03-01\nperiod: {period}")
    assert kb.problems() == []


# -- CASE-PARTNERS ------------------------------------------------------------


@pytest.mark.parametrize("value", ["Jobcenter", f"[{'P' * 81}]", "[42]", "['  ']", "[[Jobcenter]]"], ids=["text", "81-chars", "int", "blank", "nested"])
def test_bad_partners(kb, value):
    rel = raw_case(kb, "published: 2025-03-01", f"published: 2025-03-01\npartners: {value}")
    [(line, col, msg)] = only(kb, "CASE-PARTNERS")
    assert (line, col) == (kb.line_of(rel, "partners:"), 11)
    assert "liste af korte navne" in msg


@pytest.mark.parametrize("value", [[], ["Jobcenter", "Lokal idrætsforening"], ["P" * 80]], ids=["empty", "two", "80-chars"])
def test_good_partners(kb, value):
    case(kb, partners=value)
    assert kb.problems() == []


# -- CASE-CONTACT -------------------------------------------------------------


@pytest.mark.parametrize(
    ("contact", "needle", "fragment"),
    [
        ("{name: Lise, email: lise@}", "lise@", "ikke en gyldig e-mailadresse"),
        ("{name: Lise, email: lise@fjordby}", "lise@fjordby", "ikke en gyldig e-mailadresse"),
        ("{name: Lise, email: 'lise holm@fjordby.dk'}", "'lise holm", "ikke en gyldig e-mailadresse"),
        ("{name: Lise, phone: 123}", "123", "ikke et gyldigt telefonnummer"),
        ("{name: Lise, phone: 12-34-56-78}", "12-34-56-78", "ikke et gyldigt telefonnummer"),
        ("{name: Lise, phone: +45 1234}", "+45 1234", "ikke et gyldigt telefonnummer"),
        ("{name: Lise, phone: 12_34_56_78}", "12_34_56_78", "'12_34_56_78'"),  # an int to YAML; judged as written
        ("{name: Lise, mail: lise@fjordby.dk}", "mail:", "Mente du 'email'?"),
        ("{role: Brobygger}", "{", "mangler 'name'"),
        ("{name: [Lise]}", "[Lise]", "skal være en tekst"),
        ("Lise Holm, 12 34 56 78", "Lise", "name, role, email og phone"),
    ],
    ids=["email-no-domain", "email-no-tld", "email-space", "phone-short", "phone-dashes", "phone-45-short",
         "phone-underscores", "unknown-key", "no-name", "name-list", "text"],
)
def test_bad_contact(kb, contact, needle, fragment):
    rel = raw_case(kb, "published: 2025-03-01", f"published: 2025-03-01\ncontact: {contact}")
    [(line, col, msg)] = only(kb, "CASE-CONTACT")
    assert (line, col) == kb.position(rel, needle)
    assert fragment in msg


@pytest.mark.parametrize(
    "phone",
    ["12 34 56 78", "12345678", "1234 5678", "+45 12 34 56 78", "+45 12345678", "+4512345678", "'+46 70 123 45 67'"],
)
def test_good_contact_phone(kb, phone):
    raw_case(kb, "published: 2025-03-01", f"published: 2025-03-01\ncontact:\n  name: Lise Holm\n  role: Brobygger\n  phone: {phone}")
    assert kb.problems() == []


def test_contact_email_and_phone_are_not_privacy_problems(kb):
    case(kb, contact={"name": "Lise Holm", "role": "Brobygger", "email": "lise.holm@fjordby.example.org", "phone": "+45 12 34 56 78"})
    assert kb.problems() == []


# -- CASE-EXAMPLE -------------------------------------------------------------


@pytest.mark.parametrize("value", ["ja", "'true'", "1"])
def test_bad_example(kb, value):
    rel = raw_case(kb, "published: 2025-03-01", f"published: 2025-03-01\nexample: {value}")
    [(line, col, msg)] = only(kb, "CASE-EXAMPLE")
    assert (line, col) == (kb.line_of(rel, "example:"), 10)
    assert "true eller false" in msg


@pytest.mark.parametrize("value", ["true", "false"])
def test_good_example(kb, value):
    raw_case(kb, "published: 2025-03-01", f"published: 2025-03-01\nexample: {value}")
    assert kb.problems() == []
