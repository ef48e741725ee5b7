"""Read what a case's Markdown body contains: headings, links, images, HTML.

This is a scanner, not a Markdown renderer: it finds the parts our rules
judge, each with its offset, and is fast enough to run over thousands of
cases in editors and pre-commit hooks.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

from brobyg.validate.privacy import utf8

# Python-Markdown's fenced_code FENCED_BLOCK_RE: at the start of a line, closed by the same fence.
_FENCED = re.compile(
    r"""(?P<fence>^(?:~{3,}|`{3,}))[ ]*((\{(?P<attrs>[^\n]*)\})|(\.?(?P<lang>[\w#.+-]*)[ ]*)?"""
    r"""(hl_lines=(?P<quot>"|')(?P<hl_lines>.*?)(?P=quot)[ ]*)?)\n(?P<code>.*?)(?<=\n)(?P=fence)[ ]*$""",
    re.M | re.S,
)
# Patterns avoid overlapping repeats (e.g. a lazy group before '[ \t#]*$'): on a long
# line of spaces those backtrack quadratically and a 500 KB file would hang `check`.
_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+([^\n]*)$", re.M)  # closing '#'s stripped in scan()
# The same, matched in '\n' + text: m.start() is then the heading's offset in text.
_HEADING_AFTER_NL = re.compile(r"\n[ ]{0,3}(#{1,6})[ \t]+([^\n]*)")
# 'Titel\n=====' is an h1 and 'Titel\n-----' an h2 (setext headings).
_SETEXT_UNDERLINE = re.compile(r"\n[ ]{0,3}(=+|-+)[ \t]*(?=\n|\Z)")  # starts with a literal: fast
_SETEXT_TEXT = re.compile(r"[ ]{0,3}([^\s#][^\n]*)")
# Python-Markdown's ReferenceProcessor.RE: the target may stand on the next line.
_REF_DEF = re.compile(r"""^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$""", re.M)
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp|javascript|data|vbscript|file):[^>\s]*)>", re.I)
_URL_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>")  # Python-Markdown's AUTOLINK_RE
_EMAIL_AUTOLINK = re.compile(r"<([^<> !]+@[^@<> ]+)>")  # '<jens@example.org>' is a link, not a tag (AUTOMAIL_RE)
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\}")
# One attribute in an attribute list, as Python-Markdown's attr_list reads it.
_ATTR_TOKEN = re.compile(r"""([^ =}]+)=(?:"[^"]*"|'[^']*'|[^ =}]+)|[^ =}]+""")


def mask(text: str, pattern: re.Pattern) -> str:
    """Blank out matches but keep newlines, so offsets and lines stay right."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


@dataclass(frozen=True, slots=True)
class Link:
    offset: int
    target: str
    is_image: bool
    text: str | None  # link text or alt text; None for reference definitions / HTML


@dataclass(frozen=True, slots=True)
class Tag:
    offset: int
    name: str
    attrs: tuple[tuple[str, str | None], ...]


@dataclass(slots=True)
class BodyScan:
    headings: list[tuple[int, int, str]]  # (offset, level, text)
    links: list[Link]
    tags: list[Tag]
    comments: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each HTML comment

    def remap(self, to_original) -> None:
        self.headings = [(to_original(o), level, text) for o, level, text in self.headings]
        self.links = [Link(to_original(k.offset), k.target, k.is_image, k.text) for k in self.links]
        self.tags = [Tag(to_original(t.offset), t.name, t.attrs) for t in self.tags]

    def targets(self) -> set[str]:
        """Every link and image target the scan found, as the browser receives it."""
        out = {k.target.strip() for k in self.links}
        for tag in self.tags:
            for name, value in tag.attrs:
                if name in URL_ATTRS and value is not None:
                    out.add(value.strip())
        return out


def scan(body: str, with_html: bool = True, encoded: bytes | None = None) -> BodyScan:
    """What ``body`` contains, read the way the renderer reads it once its
    HTML comments are removed (see ``without_comments``). Offsets are offsets
    in ``body`` itself. ``encoded`` is ``utf8(body)`` when the caller has it."""
    raw = utf8(body) if encoded is None else encoded
    comments = comment_spans(body) if b"<" in raw and b"<!--" in raw else []
    text = _cut(body, comments) if comments else body
    result = _scan(text, with_html, raw)
    result.comments = comments
    if comments:
        result.remap(_offset_map(body, comments))
    return result


def _holds_pair(raw: bytes, first: bytes, second: bytes) -> bool:
    """Whether ``first + second`` (one byte each) is in ``raw``. Looking for
    ``first`` alone is a memchr, far quicker than a search for two bytes, and
    ``first`` is rare in most bodies; past a few, the search for both."""
    i = raw.find(first)
    for _ in range(8):
        if i < 0:
            return False
        if raw.startswith(second, i + 1):
            return True
        i = raw.find(first, i + 1)
    return first + second in raw


def _scan(body: str, with_html: bool, raw: bytes) -> BodyScan:
    # Each pattern runs only when its marker occurs: `in` is far cheaper than a
    # regex pass, and `check` runs over thousands of cases. ``raw`` is the
    # UTF-8 of ``body`` (or of the text ``body`` was cut from): a marker it
    # lacks is in no text made from it (masking writes only spaces, line
    # breaks and _NEUTRAL). Looking for one ASCII byte in it is a memchr,
    # quicker than any search of a text or for a longer marker.
    code_free = body
    if (b"`" in raw and b"```" in raw) or (b"~" in raw and b"~~~" in raw):
        code_free = mask(code_free, _FENCED)
    fenced_free = code_free  # reference definitions are read before code spans
    if b"`" in raw and "`" in code_free:
        code_free = _unmask(_mask_code_spans(code_free), code_free, _raw_html_regions(code_free))
    headings = []
    if b"#" in raw and "#" in code_free:
        # _HEADING with a leading newline: a pattern that starts with a literal is searched fast.
        headings += [(m.start(), len(m.group(1)), m.group(2).rstrip(" \t#").strip())
                     for m in _HEADING_AFTER_NL.finditer("\n" + code_free)]
    taken = 0  # an underline is never the text of the next heading
    for m in _SETEXT_UNDERLINE.finditer(code_free):
        start = code_free.rfind("\n", 0, m.start()) + 1
        text = _SETEXT_TEXT.fullmatch(code_free, start, m.start()) if start >= taken else None
        if text:
            headings.append((start, 1 if m.group(1)[0] == "=" else 2, text.group(1).strip()))
            taken = m.end()
    links: list[Link] = []
    bracketed: list[tuple[int, int]] = []  # '[x](<a b.md>)': the '<a b.md>' is a link target, not an HTML tag
    if b"]" in raw and "](" in code_free:
        links += _inline_links(body, _mask_escapes(code_free) if b"\\" in raw and "\\" in code_free else code_free, bracketed)
    if _holds_pair(raw, b"]", b":") and "]:" in fenced_free:
        links += [Link(m.start(2), _unescape(m.group(2).lstrip("<").rstrip(">")), False, None)
                  for m in _REF_DEF.finditer(fenced_free)]
    angle = b"<" in raw and "<" in code_free
    if angle:
        # Every '<scheme:…>' is judged (a 'javascript:' one too); the renderer links '<scheme://…>'.
        links += [Link(m.start(1), html.unescape(m.group(1)), False, None) for m in _AUTOLINK.finditer(code_free)]
        links += [Link(m.start(1), _unescape(body[m.start(1):m.end(1)]), False, None) for m in _URL_AUTOLINK.finditer(code_free)
                  if not _AUTOLINK.fullmatch(m.group(0))]
        links += [Link(m.start(1), "mailto:" + _strip_mailto(_unescape(body[m.start(1):m.end(1)])), False, None)
                  for m in _EMAIL_AUTOLINK.finditer(code_free)]
    tags: list[Tag] = []
    if with_html and angle:
        html_text = mask(mask(mask(code_free, _AUTOLINK), _URL_AUTOLINK), _EMAIL_AUTOLINK)
        if bracketed:
            chars = list(html_text)
            for start, end in bracketed:
                chars[start:end] = " " * (end - start)
            html_text = "".join(chars)
        tags = html_tags(html_text)
    # The site enables attr_list: '[x](…){: onclick="…"}' would put the attribute on the link.
    if with_html and b"{" in raw and "{" in code_free:
        tags += [_attr_list(m) for m in _ATTR_LIST.finditer(code_free)]
    return BodyScan(headings, links, tags)


# -- what the renderer reads as code and as a link -----------------------------
# Python-Markdown reads inline syntax one block at a time; a blank line ends a
# block, so neither a code span nor a link runs across one.
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Characters a backslash escapes (Python-Markdown's ESCAPED_CHARS; `tables` adds '|').
ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|")
_ESCAPE = re.compile(r"\\(.)", re.S)
_NEUTRAL = "\x01"  # stands in for masked text that is not blank to the renderer
MAX_TARGET = 4000  # a link target longer than this is not followed (keeps hostile input linear)


# Lines that end the block before them (Python-Markdown's HashHeaderProcessor,
# BlockQuoteProcessor and HRProcessor search a block for them), and list items
# once a block starts as a list.
_OWN_LINE = re.compile(r"^(?:#{1,6}|[ ]{0,3}(?:>|(?=(?P<hr>(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,}))(?P=hr)[ ]*$))", re.M)
_LIST_ITEM = re.compile(r"^[ ]*(?:[*+-]|\d+\.)[ ]+", re.M)
# _OWN_LINE after a literal newline (searched fast); the line starts one after m.start().
_OWN_LINE_NL = re.compile("\n" + _OWN_LINE.pattern[1:], re.M)


def _own_lines(text: str, start: int, end: int):
    """The matches of _OWN_LINE.finditer(text, start, end), as (start, end)."""
    if start == 0:
        m = _OWN_LINE.match(text, 0, end)
        if m:
            yield m.start(), m.end()
    for m in _OWN_LINE_NL.finditer(text, max(start - 1, 0), end):
        yield m.start() + 1, m.end()


def _blocks(text: str, needle: str):
    """(start, end) of each stretch of text Python-Markdown reads inline syntax
    in, roughly; only those that hold ``needle`` (which must hold no space,
    tab or line break).

    The stretches lie between the blank lines that ``_BLANK_LINE.finditer``
    finds, each after the first starting on its blank line's last line break.
    Most hold no ``needle``, so only the stretches around its occurrences are
    found: forward to the next blank line, back to the one before."""
    low = 0  # where the search back stops: 0, or the first line break of a blank line found forward
    i = text.find(needle)
    while i >= 0:
        start = _stretch_start(text, low, i)
        m = _BLANK_LINE.search(text, i)  # a blank line never holds the needle, so none spans i
        end = m.start() if m else len(text)
        yield from _split_block(text, start, end)
        if m is None:
            return
        low = end
        i = text.find(needle, end)


def _is_blank(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds only spaces and tabs."""
    return not text[start:end].strip(" \t")


def _stretch_start(text: str, low: int, i: int) -> int:
    """Where the stretch holding ``i`` starts: the last line break of the last
    match of ``_BLANK_LINE.finditer(text)`` before ``i``, or 0. ``low`` is 0 or
    the first line break of a run of blank lines.

    Blank lines come in runs: line breaks with only spaces and tabs between
    them. finditer pairs a run's line breaks from its first one, (1st, 2nd),
    (3rd, 4th) …; so the stretch after a run of k line breaks starts on the
    (k - k % 2)th."""
    below = text.rfind("\n", low, i)
    while below >= 0:
        above = text.rfind("\n", low, below)
        if above < 0:
            return 0
        if _is_blank(text, above + 1, below):  # the line between is blank: the run ends at `below`
            count, first = 2, above
            while (prev := text.rfind("\n", low, first)) >= 0 and _is_blank(text, prev + 1, first):
                count, first = count + 1, prev
            return below if count % 2 == 0 else above
        below = above
    return 0


def _split_block(text: str, start: int, end: int):
    cuts = set()
    for m_start, m_end in _own_lines(text, start, end):
        cuts.add(m_start)
        line_end = text.find("\n", m_start, end)
        if line_end >= 0 and not text.startswith(">", m_end - 1):  # a quote runs on; a heading or rule ends
            cuts.add(line_end + 1)
    if text.find("<", start, end) >= 0:
        for m in _BLOCK_TAG_EDGE.finditer(text, start, end):  # raw HTML starts and ends a block of its own
            cuts |= {m.start(), m.end()}
    if _LIST_ITEM.match(text, start + (text[start] == "\n") if start < end else start):
        cuts |= {m.start() for m in _LIST_ITEM.finditer(text, start, end)}
    if not cuts:
        yield start, end
        return
    for cut in sorted(c for c in cuts if start < c < end):
        yield start, cut - 1 if text[cut - 1] == "\n" else cut
        start = cut
    yield start, end


# Python-Markdown's block-level tags (markdown.util.BLOCK_LEVEL_ELEMENTS). A line
# starting with one opens raw HTML: up to its closing tag, nothing is Markdown,
# so '`…`' there is no code span and what looks like code is HTML.
BLOCK_LEVEL = (
    "address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hgroup hr main menu nav ol p pre section table ul canvas colgroup dd body dt group html iframe li "
    "legend math map noscript output object option progress script style summary tbody td textarea tfoot th "
    "thead tr video center"
).split()
_BLOCK_TAG = re.compile(r"^[ ]{0,3}<(%s)(?=[\s/>])([^<>]*)>" % "|".join(BLOCK_LEVEL), re.M | re.I)
_BLOCK_TAG_EDGE = re.compile(r"^[ ]{0,3}</?(?:%s)(?=[\s/>])[^<>]*>" % "|".join(BLOCK_LEVEL), re.M | re.I)


def _raw_html_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of the raw HTML blocks in ``text``: from a line that starts
    with a block-level tag to the end of the line that closes it (nested tags
    of the same name counted), or to the end when it is never closed. A tag
    with a 'markdown' attribute (md_in_html) holds Markdown, not raw HTML."""
    if "<" not in text:
        return []
    regions = []
    pos = 0
    while m := _BLOCK_TAG.search(text, pos):
        name, attrs = m.group(1).lower(), m.group(2)
        if "markdown" in attrs.lower():
            pos = m.end()
            continue
        line_end = text.find("\n", m.end())
        end = len(text)
        if name == "hr" or attrs.rstrip().endswith("/"):
            end = line_end if line_end >= 0 else len(text)
        else:
            depth = 1
            for t in re.finditer(rf"<(/?){name}(?=[\s/>])[^<>]*>", text[m.end():], re.I):
                depth += -1 if t.group(1) else 1
                if depth == 0:
                    close = m.end() + t.end()
                    end = text.find("\n", close)
                    end = len(text) if end < 0 else end
                    break
        regions.append((m.start(), end))
        pos = max(end, m.end())
    return regions


def _unmask(masked: str, original: str, regions: list[tuple[int, int]]) -> str:
    """``masked`` with ``original`` put back in each region."""
    if not regions:
        return masked
    parts, pos = [], 0
    for start, end in regions:
        parts += [masked[pos:start], original[start:end]]
        pos = end
    parts.append(masked[pos:])
    return "".join(parts)


def _mask_code_spans(text: str) -> str:
    """Blank out inline code the way Python-Markdown finds it (its
    BacktickInlineProcessor): a run of N backticks not escaped by a backslash
    opens, the next run of exactly N closes; failing that, the longest shorter
    run closes. Newlines are kept so lines stay right."""
    chars = None
    for block_start, block_end in _blocks(text, "`"):
        i = text.find("`", block_start, block_end)
        while 0 <= i < block_end:
            backslashes = 0
            while i - backslashes - 1 >= block_start and text[i - backslashes - 1] == "\\":
                backslashes += 1
            ticks = i
            while ticks < block_end and text[ticks] == "`":
                ticks += 1
            if backslashes % 2:  # '\`' is a literal backtick; the rest of the run may still open
                i = text.find("`", i + 1, block_end)
                continue
            span = _code_span(text, i, ticks, block_end)
            if span is None:
                i = text.find("`", ticks, block_end)
                continue
            begin, end = span
            if chars is None:
                chars = list(text)
            for k in range(begin, end):
                if chars[k] != "\n":
                    chars[k] = _NEUTRAL
            i = text.find("`", end, block_end)
    return text if chars is None else "".join(chars)


def _code_span(text: str, begin: int, start: int, end: int) -> tuple[int, int] | None:
    """(begin, end) of the code span opened at ``begin`` (its run ends at ``start``), or None."""
    max_ticks = start - begin
    longest, longest_end = 0, 0
    i = start
    while i < end:
        j = text.find("`", i, end)
        if j < 0:
            break
        k = j
        while k < end and text[k] == "`":
            k += 1
        if k - j == max_ticks:
            return begin, k
        if k - j > longest:
            longest, longest_end = k - j, k
        i = k
    if 0 < longest < max_ticks:  # fewer closing ticks: the extra opening ones are text
        return begin + (max_ticks - longest), longest_end
    return None


def _mask_escapes(text: str) -> str:
    """'\\[' and the like are literal characters to the renderer, never syntax."""
    return _ESCAPE.sub(lambda m: _NEUTRAL * 2 if m.group(1) in ESCAPABLE else m.group(0), text)


def _unescape(target: str) -> str:
    """A link target as the browser receives it: backslash escapes and character references resolved."""
    if "\\" in target:
        target = _ESCAPE.sub(lambda m: m.group(1) if m.group(1) in ESCAPABLE else m.group(0), target)
    return html.unescape(target) if "&" in target else target


def _strip_mailto(address: str) -> str:
    return address[len("mailto:"):] if address.startswith("mailto:") else address


_BRACKET = re.compile(r"[\[\]]")
_ANGLE_TARGET = re.compile(r"""\(\s*(?:(<[^<>]*>)\s*(?:('[^']*'|"[^"]*")\s*)?\))?""")


def _brackets(text: str, start: int, end: int):
    """The offsets of '[' and ']' in text[start:end], in order (what
    _BRACKET.finditer finds; str.find is much faster than a character class)."""
    find = text.find
    opening, closing = find("[", start, end), find("]", start, end)
    while opening >= 0 or closing >= 0:
        if closing < 0 or 0 <= opening < closing:
            yield opening
            opening = find("[", opening + 1, end)
        else:
            yield closing
            closing = find("]", closing + 1, end)


def _inline_links(text: str, masked: str, bracketed: list[tuple[int, int]]) -> list[Link]:
    """'[text](target)' and '![alt](target)', parsed as Python-Markdown's
    LinkInlineProcessor parses them: nested brackets in the text, nested
    parentheses, spaces and an optional "title" in the target. ``masked`` is
    ``text`` with code and escapes neutralised; targets are taken from ``text``."""
    links = []
    for block_start, block_end in _blocks(masked, "]("):
        if masked.find("](", block_start, block_end) < 0:
            continue
        stack: list[int] = []
        for i in _brackets(masked, block_start, block_end):
            if masked[i] == "[":
                stack.append(i)
            elif stack:
                opening = stack.pop()
                if i + 1 < block_end and masked[i + 1] == "(":
                    found = _link_target(masked, i + 1, block_end)
                    if found is None:
                        continue
                    start, end, angle = found
                    if angle:
                        bracketed.append((start - 1, end + 1))
                    is_image = opening > 0 and masked[opening - 1] == "!"
                    target = _unescape(text[start:end].strip())
                    links.append(Link(opening - is_image, target, is_image, text[opening + 1 : i]))
    return links


_TARGET_TRICKY = re.compile(r"[(\"']")


def _link_target(data: str, index: int, end: int) -> tuple[int, int, bool] | None:
    """(start, end, in angle brackets) of the target in '(…)' at ``index``;
    Python-Markdown's LinkInlineProcessor.getLink, reduced to where the target lies."""
    m = _ANGLE_TARGET.match(data, index, end)
    if m and m.group(1):
        return m.start(1) + 1, m.end(1) - 1, True
    if not m:
        return None
    start_index = index = m.end()
    # The commonest target, '(anden-case.md)': no parenthesis or quote before
    # the closing ')'. The loop below would end there with the same answer.
    close = data.find(")", index, min(end, index + MAX_TARGET))
    if close >= 0 and not _TARGET_TRICKY.search(data, index, close):
        return start_index, close, False
    bracket_count = backtrack_count = 1
    last_bracket = -1
    quote = alt_quote = None
    start_quote = exit_quote = start_alt_quote = exit_alt_quote = -1
    ignore_matches = False
    last = ""
    for pos in range(index, min(end, start_index + MAX_TARGET)):
        c = data[pos]
        if c == "(":
            if not ignore_matches:
                bracket_count += 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif c == ")":
            if (exit_quote != -1 and quote == last) or (exit_alt_quote != -1 and alt_quote == last):
                bracket_count = 0
            elif not ignore_matches:
                bracket_count -= 1
            elif backtrack_count > 0:
                backtrack_count -= 1
                if backtrack_count == 0:
                    last_bracket = index + 1
        elif c in ("'", '"'):
            if not quote:
                ignore_matches = True
                backtrack_count = bracket_count
                bracket_count = 1
                start_quote = index + 1
                quote = c
            elif c != quote and not alt_quote:
                start_alt_quote = index + 1
                alt_quote = c
            elif c == quote:
                exit_quote = index + 1
            elif alt_quote and c == alt_quote:
                exit_alt_quote = index + 1
        index += 1
        if bracket_count == 0:
            if exit_quote >= 0 and quote == last:
                return start_index, start_quote - 1, False
            if exit_alt_quote >= 0 and alt_quote == last:
                return start_index, start_alt_quote - 1, False
            return start_index, index - 1, False
        if c != " ":
            last = c
    if bracket_count != 0 and backtrack_count == 0:
        # Python-Markdown slices data[start:last_bracket - 1]; with no bracket found
        # (last_bracket == -1) that is all but the block's last two characters.
        return start_index, (last_bracket - 1 if last_bracket >= 0 else end - 2), False
    return None


# -- HTML comments ---------------------------------------------------------------
# A comment never reaches the site; it is cut out before the pages are written.
# It is found here, by the same reading of code as links are, so text in code
# is never cut. Indented code blocks are also left alone (a conservative
# reading: a comment that is really in an indented list paragraph stays, and
# the build's own guard keeps it off the site).
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _mask_indented_code(text: str) -> str:
    """Blank out lines indented four spaces (or a tab) that follow a blank line."""
    lines = text.split("\n")
    prev_blank, in_code = True, False
    for i, line in enumerate(lines):
        blank = not line.strip()
        if not blank and (line.startswith("    ") or line.startswith("\t")) and (prev_blank or in_code):
            lines[i] = " " * len(line)
            in_code = True
        elif not blank:
            in_code = False
        prev_blank = blank
    return "\n".join(lines)


def comment_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of every HTML comment in ``body`` that is not in code."""
    if "<!--" not in body:
        return []
    masked = fenced = mask(body, _FENCED) if "```" in body or "~~~" in body else body
    if "    " in masked or "\t" in masked:
        masked = _mask_indented_code(masked)
    if "`" in masked:
        masked = _mask_code_spans(masked)
    if masked is not fenced:
        masked = _unmask(masked, fenced, _raw_html_regions(fenced))
    return [m.span() for m in _COMMENT.finditer(masked) if not _escaped(masked, m.start())]


def _escaped(text: str, i: int) -> bool:
    """Whether the character at ``i`` follows an odd number of backslashes."""
    n = 0
    while i - n - 1 >= 0 and text[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def without_comments(body: str) -> str:
    """``body`` as the site shows it: with its HTML comments cut out."""
    spans = comment_spans(body)
    return _cut(body, spans) if spans else body


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by the line breaks it held, so every
    line stays on its line number."""
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append("\n" * text.count("\n", start, end))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _offset_map(text: str, spans: list[tuple[int, int]]):
    """Maps an offset in ``_cut(text, spans)`` back to ``text``."""
    starts, shifts, removed = [], [], 0
    for start, end in spans:
        kept = text.count("\n", start, end)  # the line breaks _cut kept
        removed += end - start - kept
        starts.append(end - removed)  # where the text after the comment starts, once cut
        shifts.append(removed)

    def to_original(offset: int) -> int:
        i = bisect.bisect_right(starts, offset) - 1
        return offset + (shifts[i] if i >= 0 else 0)

    return to_original


ATTR_LIST = "{:}"  # Tag.name of a Markdown attribute list


def _attr_list(m: re.Match) -> Tag:
    inner = m.group(0).lstrip("{:").rstrip("}")
    # Only 'name=value' can carry code or an address; '.klasse', '#id' and bare words cannot.
    pairs = [(t.group(1).lower(), t.group(0).split("=", 1)[1]) for t in _ATTR_TOKEN.finditer(inner) if t.group(1)]
    return Tag(m.start(), ATTR_LIST, tuple(pairs))


# A start tag whose parts hold no '<' or '>': a match can never run past the
# next '<', so scanning stays linear even on hostile input. (Python's
# HTMLParser, used before, took quadratic time on many unclosed tags.)
_START_TAG = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?)*)\s*/?>"""
)
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'=<>`]+)))?""")
_END_TAG = re.compile(r"</[a-zA-Z][a-zA-Z0-9-]*\s*>")
_DECL = re.compile(r"<[!?][^<>]*>")
INCOMPLETE = "<"  # Tag.name of markup that starts like a tag but is not a whole one
_TAG_OPENING = re.compile(r"<[/!?]?[^\s<>]{0,20}")


def html_tags(text: str) -> list[Tag]:
    """Start tags, declarations and broken tags, each with its offset.

    Whatever starts like a tag but does not parse as a whole one is returned
    as INCOMPLETE: a browser might still read it as a tag, so it is refused."""
    tags: list[Tag] = []
    pos = 0
    unclosed = False
    while (i := text.find("<", pos)) >= 0:
        nxt = text[i + 1 : i + 2]
        pos = i + 1
        if text.startswith("<!--", i):
            end = text.find("-->", i + 4) if not unclosed else -1
            if end < 0:  # no '-->' follows: neither here nor later (keeps many '<!--' linear)
                unclosed = True
                tags.append(Tag(i, INCOMPLETE, (("", "<!--"),)))
                pos = i + 4  # the renderer shows '<!--' as text and reads on
            else:
                # Comments the site drops were cut before this scan; one still here is in
                # code or will reach the renderer, so what it holds is judged too.
                pos = i + 4
        elif text.startswith("<![", i):  # CDATA and other marked sections
            tags.append(Tag(i, "![", ()))
        elif nxt in ("!", "?"):
            m = _DECL.match(text, i)
            if m:
                word = m.group(0)[1:-1].split()
                tags.append(Tag(i, "?" if nxt == "?" else "!" + (word[0][1:].lower() if word else ""), ()))
                pos = m.end()
            else:
                tags.append(Tag(i, INCOMPLETE, (("", _TAG_OPENING.match(text, i).group(0)),)))
        elif nxt == "/":
            m = _END_TAG.match(text, i)
            if m:
                pos = m.end()
            elif text[i + 2 : i + 3].isascii() and text[i + 2 : i + 3].isalpha():
                tags.append(Tag(i, INCOMPLETE, (("", _TAG_OPENING.match(text, i).group(0)),)))
        elif nxt.isascii() and nxt.isalpha():
            m = _START_TAG.match(text, i)
            if m:
                attrs = tuple(
                    (a.group(1).lower(), None if a.group(2) is a.group(3) is a.group(4) is None
                     else html.unescape(next(g for g in a.group(2, 3, 4) if g is not None)))
                    for a in _ATTR.finditer(m.group(2))
                )
                tags.append(Tag(i, m.group(1).lower(), attrs))
                pos = m.end()
            else:
                tags.append(Tag(i, INCOMPLETE, (("", _TAG_OPENING.match(text, i).group(0)),)))
    return tags


# The HTML a case may use, judged by a safe-list: anything not named here is refused.
SAFE_TAGS: dict[str, frozenset[str]] = {
    name: frozenset(attrs.split())
    for name, attrs in {
        "a": "href title", "abbr": "title", "b": "", "blockquote": "", "br": "", "caption": "",
        "code": "", "dd": "", "del": "", "details": "open", "div": "", "dl": "", "dt": "", "em": "",
        "figcaption": "", "figure": "", "h2": "", "h3": "", "h4": "", "hr": "", "i": "",
        "img": "src alt title width height", "ins": "", "kbd": "", "li": "", "mark": "", "ol": "start",
        "p": "", "pre": "", "q": "", "s": "", "small": "", "span": "", "strong": "", "sub": "",
        "summary": "", "sup": "", "table": "", "tbody": "", "td": "colspan rowspan", "tfoot": "",
        "th": "colspan rowspan scope", "thead": "", "tr": "", "u": "", "ul": "",
    }.items()
}
GLOBAL_ATTRS = frozenset({"title", "lang", "markdown"})  # md_in_html reads 'markdown' and drops it
URL_ATTRS = frozenset({"href", "src"})
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20]")


def url_scheme(url: str) -> str | None:
    # Browsers ignore control characters and spaces inside a scheme: 'java\tscript:';
    # Markdown renderers decode character references in a link target: 'java&#x09;script:'.
    cleaned = _SPACE_OR_CONTROL.sub("", html.unescape(url) if "&" in url else url)
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


ATTR_LIST_ATTRS = frozenset({"id", "class", "title", "lang", "width", "height", "loading", "target", "rel"})


def unsafe_reason(tag: Tag) -> str | None:
    """Why an HTML tag is refused, in Danish, or None when it is safe."""
    if tag.name == ATTR_LIST:
        for name, _ in tag.attrs:
            if name not in ATTR_LIST_ATTRS:
                danger = " kan køre kode og" if name.startswith("on") else ""
                return (f"Attributten '{name}' i en attributliste {{: …}}{danger} er ikke tilladt; "
                        "brug kun .klasse, #id, title, width og height")
        return None
    if tag.name == INCOMPLETE:
        start = tag.attrs[0][1] if tag.attrs else "<"
        return (f"'{start}…' er ufuldstændig HTML (der mangler '>', eller en værdi indeholder '<' eller '>'). "
                "Ret tagget, eller skriv '&lt;' for et mindre-end-tegn")
    if tag.name not in SAFE_TAGS:
        label = f"<{tag.name}>" if tag.name[:1] not in "!?" else "Denne HTML-konstruktion"
        return f"{label} er ikke tilladt i en case"
    allowed = SAFE_TAGS[tag.name] | GLOBAL_ATTRS
    for name, value in tag.attrs:
        if name not in allowed:
            if name.startswith("on"):
                return f"Attributten '{name}' på <{tag.name}> kan køre kode og er ikke tilladt"
            return f"Attributten '{name}' på <{tag.name}> er ikke tilladt"
        if name in URL_ATTRS and value is not None:
            scheme = url_scheme(value)
            if scheme and scheme not in SAFE_SCHEMES:
                return f"Adresser med '{scheme}:' er ikke tilladt i <{tag.name} {name}=…>"
    return None
