"""How well the search page finds what a volunteer-centre worker means.

    python -m bench.search_quality

Builds the members' site of this repository's sample content (every case),
types each query below into the search page in Chromium, and prints the
rank of the first relevant case, the mean reciprocal rank (MRR) and how many
queries show nothing. The relevant cases were judged from the cases' titles,
target groups and centres before the queries were run. Only figures are
printed; nothing is asserted.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent

from bench.bench_search import CHROMIUM_ARGS, SETTLED  # noqa: E402
from bench.static_server import serve_static  # noqa: E402

# (query, the cases that answer it)
QUERIES = [
    ("velkomst unge angst", ["unge-matcher-unge", "proevegang-i-idraetsforeningen", "ambassadoerer-i-foreningerne"]),
    ("samarbejde med jobcenter", ["partnerskab-med-jobcentret", "matchsamtalen-trin-for-trin"]),
    ("hvordan tager vi imod nye i foreningen", ["ambassadoerer-i-foreningerne", "velkomstkursus-for-foreningsfrivillige",
                                                "aaben-cafe-foerste-skridt"]),
    ("Region Sjælland", ["proevegang-i-idraetsforeningen", "unge-matcher-unge"]),
    ("Aarhus", ["paaroerende-som-indgang", "fra-varmestuen-til-foreningslivet"]),
    ("Midtjylland", ["aaben-cafe-foerste-skridt", "ambassadoerer-i-foreningerne", "paaroerende-som-indgang",
                     "fra-varmestuen-til-foreningslivet"]),
    ("paaroerende", ["paaroerende-som-indgang"]),
    ("aeldre ensomme", ["foreningsguide-paa-biblioteket", "paaroerende-som-indgang", "foelgeven-til-foerste-gang"]),
    ("foelgeven", ["foelgeven-til-foerste-gang"]),
    ("psykiatri", ["brobygger-i-distriktspsykiatrien"]),
    ("hjemløse", ["fra-varmestuen-til-foreningslivet"]),
    ("let sprog", ["aktivitetsoversigt-i-let-sprog"]),
    ("misbrug", ["fleksible-medlemskaber", "fra-varmestuen-til-foreningslivet"]),
    ("klippekort", ["fleksible-medlemskaber"]),
    ("flygtninge", ["aktivitetsoversigt-i-let-sprog", "ambassadoerer-i-foreningerne"]),
    ("handicap idræt", ["proevegang-i-idraetsforeningen"]),
    ("frivillige følgevenner", ["foelgeven-til-foerste-gang"]),
    ("bibliotek", ["foreningsguide-paa-biblioteket"]),
    ("matchning samtale", ["matchsamtalen-trin-for-trin"]),
    ("cafe", ["aaben-cafe-foerste-skridt"]),
    # The end of a compound ("demenskoordinatorer", "cykelværkstedet", "gadeplansteam", "ungdomsskole").
    ("koordinatorer", ["paaroerende-som-indgang"]),
    ("værksted", ["fra-varmestuen-til-foreningslivet", "fleksible-medlemskaber", "foelgeven-til-foerste-gang"]),
    ("team", ["ambassadoerer-i-foreningerne", "fra-varmestuen-til-foreningslivet"]),
    ("skole", ["proevegang-i-idraetsforeningen", "unge-matcher-unge"]),
    ("psykiatrien", ["brobygger-i-distriktspsykiatrien"]),
]


def main() -> int:
    from playwright.sync_api import sync_playwright

    from brobyg.pipeline.build import build_site

    tmp = Path(tempfile.mkdtemp(prefix="bench-quality-"))
    site = build_site(REPO, "members", out=tmp / "site", staging=tmp / "staging")

    base, server = serve_static(site)
    rr, empty = [], 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        print(f"{'rank':>5} {'shown':>6}  query  (status)")
        for query, relevant in QUERIES:
            page.goto(f"{base}/soeg/?q={quote(query)}")
            page.wait_for_function(SETTLED, arg=query)
            while page.locator(".bb-search__more").is_visible():
                page.locator(".bb-search__more").click()
                page.wait_for_timeout(100)
            hrefs = page.locator(".bb-search__results .bb-card__title a").evaluate_all("as => as.map(a => a.href)")
            slugs = [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]
            rank = next((i + 1 for i, s in enumerate(slugs) if s in relevant), None)
            rr.append(1 / rank if rank else 0.0)
            empty += not slugs
            status = page.locator(".bb-search__status").inner_text()
            print(f"{rank or '-':>5} {len(slugs):>6}  {query}  ({status})")
        browser.close()
    server.shutdown()
    print(f"\nMRR {sum(rr) / len(rr):.2f} over {len(rr)} queries; {empty} showed nothing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
