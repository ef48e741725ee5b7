"""A Python-Markdown extension: pass generated HTML through untouched.

Listings on theme, centre and target-group pages are HTML our templates
already escaped. Markdown would still run every tag through its HTML parser,
which made those pages most of the build time. Lines between
``<!-- raw -->`` and ``<!-- /raw -->`` go straight into Markdown's HTML stash.

It is a Markdown extension, not an MkDocs plugin, so any generator that
renders with Python-Markdown and our mkdocs.yml can use it.
"""

from markdown import Extension
from markdown.preprocessors import Preprocessor

OPEN = "<!-- raw -->"
CLOSE = "<!-- /raw -->"


class _RawBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        self.md.brobyg_raw_ids = raw_ids = set()  # our HTML, for markdown_vetted
        for line in lines:
            # Only a marker at the start of a line: one indented as code is text.
            if block is None and line.rstrip() == OPEN:
                block = []
            elif block is not None and line.rstrip() == CLOSE:
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                raw_ids.add(self.md.htmlStash.html_counter - 1)
                block = None
            elif block is not None:
                block.append(line)
            else:
                out.append(line)
        if block is not None:  # unclosed: leave it to Markdown as it was
            out += [OPEN, *block]
        return out


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md):
        # After whitespace normalisation (30), before the HTML block parser (20).
        md.preprocessors.register(_RawBlocks(md), "brobyg_raw", 25)


def makeExtension(**kwargs):
    return RawHtmlExtension(**kwargs)
