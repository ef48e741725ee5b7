"""`build.py new` without questions: the case's required fields as flags.

    python build.py new --title "Åben café" --summary "…" --centre frivilligcenter-fjordby \\
        --themes vejen-ind,velkomst --target-groups ensomme --visibility public

One flag per required field of the case schema (``--target-groups`` for
``target_groups``); lists are comma-separated ids. A value is checked against
the schema and the registries before anything is written; a flag left out is
asked for (or, without a terminal to ask on, named in the error).
"""

from __future__ import annotations

import datetime as dt

from brobyg.model import KnowledgeBase
from brobyg.render.form_fields import choices
from brobyg.schema.cases import CASES
from brobyg.schema.types import Choice, Date, Field, Ref, RefList, Text
from brobyg.validate.vocab import did_you_mean


def flag(field: Field) -> str:
    return "--" + field.key.replace("_", "-")


def add_flags(parser) -> None:
    for f in CASES.required:
        hint = {Text: f"{f.label} ({getattr(f, 'min_len', '')}–{getattr(f, 'max_len', '')} tegn)",
                RefList: f"{f.label}: id'er adskilt af komma", Ref: f"{f.label}: et id", Choice: f"{f.label}",
                Date: f"{f.label} (ÅÅÅÅ-MM-DD; standard: i dag)"}.get(type(f), f.label)
        if isinstance(f, Choice):
            hint += ": " + " eller ".join(f.values)
        parser.add_argument(flag(f), dest=f"field_{f.key}", metavar="VÆRDI", help=hint)


def given(args, vocab: KnowledgeBase) -> tuple[dict, list[str]]:
    """(field key -> value) of the flags given, and a Danish error per bad one."""
    out: dict = {}
    errors: list[str] = []
    for f in CASES.required:
        raw = getattr(args, f"field_{f.key}", None)
        if raw is None:
            continue
        name = flag(f)
        if isinstance(f, Text):
            text = " ".join(raw.split())
            if not f.min_len <= len(text) <= f.max_len:
                errors.append(f"{name}: teksten er {len(text)} tegn; den skal være {f.min_len}–{f.max_len} tegn.")
            else:
                out[f.key] = text
        elif isinstance(f, Date):
            try:
                out[f.key] = dt.date.fromisoformat(raw.strip())
            except ValueError:
                errors.append(f"{name}: '{raw}' er ikke en dato på formen ÅÅÅÅ-MM-DD.")
        elif isinstance(f, (Ref, RefList, Choice)):
            known = [value for value, _ in choices(f, vocab)]
            ids = [v.strip() for v in raw.split(",") if v.strip()] if isinstance(f, RefList) else [raw.strip()]
            bad = [v for v in ids if v not in known]
            for v in bad:
                errors.append(f"{name}: ukendt id '{v}'.{did_you_mean(v, known)} Vælg mellem: {', '.join(known)}.")
            ids = list(dict.fromkeys(ids))
            if bad:
                continue
            if isinstance(f, RefList):
                if not f.min_items <= len(ids) <= f.max_items:
                    errors.append(f"{name}: angiv {f.min_items}–{f.max_items}; der står {len(ids)}.")
                else:
                    out[f.key] = ids
            elif len(ids) != 1:
                errors.append(f"{name}: angiv præcis ét id.")
            else:
                out[f.key] = ids[0]
    return out, errors
