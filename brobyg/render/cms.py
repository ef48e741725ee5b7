"""The contributors' CMS at /admin/ of the members' site (Decap CMS).

Decap CMS is a single-page app that edits the repository's files through
GitHub (or, locally, through ``decap-server``). Its files come from the pinned
npm package ``decap-cms`` (installed by ``./dev`` into ``node_modules/``) and
are served by our own site: nothing is loaded from a CDN. Its configuration is
derived from the form fields (``form_fields.py``) and the vocabularies the
validator reads, at build time, so it cannot offer a choice `check` refuses.

Only the members' build gets /admin/ (``install_cms`` is called for that
audience alone); the public site never contains it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml

from brobyg.model import KnowledgeBase
from brobyg.render.form_fields import FIELDS, PART_LABELS, choices, help_text, starting_body
from brobyg.schema.types import Choice, Contact, Date, Field, Names, Period, Ref, RefList, Text

CODE_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "decap-cms"
ADMIN = "admin"


class CmsUnavailable(Exception):
    """The CMS package is not installed; the message is for the user (Danish)."""


def package_dir(code_root: Path = CODE_ROOT) -> Path:
    return code_root / "node_modules" / PACKAGE / "dist"


def _backend() -> dict:
    """GitHub through an OAuth helper (README: "Sign-in for the CMS").

    ``GITHUB_REPOSITORY`` is set by GitHub Actions; FriSe sets
    ``BROBYG_CMS_AUTH_URL`` (a repository variable) to the OAuth helper's address."""
    backend = {
        "name": "github",
        "repo": os.environ.get("GITHUB_REPOSITORY") or "FriSe/brobygningsbasen",
        "branch": os.environ.get("BROBYG_CMS_BRANCH") or "main",
        "squash_merges": True,
        "cms_label_prefix": "cms/",
        "commit_messages": {
            "create": "Ny case: {{slug}}",
            "update": "Ret case: {{slug}}",
            "delete": "Slet case: {{slug}}",
            "uploadMedia": "Billede: {{path}}",
            "deleteMedia": "Slet billede: {{path}}",
        },
    }
    auth = os.environ.get("BROBYG_CMS_AUTH_URL")
    if auth:
        backend["base_url"] = auth.rstrip("/")
        backend["auth_endpoint"] = os.environ.get("BROBYG_CMS_AUTH_ENDPOINT") or "auth"
    return backend


def _field(f: Field, kb: KnowledgeBase) -> dict:
    """One schema field as a Decap CMS widget."""
    out: dict = {"name": f.key, "label": f.label, "hint": help_text(f), "required": f.required}
    if isinstance(f, Text):
        # Decap checks the pattern only: the length limits as a regular expression.
        out["widget"] = "text" if f.max_len > 150 else "string"
        out["pattern"] = [f"^\\s*\\S[\\s\\S]{{{f.min_len - 2},{f.max_len - 2}}}\\S\\s*$", f"Skal være {f.min_len}–{f.max_len} tegn."]
    elif isinstance(f, (Ref, RefList, Choice)):
        # A Choice (visibility) has no default: the contributor has to pick one.
        out["widget"] = "select"
        out["options"] = [{"label": label, "value": value} for value, label in choices(f, kb)]
        if isinstance(f, RefList):
            out.update(multiple=True, min=f.min_items, max=f.max_items)
            out["hint"] = f"Vælg {f.min_items}–{f.max_items} fra listen; skriv for at søge."
        elif isinstance(f, Ref):
            out["hint"] = "Vælg fra listen. Mangler jeres center, så skriv til FriSe."
        else:
            out["hint"] = "Vælg selv; der er ingen standard. En case kun for medlemmer vises kun på medlemssitet."
    elif isinstance(f, Date):
        out.update(widget="datetime", date_format="YYYY-MM-DD", time_format=False)
        out["default"] = "{{now}}" if f.required else ""
    elif isinstance(f, Period):
        out.update(widget="object", collapsed=True)
        out["fields"] = [
            {"name": part, "label": PART_LABELS[part], "widget": "string", "required": False,
             "pattern": ["^\\d{4}-(0[1-9]|1[0-2])$", "Skriv år og måned som ÅÅÅÅ-MM, fx 2024-01."]}
            for part in f.parts
        ]
    elif isinstance(f, Names):
        out.update(widget="list", allow_add=True)
    elif isinstance(f, Contact):
        # Parts are optional to the CMS (it would demand a name even when the
        # whole contact is left out); `check` requires the name of a contact.
        out.update(widget="object", collapsed=True)
        out["fields"] = [{"name": part, "label": PART_LABELS[part], "widget": "string", "required": False} for part in f.parts]
    else:  # a new kind of field must be taught to the CMS
        raise TypeError(f"no CMS widget for {f!r}")
    return out


def cms_config(kb: KnowledgeBase) -> dict:
    """Decap CMS's config.yml for the cases collection."""
    fields = [_field(f, kb) for f in FIELDS]
    fields.append({
        "name": "body", "label": "Tekst", "widget": "markdown", "required": True,
        "hint": "Skriv under de seks overskrifter, og erstat de kursive spørgsmål med jeres egen tekst. "
                "Billeder: knappen + → Billede; skriv altid en alt-tekst, der beskriver billedet. Fjern GPS-data fra fotos først.",
        "default": starting_body(),
        "modes": ["rich_text", "raw"],
        "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"],
        "editor_components": ["billede"],
    })
    return {
        "backend": _backend(),
        # Used only when the CMS runs on localhost/127.0.0.1 with `npx decap-server`.
        "local_backend": True,
        "locale": "da",
        "publish_mode": "editorial_workflow",
        "media_folder": "cases",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [{
            "name": "cases",
            "label": "Cases",
            "label_singular": "case",
            "description": "Netværkets cases. Hver ny eller rettet case bliver til et pull request, som FriSe gennemgår.",
            "folder": "cases",
            "extension": "md",
            "format": "frontmatter",
            "create": True,
            "delete": False,
            "slug": "{{title}}",
            "summary": "{{title}}",
            # Images go into the case's own folder, cases/<slug>/, and the
            # body links to them as <slug>/<file>, relative to the case.
            "media_folder": "{{slug}}",
            "public_folder": "{{slug}}",
            "sortable_fields": ["title", "published"],
            "fields": fields,
        }],
    }


INDEX_HTML = """<!doctype html>
<html lang="da">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <title>Skriv en case · Brobygningsbasen</title>
  <link rel="icon" href="../assets/images/favicon.svg">
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <script src="decap-cms.js"></script>
  <script src="brobyg-cms.js"></script>
</body>
</html>
"""

# Our additions to the CMS: drop optional fields left empty (the CMS writes
# them as "" otherwise, which `check` refuses), and refuse to save an image
# without alt text. PRESAVE_MESSAGES keep the wording in one place.
ADMIN_JS = """// Brobygningsbasen: generated by brobyg/render/cms.py.
(function () {
  var MESSAGES = %(messages)s;
  var OPTIONAL = %(optional)s;
  function isEmpty(v) {
    if (v === null || v === undefined) return true;
    if (typeof v === "string") return v.trim() === "";
    if (typeof v.size === "number") return v.size === 0;  // Immutable List or Map
    return false;
  }
  function clean(data) {
    OPTIONAL.forEach(function (key) {
      var value = data.get(key);
      if (value && typeof value.filter === "function") {  // an object or a list: drop its empty parts
        value = value.filter(function (v) { return !isEmpty(v); });
      }
      data = isEmpty(value) ? data.delete(key) : data.set(key, value);
    });
    return data;
  }
  // Images in the text: our own component, so the alt text has its own,
  // labelled field (the CMS's built-in one hides it and calls it a title).
  CMS.registerEditorComponent({
    id: "billede",
    label: MESSAGES.image,
    fields: [
      {name: "src", label: MESSAGES.image, widget: "image", choose_url: false},
      {name: "alt", label: MESSAGES.altLabel, hint: MESSAGES.altHint, widget: "string"},
    ],
    pattern: /^!\\[([^\\]]*)\\]\\(([^)]+)\\)$/,
    fromBlock: function (m) { return {alt: m[1], src: m[2]}; },
    toBlock: function (d) { return "![" + (d.alt || "").replace(/[\\[\\]]/g, "") + "](" + (d.src || "") + ")"; },
    toPreview: function (d, getAsset) {
      var img = document.createElement("img");
      img.alt = d.alt || "";
      img.src = d.src ? getAsset(d.src).toString() : "";
      return img.outerHTML;
    },
  });
  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var data = clean(args.entry.get("data"));
      if (/!\\[\\s*\\]\\(/.test(data.get("body") || "")) {
        window.alert(MESSAGES.alt);
        throw new Error(MESSAGES.alt);
      }
      return data;
    },
  });
})();
"""

PRESAVE_MESSAGES = {
    "image": "Billede",
    "altLabel": "Alt-tekst (skal udfyldes)",
    "altHint": "Beskriv kort, hvad billedet viser, fx 'Frivillige ved caféens bord'. Skærmlæsere læser teksten højt.",
    "alt": "Et billede mangler alt-tekst. Klik på billedet i teksten, og skriv kort, hvad det viser, i feltet 'Alt-tekst'.",
}


def admin_js() -> str:
    optional = [f.key for f in FIELDS if not f.required]
    return ADMIN_JS % {"messages": json.dumps(PRESAVE_MESSAGES, ensure_ascii=False), "optional": json.dumps(optional)}


def cms_files(dist: Path) -> list[Path]:
    """The package's runtime files: the bundle, its lazily loaded chunks, wasm, css (no source maps)."""
    return sorted(p for p in dist.iterdir()
                  if p.is_file() and (p.name == "decap-cms.js" or p.name.endswith(".decap-cms.js") or p.suffix == ".wasm"))


def install_cms(kb: KnowledgeBase, site_dir: Path, dist: Path | None = None) -> Path:
    """Write /admin/ into a built members' site. Raises CmsUnavailable."""
    dist = dist or package_dir()
    if not (dist / "decap-cms.js").is_file():
        raise CmsUnavailable(
            "Medlemssitets redigeringsværktøj (/admin/) kan ikke bygges: npm-pakken decap-cms er ikke installeret. "
            "Kør ./dev test eller 'npm ci' i projektmappen, og byg igen."
        )
    admin = site_dir / ADMIN
    admin.mkdir(parents=True, exist_ok=True)
    for src in cms_files(dist):
        shutil.copyfile(src, admin / src.name)
    (admin / "index.html").write_text(INDEX_HTML, encoding="utf-8")
    (admin / "brobyg-cms.js").write_text(admin_js(), encoding="utf-8")
    (admin / "config.yml").write_text(
        "# Generated by brobyg/render/cms.py from the case fields and data/*.yml; do not edit.\n"
        + yaml.safe_dump(cms_config(kb), allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )
    return admin
