"""Screenshots of the demo site at 360 and 1280 px into var/screenshots/.

Run by ``make screenshots``: serves the demo (loaded into var/db.sqlite3 as
``make run`` does) with the development server on a free port, or takes the
screenshots of a running site with ``--url``. Each page is shot whole.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
#: Chromium as the browser tests, make screenshots and make lighthouse start it:
#: without the background-networking flags it waits for a network this machine
#: does not have.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "home": "/",
    "focus-area": "/indsatsomraader/musik/",
    "news-post": "/nyheder/ny-kulturaftale-er-underskrevet/",
    "contact-directory": "/kontakt/",
    "home-en": "/en/",
    "news-index-sv": "/sv/nyheter/",
}
WIDTHS = (360, 1280)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def demo_server():
    """Yields the base URL of the development server over the demo database."""
    python = sys.executable
    manage = [python, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], check=True, cwd=ROOT)
    subprocess.run([*manage, "load_demo_content", "-v0"], check=True, cwd=ROOT)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def shoot(base: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    made = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 800}, locale="da-DK"
            )
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base + path, wait_until="networkidle")
                target = OUT / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                made.append(target)
            if width < 992:
                page.goto(base + "/", wait_until="networkidle")
                page.click(".menu-button")
                target = OUT / f"menu-open-{width}.png"
                page.screenshot(path=str(target))
                made.append(target)
            context.close()
        browser.close()
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running site instead of the demo server")
    args = parser.parse_args()
    if args.url:
        made = shoot(args.url.rstrip("/"))
    else:
        with demo_server() as base:
            made = shoot(base)
    for path in made:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
