"""The case schema as the contributor forms show it (CMS, issue form, `new`).

Everything here is read from the case schema (``brobyg/schema/cases.py``) and
the vocabularies, so the CMS, the GitHub issue form, ``build.py new
--from-issue`` and the flags of ``build.py new`` offer exactly what `check`
accepts. What the schema does not say (the Danish names of an object's parts)
is the only thing written here.
"""

from __future__ import annotations

from brobyg.model import THEME_IDS, KnowledgeBase
from brobyg.schema.cases import CASES, HEADINGS, starting_body
from brobyg.schema.types import Choice, Field, Ref, RefList

# The fields a contributor fills in: all but the sample-content marker.
FIELDS: tuple[Field, ...] = tuple(f for f in CASES.fields if f.in_template)

PART_LABELS = {
    "start": "Start (ÅÅÅÅ-MM)", "end": "Slut (ÅÅÅÅ-MM), tom hvis den stadig kører",
    "name": "Navn", "role": "Rolle", "email": "E-mail", "phone": "Telefon",
}


def help_text(field: Field) -> str:
    """The field's one-line explanation from the schema (as in the template)."""
    return field.words(field.doc, ids=", ".join(THEME_IDS))


def choices(field: Field, vocab: KnowledgeBase) -> list[tuple[str, str]]:
    """(value, Danish label) of a reference or choice field, in the registry's order."""
    if isinstance(field, Choice):
        return [(value, meaning[:1].upper() + meaning[1:]) for value, meaning in field.choices]
    if not isinstance(field, (Ref, RefList)):
        raise TypeError(f"{field!r} has no choices")
    if field.vocabulary == "themes":
        return [(t, f"{vocab.themes[t].title}: {vocab.themes[t].question}" if t in vocab.themes else t) for t in THEME_IDS]
    if field.vocabulary == "centres":
        return [(c.id, f"{c.name} ({c.municipality})") for c in vocab.centres.values()]
    if field.vocabulary == "target_groups":
        return [(g.id, g.label) for g in vocab.target_groups.values()]
    raise TypeError(f"no choices for the vocabulary {field.vocabulary!r}")


__all__ = ["FIELDS", "HEADINGS", "PART_LABELS", "help_text", "choices", "starting_body"]
