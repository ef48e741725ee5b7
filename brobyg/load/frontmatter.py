"""Read source files safely and parse YAML into values that know their line.

Everything here reports into a ``Report`` instead of raising: a broken file
becomes a Danish message with a line number, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Collection
from typing import Any

import yaml

from brobyg.load.yaml_errors import body_in_front_matter, comment_after, explain, plain_mistake, yaml_lines
from brobyg.problems import Report

MAX_TEXT_BYTES = 512 * 1024  # a long case is ~10 KB; this only stops accidents
MAX_YAML_DEPTH = 8  # our deepest legal structure is 3 levels
BINARY_SNIFF = 8192

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass(slots=True)
class Y:
    """A YAML value with its position (1-based line and column in the file).

    ``value`` is a plain scalar, a ``list[Y]`` or a ``dict[str, Y]``; for a
    mapping, ``key_pos`` holds where each key stands; for a scalar, ``raw``
    is its text as written (``+4512345678`` where ``value`` is an int) and
    ``comment`` the text of a YAML comment that follows it on its last line
    (``title: Sammen #sammen`` gives ``sammen``).
    """

    value: Any
    line: int
    col: int
    key_pos: dict[str, tuple[int, int]] | None = None
    raw: str | None = None
    comment: str | None = None  # a '# …' YAML cut off after a scalar, on its last line

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_seq(self) -> bool:
        return isinstance(self.value, list)

    def plain(self) -> Any:
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


@dataclass(slots=True)
class SourceText:
    path: Path
    rel: str
    text: str


_OS_ERRORS = {
    errno.ENOENT: "den findes ikke, eller den er en genvej til en fil, der ikke findes",
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.EISDIR: "det er en mappe",
    errno.ELOOP: "genvejen peger på sig selv",
}


def read_text(path: Path, rel: str, report: Report, max_bytes: int = MAX_TEXT_BYTES) -> SourceText | None:
    """Return the file's text with BOM removed and newlines normalised, or None."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            report.error(
                rel, 0, 0, "FILE-SIZE",
                f"Filen fylder {size / 1024:.0f} KB; grænsen er {max_bytes // 1024} KB. "
                "Del teksten op, eller flyt store bilag ud af filen.",
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        why = _OS_ERRORS.get(exc.errno, exc.strerror or str(exc))
        report.error(rel, 0, 0, "FILE-READ", f"Filen kan ikke læses ({why}). Tjek at den findes og må læses.")
        return None
    if not data.strip():
        report.error(rel, 0, 0, "FILE-EMPTY", "Filen er tom. Start fra skabelonen templates/case.md eller kør 'python build.py new'.")
        return None
    if b"\x00" in data[:BINARY_SNIFF]:
        report.error(rel, 0, 0, "FILE-BINARY", "Filen er en binær fil, ikke tekst. Gem den som almindelig tekst (Markdown, UTF-8).")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raw = exc.object  # the bytes after any BOM: exc.start counts from there
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1  # characters, not bytes
        report.error(
            rel, line, col, "FILE-ENCODING",
            "Filen er ikke gemt som UTF-8 (æ, ø og å bliver forkerte). Gem den igen med tegnsættet UTF-8.",
        )
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, rel, text)


@dataclass(slots=True)
class FrontMatterSplit:
    yaml_text: str
    yaml_first_line: int  # file line of the first YAML line
    body: str
    body_first_line: int


_FENCE = re.compile(r"^---[ \t]*$")
_END_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.M)


def split_front_matter(src: SourceText, report: Report) -> FrontMatterSplit | None:
    text = src.text
    first_nl = text.find("\n")
    first = text if first_nl < 0 else text[:first_nl]
    if not _FENCE.match(first):
        report.error(
            src.rel, 1, 1, "FM-MISSING",
            "Filen mangler front matter. Første linje skal være '---', derefter felterne (title, summary, …) "
            "og så '---' igen. Se skabelonen templates/case.md.",
        )
        return None
    start = first_nl + 1
    end = _END_FENCE.search(text, start)
    if end is None:
        swallowed = body_in_front_matter(text[start:])
        if swallowed:
            _report_unterminated(src.rel, text[start:], 2, swallowed, None, report)
            return None
        report.error(
            src.rel, 1, 1, "FM-UNTERMINATED",
            "Front matter slutter aldrig. Tilføj en linje med '---' efter det sidste felt, før selve teksten.",
        )
        return None
    yaml_text = text[start : end.start()]
    body_start = end.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    return FrontMatterSplit(yaml_text, 2, text[body_start:], body_line)


def _report_unterminated(rel: str, yaml_text: str, first_line: int, swallowed: tuple[int, int],
                         fence_line: int | None, report: Report) -> None:
    last, body = swallowed
    lines = yaml_lines(yaml_text)
    divider = (f" Den '---' på linje {fence_line} er en skillelinje i teksten og kan ikke afslutte front matter."
               if fence_line else "")
    report.error(
        rel, first_line + last, len(lines[last]) + 1, "FM-UNTERMINATED",
        f"Front matter er ikke afsluttet: tilføj en linje med '---' efter linje {first_line + last} (det sidste felt), "
        f"før teksten begynder på linje {first_line + body}.{divider}",
    )


def parse_front_matter(split: FrontMatterSplit, rel: str, report: Report, keys: Collection[str] = ()) -> Y | None:
    """``parse_yaml`` for the front matter of a Markdown file: also notices a
    missing closing '---' whose place a '---' divider in the body took."""
    fence_line = split.body_first_line - 1
    if "##" in split.yaml_text:
        swallowed = body_in_front_matter(split.yaml_text)
        if swallowed:
            _report_unterminated(rel, split.yaml_text, split.yaml_first_line, swallowed, fence_line, report)
            return None
    return parse_yaml(split.yaml_text, rel, split.yaml_first_line, report, keys=keys, fence_line=fence_line)


_TAB_INDENT = re.compile(r"^[ ]*\t", re.M)

def parse_yaml(text: str, rel: str, first_line: int, report: Report, keys: Collection[str] = (),
               fence_line: int | None = None) -> Y | None:
    """Parse YAML into ``Y`` values, rejecting what we never want in our files.

    We build values from the event stream ourselves (libyaml does the parsing)
    so that every value keeps its line, duplicate keys are caught (PyYAML
    silently keeps the last), and anchors, aliases and tags are refused before
    an alias bomb can expand. ``keys`` (the fields the file may have) sharpen
    the hints; ``fence_line`` is the line of the front matter's closing '---'.
    """
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + first_line
        col = tab.end() - tab.start()
        report.error(rel, line, col, "YAML-TAB", "Indrykning med tabulator er ikke tilladt i YAML. Brug mellemrum i stedet.")
        return None
    try:
        return _build(yaml.parse(text, Loader=_LOADER), text, rel, first_line, report, keys)
    except yaml.MarkedYAMLError as exc:
        problem = (exc.problem or exc.context or "").strip()
        mark = exc.problem_mark or exc.context_mark
        if fence_line is not None:
            swallowed = body_in_front_matter(text, mark.line if mark else 0)
            if swallowed:
                _report_unterminated(rel, text, first_line, swallowed, fence_line, report)
                return None
        line, col, hint = explain(text, problem, mark, exc.context_mark if exc.problem_mark else None, keys)
        report.error(rel, first_line + line, col, "YAML-SYNTAX", f"Ugyldig YAML. {hint}")
    except (yaml.YAMLError, ValueError, RecursionError):
        report.error(rel, first_line, 1, "YAML-SYNTAX", "Ugyldig YAML. Tjek kolon, indrykning og anførselstegn.")
    return None


class _Stop(Exception):
    """Raised inside the builder after a problem was reported."""


def _build(events, text: str, rel: str, first_line: int, report: Report, keys: Collection[str] = ()) -> Y | None:
    stack: list[Y] = []  # open containers
    pending_keys: list[tuple[str, int, int] | None] = []  # per open map: key awaiting its value
    root: Y | None = None
    documents = 0

    def pos(ev) -> tuple[int, int]:
        return first_line + ev.start_mark.line, ev.start_mark.column + 1

    def refuse(ev, code: str, msg: str) -> None:
        line, col = pos(ev)
        report.error(rel, line, col, code, msg)
        raise _Stop

    # Split into lines only when a value needs a second look: most files need none.
    lines = yaml_lines(text) if "#" in text else []
    # Lines that may hold a comment after a value.
    hash_lines = {i for i, ln in enumerate(lines) if "#" in ln} if lines else ()

    def lint_plain(ev, key: tuple[str, int, int] | None) -> None:
        """Text YAML accepts but the contributor did not mean: 'name:Lise' or
        '-vejen-ind' on the line under a key, or on a text's later lines, and
        'published 2025-03-01' read as the end of the text above it."""
        if not lines:
            lines.extend(yaml_lines(text))
        start, end = ev.start_mark.line, ev.end_mark.line
        key_line, key_indent = (key[1] - first_line, key[2] - 1) if key else (None, None)
        found = None
        if key_line is not None and start > key_line:
            found = plain_mistake(lines[start], keys)
        i = start
        while not found and i < end:
            i += 1
            found = plain_mistake(lines[i], keys, key_indent)
            start = i
        if found:
            report.error(rel, first_line + start, found[0] + 1, "YAML-SYNTAX", f"Ugyldig YAML. {found[1]}")
            raise _Stop

    def attach(node: Y, ev) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if parent.is_seq:
            parent.value.append(node)
            return
        key = pending_keys[-1]
        if key is None:
            if node.is_map or node.is_seq:
                refuse(ev, "YAML-KEY", "En nøgle skal være et enkelt ord, fx 'title'.")
            name = "" if node.value is None else str(node.value)
            if name in parent.value:
                first = parent.key_pos[name][0]
                refuse(
                    ev, "YAML-DUPLICATE-KEY",
                    f"Feltet '{name}' står to gange (første gang på linje {first}). Slet den ene, så der kun er én værdi.",
                )
            pending_keys[-1] = (name, node.line, node.col)
        else:
            name, kline, kcol = key
            if node.value is None and ":" in name and not node.raw:  # '{start:2024-01}'
                found = plain_mistake(name, keys)
                if found:
                    report.error(rel, kline, kcol + found[0], "YAML-SYNTAX", f"Ugyldig YAML. {found[1]}")
                    raise _Stop
            parent.value[name] = node
            parent.key_pos[name] = (kline, kcol)
            pending_keys[-1] = None

    # Dispatch on the exact event class, most frequent first: this loop runs
    # for every value of every file `check` reads.
    scalar_cls, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    try:
        for ev in events:
            cls = type(ev)
            if cls is scalar_cls:
                if ev.anchor:
                    refuse(ev, "YAML-ALIAS", _ALIAS_MSG)
                if ev.tag and ev.tag != "!":
                    refuse(ev, "YAML-TAG", _tag_msg(ev.tag))
                mark = ev.start_mark
                node = Y(_scalar(ev), first_line + mark.line, mark.column + 1, raw=ev.value)
                if not ev.style:
                    key = pending_keys[-1] if pending_keys else None  # set only for a mapping's value
                    if ev.end_mark.line != mark.line or (key is not None and first_line + mark.line > key[1]):
                        lint_plain(ev, key)
                if hash_lines and ev.end_mark.line in hash_lines and ev.style not in ("|", ">"):
                    node.comment = comment_after(lines[ev.end_mark.line], ev.end_mark.column)
                attach(node, ev)
            elif cls in ends:
                stack.pop()
                pending_keys.pop()
            elif cls is map_start or cls is seq_start:
                if ev.anchor:
                    refuse(ev, "YAML-ALIAS", _ALIAS_MSG)
                if ev.tag and ev.tag != "!":
                    refuse(ev, "YAML-TAG", _tag_msg(ev.tag))
                if len(stack) >= MAX_YAML_DEPTH:
                    refuse(ev, "YAML-DEPTH", f"Værdien er indlejret mere end {MAX_YAML_DEPTH} niveauer. Felterne i en case er højst to niveauer dybe.")
                line, col = pos(ev)
                is_map = cls is map_start
                node = Y({} if is_map else [], line, col, {} if is_map else None)
                attach(node, ev)
                stack.append(node)
                pending_keys.append(None)
            elif cls is yaml.AliasEvent:
                refuse(ev, "YAML-ALIAS", _ALIAS_MSG)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    refuse(ev, "YAML-SYNTAX", "Der er mere end ét YAML-dokument. Slet den ekstra '---'-linje.")
    except _Stop:
        return None
    return root


_ALIAS_MSG = "YAML-ankre og -aliaser ('&' og '*') bruges ikke her. Skriv værdien ud, eller sæt teksten i anførselstegn."


def _tag_msg(tag: str) -> str:
    return f"YAML-tagget '{tag}' er ikke tilladt. Slet det, og skriv værdien som almindelig tekst."


# First characters that can make a plain scalar something other than text.
_IMPLICIT_FIRST = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k is not None)


def _scalar(ev: yaml.ScalarEvent) -> Any:
    value = ev.value
    if ev.style or not ev.implicit[0]:  # quoted or block scalar: always text
        return value
    if value and value[0] not in _IMPLICIT_FIRST:  # e.g. 'velkomst': no resolver applies
        return value
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag == "tag:yaml.org,2002:str":
        return value
    try:
        return _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, value))
    except (ValueError, OverflowError, yaml.YAMLError):
        return value  # e.g. 2025-02-30: keep the text, the date rule explains
    finally:
        # The shared constructor caches every node it built; forget them, or a
        # long-running process (serve) keeps every scalar it ever parsed.
        _CONSTRUCTOR.constructed_objects.clear()
        _CONSTRUCTOR.recursive_objects.clear()


def is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
