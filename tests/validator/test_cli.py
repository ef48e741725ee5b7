"""`python build.py check`: output formats, exit codes, PATH arguments, and
inputs that must end in a clear error line rather than a hang or a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from brobyg.cli import main
from tests.conftest import BUILD_PY, MINIMAL

LINE_RE = re.compile(r"^(.+?):(\d+):(\d+): (error|warning) ([A-Z0-9-]+): .+$")
FILE_LINE_RE = re.compile(r"^(.+?): (error|warning) ([A-Z0-9-]+): .+$")
SUMMARY_RE = re.compile(r"^(\d+) fejl og (\d+) (?:advarsel|advarsler) i (\d+) (?:fil|filer)\.$")
GITHUB_RE = re.compile(r"^::(error|warning) file=([^,:]+)(?:,line=(\d+),col=(\d+))?,title=([A-Z0-9-]+)::.+$")


@pytest.fixture
def cli(kb, capsys, monkeypatch):
    """Run build.py's main() in-process, in the knowledge base's folder."""
    monkeypatch.chdir(kb.root)

    def run(*args: str) -> tuple[int, str, str]:
        try:
            rc = main(["--root", str(kb.root), *args])
        except SystemExit as exc:  # argparse's usage errors
            rc = exc.code
        out, err = capsys.readouterr()
        return rc, out, err

    return run


def break_three_files(kb) -> None:
    """Three broken cases with problems on several lines, and one warning."""
    kb.write_case("a-tema", kb.front_matter(themes=["velkomsten"], target_groups=["ensom"]))
    kb.write("cases/b-tom.md", "")
    kb.write_case("c-advarsel", kb.front_matter(), "## Baggrund\n\nKun baggrund.\n")
    kb.write_case("d-link", kb.front_matter(summary=None), kb.valid_body + "\n[Findes ikke](findes-ikke.md)\n")


# The fixture has no mkdocs.yml, so it is built with the repository's, and the
# codes are explained at that site's address.
READ_MORE = "Læs hvad fejlkoderne betyder, og hvordan du retter dem: https://brobygningsbasen.example.org/fejlkoder/"


def parse_text(out: str) -> tuple[list[tuple], str]:
    """The problems and the summary line; with problems, the line after the
    summary says where the codes are explained."""
    lines = out.rstrip("\n").split("\n")
    if len(lines) > 1:
        assert lines.pop() == READ_MORE
    parsed = []
    for line in lines[:-1]:
        m = LINE_RE.match(line)
        if m:
            parsed.append((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5)))
        else:
            m = FILE_LINE_RE.match(line)
            assert m, f"not gcc style: {line!r}"
            parsed.append((m.group(1), 0, 0, m.group(2), m.group(3)))
    return parsed, lines[-1]


# -- text ---------------------------------------------------------------------


def test_valid_fixture_passes_as_a_subprocess():
    proc = subprocess.run([sys.executable, str(BUILD_PY), "--root", str(MINIMAL), "check"], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "Ingen fejl i 12 filer.\n", "")


def test_text_output_reports_everything_sorted_with_a_summary_last(kb, cli):
    break_three_files(kb)
    rc, out, err = cli("check")
    assert rc == 1 and err == ""
    problems, summary = parse_text(out)
    assert problems == sorted(problems, key=lambda p: (p[0], p[1], p[2]))
    assert {p[0] for p in problems} == {"cases/a-tema.md", "cases/b-tom.md", "cases/c-advarsel.md", "cases/d-link.md"}
    assert ("cases/a-tema.md", 5, 10, "error", "CASE-THEME") in problems
    assert ("cases/a-tema.md", 6, 17, "error", "CASE-TARGET-GROUP") in problems
    assert ("cases/b-tom.md", 0, 0, "error", "FILE-EMPTY") in problems
    assert ("cases/c-advarsel.md", 10, 1, "warning", "BODY-HEADING") in problems
    assert ("cases/d-link.md", 3, 10, "error", "CASE-SUMMARY") in problems
    assert any(p[0] == "cases/d-link.md" and p[4] == "BODY-LINK" for p in problems)
    m = SUMMARY_RE.match(summary)
    assert m, summary
    errors = sum(p[3] == "error" for p in problems)
    assert (int(m.group(1)), int(m.group(2)), int(m.group(3))) == (errors, len(problems) - errors, 4 + 3 + 3 + 6)


def test_message_line_as_in_the_design(kb, cli):
    kb.write_case("aaben-cafe-2", kb.front_matter(themes=["vejen-ind", "velkomsten"]))
    rc, out, _ = cli("check")
    assert out.split("\n")[0] == "cases/aaben-cafe-2.md:5:21: error CASE-THEME: Ukendt tema 'velkomsten'. Mente du 'velkomst'? De gyldige id'er står i topics/."
    assert out.split("\n")[1] == "1 fejl og 0 advarsler i 13 filer."


# -- github -------------------------------------------------------------------


def test_github_format(kb, cli):
    break_three_files(kb)
    kb.write("cases/Komma, kolon: navn.md", kb.case_text())
    rc, out, _ = cli("check", "--format", "github")
    assert rc == 1
    lines = out.rstrip("\n").split("\n")
    for line in lines[:-1]:
        assert GITHUB_RE.match(line), line
    assert "::error file=cases/a-tema.md,line=5,col=10,title=CASE-THEME::Ukendt tema 'velkomsten'. Mente du 'velkomst'?" in out
    assert "::error file=cases/b-tom.md,title=FILE-EMPTY::Filen er tom." in out
    assert "::warning file=cases/c-advarsel.md,line=10,col=1,title=BODY-HEADING::" in out
    assert "::error file=cases/Komma%2C kolon%3A navn.md,title=FILE-NAME::" in out
    assert SUMMARY_RE.match(lines[-1])


# -- json ---------------------------------------------------------------------


def test_json_format(kb, cli):
    break_three_files(kb)
    rc, out, _ = cli("check", "--format", "json")
    assert rc == 1
    data = json.loads(out)
    assert set(data) == {"problems", "errors", "warnings", "files"}
    assert data["files"] == 16
    assert data["errors"] == sum(p["severity"] == "error" for p in data["problems"]) > 0
    assert data["warnings"] == sum(p["severity"] == "warning" for p in data["problems"]) == 1
    first = data["problems"][0]
    assert set(first) == {"path", "line", "col", "severity", "code", "message", "hint", "related", "url"}
    assert {"path": "cases/a-tema.md", "line": 5, "col": 10, "severity": "error", "code": "CASE-THEME",
            "message": "Ukendt tema 'velkomsten'. Mente du 'velkomst'? De gyldige id'er står i topics/.",
            "hint": "Mente du 'velkomst'? De gyldige id'er står i topics/.", "related": [],
            "url": "https://brobygningsbasen.example.org/fejlkoder/#case-theme"} in data["problems"]


def test_json_links_each_code_to_its_explanation_on_the_site(kb, cli):
    kb.write("mkdocs.yml", "site_name: X\nsite_url: https://videnbase.example.org/sti/\n")
    kb.write_case("dobbelt", "title: Åben café\ntitle: Åben café igen\n")
    rc, out, _ = cli("check", "--format", "json")
    [problem] = json.loads(out)["problems"]
    assert problem["code"] == "YAML-DUPLICATE-KEY"
    assert problem["url"] == "https://videnbase.example.org/sti/fejlkoder/#yaml-duplicate-key"
    assert problem["related"] == [{"path": "cases/dobbelt.md", "line": 2, "col": 1, "note": "'title' første gang"}]
    assert problem["message"] == problem["message"].replace(problem["hint"], "").strip() + " " + problem["hint"]
    rc, out, _ = cli("check")
    assert out.rstrip("\n").split("\n")[-1] == (
        "Læs hvad fejlkoderne betyder, og hvordan du retter dem: https://videnbase.example.org/sti/fejlkoder/")


def test_json_without_problems(cli):
    rc, out, _ = cli("check", "--format", "json")
    assert rc == 0
    assert json.loads(out) == {"problems": [], "errors": 0, "warnings": 0, "files": 12}


# -- exit codes ---------------------------------------------------------------


def test_warnings_pass_unless_strict(kb, cli):
    kb.write_case("advarsel", kb.front_matter(), "## Baggrund\n\nKun baggrund.\n")
    rc, out, _ = cli("check")
    assert rc == 0
    assert parse_text(out)[1] == "0 fejl og 1 advarsel i 13 filer."
    rc, out, _ = cli("check", "--strict")
    assert rc == 1
    assert ": warning BODY-HEADING: " in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["check", "--bogus"], "ukendte argumenter: --bogus"),
        (["check", "--format", "xml"], "ugyldigt valg 'xml'"),
        (["check", "--format"], "skal have en værdi"),
        (["check", "cases/findes-ikke.md"], "findes ikke: cases/findes-ikke.md"),
        (["tjek"], "ugyldigt valg 'tjek'"),
        ([], "mangler"),
    ],
)
def test_usage_errors_exit_2_in_danish(cli, args, fragment):
    rc, out, err = cli(*args)
    assert rc == 2
    assert out == ""
    assert fragment in err and "fejl:" in err
    assert "Traceback" not in err


def test_path_outside_the_knowledge_base_is_a_usage_error(kb, cli, tmp_path):
    outside = tmp_path / "udenfor.md"
    outside.write_text(kb.case_text(), encoding="utf-8")
    rc, out, err = cli("check", str(outside))
    assert rc == 2 and out == ""
    assert "ligger ikke i vidensbasen" in err


def test_exit_codes_as_a_subprocess(kb):
    assert kb.run("check").returncode == 0
    assert kb.run("check", "--nope").returncode == 2
    assert kb.run("check", "findes-ikke.md").returncode == 2
    kb.write("cases/tom.md", "")
    proc = kb.run("check")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].startswith("cases/tom.md: error FILE-EMPTY: ")


# -- PATH arguments -----------------------------------------------------------


def test_one_path_reports_only_that_file_but_sees_the_whole_knowledge_base(kb, cli):
    break_three_files(kb)
    rel = kb.write_case("med-links", kb.front_matter(), kb.valid_body + "\n[Følgeven](foelgeven.md) og [netværket](medlemsnetvaerk.md).\n")
    rc, out, _ = cli("check", rel)
    problems, summary = parse_text(out)
    assert rc == 1
    assert problems == [(rel, kb.line_of(rel, "[Følgeven]"), kb.position(rel, "[netværket]")[1], "error", "CASE-MEMBERS-LINK")]
    assert summary == "1 fejl og 0 advarsler i 1 fil."


def test_one_valid_path_passes_although_others_are_broken(kb, cli):
    break_three_files(kb)
    rc, out, _ = cli("check", "cases/aaben-cafe.md", "cases/foelgeven.md")
    assert (rc, out) == (0, "Ingen fejl i 2 filer.\n")


def test_broken_data_file_is_shown_when_checking_one_case(kb, cli):
    kb.write("data/centres.yml", "- id: frivilligcenter-fjordby\n\tname: x\n")
    rc, out, _ = cli("check", "cases/foelgeven.md")
    problems, _ = parse_text(out)
    assert rc == 1
    assert ("data/centres.yml", 2, 1, "error", "YAML-TAB") in problems
    assert {p[0] for p in problems} == {"data/centres.yml", "cases/foelgeven.md"}


def test_folder_paths(kb, cli):
    kb.write("cases/tom.md", "")
    kb.write("topics/velkomst.md", "")
    rc, out, _ = cli("check", "cases")
    assert [p[0] for p in parse_text(out)[0]] == ["cases/tom.md", "topics/velkomst.md"]  # vocabularies always show
    assert parse_text(out)[1].endswith("i 4 filer.")
    rc, out, _ = cli("check", ".")
    assert parse_text(out)[1] == "2 fejl og 0 advarsler i 13 filer."  # '.' is the whole knowledge base, not its top folder


# -- robustness: must end in an error line, exit 1, no traceback ---------------


def _huge(kb):
    with open(kb.path("cases/kaempe.md"), "wb") as f:
        f.write(kb.case_text().encode("utf-8"))
        f.write(b"Meget lang tekst. " * (10 * 1024 * 1024 // 18))


def _binary(kb):
    kb.write("cases/binaer.md", os.urandom(4096) + b"\x00\x00" + os.urandom(4096))


def _nested(kb):
    kb.write_case("indlejret", "title: " + "[" * 10_000 + "\n")


def _laughs(kb):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    kb.write_case("latter", "\n".join(lines) + "\n")


def _spaces_after_link(kb):  # used to backtrack for minutes
    kb.write_case("mellemrum", kb.front_matter(), "## Baggrund\n\n[a](" + " " * 400_000)


def _long_word(kb):  # used to rescan quadratically for e-mail addresses
    kb.write_case("langt-ord", kb.front_matter(), "## Baggrund\n\n" + "a" * 400_000)


def _unclosed_tags(kb):  # Python's HTMLParser took quadratic time on these
    kb.write_case("aabne-tags", kb.front_matter(), kb.valid_body + "\n<a\n" * 100_000)


@pytest.mark.parametrize(
    ("make", "rel", "code"),
    [
        (_huge, "cases/kaempe.md", "FILE-SIZE"),
        (_binary, "cases/binaer.md", "FILE-BINARY"),
        (_nested, "cases/indlejret.md", "YAML-DEPTH"),
        (_laughs, "cases/latter.md", "YAML-ALIAS"),
        (_spaces_after_link, "cases/mellemrum.md", "BODY-HEADING"),
        (_long_word, "cases/langt-ord.md", "BODY-HEADING"),
        (_unclosed_tags, "cases/aabne-tags.md", "BODY-HTML"),
    ],
    ids=["10-MB", "binary", "deeply-nested", "billion-laughs", "spaces-after-link", "long-word", "unclosed-tags"],
)
def test_hostile_input_ends_in_an_error_line(kb, make, rel, code):
    make(kb)
    proc = kb.run("check", "--strict", timeout=20)  # the timeout is the guard: no timing assertion
    assert "Traceback" not in proc.stderr
    assert proc.stderr == ""
    assert proc.returncode == 1
    assert re.search(rf"^{re.escape(rel)}(:\d+:\d+)?: (error|warning) {code}: \S", proc.stdout, re.M), proc.stdout
    assert SUMMARY_RE.match(parse_text(proc.stdout)[1])


def test_missing_root_is_a_usage_error(tmp_path, capsys):
    assert main(["--root", str(tmp_path / "findes-ikke"), "check"]) == 2
    assert "mappen findes ikke" in capsys.readouterr().err


def test_reader_closing_the_pipe_is_not_a_traceback(kb):
    for i in range(800):  # well over a pipe buffer of output
        kb.write(f"cases/tom-{i}.md", "")
    proc = subprocess.Popen([sys.executable, str(BUILD_PY), "--root", str(kb.root), "check"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    first = proc.stdout.readline()
    proc.stdout.close()  # like `check | head -1`
    err = proc.stderr.read()
    proc.stderr.close()
    proc.wait(timeout=20)
    assert first.startswith("cases/tom-0.md: error FILE-EMPTY")
    assert "Traceback" not in err and "BrokenPipeError" not in err


# -- the frame around the messages is Danish too -------------------------------

ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "optional arguments", "show this help message",
                    "subcommands", "{check,build,serve,new}")


@pytest.mark.parametrize("command", [[], ["check"], ["build"], ["serve"], ["new"]], ids=["top", "check", "build", "serve", "new"])
def test_help_is_danish(command):
    proc = subprocess.run([sys.executable, str(BUILD_PY), *command, "--help"], capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.startswith("brug: build.py")
    assert "vis denne hjælp og afslut" in proc.stdout
    assert [word for word in ARGPARSE_ENGLISH if word in proc.stdout] == []


def _help_of(command: str, option: str) -> str:
    proc = subprocess.run([sys.executable, str(BUILD_PY), command, "--help"], capture_output=True, text=True, encoding="utf-8", timeout=60)
    after = proc.stdout.split(f"\n  {option}", 1)[1]
    return " ".join(after.split("\n  -", 1)[0].split())


def test_format_and_audience_are_explained():
    assert "github" in _help_of("check", "--format {text,github,json}") and "pull request" in _help_of("check", "--format {text,github,json}")
    for command in ("build", "serve"):
        assert "medlemssitet" in _help_of(command, "--audience {public,members}")


@pytest.mark.parametrize(("addr", "fragment"), [("notanaddress:xx", "vært:port"), ("127.0.0.1", "vært:port"), ("127.0.0.1:99999", "vært:port"),
                                                ("notanaddress.invalid:8000", "findes ikke")])
def test_serve_refuses_a_bad_address_before_announcing_it(kb, addr, fragment):
    proc = kb.run("serve", "--dev-addr", addr, timeout=60)
    assert proc.returncode == 2
    assert "Viser" not in proc.stderr + proc.stdout and "Traceback" not in proc.stderr
    assert "build.py serve: fejl: argumentet --dev-addr: " in proc.stderr and fragment in proc.stderr


def test_system_python_without_the_packages_gets_a_danish_hint(kb):
    # '-S': no site-packages, as with a system Python that lacks the project's packages.
    proc = subprocess.run([sys.executable, "-S", str(BUILD_PY), "--root", str(kb.root), "check"],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr and "ModuleNotFoundError" not in proc.stderr
    assert proc.stderr.startswith("build.py: fejl: Python-pakkerne ") and "yaml" in proc.stderr
    assert "./dev" in proc.stderr and ".venv/bin/python" in proc.stderr
