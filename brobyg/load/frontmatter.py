"""Read source files safely and parse YAML into values that know their line.

Nothing here raises on bad input: each function returns a ``Failure`` that
says what went wrong and where. The file and YAML rules
(``brobyg/validate/rules/``) turn failures into Danish messages.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Collection
from typing import Any

import yaml

from brobyg.load.yaml_errors import body_in_front_matter, comment_after, explain, plain_mistake, yaml_lines

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
    ``comment`` a YAML comment that follows it on its last line, with the
    spaces before its '#' (``title: Sammen #sammen`` gives ``' #sammen'``).
    """

    value: Any
    line: int
    col: int
    key_pos: dict[str, tuple[int, int]] | None = None
    raw: str | None = None
    comment: str | None = None  # '  # …': a comment after a scalar on its last line, with the spaces before '#'

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


class Kind:
    """What went wrong while reading a file or its YAML (``Failure.kind``)."""

    TOO_BIG = "too big"  # detail: size, max_bytes
    UNREADABLE = "unreadable"  # errno, strerror
    EMPTY = "empty"
    BINARY = "binary"
    NOT_UTF8 = "not utf-8"
    NO_FRONT_MATTER = "no front matter"
    UNTERMINATED = "unterminated front matter"  # last_field, body_line, divider (lines; when the body is known)
    TAB = "tab indentation"
    SYNTAX = "syntax"  # problem (libyaml's words), char, hint (Danish: the mistake found on the line, and its fix)
    BAD_EXCEPTION = "unparsable"  # error: the exception's text
    SECOND_DOCUMENT = "second document"
    COMPLEX_KEY = "complex key"
    DUPLICATE_KEY = "duplicate key"  # name, first_line, first_col
    ALIAS = "alias"
    TAG = "tag"  # tag
    TOO_DEEP = "too deep"  # max_depth


class Failure:
    """Why a file, its front matter or its YAML could not be loaded, and where."""

    __slots__ = ("kind", "line", "col", "detail")

    def __init__(self, kind: str, line: int = 0, col: int = 0, detail: dict | None = None) -> None:
        self.kind = kind
        self.line = line  # 0: the whole file
        self.col = col
        self.detail = detail or {}

    def __repr__(self) -> str:
        return f"Failure({self.kind!r}, {self.line}, {self.col}, {self.detail!r})"


@dataclass(slots=True)
class SourceText:
    path: Path
    rel: str
    text: str


def read_text(path: Path, rel: str, max_bytes: int = MAX_TEXT_BYTES) -> SourceText | Failure:
    """Return the file's text with BOM removed and newlines normalised."""
    try:
        data = _read_bytes(path, max_bytes)
        if isinstance(data, int):
            return Failure(Kind.TOO_BIG, detail={"size": data, "max_bytes": max_bytes})
    except OSError as exc:
        return Failure(Kind.UNREADABLE, detail={"errno": exc.errno, "strerror": exc.strerror or str(exc)})
    if not data.strip():
        return Failure(Kind.EMPTY)
    if b"\x00" in data[:BINARY_SNIFF]:
        return Failure(Kind.BINARY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raw = exc.object  # the bytes after any BOM: exc.start counts from there
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1  # characters, not bytes
        return Failure(Kind.NOT_UTF8, line, col)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, rel, text)


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _read_bytes(path: Path, max_bytes: int) -> bytes | int:
    """The file's bytes, or its size when that is over ``max_bytes``. Plain
    system calls: ``Path.stat`` and ``Path.read_bytes`` cost twice as much,
    and this runs for every file `check` reads."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        size = os.fstat(fd).st_size
        if size > max_bytes:
            return size
        chunks, total = [], 0
        want = size + 1 if size else 65536  # a file may not know its size (/proc): read on to the end
        while chunk := os.read(fd, want):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # it grew while being read
                return total
            want = 1 if total == size else 65536  # as big as it said: only the end should follow
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


@dataclass(slots=True)
class FrontMatterSplit:
    yaml_text: str
    yaml_first_line: int  # file line of the first YAML line
    body: str
    body_first_line: int


_FENCE = re.compile(r"^---[ \t]*$")
_END_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.M)


def split_front_matter(src: SourceText) -> FrontMatterSplit | Failure:
    text = src.text
    first_nl = text.find("\n")
    first = text if first_nl < 0 else text[:first_nl]
    if not _FENCE.match(first):
        return Failure(Kind.NO_FRONT_MATTER, 1, 1)
    start = first_nl + 1
    end = _end_fence(text, start) if start else _END_FENCE.search(text, start)
    if end is None:
        swallowed = body_in_front_matter(text[start:])
        return unterminated(text[start:], 2, swallowed, None) if swallowed else Failure(Kind.UNTERMINATED, 1, 1)
    yaml_text = text[start : end.start()]
    body_start = end.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    return FrontMatterSplit(yaml_text, 2, text[body_start:], body_line)


def _end_fence(text: str, start: int) -> re.Match | None:
    """``_END_FENCE.search(text, start)`` for a ``start`` just after a line break:
    the fences' line starts are found with ``str.find``, and only there is the
    pattern tried (searched in full, it tries every character of the front matter)."""
    found = None
    for fence in ("\n---", "\n..."):  # '...' only before the '---' found (it is rare: no search to the end)
        stop = found.start() - 1 if found else len(text)
        i = text.find(fence, start - 1, stop + len(fence))
        while 0 <= i < stop:
            m = _END_FENCE.match(text, i + 1)
            if m:
                found = m
                break
            i = text.find(fence, i + 1, stop + len(fence))
    return found


def unterminated(yaml_text: str, first_line: int, swallowed: tuple[int, int], divider: int | None) -> Failure:
    """The closing '---' is missing: reported on the last field, after which it belongs."""
    last, body = swallowed
    lines = yaml_lines(yaml_text)
    return Failure(Kind.UNTERMINATED, first_line + last, len(lines[last]) + 1,
                   {"last_field": first_line + last, "body_line": first_line + body, "divider": divider})


def front_matter_runs_into_body(split: FrontMatterSplit) -> Failure | None:
    """A '---' divider in the body closed front matter whose own '---' is missing:
    the body's headings ('## Baggrund') stand among the fields."""
    if "#" not in split.yaml_text or "##" not in split.yaml_text:  # one character is found quicker than two
        return None
    swallowed = body_in_front_matter(split.yaml_text)
    return unterminated(split.yaml_text, split.yaml_first_line, swallowed, split.body_first_line - 1) if swallowed else None


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
        return _build(_events(text), text, first_line, keys)
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


def _events(text: str):
    """libyaml's events for ``text``: what ``yaml.parse`` gives, without
    making a whole loader (constructor and resolver) per file."""
    if _CPARSER is None:
        return yaml.parse(text, Loader=_LOADER)
    parser = _CPARSER(text)
    get = parser.get_event
    return iter(get, None)  # get_event() gives None after the stream's end


_CPARSER = getattr(getattr(yaml, "cyaml", None), "CParser", None) if getattr(yaml, "__with_libyaml__", False) else None


class _Stop(Exception):
    """Raised inside the builder at the first value we refuse."""

    def __init__(self, failure: Failure) -> None:
        self.failure = failure


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
        # An empty value at the very end ('- ?' with no line break after it) ends on a line the text lacks.
        start, end = ev.start_mark.line, min(ev.end_mark.line, len(lines) - 1)
        key_line, key_indent = (key[1] - first_line, key[2] - 1) if key else (None, None)
        found = None
        if key_line is not None and key_line < start < len(lines):
            found = plain_mistake(lines[start], keys)
        i = start
        while not found and i < end:
            i += 1
            found = plain_mistake(lines[i], keys, key_indent)
            start = i
        if found:
            mistake(first_line + start, found[0] + 1, found[1])

    def attach(node: Y, ev) -> None:
        """Put a new container where it belongs (scalars are placed in the loop below)."""
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if in_seq[-1]:
            parent.value.append(node)
            return
        key = pending_keys[-1]
        if key is None:
            refuse(ev, Kind.COMPLEX_KEY)
        name, kline, kcol = key
        parent.value[name] = node
        parent.key_pos[name] = (kline, kcol)
        pending_keys[-1] = None

    # Dispatch on the exact event class, most frequent first: this loop runs
    # for every value of every file `check` reads.
    scalar_cls, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    implicit_first, resolved, unknown = _IMPLICIT_FIRST, _RESOLVED, _UNKNOWN
    in_seq: list[bool] = []  # per open container: is it a sequence
    for ev in events:
        cls = type(ev)
        if cls is scalar_cls:
            if ev.anchor:
                refuse(ev, Kind.ALIAS)
            tag = ev.tag
            if tag and tag != "!":
                refuse(ev, Kind.TAG, tag=tag)
            mark, value, style = ev.start_mark, ev.value, ev.style
            # Text needs no resolver: quoted, or a first character no implicit type starts with.
            if style or (value and value[0] not in implicit_first) or not ev.implicit[0]:
                plain = value
            else:
                plain = resolved.get(value, unknown)
                if plain is unknown:
                    plain = _scalar(ev)
            line = first_line + mark.line
            key = pending_keys[-1] if pending_keys else None  # set only for a mapping's value
            if not style and (ev.end_mark.line != mark.line or (key is not None and line > key[1])):
                lint_plain(ev, key)
            if in_seq and not in_seq[-1] and key is None:
                # A mapping's key: no value of its own, only a name and a place.
                name = "" if plain is None else str(plain)
                parent = stack[-1]
                if name in parent.value:
                    first_line_, first_col = parent.key_pos[name]
                    refuse(ev, Kind.DUPLICATE_KEY, name=name, first_line=first_line_, first_col=first_col)
                pending_keys[-1] = (name, line, mark.column + 1)
                continue
            node = Y(plain, line, mark.column + 1, None, value)
            if hash_lines and ev.end_mark.line in hash_lines and style not in ("|", ">"):
                node.comment = comment_after(lines[ev.end_mark.line], ev.end_mark.column)
            if not in_seq:
                root = node
            elif in_seq[-1]:
                stack[-1].value.append(node)
            else:  # a mapping's value
                name, kline, kcol = key
                if plain is None and ":" in name and not value:  # '{start:2024-01}'
                    found = plain_mistake(name, keys)
                    if found:
                        mistake(kline, kcol + found[0], found[1])
                parent = stack[-1]
                parent.value[name] = node
                parent.key_pos[name] = (kline, kcol)
                pending_keys[-1] = None
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


# First characters that can make a plain scalar something other than text.
_IMPLICIT_FIRST = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k is not None)


def _scalar(ev: yaml.ScalarEvent) -> Any:
    """A plain scalar a resolver may make something other than text, not in
    ``_RESOLVED`` yet (the builder looks there first, and sends quoted text and
    text no implicit type starts with, e.g. 'velkomst', nowhere near here).
    The same plain text always resolves to the same value, and every value a
    resolver makes (text, number, bool, None, date) is immutable: each is
    resolved once ('frivilligcenter-fjordby' and '2025-03-01' recur in every file)."""
    value = ev.value
    if len(_RESOLVED) >= _RESOLVED_MAX:
        _RESOLVED.clear()
    _RESOLVED[value] = resolved = _resolve_plain(value)
    return resolved


_RESOLVED: dict[str, Any] = {}
_RESOLVED_MAX = 50_000
_UNKNOWN = object()


def _resolve_plain(value: str) -> Any:
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
