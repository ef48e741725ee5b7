"""The GitHub workflows cannot run here; what can be tested is: their YAML,
two independent linters (actionlint and zizmor, zero findings), the trust
model they enforce, and the commands their steps run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, copy_fixture

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
GUARD = REPO / "scripts" / "members_guard.py"
NODE = shutil.which("node")
ACTIONLINT = REPO / "node_modules" / "@tktco" / "node-actionlint"
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(name: str) -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, job, step


def test_the_three_workflows_exist():
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "publish.yml", "case-from-issue.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_sha_with_their_tag(path):
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for ref, rest in uses:
        assert SHA_PIN.match(ref), f"{path.name}: {ref} is not pinned by a full commit SHA"
        assert re.search(r"#\s*v\d+\.\d+\.\d+", rest), f"{path.name}: {ref} needs a '# vX.Y.Z' comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_grant_no_permissions_by_default(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert "permissions" in job  # each job asks for what it needs
    for _, _, step in steps(workflow):
        if "actions/checkout@" in step.get("uses", ""):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.skipif(not (NODE and ACTIONLINT.exists()) and not os.environ.get("CI"),
                    reason="!!! actionlint SKIPPED: node or node_modules missing; run ./dev test (npm ci)")
def test_actionlint_finds_nothing():
    result = subprocess.run([NODE or "node", str(REPO / "scripts" / "actionlint.cjs"), *map(str, WORKFLOWS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not (NODE and ACTIONLINT.exists()) and not os.environ.get("CI"),
                    reason="!!! actionlint SKIPPED: node or node_modules missing; run ./dev test (npm ci)")
def test_actionlint_would_catch_a_script_injection(tmp_path):
    """The linter is awake: an issue title spliced into a script is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.issue.title }}\n", encoding="utf-8")
    result = subprocess.run([NODE or "node", str(REPO / "scripts" / "actionlint.cjs"), str(bad)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def _zizmor(*paths) -> subprocess.CompletedProcess:
    zizmor = Path(sys.executable).with_name("zizmor")
    return subprocess.run([str(zizmor), "--offline", "--no-progress", "--format", "plain", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def test_zizmor_finds_nothing():
    result = _zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_would_catch_a_leaking_checkout(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {}\n"
                   "    steps:\n      - uses: actions/checkout@v4\n        with:\n"
                   "          ref: ${{ github.event.pull_request.head.sha }}\n", encoding="utf-8")
    result = _zizmor(bad)
    assert result.returncode != 0


# -- the trust model -----------------------------------------------------------

def _runs(workflow: dict) -> list[tuple[dict, str]]:
    return [(step, step.get("run", "")) for _, _, step in steps(workflow)]


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml"])
def test_members_site_is_built_only_after_the_guard_says_private(name):
    workflow = load(name)
    guard = [s for _, _, s in steps(workflow) if "members_guard.py" in s.get("run", "")]
    assert len(guard) == 1
    assert guard[0]["id"] == "guard"
    assert guard[0]["env"]["REPOSITORY_PRIVATE"] == "${{ github.event.repository.private }}"
    members_steps = [s for _, _, s in steps(workflow)
                     if "--audience members" in s.get("run", "") or "site/members" in str(s.get("with", {}))]
    assert members_steps
    for step in members_steps:
        assert step.get("if") == "steps.guard.outputs.members-site == 'true'", step


def test_pull_requests_upload_only_the_public_site():
    workflow = load("pull-request.yml")
    uploads = [s for _, _, s in steps(workflow) if "upload-artifact@" in s.get("uses", "")]
    assert [u["with"]["path"] for u in uploads] == ["site/public"]
    runs = "\n".join(r for _, r in _runs(workflow))
    assert "python build.py check --format github" in runs
    assert ".ci/run" in runs  # the tests, as on a fresh machine
    assert "python build.py build --audience public" in runs


def test_publish_deploys_the_public_site_to_pages():
    workflow = load("publish.yml")
    pages = [s for _, _, s in steps(workflow) if "upload-pages-artifact@" in s.get("uses", "")]
    assert [p["with"]["path"] for p in pages] == ["site/public"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages@" in s.get("uses", "") for s in deploy["steps"])


def test_issue_workflow_runs_only_on_the_label_and_passes_no_text_into_scripts():
    workflow = load("case-from-issue.yml")
    assert workflow[True] == {"issues": {"types": ["labeled"]}}  # YAML 1.1 reads the key `on` as true
    job = workflow["jobs"]["convert"]
    assert job["if"] == "github.event.label.name == 'opret-case'"
    for _step, run in _runs(workflow):
        assert "${{" not in run, f"expressions belong in env, not in scripts: {run}"
    runs = "\n".join(r for _, r in _runs(workflow))
    assert "python build.py new --from-issue" in runs and "--fetch-images" in runs and "gh pr create" in runs


def _guard(root: Path, private: str, tmp_path: Path):
    out = tmp_path / "github-output"
    out.write_text("")
    result = subprocess.run([sys.executable, str(GUARD), "--root", str(root), "--repository-private", private],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "GITHUB_OUTPUT": str(out)})
    return result, out.read_text()


def test_guard_private_repository_may_build_members(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    kb.write_case("intern", kb.front_matter(visibility="members"))
    result, output = _guard(kb.root, "true", tmp_path)
    assert result.returncode == 0 and output == "members-site=true\n"


def test_guard_public_repository_without_members_cases_builds_public_only(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    for path in (kb.root / "cases").glob("*.md"):
        if "visibility: members" in path.read_text(encoding="utf-8"):
            path.unlink()
    result, output = _guard(kb.root, "false", tmp_path)
    assert result.returncode == 0 and output == "members-site=false\n"


@pytest.mark.parametrize("line", ["visibility: members", "visibility: 'members'", 'visibility: "members"  # intern'])
def test_guard_public_repository_with_members_cases_fails_loudly(tmp_path, line):
    kb = copy_fixture("minimal", tmp_path / "kb")
    rel = kb.write_case("intern", kb.dump_front_matter(kb.front_matter(visibility="public")).replace("visibility: public", line))
    result, output = _guard(kb.root, "false", tmp_path)
    assert result.returncode == 1 and output == ""
    assert f"::error file={rel},line=1," in result.stdout
    assert "repositoriet er offentligt" in result.stdout


def test_guard_sees_a_members_case_whose_yaml_is_broken(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    kb.write("cases/i-stykker.md", "---\ntitle: [ikke lukket\nvisibility: members\n---\n\nTekst\n")
    result, _ = _guard(kb.root, "false", tmp_path)
    assert result.returncode == 1 and "cases/i-stykker.md" in result.stdout


@pytest.mark.parametrize("value", ["", "null", "yes", "${{ github.event.repository.private }}"])
def test_guard_fails_closed_when_visibility_is_unknown(tmp_path, value):
    kb = copy_fixture("minimal", tmp_path / "kb")
    result, output = _guard(kb.root, value, tmp_path)
    assert result.returncode == 2 and output == "" and "::error::" in result.stdout


def test_sample_repository_passes_its_own_pull_request_check():
    """The step 'python build.py check --format github' on this repository."""
    result = subprocess.run([sys.executable, "build.py", "check", "--format", "github"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_files_the_steps_name_exist():
    for name in (".ci/run", "scripts/members_guard.py", "requirements.txt", "package-lock.json", "build.py"):
        assert (REPO / name).is_file(), name
    assert os.access(REPO / ".ci" / "run", os.X_OK)


def test_pull_request_template_has_the_checklist_in_danish():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(boxes) >= 5
    joined = " ".join(boxes).lower()
    for word in ("visibility", "samtykke", "gps", "alt-tekst", "genkend"):
        assert word in joined, word
