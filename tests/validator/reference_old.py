"""The validator's hot paths as they were before they were made quicker.

``test_fast_paths.py`` holds each quicker version against its original here,
on random and real input: they must give the same answers. Verbatim copies,
apart from the imports they need.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection

import yaml

from brobyg.load import frontmatter as fm
from brobyg.load.frontmatter import (
    MAX_YAML_DEPTH, _IMPLICIT_FIRST, Failure, Kind, Y, _scalar, _Stop, body_in_front_matter, unterminated,
)
from brobyg.load.yaml_errors import comment_after, explain, plain_mistake, yaml_lines
from brobyg.validate.body import _BLANK_LINE, _split_block

_TAB_INDENT = re.compile(r"^[ ]*\t", re.M)


def parse_yaml(text: str, first_line: int, keys: Collection[str] = (), divider: int | None = None) -> Y | None | Failure:
    """Parse YAML into ``Y`` values, rejecting what we never want in our files.

    Returns None for a document of only comments and blank lines. We build
    values from the event stream ourselves (libyaml does the parsing) so that
    every value keeps its line, duplicate keys are caught (PyYAML silently
    keeps the last), and anchors, aliases and tags are refused before an
    alias bomb can expand. A syntax error is placed on the line of the
    mistake, which is often before the line where libyaml stopped
    (``yaml_errors.explain``); ``keys`` (the fields the file may have) sharpen
    that. ``divider`` is the line of the '---' that closed a front matter.
    """
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + first_line
        return Failure(Kind.TAB, line, tab.end() - tab.start())
    try:
        return _build(fm._events(text), text, first_line, keys)
    except _Stop as stop:
        return stop.failure
    except yaml.MarkedYAMLError as exc:
        problem = (exc.problem or exc.context or "").strip()
        mark = exc.problem_mark or exc.context_mark
        if divider is not None:
            swallowed = body_in_front_matter(text, mark.line if mark else 0)
            if swallowed:
                return unterminated(text, first_line, swallowed, divider)
        line, col, hint = explain(text, problem, mark, exc.context_mark if exc.problem_mark else None, keys)
        return Failure(Kind.SYNTAX, first_line + line, col, {"problem": problem, "char": "", "hint": hint})
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        return Failure(Kind.BAD_EXCEPTION, first_line, 1, {"error": str(exc)})


def _build(events, text: str, first_line: int, keys: Collection[str] = ()) -> Y | None:
    stack: list[Y] = []  # open containers
    pending_keys: list[tuple[str, int, int] | None] = []  # per open map: key awaiting its value
    root: Y | None = None
    documents = 0

    def refuse(ev, kind: Kind, **detail) -> None:
        raise _Stop(Failure(kind, first_line + ev.start_mark.line, ev.start_mark.column + 1, detail))

    def mistake(line: int, col: int, hint: str) -> None:
        raise _Stop(Failure(Kind.SYNTAX, line, col, {"problem": "", "char": "", "hint": hint}))

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
            mistake(first_line + start, found[0] + 1, found[1])

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
                refuse(ev, Kind.COMPLEX_KEY)
            name = "" if node.value is None else str(node.value)
            if name in parent.value:
                first_line_, first_col = parent.key_pos[name]
                refuse(ev, Kind.DUPLICATE_KEY, name=name, first_line=first_line_, first_col=first_col)
            pending_keys[-1] = (name, node.line, node.col)
        else:
            name, kline, kcol = key
            if node.value is None and ":" in name and not node.raw:  # '{start:2024-01}'
                found = plain_mistake(name, keys)
                if found:
                    mistake(kline, kcol + found[0], found[1])
            parent.value[name] = node
            parent.key_pos[name] = (kline, kcol)
            pending_keys[-1] = None

    # Dispatch on the exact event class, most frequent first: this loop runs
    # for every value of every file `check` reads.
    scalar_cls, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    implicit_first = _IMPLICIT_FIRST
    in_seq: list[bool] = []  # per open container: is it a sequence
    for ev in events:
        cls = type(ev)
        if cls is scalar_cls:
            if ev.anchor:
                refuse(ev, Kind.ALIAS)
            if ev.tag and ev.tag != "!":
                refuse(ev, Kind.TAG, tag=ev.tag)
            mark, value, style = ev.start_mark, ev.value, ev.style
            # Text needs no resolver: quoted, or a first character no implicit type starts with.
            plain = value if style or not ev.implicit[0] or (value and value[0] not in implicit_first) else _scalar(ev)
            node = Y(plain, first_line + mark.line, mark.column + 1, None, value)
            if not style:
                key = pending_keys[-1] if pending_keys else None  # set only for a mapping's value
                if ev.end_mark.line != mark.line or (key is not None and first_line + mark.line > key[1]):
                    lint_plain(ev, key)
            if hash_lines and ev.end_mark.line in hash_lines and style not in ("|", ">"):
                node.comment = comment_after(lines[ev.end_mark.line], ev.end_mark.column)
            if in_seq and in_seq[-1]:
                stack[-1].value.append(node)  # attach()'s commonest case
            else:
                attach(node, ev)
        elif cls in ends:
            stack.pop()
            pending_keys.pop()
            in_seq.pop()
        elif cls is map_start or cls is seq_start:
            if ev.anchor:
                refuse(ev, Kind.ALIAS)
            if ev.tag and ev.tag != "!":
                refuse(ev, Kind.TAG, tag=ev.tag)
            if len(stack) >= MAX_YAML_DEPTH:
                refuse(ev, Kind.TOO_DEEP, max_depth=MAX_YAML_DEPTH)
            is_map = cls is map_start
            node = Y({} if is_map else [], first_line + ev.start_mark.line, ev.start_mark.column + 1, {} if is_map else None)
            attach(node, ev)
            stack.append(node)
            pending_keys.append(None)
            in_seq.append(not is_map)
        elif cls is yaml.AliasEvent:
            refuse(ev, Kind.ALIAS)
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                refuse(ev, Kind.SECOND_DOCUMENT)
    return root


# brobyg/validate/body.py
def _blocks(text: str, needle: str):
    """(start, end) of each stretch of text Python-Markdown reads inline syntax
    in, roughly; only those that hold ``needle``."""
    start = 0
    for m in _BLANK_LINE.finditer(text):
        if text.find(needle, start, m.start()) >= 0:
            yield from _split_block(text, start, m.start())
        start = m.end() - 1
    if text.find(needle, start) >= 0:
        yield from _split_block(text, start, len(text))


# brobyg/validate/privacy.py: every text was scanned for number runs
NUMBER_RUN = re.compile(r"[+\d][\d .-]{4,}\d")


# brobyg/validate/rules/body.py
class Lines:
    """Maps offsets in a text to 1-based (line, col) in its file."""

    def __init__(self, text: str, first_line: int) -> None:
        self.first_line = first_line
        self.text = text
        self.starts: list[int] | None = None

    def at(self, offset: int) -> tuple[int, int]:
        if self.starts is None:
            self.starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + i, offset - self.starts[i] + 1


# brobyg/validate/template_text.py
def prompts_in(prompts, body: str) -> list[tuple[int, str]]:
    found = []
    for p in prompts:
        i = body.find(p)
        if i >= 0:
            found.append((i, p))
    return sorted(found)


# brobyg/validate/body.py
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_scheme(url: str) -> str | None:
    import html

    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(url))
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


# brobyg/validate/rules/links.py
def has_control_character(file_part: str) -> bool:
    return any(ch < " " for ch in file_part)
