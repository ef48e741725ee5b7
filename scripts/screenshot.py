"""Take screenshots of built pages in Debian's Chromium, for a human look.

    python scripts/screenshot.py site/public /cases/ out.png [--width 375] [--scheme dark]
"""

import argparse
import functools
import http.server
import threading

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("path")
    ap.add_argument("out")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--scheme", choices=("light", "dark"), default="light", help="the system colour scheme")
    args = ap.parse_args()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=args.site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height}, color_scheme=args.scheme)
        page.goto(f"http://127.0.0.1:{server.server_port}{args.path}")
        page.wait_for_timeout(800)
        page.screenshot(path=args.out, full_page=args.full)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
