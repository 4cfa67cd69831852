"""Time from opening a built site's home page to the first search result, in Debian's Chromium.

The site is served on 127.0.0.1; a fresh browser context (empty cache) opens the home page,
types a query into the search box and waits for the first result. With `throttle` > 1 the
CPU is slowed that many times through the DevTools protocol, as a stand-in for a phone.

Example:

    python benchmarks/browser.py benchmarks/out/site-5k --query "hip thrust" --throttle 4
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import socketserver
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def first_result_seconds(site: Path, query: str, throttle: float = 1.0, timeout_s: float = 300.0) -> float:
    """Seconds from navigation to the first search result on the home page."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    context = browser.new_context(viewport={"width": 412, "height": 915})
                    page = context.new_page()
                    if throttle > 1:
                        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
                    started = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/", wait_until="domcontentloaded")
                    page.locator("#gc-search-input").click()
                    page.locator("input[data-md-component=search-query]").fill(query)
                    page.wait_for_selector(".md-search-result li.md-search-result__item", timeout=timeout_s * 1000)
                    return time.perf_counter() - started
                finally:
                    browser.close()
        finally:
            httpd.shutdown()


def main() -> None:
    """Command line: python benchmarks/browser.py SITE [--query Q] [--throttle N]."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="hip thrust")
    parser.add_argument("--throttle", type=float, default=1.0)
    args = parser.parse_args()
    print(json.dumps({"seconds": first_result_seconds(args.site, args.query, args.throttle)}))


if __name__ == "__main__":
    main()
