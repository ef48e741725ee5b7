"""The CMS at /admin/ of the members' site, in a real browser, against a real
local backend: Decap CMS's own ``decap-server`` (from the pinned npm package)
in git mode on 127.0.0.1, working on a temporary git copy of the repository.

A contributor fills in the form, replaces the prompts in the body, uploads an
image with alt text and saves. With the editorial workflow the CMS commits the
case to a branch of its own (``cms/cases/<slug>``), the branch a pull request
is opened from on GitHub. The file on that branch must pass `check` unchanged
and render in a real build.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from PIL import Image

from brobyg.schema.cases import HEADINGS
from tests.conftest import BUILD_PY, REPO

DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    not (NODE and DECAP_SERVER.exists()) and not os.environ.get("CI"),
    reason="!!! CMS test SKIPPED: node or node_modules/decap-server missing; run ./dev test (npm ci). CI never skips it.",
)

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}

# What the contributor writes in place of each question under the headings.
ANSWERS = dict(zip((question for _, question in HEADINGS), (
    "Nye frivillige faldt ofte fra, før de rigtig var kommet i gang.",
    "Voksne, der har været alene længe og gerne vil være frivillige.",
    "En erfaren frivillig går en tur med den nye og drikker kaffe bagefter.",
    "De fleste nye frivillige kom igen ugen efter. Tallene er et skøn.",
    "Turen betød mindre end kaffen bagefter.",
    "Gå en tur, før I taler om opgaver.",
)))
TITLE = "Gåtur med kaffe for nye frivillige"
ALT = "To kaffekopper på en bænk i parken"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture
def cms(tmp_path, serve):
    """A git copy of the sample content, its members' site, and decap-server on it."""
    repo = tmp_path / "repo"
    for name in ("cases", "data", "topics", "docs", "templates"):
        shutil.copytree(REPO / name, repo / name)
    shutil.copy(REPO / ".gitignore", repo / ".gitignore")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Sample content")

    site = tmp_path / "site"
    built = subprocess.run([sys.executable, str(BUILD_PY), "--root", str(repo), "build", "--audience", "members", "--out", str(site)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    port = _free_port()
    config = site / "admin" / "config.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert settings["local_backend"] is True  # the default port is 8081; this test picks a free one
    settings["local_backend"] = {"url": f"http://127.0.0.1:{port}/api/v1"}
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")

    log = (tmp_path / "decap-server.log").open("w")
    server = subprocess.Popen(
        [NODE, str(DECAP_SERVER)], stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, **GIT_ENV, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "git", "GIT_REPO_DIRECTORY": str(repo)},
    )
    try:
        for _ in range(100):
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}',
                                             headers={"Content-Type": "application/json"})
                urllib.request.urlopen(req, timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("decap-server did not start: " + (tmp_path / "decap-server.log").read_text())
        yield repo, serve(site), f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _select_block(page, needle: str) -> None:
    """Select the whole paragraph of the Markdown editor that contains ``needle``
    (as a triple click would, without running into the next paragraph)."""
    page.locator("[data-slate-editor]").get_by_text(needle).click()
    page.evaluate("""(needle) => {
      const block = [...document.querySelectorAll('[data-slate-editor] [data-slate-node=element]')]
        .find(e => e.textContent.includes(needle));
      const texts = [...block.querySelectorAll('[data-slate-string]')].map(e => e.firstChild);
      const range = document.createRange();
      range.setStart(texts[0], 0);
      const last = texts[texts.length - 1];
      range.setEnd(last, last.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }""", needle)
    page.wait_for_timeout(50)  # Slate picks the selection up on selectionchange


def test_a_case_made_in_the_cms_passes_check_and_renders(cms, browser, tmp_path):
    repo, site_url, backend_url = cms
    photo = tmp_path / "Gåtur i parken.png"
    Image.new("RGB", (64, 48), (200, 120, 60)).save(photo)

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK", service_workers="block")
    context.set_default_timeout(15_000)
    elsewhere: list[str] = []
    page = context.new_page()
    # The CMS may talk to our site and our local backend only: nothing from a CDN.
    page.on("request", lambda r: None if r.url.startswith((site_url, backend_url, "blob:" + site_url, "data:")) else elsewhere.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(site_url + "admin/")
        page.get_by_role("button", name="Log ind").click()  # Danish UI; the local backend needs no password
        page.goto(site_url + "admin/#/collections/cases/new")

        page.get_by_label("Titel", exact=True).fill(TITLE)
        page.get_by_label("Kort resumé", exact=True).fill("Hver onsdag går en frivillig og en ny deltager en tur og drikker kaffe bagefter.")
        for label, option in [("Center", "Fjordby"), ("Temaer", "Vejen ind"), ("Temaer", "Den gode velkomst"),
                              ("Målgrupper", "Ensomme"), ("Hvem må se casen", "Alle kan se")]:
            page.get_by_label(label, exact=True).click()
            page.keyboard.type(option)
            page.keyboard.press("Enter")
        assert page.locator("input[type=date]").count() == 2  # published and updated are date pickers

        # The body starts with the suggested headings and their prompts; replace them in the Markdown view.
        page.get_by_role("button", name="Toggle preview").click()  # a wide editor: one prompt per line
        page.get_by_role("switch").click()  # "Formateret tekst" -> "Markdown"
        editor = page.locator("[data-slate-editor]")
        for question, text in ANSWERS.items():
            _select_block(page, question[:30])
            page.keyboard.insert_text(text)
        page.get_by_role("switch").click()  # back to formatted text for the image component

        editor.get_by_text(ANSWERS[HEADINGS[-1][1]]).click()
        page.keyboard.press("End")
        item = page.get_by_role("menuitem", name="Billede")
        add = page.get_by_role("button", name="Tilføj komponent")
        menu = add.locator("xpath=ancestor::*[@aria-haspopup='true'][1]")
        for _ in range(10):  # a click landing mid-render is lost: click until the menu says it is open
            if item.is_visible():
                break
            if menu.count() == 0 or menu.get_attribute("aria-expanded") != "true":
                add.click()
            page.wait_for_timeout(500)
        item.dispatch_event("click")
        page.get_by_role("button", name="Vælg et billede").click()
        page.locator("input[type=file]").set_input_files(str(photo))
        page.get_by_role("button", name="Anvend valgte").click()
        page.get_by_label("Alt-tekst (skal udfyldes)").fill(ALT)

        page.get_by_role("button", name="Gem", exact=True).click()
        for _ in range(150):  # the branch is created first, then committed to
            branches = _git(repo, "branch", "--list", "cms/*", "--format=%(refname:short)").split()
            if branches and ".md" in _git(repo, "diff", "--name-only", "main", branches[0]):
                break
            time.sleep(0.1)
    finally:
        page.screenshot(path=str(tmp_path / "cms.png"), full_page=True)
        if os.environ.get("BROBYG_CMS_SHOT"):
            shutil.copy(tmp_path / "cms.png", os.environ["BROBYG_CMS_SHOT"])
        context.close()
    assert not elsewhere, f"the CMS requested other hosts: {elsewhere}"
    assert not errors, errors

    # The editorial workflow: a branch per case, as a pull request would have it.
    branch = _git(repo, "branch", "--list", "cms/*", "--format=%(refname:short)").split()
    assert len(branch) == 1, f"no branch from the CMS; see {tmp_path / 'cms.png'}"
    changed = _git(repo, "diff", "--name-only", "main", branch[0]).split()
    case = next(p for p in changed if p.endswith(".md"))
    slug = Path(case).stem
    images = [p for p in changed if p != case]
    assert len(images) == 1 and images[0].startswith(f"cases/{slug}/"), changed  # into the case's own folder
    # The pull request's tree, in a worktree of its own (decap-server keeps switching the main one).
    pr = tmp_path / "pull-request"
    _git(repo, "worktree", "add", "-q", "--detach", str(pr), branch[0])
    assert (pr / images[0]).is_file()
    text = (pr / case).read_text(encoding="utf-8")
    assert f"![{ALT}]({slug}/{Path(images[0]).name})" in text
    for question, answer in ANSWERS.items():
        assert answer in text and question not in text
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["visibility"] == "public" and front["centre"] == "frivilligcenter-fjordby"
    assert front["themes"] == ["vejen-ind", "velkomst"] and front["target_groups"] == ["ensomme"]
    assert not {"updated", "period", "partners", "contact"} & set(front)  # left empty: left out

    checked = subprocess.run([sys.executable, str(BUILD_PY), "--root", str(pr), "check", "--strict", case],
                             cwd=pr, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    out = tmp_path / "public"
    built = subprocess.run([sys.executable, str(BUILD_PY), "--root", str(pr), "build", "--out", str(out)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    page_html = (out / "cases" / slug / "index.html").read_text(encoding="utf-8")
    assert TITLE in page_html and f'alt="{ALT}"' in page_html


def test_an_image_without_alt_text_is_not_saved(cms, browser, tmp_path):
    repo, site_url, _ = cms
    photo = tmp_path / "foto.png"
    Image.new("RGB", (32, 32), (20, 120, 60)).save(photo)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK", service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    try:
        page.goto(site_url + "admin/")
        page.get_by_role("button", name="Log ind").click()
        page.goto(site_url + "admin/#/collections/cases/new")
        page.get_by_label("Titel", exact=True).fill(TITLE)
        page.get_by_label("Kort resumé", exact=True).fill("Hver onsdag går en frivillig og en ny deltager en tur og drikker kaffe bagefter.")
        for label, option in [("Center", "Fjordby"), ("Temaer", "Vejen ind"), ("Målgrupper", "Ensomme"), ("Hvem må se casen", "Kun medlemmer")]:
            page.get_by_label(label, exact=True).click()
            page.keyboard.type(option)
            page.keyboard.press("Enter")
        page.get_by_role("button", name="Toggle preview").click()
        page.locator("[data-slate-editor]").get_by_text(HEADINGS[-1][1][:30]).click()
        page.keyboard.press("End")
        item = page.get_by_role("menuitem", name="Billede")
        add = page.get_by_role("button", name="Tilføj komponent")
        for _ in range(10):
            if item.is_visible():
                break
            add.click()
            page.wait_for_timeout(500)
        item.dispatch_event("click")
        page.get_by_role("button", name="Vælg et billede").click()
        page.locator("input[type=file]").set_input_files(str(photo))
        page.get_by_role("button", name="Anvend valgte").click()
        page.get_by_role("button", name="Gem", exact=True).click()  # no alt text written
        for _ in range(50):
            if dialogs:
                break
            page.wait_for_timeout(100)
    finally:
        context.close()
    from brobyg.render.cms import PRESAVE_MESSAGES

    assert dialogs == [PRESAVE_MESSAGES["alt"]]
    assert _git(repo, "branch", "--list", "cms/*").strip() == ""  # nothing was committed
