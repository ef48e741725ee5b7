"""Habits from Word and editors: typographic quotes, a ' #hashtag' that YAML
reads as a comment, invisible characters in keys and ids, a label written
instead of its id, Danish key names, empty values. Each gets a message that
names what happened and how to fix it."""

from __future__ import annotations

import pytest

from tests.conftest import VALID_YAML, only


def problems_for(kb, old, new):
    assert old in VALID_YAML
    rel = kb.write_case("vane", VALID_YAML.replace(old, new))
    return rel, kb.problems()


# -- typographic quotes ----------------------------------------------------------


@pytest.mark.parametrize("quotes", ["“{}”", "„{}“", "”{}”", "‘{}’", "«{}»"])
@pytest.mark.parametrize(("key", "value", "code"), [("title", "Åben café som første skridt", "CASE-TITLE"),
                                                    ("summary", "Et ugentligt, uforpligtende caféformat, hvor borgere kan møde foreningerne.", "CASE-SUMMARY")])
def test_curly_quotes_around_a_text_are_an_error(kb, quotes, key, value, code):
    rel, problems = problems_for(kb, f"{key}: {value}", f"{key}: {quotes.format(value)}")
    assert [(p.code, p.line) for p in problems] == [(code, kb.line_of(rel, f"{key}:"))]
    msg = problems[0].message
    assert "typografiske anførselstegn" in msg and f'"{value}"' in msg and "retter det ikke selv" in msg


@pytest.mark.parametrize(("old", "new", "code", "fix"), [
    ("centre: frivilligcenter-fjordby", "centre: “frivilligcenter-fjordby”", "CASE-CENTRE", "frivilligcenter-fjordby"),
    ("themes: [vejen-ind, velkomst]", "themes: [“vejen-ind”, velkomst]", "CASE-THEME", "vejen-ind"),
    ("target_groups: [ensomme]", "target_groups:\n  - „ensomme“", "CASE-TARGET-GROUP", "ensomme"),
    ("visibility: public", "visibility: “public”", "CASE-VISIBILITY", "public"),
])
def test_curly_quotes_around_an_id_say_so(kb, old, new, code, fix):
    _, problems = problems_for(kb, old, new)
    [p] = problems
    assert p.code == code and "typografiske anførselstegn" in p.message and f"Skriv bare {fix}" in p.message


def test_quotes_inside_a_title_pass(kb):
    _, problems = problems_for(kb, "title: Åben café som første skridt", "title: Projektet „Sammen“ i Fjordby")
    assert problems == []


# -- a comment where a text was meant -----------------------------------------------


@pytest.mark.parametrize(("key", "old", "new"), [
    ("title", "title: Åben café som første skridt", "title: Åben café som første skridt #sammen"),
    ("title", "title: Åben café som første skridt", "title: Åben café # som første skridt"),
    ("summary", "kan møde foreningerne.", "kan møde foreningerne #fællesskab"),
])
def test_a_text_cut_by_a_comment_is_an_error(kb, key, old, new):
    rel, problems = problems_for(kb, old, new)
    [p] = [p for p in problems if p.code.startswith("CASE-")]
    assert p.line == kb.line_of(rel, f"{key}:") and "kommentar" in p.message and "anførselstegn" in p.message
    assert p.message.rstrip().endswith('"') and "#" + new.split("#")[1] in p.message


def test_a_comment_set_apart_passes(kb):
    _, problems = problems_for(kb, "title: Åben café som første skridt", "title: Åben café som første skridt     # Påkrævet. 5–120 tegn.")
    assert problems == []


def test_a_quoted_hashtag_passes(kb):
    _, problems = problems_for(kb, "title: Åben café som første skridt", 'title: "Åben café som første skridt #sammen"')
    assert problems == []


# -- invisible characters -------------------------------------------------------------


@pytest.mark.parametrize(("char", "code_point"), [("\u00a0", "U+00A0"), ("\u200b", "U+200B"), ("\ufeff", "U+FEFF"), ("\u2060", "U+2060")])
@pytest.mark.parametrize("where", ["centre{}:", "cen{}tre:", "{}centre:"])
def test_an_invisible_character_in_a_key_is_named(kb, char, code_point, where):
    rel, problems = problems_for(kb, "centre:", where.format(char))
    [p] = problems  # and no "'centre' mangler": the message already says what the key is
    assert code_point in p.message and "Mente du 'centre'" not in p.message
    if p.code == "YAML-SYNTAX":  # before the key it is indentation to YAML: the YAML message names it there
        assert where.startswith("{}") and p.line == kb.line_of(rel, "centre")
    else:
        assert p.code == "CASE-UNKNOWN-KEY" and "så der står 'centre'" in p.message


def test_an_invisible_character_in_an_id_is_named(kb):
    [p] = problems_for(kb, "vejen-ind", "vejen\u200b-ind")[1]
    assert p.code == "CASE-THEME" and "U+200B" in p.message and "vejen-ind" in p.message


def test_an_invisible_character_in_a_contact_key_is_named(kb):
    kb.write_case("vane", VALID_YAML + "contact:\n  name\u00a0: Lise Holm\n")
    assert "U+00A0" in " ".join(p.message for p in kb.problems())


# -- labels instead of ids ----------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "code", "ident"), [
    ("target_groups: [ensomme]", "target_groups: [Ensomme og socialt isolerede]", "CASE-TARGET-GROUP", "ensomme"),
    ("target_groups: [ensomme]", "target_groups: [ensomme og socialt isolerede]", "CASE-TARGET-GROUP", "ensomme"),
    ("target_groups: [ensomme]", "target_groups:\n  - Mennesker med psykisk sårbarhed", "CASE-TARGET-GROUP", "psykisk-saarbare"),
    ("centre: frivilligcenter-fjordby", "centre: Frivilligcenter Fjordby (eksempel)", "CASE-CENTRE", "frivilligcenter-fjordby"),
    ("themes: [vejen-ind, velkomst]", "themes: [vejen-ind, Den gode velkomst]", "CASE-THEME", "velkomst"),
])
def test_a_label_written_instead_of_its_id_gets_the_id(kb, old, new, code, ident):
    _, problems = problems_for(kb, old, new)
    [p] = problems
    assert p.code == code and f"Mente du '{ident}'?" in p.message and "navnet" in p.message


def test_labels_come_from_the_data_file(kb):
    kb.write("data/target-groups.yml", kb.read("data/target-groups.yml") + "- id: aeldre\n  label: Ældre medborgere\n")
    [p] = problems_for(kb, "target_groups: [ensomme]", "target_groups: [ældre medborgere]")[1]
    assert "Mente du 'aeldre'?" in p.message


# -- Danish key names ---------------------------------------------------------------------


@pytest.mark.parametrize(("danish", "english"), [
    ("titel", "title"), ("resume", "summary"), ("resumé", "summary"), ("temaer", "themes"), ("målgrupper", "target_groups"),
    ("synlighed", "visibility"), ("udgivet", "published"), ("Titel", "title"), ("center", "centre"),
])
def test_a_danish_key_suggests_the_english_one(kb, danish, english):
    line = next(ln for ln in VALID_YAML.split("\n") if ln.startswith(english + ":"))
    rel, problems = problems_for(kb, line, line.replace(english, danish, 1))
    [p] = problems  # no "'title' mangler" beside it
    assert p.code == "CASE-UNKNOWN-KEY" and f"Mente du '{english}'?" in p.message and "engelske" in p.message


@pytest.mark.parametrize(("danish", "english", "value"), [("opdateret", "updated", "2025-04-01"), ("periode", "period", "{start: 2024-01}"),
                                                          ("partnere", "partners", "[Jobcenter]"), ("kontakt", "contact", "{name: Lise Holm}"),
                                                          ("eksempel", "example", "true")])
def test_a_danish_optional_key_suggests_the_english_one(kb, danish, english, value):
    kb.write_case("vane", VALID_YAML + f"{danish}: {value}\n")
    [(_, _, msg)] = only(kb, "CASE-UNKNOWN-KEY")
    assert f"Mente du '{english}'?" in msg


@pytest.mark.parametrize(("danish", "english"), [("navn", "name"), ("telefon", "phone"), ("rolle", "role")])
def test_danish_keys_inside_contact(kb, danish, english):
    kb.write_case("vane", VALID_YAML + f"contact:\n  name: Lise Holm\n  {danish}: x\n" if danish != "navn" else VALID_YAML + "contact:\n  navn: Lise Holm\n")
    msgs = [p.message for p in kb.problems() if p.code == "CASE-CONTACT"]
    assert any(f"Mente du '{english}'?" in m for m in msgs), msgs


# -- empty values -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["title", "summary", "centre", "themes", "target_groups", "visibility", "published"])
def test_an_empty_value_says_it_is_empty(kb, key):
    line = next(ln for ln in VALID_YAML.split("\n") if ln.startswith(key + ":"))
    rel, problems = problems_for(kb, line, f"{key}:")
    [p] = problems
    assert p.line == kb.line_of(rel, f"{key}:") and f"Feltet '{key}' er tomt." in p.message
    assert "None" not in p.message


@pytest.mark.parametrize("text", ["updated:", "period:", "partners:", "contact:", "example:", "updated: ~", "example: null"])
def test_an_empty_optional_value_says_it_can_go(kb, text):
    kb.write_case("vane", VALID_YAML + text + "\n")
    [p] = kb.problems()
    assert "er tomt" in p.message and "slet linjen" in p.message and "None" not in p.message


def test_an_empty_list_item_says_so(kb):
    [p] = problems_for(kb, "themes: [vejen-ind, velkomst]", "themes:\n  - velkomst\n  -")[1]
    assert p.code == "CASE-THEME" and "tom værdi" in p.message and "None" not in p.message


# -- capitals and separators, Danish values and dates ----------------------------------


@pytest.mark.parametrize(("written", "key"), [("Title", "title"), ("TITLE", "title"), ("target groups", "target_groups"),
                                              ("target-groups", "target_groups"), ("Target_Groups", "target_groups")])
def test_a_key_in_other_letters_or_separators(kb, written, key):
    line = next(ln for ln in VALID_YAML.split("\n") if ln.startswith(key + ":"))
    [p] = problems_for(kb, line, line.replace(key, written, 1))[1]
    assert p.code == "CASE-UNKNOWN-KEY" and f"Mente du '{key}'?" in p.message and "små bogstaver" in p.message


@pytest.mark.parametrize(("word", "value"), [("offentlig", "public"), ("Offentlig", "public"), ("medlemmer", "members"),
                                             ("kun medlemmer", "members")])
def test_a_danish_visibility_word(kb, word, value):
    [p] = problems_for(kb, "visibility: public", f"visibility: {word}")[1]
    assert p.code == "CASE-VISIBILITY" and f"Mente du '{value}'?" in p.message


@pytest.mark.parametrize(("word", "value"), [("ja", "true"), ("nej", "false")])
def test_a_danish_yes_or_no(kb, word, value):
    kb.write_case("vane", VALID_YAML + f"example: {word}\n")
    [(_, _, msg)] = only(kb, "CASE-EXAMPLE")
    assert f"Mente du '{value}'?" in msg


@pytest.mark.parametrize(("written", "iso"), [("1. marts 2025", "2025-03-01"), ("01-03-2025", "2025-03-01"), ("1/3/2025", "2025-03-01"),
                                              ("01.03.2025", "2025-03-01"), ("15. jan. 2025", "2025-01-15")])
def test_a_danish_date_gets_its_iso_form(kb, written, iso):
    [p] = problems_for(kb, "published: 2025-03-01", f"published: {written}")[1]
    assert p.code == "CASE-PUBLISHED" and f"published: {iso}" in p.message


def test_an_impossible_danish_date_gets_no_iso_form(kb):
    [p] = problems_for(kb, "published: 2025-03-01", "published: 31. februar 2025")[1]
    assert p.code == "CASE-PUBLISHED" and "Skriv published:" not in p.message
