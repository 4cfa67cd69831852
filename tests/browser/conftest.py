"""Build the real and the hostile knowledge base once, serve both on 127.0.0.1, drive Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socketserver
import threading
from pathlib import Path

import pytest

from gluteclaims.site.build import build_site

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO / "tests" / "fixtures" / "hostile"
AXE = REPO / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> Path:
    """A folder holding real/ (the project's knowledge base) and hostile/ (the hostile fixture), built."""
    base = tmp_path_factory.mktemp("sites")
    build_site(REPO, base / "real", work=base / "work-real", site_url="http://127.0.0.1/real/")
    build_site(HOSTILE, base / "hostile", work=base / "work-hostile", site_url="http://127.0.0.1/hostile/")
    return base


@pytest.fixture(scope="session")
def server(sites):
    """Base address of an http.server on a free port serving the built sites."""
    handler = functools.partial(_Quiet, directory=str(sites))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def outside():
    """Requests the pages tried to make to anywhere but 127.0.0.1 (each is blocked)."""
    return []


WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


@contextlib.contextmanager
def local_page(browser, server: str, outside: list, width: str = "desktop", **options):
    """A page at phone or desktop width that may reach only the local server; blocked requests go in `outside`."""
    phone = width == "phone"
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, is_mobile=phone, has_touch=phone, **options)

    def guard(route):
        if route.request.url.startswith(server) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.width_name = width
    try:
        yield page, context
    finally:
        context.close()


@pytest.fixture
def page(browser, server, outside):
    """A desktop page that may use the clipboard and may reach nothing but the local server."""
    with local_page(browser, server, outside) as (page, context):
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        yield page


@pytest.fixture(params=sorted(WIDTHS))
def sized(request, browser, server, outside):
    """A page at phone or desktop width that may reach nothing but the local server."""
    with local_page(browser, server, outside, request.param) as (page, _):
        yield page
