"""`build.py new --from-issue`: realistic issue bodies, as GitHub renders an
issue form, become a case that passes `check` and renders, or a Danish
comment on what to fix, never a broken file."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import subprocess
import sys
import threading

import pytest
import yaml
from PIL import Image

from brobyg.commands import attachments
from brobyg.commands.from_issue import convert, split_sections, write_case
from brobyg.render.issue_form import FORM, render
from brobyg.schema.cases import CASES
from brobyg.schema.types import Date, RefList
from tests.conftest import BUILD_PY, FIXTURES, REPO, TODAY, copy_fixture

from .conftest import build

ISSUES = FIXTURES / "issues"


def png(color=(200, 120, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (48, 32), color).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    im = Image.new("RGB", (48, 32), (10, 20, 30))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (55.0, 40.0, 0.0), 3: "E", 4: (12.0, 34.0, 0.0)}
    out = io.BytesIO()
    im.save(out, "JPEG", exif=exif)
    return out.getvalue()


def vocab_of(kb):
    return kb.check().kb


def run_from_issue(kb, body: str, tmp_path, *extra: str):
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    comment = tmp_path / "comment.md"
    result = kb.run("new", "--from-issue", str(issue), "--comment-file", str(comment), *extra)
    return result, (comment.read_text(encoding="utf-8") if comment.exists() else "")


def test_a_complete_issue_becomes_a_case_that_passes_check_and_renders(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    text = (ISSUES / "komplet.md").read_text(encoding="utf-8")
    draft = convert(text, vocab_of(kb), TODAY)
    assert draft.problems == []
    images = {img.url: png((i * 40, 100, 50)) for i, img in enumerate(draft.images)}
    path, problems = write_case(kb.root, draft, lambda url: (images[url], ".png"))
    assert problems == [] and path == kb.root / "cases" / "gaatur-med-kaffe-for-nye-frivillige.md"

    written = path.read_text(encoding="utf-8")
    front = yaml.safe_load(written.split("---\n")[1])
    assert front == {
        "title": "Gåtur med kaffe for nye frivillige",
        "summary": "Hver onsdag går en erfaren frivillig en tur med en ny deltager, og bagefter drikker de kaffe i centret.",
        "centre": "frivilligcenter-fjordby", "themes": ["vejen-ind", "velkomst"], "target_groups": ["ensomme"],
        "visibility": "public", "published": TODAY, "period": {"start": "2024-03", "end": "2025-02"},
        "partners": ["Kommunens aktivitetscenter", "Vandreklubben"],
        "contact": {"name": "Lise Holm", "role": "Brobygger", "email": "lise.holm@fjordby.example.org"},
    }
    assert "## Resultater" not in written  # left empty in the issue: no heading with nothing under it
    assert "### Subtitle in the answer stays text" in written  # a heading inside an answer is content
    assert "![To kaffekopper på en bænk i parken](gaatur-med-kaffe-for-nye-frivillige/billede-1.png)" in written
    assert "![Kort over ruten rundt om søen](gaatur-med-kaffe-for-nye-frivillige/billede-2.png)" in written
    assert sorted(p.name for p in (kb.root / "cases" / path.stem).iterdir()) == ["billede-1.png", "billede-2.png"]
    assert "github.com" not in written

    errors = [p for p in kb.problems(path.relative_to(kb.root)) if p.severity == "error"]
    assert errors == []
    site = build(kb.root, "public", tmp_path)
    page = site.page(f"cases/{path.stem}/")
    assert "Gåtur med kaffe" in page and 'alt="Kort over ruten rundt om søen"' in page


def test_missing_and_odd_answers_get_a_danish_comment_and_no_file(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    before = sorted(p.relative_to(kb.root).as_posix() for p in (kb.root / "cases").rglob("*"))
    result, comment = run_from_issue(kb, (ISSUES / "mangler.md").read_text(encoding="utf-8"), tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(kb.root).as_posix() for p in (kb.root / "cases").rglob("*")) == before
    expected = [
        "**Titel**: er 4 tegn; den skal være 5–120 tegn.",
        "**Kort resumé**: mangler.",
        "**Center**: „Frivilligcenter Fjordby (Skive)“ kender vi ikke. Mente du 'Frivilligcenter Fjordby (eksempel) (Skive)'?",
        "**Temaer**: sæt kryds ved 1–6; der er 0.",
        "**Hvem må se casen**: mangler.",
        "**Periode**: „sidste forår“ kan ikke læses.",
        "**Kontaktperson: e-mail**: „lise på fjordby“ er ikke en e-mailadresse.",
        "**Samtykke og privatliv**: sæt kryds ved alle 3 punkter.",
        "(„https://example.com/billede.jpg“) er ikke lagt op i issuet.",
        "(„image“) mangler en beskrivelse.",
    ]
    for text in expected:
        assert text in comment, f"{text!r} not in\n{comment}"
    assert comment.startswith("Tak for forslaget!") and "`opret-case`" in comment


@pytest.mark.parametrize("body", ["", "Hej FriSe, vi har en god idé til en case!", "### \n\n###\n", "\x00\x01 ###Titel"])
def test_a_body_not_from_the_form_is_explained_not_a_traceback(tmp_path, body):
    kb = copy_fixture("minimal", tmp_path / "kb")
    result, comment = run_from_issue(kb, body, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "formularen „Ny case“" in comment


def test_windows_line_endings_and_lowercase_ticks_are_read(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    text = (ISSUES / "komplet.md").read_text(encoding="utf-8").replace("- [X]", "- [x]").replace("\n", "\r\n")
    text = text.replace("![Kort over ruten rundt om søen](https://github.com/user-attachments/assets/0a1b2c3d-1111-4e5f-8a9b-0c1d2e3f4a5b)", "_No response_")
    text = text.split("<img")[0] + "\r\n" + text.split("/>", 1)[1]
    draft = convert(text, vocab_of(kb), TODAY)
    assert draft.problems == [] and draft.fields["themes"] == ["vejen-ind", "velkomst"] and draft.images == []


def test_a_members_case_from_a_public_repository_is_refused(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    text = (ISSUES / "komplet.md").read_text(encoding="utf-8").replace("\nAlle kan se casen\n", "\nKun medlemmer\n")
    assert convert(text, vocab_of(kb), TODAY, repository_private=True).problems == []
    problems = convert(text, vocab_of(kb), TODAY, repository_private=False).problems
    assert len(problems) == 1 and "dette repository er offentligt" in problems[0]


def test_what_check_refuses_is_reported_and_removed(tmp_path):
    """A CPR number in the text and a photo with a GPS position: `check` says
    no, so the contributor gets its messages and no file is left behind."""
    kb = copy_fixture("minimal", tmp_path / "kb")
    text = (ISSUES / "komplet.md").read_text(encoding="utf-8")
    text = text.replace("Turen betød mindre end kaffen bagefter.", "Borgeren med CPR 120385-1234 kom hver uge.")
    draft = convert(text, vocab_of(kb), TODAY)
    assert draft.problems == []
    gps = jpeg_with_gps()
    path, problems = write_case(kb.root, draft, lambda url: (gps, ".jpg"))
    assert path is None
    joined = "\n".join(problems)
    assert "PRIVACY-CPR" in joined and "PRIVACY-GPS" in joined and "GPS-position" in joined
    assert not list((kb.root / "cases").glob("gaatur*"))


def test_issue_form_is_generated_from_the_schema_and_up_to_date():
    from brobyg.commands.generate import generated

    assert (REPO / FORM).read_text(encoding="utf-8") == generated(REPO)[FORM], \
        "the issue form is stale: run python -m brobyg.commands.generate"
    form = yaml.safe_load((REPO / FORM).read_text(encoding="utf-8"))
    ids = [item["id"] for item in form["body"] if "id" in item]
    for f in CASES.fields:
        if f.in_template and not isinstance(f, Date):
            assert f.key in ids or any(i.startswith(f"{f.key}-") for i in ids), f.key
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required")}
    # GitHub cannot require a tick in a group of checkboxes: the converter counts them.
    assert required == {f.key for f in CASES.required if not isinstance(f, (Date, RefList))}
    for f in CASES.required:
        if isinstance(f, RefList):
            item = next(i for i in form["body"] if i.get("id") == f.key)
            assert item["type"] == "checkboxes" and f"{f.min_items}–{f.max_items}" in item["attributes"]["description"]
    visibility = next(i for i in form["body"] if i.get("id") == "visibility")
    assert "default" not in visibility["attributes"]


def test_issue_form_follows_the_data_files(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    form = yaml.safe_load(render(vocab_of(kb)))
    centre = next(i for i in form["body"] if i.get("id") == "centre")
    assert centre["attributes"]["options"] == ["Frivilligcenter Fjordby (eksempel) (Skive)", "Frivilligcenter Nordvang (eksempel) (København)"]
    groups = next(i for i in form["body"] if i.get("id") == "target_groups")
    assert [o["label"] for o in groups["attributes"]["options"]] == [g.label for g in vocab_of(kb).target_groups.values()]


def test_sections_are_the_forms_labels_only():
    labels = {"Titel", "Baggrund"}
    body = "### Titel\n\nEn titel\n\n### Baggrund\n\nTekst\n\n### Egen overskrift\n\nMere\n"
    assert split_sections(body, labels) == {"Titel": "En titel", "Baggrund": "Tekst\n\n### Egen overskrift\n\nMere"}


# -- fetching attachments --------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://example.com/user-attachments/assets/x",
    "http://github.com/user-attachments/assets/x",
    "https://github.com/someone/repo/blob/main/foto.png",
    "https://user:pw@github.com/user-attachments/assets/x",
    "https://github.com.evil.example/user-attachments/assets/x",
    "file:///etc/passwd",
])
def test_only_githubs_attachment_addresses_are_fetched(url):
    assert not attachments.allowed(url)
    with pytest.raises(attachments.AttachmentError):
        attachments.fetch_attachment(url)


def test_githubs_attachment_addresses_are_allowed():
    for url in ("https://github.com/user-attachments/assets/8f1c2d3e-0000-4a5b-9c6d-7e8f9a0b1c2d",
                "https://user-images.githubusercontent.com/123/456-abc.png",
                "https://github.com/frise/brobygningsbasen/assets/123/456"):
        assert attachments.allowed(url)


@pytest.fixture
def local_host():
    """A real HTTP server on 127.0.0.1 standing in for GitHub's attachment host."""
    files = {"/user-attachments/assets/ok": png(), "/user-attachments/assets/text": b"<html>no</html>"}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/user-attachments/assets/away":
                self.send_response(302)
                self.send_header("Location", "https://example.com/elsewhere.png")
                self.end_headers()
                return
            data = files.get(self.path)
            self.send_response(200 if data else 404)
            self.end_headers()
            self.wfile.write(data or b"")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_downloads_an_image_and_refuses_the_rest(local_host):
    hosts = attachments.ALLOWED_HOSTS | {"127.0.0.1"}
    data, ext = attachments.fetch_attachment(f"{local_host}/user-attachments/assets/ok", hosts)
    assert ext == ".png" and data == png()
    with pytest.raises(attachments.AttachmentError, match="ikke et billede i PNG"):
        attachments.fetch_attachment(f"{local_host}/user-attachments/assets/text", hosts)
    with pytest.raises(attachments.AttachmentError, match="uden for GitHub"):
        attachments.fetch_attachment(f"{local_host}/user-attachments/assets/away", hosts)
    with pytest.raises(attachments.AttachmentError, match="kunne ikke hentes"):
        attachments.fetch_attachment(f"{local_host}/user-attachments/assets/missing", hosts)


# -- build.py new with flags -------------------------------------------------------

def test_new_with_flags_writes_a_case_without_asking(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    result = kb.run("new", "--title", "Åbent værksted for unge", "--summary", "Et ugentligt værksted, hvor unge kan prøve foreningernes aktiviteter.",
                    "--centre", "frivilligcenter-fjordby", "--themes", "velkomst,vejen-ind", "--target-groups", "unge",
                    "--visibility", "members", "--published", "2025-05-01")
    assert "Svar på spørgsmålene" not in result.stdout
    path = kb.root / "cases" / "aabent-vaerksted-for-unge.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert front["themes"] == ["velkomst", "vejen-ind"] and front["visibility"] == "members"
    assert front["published"] == dt.date(2025, 5, 1)
    # Only the prompts under the headings stand between this file and `check`.
    others = [p for p in kb.problems(path.relative_to(kb.root)) if p.severity == "error" and p.code != "BODY-PROMPT"]
    assert others == []


def test_new_with_a_wrong_flag_says_what_to_choose(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    result = kb.run("new", "--title", "Åbent værksted for unge", "--summary", "Et ugentligt værksted, hvor unge kan prøve foreningernes aktiviteter.",
                    "--centre", "frivilligcenter-fjordbyy", "--themes", "velkomsten", "--target-groups", "unge", "--visibility", "alle")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--centre: ukendt id 'frivilligcenter-fjordbyy'. Mente du 'frivilligcenter-fjordby'?" in result.stderr
    assert "--themes: ukendt id 'velkomsten'. Mente du 'velkomst'?" in result.stderr
    assert "--visibility: ukendt id 'alle'." in result.stderr and "public, members" in result.stderr
    assert not list((kb.root / "cases").glob("aabent*"))


def test_new_with_some_flags_and_no_terminal_names_the_missing_ones(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    result = subprocess.run([sys.executable, str(BUILD_PY), "--root", str(kb.root), "new", "--title", "Åbent værksted for unge"],
                            input="", capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "disse felter mangler: --summary, --centre, --themes, --target-groups, --visibility" in result.stderr


def test_the_workflows_command_writes_the_case_and_tells_the_workflow(tmp_path):
    """`new --from-issue` as case-from-issue.yml runs it, on an issue without images."""
    kb = copy_fixture("minimal", tmp_path / "kb")
    text = (ISSUES / "komplet.md").read_text(encoding="utf-8")
    text = text.split("<img")[0] + text.split("/>", 1)[1]
    text = text.replace("![Kort over ruten rundt om søen](https://github.com/user-attachments/assets/0a1b2c3d-1111-4e5f-8a9b-0c1d2e3f4a5b)", "_No response_")
    issue, comment, output = tmp_path / "issue.md", tmp_path / "comment.md", tmp_path / "github-output"
    issue.write_text(text, encoding="utf-8")
    output.write_text("")
    result = subprocess.run(
        [sys.executable, str(BUILD_PY), "--root", str(kb.root), "new", "--from-issue", str(issue), "--fetch-images",
         "--comment-file", str(comment), "--repository-private", "false"],
        capture_output=True, text=True, timeout=120, env={**__import__("os").environ, "GITHUB_OUTPUT": str(output)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rel = "cases/gaatur-med-kaffe-for-nye-frivillige.md"
    assert result.stdout.strip().endswith(rel)
    assert output.read_text() == f"case={rel}\n"
    said = comment.read_text(encoding="utf-8")
    assert said.startswith("Tak! Forslaget er nu casen")
    assert "Overskriften 'Resultater' mangler" in said  # left empty in the issue: a warning, said kindly
    assert (kb.root / rel).is_file()
    check = kb.run("check", rel)
    assert check.returncode == 0, check.stdout + check.stderr
