"""Images at the size they are shown: responsive variants made at build time.

A case's body links its images by path (``![alt](slug/foto.png)``). For each
such image beside the case, ``responsive_images`` writes smaller WebP copies
into the staging tree (``foto-480w.webp``, ``foto-800w.webp``, …; never wider
than the original, and one at full size when WebP is smaller than the original) and gives the Markdown image an attribute list (the site
enables ``attr_list``) with its ``width`` and ``height`` (no layout shift), a
``srcset`` of the copies and the original, ``sizes`` for the content column,
and lazy loading. The image's ``src`` stays the original that ``check``
vetted, so a browser without srcset shows exactly that.

Nothing here imports MkDocs. Variants are cached per source file (path,
size, mtime), so ``serve`` does not resize on every change.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from markupsafe import Markup, escape
from PIL import Image

from brobyg.validate import body as bodyscan

WIDTHS = (480, 800, 1200)  # and the original's width; a phone at 2x takes 800
# The width Material's content column shows an image at, measured in Chromium
# (sizes cannot use the page's rem: Material's root font grows at 100em and
# 125em): the whole screen less the margins on a phone, less the nav beside it
# from 60em, and a fixed column from 76.25em.
SIZES = ("(min-width: 125em) 826px, (min-width: 100em) 757px, (min-width: 76.25em) 688px, "
         "(min-width: 60em) calc(100vw - 274px), calc(100vw - 32px)")
RESIZABLE = {".png", ".jpg", ".jpeg", ".webp"}
WEBP_QUALITY = 80


@functools.lru_cache(maxsize=4096)
def _variants(path: Path, size: int, mtime_ns: int) -> tuple[tuple[int, int], tuple[tuple[int, bytes], ...]]:
    """((width, height), ((w, webp bytes), ...)) of one image file."""
    with Image.open(path) as im:
        im.load()
        dims = im.size
        mode = "RGBA" if im.mode in ("RGBA", "LA") or "transparency" in im.info else "RGB"
        out = []
        for w in [w for w in WIDTHS if w < dims[0]] + [dims[0]]:
            h = round(dims[1] * w / dims[0])
            copy = im.convert(mode)
            if w != dims[0]:
                copy = copy.resize((w, h), Image.Resampling.LANCZOS)
            buf = io.BytesIO()
            copy.save(buf, "WEBP", quality=WEBP_QUALITY, method=6)
            out.append((w, buf.getvalue()))
    if out[-1][0] == dims[0] and len(out[-1][1]) >= size:
        out.pop()  # at full size the original is smaller: srcset takes that instead
    return dims, tuple(out)


def image_variants(path: Path):
    st = path.stat()
    return _variants(path, st.st_size, st.st_mtime_ns)


def _variant_name(target: str, width: int) -> str:
    p = PurePosixPath(target)
    return str(p.with_name(f"{p.stem}-{width}w.webp"))


def responsive_images(body: str, page: str, source_dir: Path, write) -> str:
    """The body with each local image's attributes set; writes the variants.

    ``page`` is the page's path in the staging tree (e.g. 'cases/x.md'), whose
    folder the body's links are relative to; ``source_dir`` is the folder those
    links point into on disk; ``write(rel, data)`` puts bytes into the staging
    tree. The generator rewrites ``src`` for the page's URL but not ``srcset``,
    so srcset is written relative to the page's URL here."""
    if "![" not in body:
        return body
    from brobyg.render.pages import page_url  # the one rule for where a page lands

    page_dir = posixpath.dirname(page)
    url_dir = page_url(page).rstrip("/") or "."
    edits = []
    for link in bodyscan.scan(body, with_html=False).links:
        if not link.is_image:
            continue
        target = link.target
        if "://" in target or target.startswith(("/", "data:", "#")) or ".." in PurePosixPath(target).parts:
            continue
        path = source_dir / target
        if path.suffix.lower() not in RESIZABLE or not path.is_file():
            continue
        end = _image_end(body, link)
        if end is None or body.startswith("{", end):
            continue  # not where the scanner said, or it has an attribute list of its own
        try:
            (width, height), variants = image_variants(path)
        except (OSError, ValueError, Image.DecompressionBombError):
            continue  # check reports unreadable images; here we only leave them as they are
        def url(rel: str) -> str:  # a staging path as seen from the page's URL
            return quote(posixpath.relpath(posixpath.join(page_dir, rel), url_dir))  # srcset splits at spaces

        srcset = [f"{url(_variant_name(target, w))} {w}w" for w, _ in variants]
        for w, data in variants:
            write(posixpath.join(page_dir, _variant_name(target, w)), data)
        attrs = f'width="{width}" height="{height}" loading="lazy" decoding="async"'
        if srcset:
            if not variants or variants[-1][0] != width:
                srcset.append(f"{url(target)} {width}w")
            attrs += f' srcset="{", ".join(srcset)}" sizes="{SIZES}"'
        edits.append((end, "{ " + attrs + " }"))
    if not edits:
        return body
    # The page template escapes a plain-text body and passes Markup through:
    # the body's own text is treated as it would be without us, and only our
    # attribute lists (whose quotes attr_list needs) are trusted as they are.
    pieces, start = [], 0
    for end, text in sorted(edits):
        pieces += [escape(body[start:end]), Markup(text)]
        start = end
    pieces.append(escape(body[start:]))
    return Markup("").join(pieces)


def _image_end(body: str, link) -> int | None:
    """The offset just after the image's closing parenthesis."""
    # '![' alt '](' target [title] ')': the scanner gives where the '!' is and the alt text.
    paren = link.offset + 2 + len(link.text or "") + 1
    if body[paren - 1 : paren + 1] != "](":
        return None
    found = bodyscan._link_target(body, paren, len(body))
    if found is None:
        return None
    _, end, angle = found
    m = _TARGET_TAIL.match(body, end + angle)
    return m.end() if m else None


_TARGET_TAIL = re.compile(r"""\s*(?:"[^"]*"|'[^']*')?\s*\)""")  # after the target: a title, then ')'
