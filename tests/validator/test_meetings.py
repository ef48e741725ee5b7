"""`check` on meetings/<slug>.md: each problem a gcc-style Danish message on
the right line, with a code; valid meetings become the model the site shows."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import DROP, dump_front_matter

VALID = {
    "title": "Online møde om velkomsten",
    "date": dt.date(2025, 4, 10),
    "start": "13:00",
    "end": "14:30",
    "format": "online",
    "themes": ["velkomst"],
    "cases": ["aaben-cafe"],
    "visibility": "public",
    "published": dt.date(2025, 3, 1),
}
REL = "meetings/2025-04-10-online-velkomst.md"


def write_meeting(kb, body="Et kort møde.\n", rel=REL, **changes):
    fm = dict(VALID)
    for key, value in changes.items():
        if value is DROP:
            fm.pop(key, None)
        else:
            fm[key] = value
    kb.write(rel, f"---\n{dump_front_matter(fm)}---\n\n{body}")
    return rel


def problems_in(kb, rel=REL):
    return [p for p in kb.problems() if p.path == rel]


def test_a_valid_meeting_passes_and_becomes_the_model(kb):
    write_meeting(kb, body="Et kort møde.\n\n## Referat\n\nVi talte om caféen.\n", minutes_visibility="public",
                  format="physical", place="Frivilligcenter Fjordby", agenda=["13.00 Velkomst", "13.15 Oplæg"],
                  presenters=[{"name": "Lise Holm", "centre": "frivilligcenter-fjordby", "topic": "Caféen"}],
                  updated=dt.date(2025, 4, 12), example=True)
    assert problems_in(kb) == []
    m = kb.check().kb.meetings["2025-04-10-online-velkomst"]
    assert (m.date, m.start, m.end) == (dt.date(2025, 4, 10), dt.time(13, 0), dt.time(14, 30))
    assert m.starts_at.isoformat() == "2025-04-10T13:00:00+02:00"  # summer time in Denmark
    assert m.format == "physical" and m.place == "Frivilligcenter Fjordby"
    assert m.agenda == ("13.00 Velkomst", "13.15 Oplæg")
    assert m.presenters[0].centre == "frivilligcenter-fjordby"
    assert m.cases == ("aaben-cafe",)
    assert m.body.strip() == "Et kort møde." and m.minutes.strip() == "Vi talte om caféen."
    assert m.minutes_visibility == "public" and m.example


def test_minutes_are_for_members_unless_the_file_says_otherwise(kb):
    write_meeting(kb, body="Tekst.\n\n## Referat\n\nNoget.\n")
    assert kb.check().kb.meetings["2025-04-10-online-velkomst"].minutes_visibility == "members"


def test_unquoted_time_is_read_as_written(kb):
    text = f"---\n{dump_front_matter(VALID)}---\n\nTekst.\n".replace("start: '13:00'", "start: 13:00")
    assert "start: 13:00" in text
    kb.write(REL, text)
    assert problems_in(kb) == []
    assert kb.check().kb.meetings["2025-04-10-online-velkomst"].start == dt.time(13, 0)


@pytest.mark.parametrize("changes, code, needle", [
    ({"titel": "x"}, "MEETING-UNKNOWN-KEY", "titel:"),
    ({"visibility": DROP}, "MEETING-REQUIRED", None),
    ({"title": "Mø"}, "MEETING-TITLE", "title:"),
    ({"date": "10. april 2025"}, "MEETING-DATE", "date:"),
    ({"start": "kl. 13"}, "MEETING-TIME", "start:"),
    ({"end": "12:00"}, "MEETING-TIME", "end:"),
    ({"format": "hybrid"}, "MEETING-FORMAT", "format:"),
    ({"format": "physical"}, "MEETING-PLACE", "format:"),
    ({"themes": ["velkomsten"]}, "MEETING-THEME", "themes:"),
    ({"agenda": "Velkomst og oplæg"}, "MEETING-AGENDA", "agenda:"),
    ({"presenters": [{"name": "Lise Holm"}]}, "MEETING-PRESENTER", "name:"),
    ({"presenters": [{"name": "Lise Holm", "topic": "Caféen", "centre": "fjordby"}]}, "MEETING-PRESENTER", "centre:"),
    ({"presenters": [{"name": "Lise Holm", "topic": "Caféen", "material": [{"title": "Slides", "url": "slides.pdf"}]}]},
     "MEETING-MATERIAL", "url:"),
    ({"cases": ["aaben-cafee"]}, "MEETING-CASE", "aaben-cafee"),
    ({"cases": ["medlemsnetvaerk"]}, "MEETING-MEMBERS-CASE", "medlemsnetvaerk"),
    ({"visibility": "alle"}, "MEETING-VISIBILITY", "visibility:"),
    ({"visibility": "members", "minutes_visibility": "public"}, "MEETING-MINUTES-VISIBILITY", "minutes_visibility:"),
    ({"published": dt.date(2099, 1, 1)}, "MEETING-PUBLISHED", "published:"),
    ({"updated": dt.date(2025, 1, 1)}, "MEETING-UPDATED", "updated:"),
    ({"example": "ja"}, "MEETING-EXAMPLE", "example:"),
])
def test_each_field_problem_has_its_code_and_line(kb, changes, code, needle):
    write_meeting(kb, **changes)
    found = problems_in(kb)
    assert [p.code for p in found] == [code], [p.as_text() for p in found]
    p = found[0]
    expected_line = kb.line_of(REL, needle) if needle else 2  # a missing key: the first line of the front matter
    assert p.line == expected_line, p.as_text()
    assert p.severity == "error" and p.message.endswith((".", "?", ")")) and "\n" not in p.message
    assert p.as_text().startswith(f"{REL}:{p.line}:")


def test_material_file_in_the_meetings_folder_is_accepted(kb):
    kb.write("meetings/2025-04-10-online-velkomst/slides.pdf", b"%PDF-1.4\n")
    write_meeting(kb, presenters=[{"name": "Lise Holm", "topic": "Caféen",
                                   "material": [{"title": "Slides", "url": "2025-04-10-online-velkomst/slides.pdf"}]}])
    assert problems_in(kb) == []
    m = kb.check().kb.meetings["2025-04-10-online-velkomst"]
    assert m.presenters[0].material[0].url == "meetings/2025-04-10-online-velkomst/slides.pdf"


def test_material_outside_the_meetings_folder_is_refused(kb):
    write_meeting(kb, presenters=[{"name": "Lise Holm", "topic": "Caféen",
                                   "material": [{"title": "Casen", "url": "../cases/aaben-cafe.md"}]}])
    assert [p.code for p in problems_in(kb)] == ["MEETING-MATERIAL"]


def test_minutes_before_the_meeting_is_a_warning(kb):
    rel = write_meeting(kb, body="Tekst.\n\n## Referat\n\nSkrevet for tidligt.\n", date=dt.date(2099, 1, 1),
                        rel="meetings/2099-01-01-for-tidligt.md")
    found = problems_in(kb, rel)
    assert [(p.code, p.severity) for p in found] == [("MEETING-MINUTES-EARLY", "warning")]


def test_personal_data_in_a_meeting_is_refused(kb):
    write_meeting(kb, body="Ring til Lise på 12 34 56 78.\n")
    found = problems_in(kb)
    assert [p.code for p in found] == ["PRIVACY-PHONE"]
    assert found[0].line == kb.line_of(REL, "12 34 56 78")


def test_relative_links_in_the_text_are_refused(kb):
    write_meeting(kb, body="Se [casen](../cases/aaben-cafe.md).\n")
    assert [p.code for p in problems_in(kb)] == ["MEETING-BODY-LINK"]


def test_a_meeting_file_name_begins_with_its_date(kb):
    write_meeting(kb, rel="meetings/online-velkomst.md")
    assert [(p.code, p.severity) for p in problems_in(kb, "meetings/online-velkomst.md")] == [("MEETING-FILE-NAME", "error")]
    kb.remove("meetings/online-velkomst.md")
    write_meeting(kb, rel="meetings/2025-04-11-online-velkomst.md")
    found = problems_in(kb, "meetings/2025-04-11-online-velkomst.md")
    assert [(p.code, p.severity) for p in found] == [("MEETING-FILE-DATE", "warning")]
    assert found[0].line == kb.line_of("meetings/2025-04-11-online-velkomst.md", "date:")


def test_broken_meeting_files_get_messages_not_tracebacks(kb):
    kb.write("meetings/2025-01-01-tomt.md", "")
    kb.write("meetings/2025-01-02-uden-front-matter.md", "Bare tekst.\n")
    kb.write("meetings/2025-01-03-liste.md", "---\n- a\n- b\n---\n")
    kb.write("meetings/Møde.md", f"---\n{dump_front_matter(VALID)}---\n\nTekst.\n")
    codes = {p.path: p.code for p in kb.problems() if p.path.startswith("meetings/")}
    assert codes == {
        "meetings/2025-01-01-tomt.md": "FILE-EMPTY",
        "meetings/2025-01-02-uden-front-matter.md": "FM-MISSING",
        "meetings/2025-01-03-liste.md": "FM-NOT-MAPPING",
        "meetings/Møde.md": "FILE-NAME",
    }


def test_a_meeting_problem_fails_the_build_check_and_names_the_file(kb):
    write_meeting(kb, themes=["velkomsten"])
    result = kb.run("check")
    assert result.returncode == 1
    assert f"{REL}:" in result.stdout and "MEETING-THEME" in result.stdout and "Mente du 'velkomst'?" in result.stdout
