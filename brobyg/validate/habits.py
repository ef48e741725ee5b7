"""Habits from Word and other editors that make a case say something else
than its writer meant, and the words that name them.

Typographic quotes around a value (Word turns "…" into “…”), an invisible
character in a key (a no-break space, a zero-width space pasted from a web
page), a target group's label written instead of its id, a key written in
Danish, an empty value. The field rules ask here what a value's trouble is.
"""

from __future__ import annotations

from brobyg.load.yaml_errors import describe_char, odd_char_in

# Quotes that YAML does not treat as quotes: Danish „…“, English “…” and ‘…’, guillemets.
OPENING = "“”„‘’‚«»"
CLOSING = "“”‘’«»"

# Danish names for the case's keys, as contributors write them; the schema's
# Danish labels are added by ``danish_keys``.
DANISH_KEYS = {
    "titel": "title", "overskrift": "title",
    "resume": "summary", "resumé": "summary", "resumè": "summary", "sammendrag": "summary", "beskrivelse": "summary",
    "center": "centre", "centret": "centre", "frivilligcenter": "centre",
    "tema": "themes", "temaer": "themes",
    "målgruppe": "target_groups", "målgrupper": "target_groups", "maalgruppe": "target_groups", "maalgrupper": "target_groups",
    "synlighed": "visibility", "adgang": "visibility",
    "udgivet": "published", "publiceret": "published", "dato": "published", "offentliggjort": "published",
    "opdateret": "updated", "ændret": "updated",
    "periode": "period", "tidsrum": "period",
    "partnere": "partners", "samarbejdspartnere": "partners", "partner": "partners",
    "kontakt": "contact", "kontaktperson": "contact",
    "eksempel": "example",
    # inside contact and period
    "navn": "name", "rolle": "role", "stilling": "role", "mail": "email", "e-mail": "email", "telefon": "phone",
    "tlf": "phone", "mobil": "phone", "telefonnummer": "phone", "slut": "end", "begyndelse": "start",
}


def curly_wrapped(value: str) -> tuple[str, str] | None:
    """('“', 'Café for alle') when the whole value stands in typographic quotes."""
    if len(value) >= 2 and value[0] in OPENING and value[-1] in CLOSING:
        return value[0] + "…" + value[-1], value[1:-1]
    return None


def invisible(word: str) -> tuple[str, str] | None:
    """(the word without its invisible characters, 'et hårdt mellemrum (U+00A0)')."""
    found = odd_char_in(word)
    if not found:
        return None
    cleaned = "".join(ch for ch in word if odd_char_in(ch) is None).strip()
    return cleaned, found[1]


def danish_keys(fields) -> dict[str, str]:
    """Danish word -> key: the aliases above and each field's Danish label."""
    keys = {f.key for f in fields}
    out = {w: k for w, k in DANISH_KEYS.items() if k in keys or k in ("name", "role", "email", "phone", "start", "end")}
    for f in fields:
        out.setdefault(" ".join(f.label.casefold().split()), f.key)
    return out


def _as_key(key: str) -> str:
    """'Target groups' -> 'target_groups': the letter case and separators people use."""
    return "_".join(key.strip().casefold().replace("-", " ").replace("_", " ").split())


def meant_key(key: str, allowed, fields=()) -> str | None:
    """The allowed key an unknown key stands for, when a habit changed it:
    an invisible character, typographic quotes, the Danish word, capitals or
    a space or dash for the underscore."""
    if _as_key(key) in allowed:
        return _as_key(key)
    gone = invisible(key)
    if gone:
        return gone[0] if gone[0] in allowed else None
    quoted = curly_wrapped(key)
    if quoted:
        return quoted[1] if quoted[1] in allowed else None
    english = danish_keys(fields).get(" ".join(key.casefold().split())) if fields else DANISH_KEYS.get(key.casefold())
    return english if english in allowed else None


def key_hint(key: str, allowed, fields=()) -> str | None:
    """Why an unknown key is unknown, when it is a habit rather than a typo."""
    meant = meant_key(key, allowed, fields)
    gone = invisible(key)
    if gone:
        fix = f" Slet tegnet, så der står '{meant}'." if meant else " Slet tegnet."
        return f"Feltnavnet indeholder {gone[1]}, som ikke kan ses, men gør navnet til et andet.{fix}"
    quoted = curly_wrapped(key)
    if quoted and meant:
        return f"Feltnavnet står i typografiske anførselstegn ({quoted[0]}). Skriv bare {meant}:"
    if meant and _as_key(key) == meant:
        return f"Mente du '{meant}'? Feltnavne skrives med små bogstaver og '_', præcis som i skabelonen."
    if meant:
        return f"Mente du '{meant}'? Felterne har engelske navne."
    return None


# Danish words for the values of a choice or a flag.
CHOICE_WORDS = {
    "offentlig": "public", "offentligt": "public", "alle": "public", "åben": "public",
    "medlemmer": "members", "kun medlemmer": "members", "kun for medlemmer": "members", "medlem": "members",
    "intern": "members", "internt": "members", "privat": "members",
    "ja": True, "sand": True, "nej": False, "falsk": False,
}


def choice_hint(value: str, allowed) -> str | None:
    """'offentlig' -> 'public': a Danish word for an English value."""
    meant = CHOICE_WORDS.get(" ".join(value.casefold().split()))
    if meant is None or (not isinstance(meant, bool) and meant not in allowed):
        return None
    written = str(meant).lower()
    return f"Mente du '{written}'? Værdien skrives på engelsk: '{value}' hedder '{written}'."


_MONTHS = {m: i for i, names in enumerate((
    ("januar", "jan"), ("februar", "feb"), ("marts", "mar"), ("april", "apr"), ("maj",), ("juni", "jun"),
    ("juli", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("oktober", "okt"), ("november", "nov"),
    ("december", "dec")), 1) for m in names}


def iso_date(text: str) -> str | None:
    """'1. marts 2025', '01-03-2025', '1/3/2025', '01.03.2025' -> '2025-03-01' (a real date), else None."""
    import datetime as dt
    import re

    t = " ".join(text.casefold().split())
    m = re.fullmatch(r"(\d{1,2})\.? ([a-zæøå]+)\.? (\d{4})", t)
    if m and m.group(2) in _MONTHS:
        day, month, year = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
    else:
        m = re.fullmatch(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})", t)
        if not m:
            return None
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def id_hint(value: str, known, labels: dict[str, str]) -> str | None:
    """Why an id is unknown, when it is a habit: quotes, an invisible character,
    a label written instead of the id, or the id in other letter case."""
    quoted = curly_wrapped(value)
    if quoted:
        inner = quoted[1]
        return (f"Værdien står i typografiske anførselstegn ({quoted[0]}), som YAML ikke regner for anførselstegn. "
                f"Skriv bare {inner}." if inner in known else f"Værdien står i typografiske anførselstegn ({quoted[0]}); fjern dem.")
    gone = invisible(value)
    if gone:
        cleaned, what = gone
        return f"Id'et indeholder {what}, som ikke kan ses.{f' Slet tegnet, så der står {cleaned}.' if cleaned in known else ' Slet tegnet.'}"
    folded = " ".join(value.casefold().split())
    for ident, label in labels.items():
        if " ".join(label.casefold().split()) == folded:
            return f"Mente du '{ident}'? '{value}' er navnet; skriv id'et."
    for ident in known:
        if ident.casefold() == folded:
            return f"Mente du '{ident}'? Id'er skrives med små bogstaver."
    return None


def describe(ch: str) -> str:
    return describe_char(ch)
