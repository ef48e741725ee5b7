"""Images are served at the size they are shown, with width and height set.

The build makes smaller WebP copies of each case image (brobyg/render/images.py)
and gives the <img> a srcset; here a phone at 2x and a desktop screen pick
from it, and what they download must not be much wider than what they show.
"""

from __future__ import annotations

import io

import pytest
from markupsafe import Markup
from PIL import Image

from brobyg.render.images import SIZES, responsive_images

from .kinds import AUDIENCES, PAGE_KINDS

SCREENS = [({"width": 375, "height": 740}, 2), ({"width": 1280, "height": 900}, 1)]
SLACK = 1.3  # srcset has steps: a copy may be this much wider than the pixels it fills

IMAGES = """() => Array.from(document.querySelectorAll('.md-content img')).map(img => {
  const chosen = (img.getAttribute('srcset') || '').split(',').map(s => s.trim().split(/\\s+/))
    .find(([u]) => new URL(u, location.href).href === img.currentSrc);
  return {src: img.getAttribute('src'), current: img.currentSrc, complete: img.complete,
          width: img.getAttribute('width'), height: img.getAttribute('height'),
          shown: img.getBoundingClientRect().width,
          served: chosen ? parseInt(chosen[1]) : img.naturalWidth};
})"""


@pytest.mark.parametrize("audience", AUDIENCES)
def test_images_are_served_at_the_size_they_are_shown(browser, urls, samples, audience):
    seen = 0
    problems = []
    for viewport, dpr in SCREENS:
        ctx = browser.new_context(viewport=viewport, device_scale_factor=dpr, service_workers="block")
        page = ctx.new_page()
        for kind in PAGE_KINDS:
            page.goto(urls[audience] + kind.url(samples[audience]))
            for img in page.locator(".md-content img").all():
                img.scroll_into_view_if_needed()
            page.wait_for_function("() => Array.from(document.querySelectorAll('.md-content img')).every(i => i.complete)")
            for img in page.evaluate(IMAGES):
                seen += 1
                where = f"{kind.name} at {viewport['width']} px ×{dpr}: {img['src']}"
                if not (img["width"] and img["height"]):
                    problems.append(f"{where} has no width and height")
                if img["served"] > max(img["shown"] * dpr * SLACK, 480):
                    problems.append(f"{where} is {img['served']} px wide, shown at {img['shown']:.0f} px ×{dpr}")
        ctx.close()
    if audience == "public":
        assert seen, "the sample content's public case pages show no image: nothing was tested"
    assert not problems, "\n".join(problems)


def _png(path, width, height):
    Image.new("RGB", (width, height), (200, 120, 40)).save(path, "PNG")


def test_responsive_images_writes_copies_and_sets_the_attributes(tmp_path):
    (tmp_path / "x").mkdir()
    _png(tmp_path / "x" / "big photo.png", 1000, 500)
    _png(tmp_path / "x" / "small.png", 300, 150)
    written = {}
    body = ("![Stort](<x/big photo.png>)\n\n![Lille](x/small.png)\n\n![Ude](https://example.org/a.png)\n\n"
            "![Egen](x/small.png){ .right }\n")
    # Markup: the body as Markdown to render (the page template escapes plain text)
    out = responsive_images(Markup(body), "cases/x.md", tmp_path, written.__setitem__)
    for name, data in written.items():
        w = int(name.rsplit("-", 1)[1].split("w")[0])
        assert Image.open(io.BytesIO(data)).size == (w, w // 2)
    # Smaller copies, and a full-size one only where WebP beats the original's bytes.
    big = [w for w in (480, 800) if f"cases/x/big photo-{w}w.webp" in written]
    assert big == [480, 800]
    full = "cases/x/big photo-1000w.webp" in written
    assert full == (len(written.get("cases/x/big photo-1000w.webp", b"")) < (tmp_path / "x" / "big photo.png").stat().st_size) or not full
    # srcset is relative to the page's URL (cases/x/): the generator rewrites src, not srcset.
    srcset = "big%20photo-480w.webp 480w, big%20photo-800w.webp 800w, " + (
        "big%20photo-1000w.webp 1000w" if full else "big%20photo.png 1000w")
    small = "cases/x/small-300w.webp" in written
    assert out == (
        '![Stort](<x/big photo.png>){ width="1000" height="500" loading="lazy" decoding="async" '
        f'srcset="{srcset}" sizes="{SIZES}" }}\n\n'
        '![Lille](x/small.png){ width="300" height="150" loading="lazy" decoding="async"'
        + (f' srcset="small-300w.webp 300w" sizes="{SIZES}"' if small else "") + ' }\n\n'
        "![Ude](https://example.org/a.png)\n\n![Egen](x/small.png){ .right }\n"
    )
