"""Whole-file rules: names, size, encoding, binary and unreadable files."""

from __future__ import annotations

import os

import pytest

from brobyg.load.frontmatter import MAX_TEXT_BYTES


def test_the_minimal_fixture_is_valid(kb):
    result = kb.check()
    assert result.report.sorted() == []
    assert set(result.kb.cases) == {"aaben-cafe", "foelgeven", "medlemsnetvaerk"}
    assert result.files == 3 + 3 + 6  # cases, data files, topics


# -- FILE-NAME ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("Åben Café.md", "aaben-cafe.md"),
        ("Møde_i_Ærø.md", "moede-i-aeroe.md"),
        ("case--to.md", "case-to.md"),
        ("-case.md", "case.md"),
        ("CASE1.md", "case1.md"),
    ],
)
def test_invalid_file_name_suggests_a_slug(kb, name, suggested):
    kb.write(f"cases/{name}", kb.case_text())
    problems = kb.problems()
    assert [(p.path, p.code, p.line, p.col) for p in problems] == [(f"cases/{name}", "FILE-NAME", 0, 0)]
    assert f"'{suggested}'" in problems[0].message


def test_valid_slug_file_name_passes(kb):
    kb.write("cases/aaben-cafe-2.md", kb.case_text())
    assert kb.problems() == []


@pytest.mark.parametrize(("name", "suggested"), [("Case.MD", "case.md"), ("min-case.markdown", "min-case.md"), ("min case.txt", "min-case.md")])
def test_case_with_another_extension_is_not_skipped_silently(kb, name, suggested):
    kb.write(f"cases/{name}", kb.case_text())
    problems = kb.problems()
    assert [(p.path, p.code, p.line) for p in problems] == [(f"cases/{name}", "FILE-NAME", 0)]
    assert f"'{suggested}'" in problems[0].message


def test_images_and_folders_beside_cases_are_not_file_name_errors(kb):
    kb.write("cases/aaben-cafe/bilag.txt", "Et bilag.\n")
    kb.write("cases/kort.png", b"\x89PNG\r\n\x1a\n")
    assert kb.problems() == []


# -- FILE-EMPTY ---------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\n", b"  \n\t\n\n"])
def test_empty_file(kb, content):
    kb.write("cases/tom.md", content)
    problems = kb.problems()
    assert [(p.path, p.code, p.line) for p in problems] == [("cases/tom.md", "FILE-EMPTY", 0)]
    assert "templates/case.md" in problems[0].message


# -- FILE-BINARY --------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100,  # a .docx saved as .md
        b"---\ntitle: ok\n\x00\n---\n",
    ],
)
def test_binary_file(kb, content):
    kb.write("cases/binaer.md", content)
    assert kb.codes() == [("FILE-BINARY", 0)]


# -- FILE-ENCODING ------------------------------------------------------------


def test_latin1_front_matter_points_at_the_first_bad_byte(kb):
    kb.write("cases/latin.md", kb.case_text().encode("latin-1"))
    problems = kb.problems()
    # line 2 is "title: Åben café …"; 'Å' is the 8th character
    assert [(p.code, p.line, p.col) for p in problems] == [("FILE-ENCODING", 2, 8)]
    assert "UTF-8" in problems[0].message


def test_latin1_in_the_body_points_at_its_line(kb):
    text = kb.case_text()
    lines_before = text.count("\n")
    data = text.encode("utf-8") + "\nVi lærte meget.\n".encode("latin-1")
    kb.write("cases/latin.md", data)
    assert kb.codes() == [("FILE-ENCODING", lines_before + 2)]


def test_same_text_as_utf8_passes(kb):
    kb.write("cases/latin.md", kb.case_text() + "\nVi lærte meget.\n")
    assert kb.problems() == []


# -- BOM and line endings -----------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "newline"),
    [(b"\xef\xbb\xbf", "\n"), (b"", "\r\n"), (b"\xef\xbb\xbf", "\r\n"), (b"", "\r")],
    ids=["bom", "crlf", "bom+crlf", "cr"],
)
def test_bom_and_windows_line_endings_are_accepted(kb, prefix, newline):
    kb.write("cases/windows.md", prefix + kb.case_text().replace("\n", newline).encode("utf-8"))
    assert kb.problems() == []


def test_crlf_keeps_line_numbers_right(kb):
    text = kb.case_text(kb.front_matter(themes=["velkomsten"]))
    kb.write("cases/windows.md", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    problems = kb.problems()
    assert [(p.code, p.line, p.col) for p in problems] == [("CASE-THEME", 5, 10)]


# -- FILE-SIZE ----------------------------------------------------------------


def test_file_over_512_kb(kb):
    kb.write("cases/stor.md", kb.case_text() + "x" * (MAX_TEXT_BYTES + 1))
    problems = kb.problems()
    assert [(p.code, p.line) for p in problems] == [("FILE-SIZE", 0)]
    assert "512 KB" in problems[0].message


def test_file_just_under_the_limit_is_read(kb):
    text = kb.case_text()
    filler = ("Vi talte hver uge om, hvad der virkede. " * 20 + "\n\n") * 1_000  # ASCII: 1 byte a character
    text += filler[: MAX_TEXT_BYTES - len(text.encode("utf-8"))]
    kb.write("cases/lang.md", text)
    assert kb.path("cases/lang.md").stat().st_size == MAX_TEXT_BYTES
    assert kb.problems() == []


# -- FILE-READ ----------------------------------------------------------------


def test_folder_named_like_a_case(kb):
    kb.path("cases/mappe.md").mkdir()
    problems = kb.problems()
    assert [(p.path, p.code, p.line) for p in problems] == [("cases/mappe.md", "FILE-READ", 0)]
    assert "mappe" in problems[0].message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_broken_symlink(kb):
    os.symlink(kb.path("cases/findes-ikke.md"), kb.path("cases/genvej.md"))
    problems = kb.problems()
    assert [(p.code, p.line) for p in problems] == [("FILE-READ", 0)]
    assert "findes ikke" in problems[0].message


def test_broken_symlink_is_reported_under_its_own_name(kb):
    os.symlink(kb.path("cases/findes-ikke.md"), kb.path("cases/genvej.md"))
    assert [p.path for p in kb.problems()] == ["cases/genvej.md"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
def test_encoding_column_counts_characters_after_a_bom(kb, bom):
    # 'Åben café' is UTF-8; the 'ø' after it was saved as Latin-1
    kb.write("cases/blandet.md", bom + "---\ntitle: Åben café ".encode("utf-8") + "ø\n".encode("latin-1"))
    assert [(p.code, p.line, p.col) for p in kb.problems()] == [("FILE-ENCODING", 2, 18)]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_is_a_read_error(kb):
    os.symlink("loop.md", kb.path("cases/loop.md"))
    assert [(p.path, p.code) for p in kb.problems()] == [("cases/loop.md", "FILE-READ")]
