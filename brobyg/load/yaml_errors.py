"""Turn libyaml's parse errors into a Danish message on the line of the mistake.

libyaml notices a mistake where it can no longer go on, which is often a line
later than where the contributor went wrong: after ``title:Foo`` it reads the
next line as part of the same text and fails at that line's colon. So the
message is not taken from libyaml's English words; ``explain`` looks at the
lines from where the current value began to where libyaml stopped, and names
the mistake it finds there, with the fix that fits it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# Characters that look like a space (or like nothing) but are not a space to YAML.
ODD_CHARS = {
    "\u00a0": "et hårdt mellemrum",
    "\u2007": "et hårdt mellemrum",
    "\u202f": "et smalt hårdt mellemrum",
    "\u2009": "et smalt mellemrum",
    "\u200a": "et hårfint mellemrum",
    "\u2002": "et bredt mellemrum",
    "\u2003": "et bredt mellemrum",
    "\u3000": "et bredt mellemrum",
    "\u200b": "et usynligt nulbredde-mellemrum",
    "\u200c": "et usynligt nulbredde-skilletegn",
    "\u200d": "et usynligt nulbredde-bindetegn",
    "\u2060": "et usynligt ordbindetegn",
    "\ufeff": "et usynligt BOM-tegn",
    "\u00ad": "en usynlig blød bindestreg",
}
_ODD = re.compile("[" + "".join(ODD_CHARS) + "]")


_OTHER_BREAKS = re.compile("\x85|\u2028|\u2029")


def yaml_lines(text: str) -> list[str]:
    """The text's lines as libyaml counts them (it also breaks at U+0085, U+2028, U+2029)."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return _OTHER_BREAKS.sub("\n", text).split("\n")
    return text.split("\n")


def describe_char(ch: str) -> str:
    """'et hårdt mellemrum (U+00A0)'."""
    return f"{ODD_CHARS.get(ch, 'et usynligt tegn')} (U+{ord(ch):04X})"


def odd_char_in(text: str) -> tuple[int, str] | None:
    """The first invisible or look-alike space in ``text``: (offset, description)."""
    m = _ODD.search(text)
    return (m.start(), describe_char(m.group(0))) if m else None


# 'title:Foo' (a key, a colon and no space); 'https://' and 'C:\' are not keys.
KEY_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(?=[^ \t/\\:])")
# '-vejen-ind' (a list dash and no space); '---' and '- x' are fine.
DASH_NO_SPACE = re.compile(r"^(\s*)-(?=[^ \t-])")
# 'summary: >-' or 'summary: |': the text follows on the next lines.
BLOCK_INDICATOR = re.compile(r"^(\s*)(?:-\s+)?([^\s:#][^:]*?):[ \t]+([|>][-+0-9]*)[ \t]*(?:#.*)?$")
# 'title: …' or 'contact:' (key and colon, then a space or the end of the line).
KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([^\s:#\-\[{\"'][^:]*?|-[^\s:][^:]*?):(?:[ \t]|$)")
_FIRST_WORD = re.compile(r"\s*([A-Za-z_][\w-]*)")
_KEYLIKE = re.compile(r"^[a-z_]+$")

_UNCLOSED = ("found unexpected end of stream", "did not find expected ',' or ']'", "did not find expected ',' or '}'")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def is_key(word: str, keys: Collection[str]) -> bool:
    """Whether ``word`` is (or, without a list of keys, looks like) a field name."""
    return word in keys if keys else bool(_KEYLIKE.match(word))


def _ends_run(line: str) -> bool:
    """Whether a line is structure (a key, a list item, a comment) rather than
    the middle of a text running over several lines."""
    s = line.strip()
    return not s or s.startswith(("#", "- ")) or s == "-" or s.endswith(":") or ": " in s or ":\t" in s


def _run_start(lines: list[str], i: int) -> int:
    """First line of the text that line ``i`` continues (``i`` itself if none)."""
    while i > 0 and not _ends_run(lines[i - 1]):
        i -= 1
    return i


def _prev_content(lines: list[str], i: int) -> int | None:
    j = i - 1
    while j >= 0 and (not lines[j].strip() or lines[j].lstrip().startswith("#")):
        j -= 1
    return j if j >= 0 else None


def _block_owner(lines: list[str], i: int) -> re.Match | None:
    """The 'key: >-' line whose text line ``i`` was meant to belong to."""
    ind = _indent(lines[i])
    j = _prev_content(lines, i)
    while j is not None and _indent(lines[j]) > ind and not BLOCK_INDICATOR.match(lines[j]):
        j = _prev_content(lines, j)
    if j is None:
        return None
    m = BLOCK_INDICATOR.match(lines[j])
    return m if m and ind <= len(m.group(1)) + (2 if lines[j].lstrip().startswith("- ") else 0) + 1 else None


def _line_mistake(line: str) -> tuple[int, str] | None:
    """A mistake visible on one line by itself: (0-based column, message)."""
    odd = odd_char_in(line)
    if odd:
        pos, what = odd
        before = line[:pos]
        # Only where YAML looks for structure: indentation, a key, after ':' or '-'.
        key_part = ": " not in before and not before.lstrip().startswith(("'", '"'))
        if not before.strip() or before.rstrip().endswith((":", "-")) or key_part:
            return pos, (f"Linjen indeholder {what}, som YAML ikke læser som et mellemrum. "
                         "Slet tegnet, og skriv et almindeligt mellemrum, hvis der skal være et.")
    m = KEY_NO_SPACE.match(line)
    if m:
        key = m.group(2)
        value = line[m.end():].strip()
        short = value if len(value) <= 20 else value[:20] + "…"
        return m.end(), (f"Der mangler et mellemrum efter kolon i '{key}:{short}'. "
                         f"Skriv '{key}: {short}'.")
    m = DASH_NO_SPACE.match(line)
    if m:
        item = line.strip()
        return m.end() - 1, (f"Der mangler et mellemrum efter bindestregen i '{item}'. "
                             f"Et punkt i en liste skrives '- {item[1:]}'.")
    return None


# 'summary: Et tilbud #sammen': a plain text that a comment cut short.
_CUT_BY_COMMENT = re.compile(r"^\s*(?:-\s+)?[^\s:#][^:]*:[ \t]+[^\s\"'|>\[{#][^#]*?[ \t](#)")
_COMMENT = re.compile(r"[ \t]+#.*$")


def comment_after(line: str, col: int) -> str | None:
    """A YAML comment after column ``col`` of ``line``, with the spaces before its '#'."""
    m = _COMMENT.match(line, col)
    return m.group(0) if m else None


def plain_mistake(line: str, keys: Collection[str], key_indent: int | None = None) -> tuple[int, str] | None:
    """In a line YAML read as (part of) a text: 'name:Lise' or '-vejen-ind' at
    its start, which YAML accepts as text but was meant as a field or a list
    item; with ``key_indent`` (a later line of the text of a key indented that
    far), 'published 2025-03-01' no further in than the key. (0-based column,
    message) or None."""
    if key_indent is not None and _indent(line) <= key_indent:
        word = _FIRST_WORD.match(line)
        if word and is_key(word.group(1), keys) and line[word.end():word.end() + 1] in (" ", "\t"):
            return word.end(), (f"Der mangler et kolon efter '{word.group(1)}', så YAML læser linjen som en del af "
                                f"teksten ovenfor. Skriv '{word.group(1)}: …' med kolon og mellemrum.")
    m = KEY_NO_SPACE.match(line)
    if m and is_key(m.group(2), keys):
        return _line_mistake(line)
    m = DASH_NO_SPACE.match(line)
    if m and not line[m.end():m.end() + 1].isdigit():
        return _line_mistake(line)
    return None


def explain(text: str, problem: str, pmark, cmark, keys: Collection[str] = ()) -> tuple[int, int, str]:
    """(0-based line, 1-based column, Danish message) for a libyaml error."""
    lines = yaml_lines(text)
    last = len(lines) - 1
    p_line = min(pmark.line, last) if pmark else 0
    p_col = pmark.column if pmark else 0
    line, col = p_line, p_col
    simple_key = "could not find expected ':'" in problem
    if cmark and (simple_key or any(u in problem for u in _UNCLOSED)):
        line, col = min(cmark.line, last), cmark.column

    # A mistake on a line of the value libyaml was reading when it stopped.
    if not any(u in problem for u in _UNCLOSED):
        for i in range(_run_start(lines, line), max(line, p_line) + 1):
            found = _line_mistake(lines[i])
            if found:
                return i, found[0] + 1, found[1]

    here = lines[line]
    prev = _prev_content(lines, line)
    cut = _CUT_BY_COMMENT.search(lines[prev]) if prev is not None and not any(u in problem for u in _UNCLOSED) else None
    if cut and _indent(here) > _indent(lines[prev]):
        return prev, cut.start(1) + 1, (
            "Teksten stopper ved '#', fordi YAML læser ' #' som starten på en kommentar, og linjen under "
            "hænger så i luften. Sæt hele teksten i anførselstegn, eller fjern '#'.")
    if any(u in problem for u in _UNCLOSED):
        if "']'" in problem:
            return line, col + 1, "En liste i [ ] mangler et komma eller den lukkende ']'."
        if "'}'" in problem:
            return line, col + 1, "En { }-værdi mangler et komma eller den lukkende '}'."
        return line, col + 1, "Et anførselstegn eller en klamme er ikke lukket. Luk det på samme linje, eller slet det."

    if simple_key:
        word = _FIRST_WORD.match(here)
        if word and is_key(word.group(1), keys) and ":" not in here:
            return line, word.end() + 1, (f"Der mangler et kolon efter '{word.group(1)}'. "
                                          f"Skriv '{word.group(1)}: …' med kolon og mellemrum.")
        owner = _block_owner(lines, line)
        if owner:
            return line, 1, (f"Teksten under '{owner.group(2)}: {owner.group(3)}' skal rykkes ind med mellemrum "
                             "(fx to), så YAML ved, at den hører til feltet. Ryk alle tekstens linjer lige langt ind.")
        prev = _prev_content(lines, line)
        prev_key = KEY_LINE.match(lines[prev]) if prev is not None else None
        if prev_key and _indent(here) <= len(prev_key.group(1)):
            return line, _indent(here) + 1, (
                f"Linjen ser ud til at fortsætte teksten i '{prev_key.group(2).strip()}' ovenfor. Ryk den ind med "
                "mellemrum (fx to), så den hører til feltet; er den et nyt felt, skrives den 'navn: værdi'.")
        return line, _indent(here) + 1, (
            "Linjen er hverken et felt ('navn: værdi') eller et punkt i en liste ('- punkt'). "
            "Skriv den som 'navn: værdi', eller ryk den ind under feltet, den hører til.")

    if "mapping values are not allowed" in problem:
        start = _run_start(lines, p_line)
        if start < p_line:  # the key began on an earlier line, which lacks its colon
            word = _FIRST_WORD.match(lines[start])
            if word and is_key(word.group(1), keys):
                return start, word.end() + 1, (f"Der mangler et kolon efter '{word.group(1)}'. "
                                               f"Skriv '{word.group(1)}: …' med kolon og mellemrum.")
            return start, _indent(lines[start]) + 1, (
                "Linjen er hverken et felt ('navn: værdi') eller et punkt i en liste ('- punkt'). "
                "Skriv den som 'navn: værdi', eller ryk den ind under feltet, den hører til.")
        before = here[:p_col].strip()
        prev = _prev_content(lines, p_line)
        prev_key = KEY_LINE.match(lines[prev]) if prev is not None else None
        if (_FIRST_WORD.fullmatch(before) and is_key(before, keys) and prev_key
                and _indent(here) > len(prev_key.group(1))):
            return p_line, _indent(here) + 1, (
                f"Feltet '{before}' er rykket længere ind end '{prev_key.group(2).strip()}' på linjen ovenfor, så YAML "
                f"læser det som en fortsættelse af den værdi. Ryk '{before}:' ud, så det starter i samme kolonne som de andre felter.")
        return p_line, p_col + 1, (
            "Der står ': ' (kolon og mellemrum) inde i en tekst, og YAML læser det som starten på et nyt felt. "
            "Sæt hele teksten i anførselstegn, fx title: \"Vejen ind: små skridt\".")

    if "did not find expected key" in problem or "expected '-' indicator" in problem or "expected <block end>" in problem:
        before = here[:p_col].rstrip()
        if before.endswith(('"', "'")):
            return p_line, p_col + 1, _early_quote(lines, p_line, p_col, before[-1])
        if before.endswith(("]", "}")):
            return p_line, p_col + 1, f"Efter den lukkende '{before[-1]}' må der ikke stå mere på linjen."
        owner = _block_owner(lines, p_line)
        if owner:
            return p_line, _indent(here) + 1, (
                f"Alle linjer i teksten under '{owner.group(2)}: {owner.group(3)}' skal rykkes lige langt ind.")
        if here.lstrip().startswith("- ") or here.strip() == "-":
            return p_line, _indent(here) + 1, (
                "Punkterne i en liste skal stå under et felt uden værdi og lige langt inde, fx 'themes:' og "
                "derunder '  - velkomst', '  - vejen-ind'.")
        if here.lstrip().startswith(":"):
            return p_line, _indent(here) + 1, "Linjen starter med ':'. Skriv feltets navn foran kolon."
        return p_line, p_col + 1, "Indrykningen er skæv: felter på samme niveau skal starte i samme kolonne."

    if "block sequence entries are not allowed" in problem:
        return p_line, p_col + 1, ("En liste med '-' kan ikke stå på samme linje som feltet. Skriv den som "
                                   "[velkomst, vejen-ind], eller sæt hvert punkt på sin egen linje under feltet ('  - velkomst').")
    if "expected comment or line break" in problem:
        return p_line, p_col + 1, ("Efter '>-' eller '|' skal teksten begynde på næste linje, rykket ind med mellemrum. "
                                   "Flyt teksten ned på linjen under.")
    if "escape" in problem or "hexdecimal" in problem:
        return p_line, p_col + 1, ("I tekst i dobbelte anførselstegn har '\\' en særlig betydning. "
                                   "Brug enkelte anførselstegn ('…'), eller skriv '\\\\'.")
    if "cannot start any token" in problem:
        ch = lines[p_line][p_col : p_col + 1]
        if ch == "\t":
            return p_line, p_col + 1, "Brug mellemrum, ikke tabulator."
        if ch.strip():
            return p_line, p_col + 1, f"En værdi må ikke starte med '{ch}'. Sæt den i anførselstegn."
    if "alias" in problem or "anchor" in problem or "alphabetic or numeric" in problem:
        return p_line, p_col + 1, "Tegnene '*' og '&' har særlig betydning i YAML. Sæt teksten i anførselstegn."
    if "did not find expected node content" in problem:
        return p_line, p_col + 1, "Der mangler en værdi her, fx mellem to kommaer. Slet det ekstra tegn, eller skriv værdien."
    if "document" in problem or "directive" in problem:
        return p_line, p_col + 1, "Linjen kan ikke stå i front matter. Slet den."
    return p_line, p_col + 1, "Tjek kolon, indrykning og anførselstegn på linjen."


def _early_quote(lines: list[str], i: int, col: int, q: str) -> str:
    """A quoted text ended before the line did: '"Café" for alle'."""
    here = lines[i]
    rest = here[col:].strip()
    key = KEY_LINE.match(here)
    value = here[key.end():].strip() if key else ""
    if value.startswith(q):
        other = '"' if q == "'" and '"' not in value else "'"
        quoted = value.replace("'", "''") if other == "'" else value
        name = key.group(2).strip()
        return (f"Værdien starter med et anførselstegn, så YAML læser kun {value[:value.index(q, 1) + 1]} som værdien "
                f"og ved ikke, hvad '{rest[:30]}' skal være. Sæt hele teksten i anførselstegn af den anden slags: "
                f"{name}: {other}{quoted}{other}")
    return (f"Anførselstegnet ({q}) lige før '{rest[:30]}' afslutter teksten i anførselstegn. Står der anførselstegn "
            f"inde i teksten, så brug den anden slags udenom hele teksten, eller skriv dem dobbelt ({q}{q}) i enkelte anførselstegn.")


# -- front matter that runs into the body -------------------------------------

_HEADING = re.compile(r"#{2,6}[ \t]+\S")
_YAMLISH = re.compile(r"^(?:\s|-(?:\s|$)|#|\.\.\.|[\[{\"']|[^\s:#][^:]*:(?:\s|$))")


def body_in_front_matter(text: str, parse_failed_at: int | None = None) -> tuple[int, int] | None:
    """When the closing '---' is missing and a '---' divider in the body closed
    the front matter instead: (0-based index of the last front matter line,
    0-based index of the first body line). None when the text looks like YAML.

    The body shows as a Markdown heading ('## Baggrund', a comment to YAML)
    or, when parsing failed at ``parse_failed_at``, a paragraph after a blank line."""
    lines = yaml_lines(text)
    first_body = None
    if "##" in text:
        h = next((i for i, ln in enumerate(lines) if _HEADING.match(ln)), None)
        if h is not None:
            after = [ln for ln in lines[h + 1:] if ln.strip() and not ln.lstrip().startswith("#")]
            if parse_failed_at is not None:
                first_body = h if parse_failed_at >= h else None
            elif not after or not all(_YAMLISH.match(ln) for ln in after):
                first_body = h
    if first_body is None and parse_failed_at is not None:
        for i in range(1, min(parse_failed_at, len(lines) - 1) + 1):
            if not lines[i - 1].strip() and lines[i].strip() and not _YAMLISH.match(lines[i]):
                first_body = i
                break
    if first_body is None:
        return None
    last = first_body - 1
    while last >= 0 and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
        last -= 1
    return max(last, 0), first_body
