"""Markdown as plain words, for search records and feeds."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,}).*$", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"^[ ]{0,3}(#{1,6}|>|[-*+]|\d+[.)])[ \t]+|[*_`]+|\{[:.#][^}]*\}", re.M)


def plain_text(markdown: str) -> str:
    """Markdown as searchable text: the words, without the markup."""
    text = _FENCE.sub("", markdown)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _MARKUP.sub("", text)
    return " ".join(text.split())
