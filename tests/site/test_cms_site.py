"""/admin/: the CMS on the members' build only, from the pinned npm package,
configured from the form fields and the data files."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from brobyg.model import THEME_IDS
from brobyg.render import cms
from brobyg.render.form_fields import FIELDS, starting_body
from tests.conftest import REPO, copy_fixture

from .conftest import build

pytestmark = pytest.mark.skipif(not (cms.package_dir() / "decap-cms.js").is_file() and not os.environ.get("CI"),
                                reason="!!! node_modules/decap-cms missing: run ./dev test (npm ci)")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cms")
    kb = copy_fixture("minimal", tmp / "kb")
    return kb, build(kb.root, "public", tmp), build(kb.root, "members", tmp)


def test_public_build_has_no_admin(sites):
    _, public, _ = sites
    assert not (public.out / "admin").exists()
    names = [p.relative_to(public.out).as_posix() for p in public.out.rglob("*")]
    assert not [n for n in names if "decap" in n or n.startswith("admin")]
    assert not [p for p in public.out.rglob("*.html") if "decap-cms" in p.read_text(encoding="utf-8")]


def test_members_build_serves_the_cms_from_its_own_files(sites):
    _, _, members = sites
    admin = members.out / "admin"
    html = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in html and 'lang="da"' in html and "noindex" in html
    assert "http" not in html  # no CDN: every script is ours
    pinned = json.loads((REPO / "package.json").read_text())["dependencies"]["decap-cms"]
    shipped = (admin / "decap-cms.js").read_bytes()
    assert shipped == (cms.package_dir() / "decap-cms.js").read_bytes()
    assert pinned in json.loads((cms.package_dir().parent / "package.json").read_text())["version"]
    assert not list(admin.glob("*.map"))
    # the lazily loaded chunks travel with the bundle
    assert len(list(admin.glob("*.decap-cms.js"))) == len(list(cms.package_dir().glob("*.decap-cms.js"))) > 10


def test_cms_config_is_derived_from_fields_and_data(sites):
    kb, _, members = sites
    config = yaml.safe_load((members.out / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "da"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github"
    (cases,) = config["collections"]
    assert cases["folder"] == "cases" and cases["media_folder"] == cases["public_folder"] == "{{slug}}"
    fields = {f["name"]: f for f in cases["fields"]}
    assert list(fields) == [f.key for f in FIELDS] + ["body"]

    vocab = kb.check().kb
    assert [o["value"] for o in fields["centre"]["options"]] == list(vocab.centres)
    assert [o["value"] for o in fields["target_groups"]["options"]] == list(vocab.target_groups)
    themes = fields["themes"]
    assert [o["value"] for o in themes["options"]] == list(THEME_IDS) and themes["multiple"]
    for option in themes["options"]:  # each theme shows its question
        assert vocab.themes[option["value"]].question in option["label"]

    vis = fields["visibility"]
    assert vis["required"] and "default" not in vis
    assert {o["value"] for o in vis["options"]} == {"public", "members"}
    for key in ("published", "updated"):
        assert fields[key]["widget"] == "datetime" and fields[key]["time_format"] is False
        assert fields[key]["date_format"] == "YYYY-MM-DD"
    assert fields["body"]["default"] == starting_body()
    assert fields["body"]["editor_components"] == ["billede"]
    for f in FIELDS:
        assert fields[f.key]["required"] is f.required


def test_a_new_centre_reaches_the_cms_on_the_next_build(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    centres = kb.read("data/centres.yml")
    kb.write("data/centres.yml", centres + "- id: frivilligcenter-nyby\n  name: Frivilligcenter Nyby\n  municipality: Skive\n")
    members = build(kb.root, "members", tmp_path)
    config = yaml.safe_load((members.out / "admin" / "config.yml").read_text(encoding="utf-8"))
    centre = next(f for f in config["collections"][0]["fields"] if f["name"] == "centre")
    assert {"label": "Frivilligcenter Nyby (Skive)", "value": "frivilligcenter-nyby"} in centre["options"]


def test_without_the_npm_package_the_members_build_stops_in_danish(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    vocab = kb.check().kb
    with pytest.raises(cms.CmsUnavailable, match="npm ci"):
        cms.install_cms(vocab, tmp_path / "site", dist=tmp_path / "no-such-package")
