"""`make lighthouse`: Lighthouse's performance figures (mobile profile) for every
public page type in Danish, English and Swedish, served as `make bench` serves them.

Loads the demo content into var/lighthouse.sqlite3, starts gunicorn with production
settings and 2 workers (bench/run.py's Server; media served beside it as nginx
would: bench/lighthouse_wsgi.py), visits every page once (so the picture renditions
exist and the caches are warm, as on a site in use), then runs Lighthouse with the
performance category and its default simulated throttling (slow 4G, 4x CPU
slowdown) over all pages with one Chromium (bench/lighthouse.mjs), three runs per
page of which the median is reported (``--runs``). Prints a table per language:
performance score, LCP, CLS, TBT. Exits non-zero when a page's median scores
below 95.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench import run as bench  # noqa: E402
from tests.browser.pages import (  # noqa: E402
    LANGUAGE_PREFIXES,
    PUBLIC_PAGES,
    page_url,
)

RUNNER = BASE_DIR / "bench" / "lighthouse.mjs"
DATABASE = BASE_DIR / "var" / "lighthouse.sqlite3"
MINIMUM_SCORE = 95
CONFIRM_PAGE = (
    "from tests.browser.pages import pending_confirmation_path;"
    "print(pending_confirmation_path({language!r}))"
)


def redis_reachable(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lighthouse_env() -> dict[str, str]:
    """``make bench``'s production environment over the demo database; Redis (its
    own database number) for the caches when it runs, else local memory."""
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{DATABASE}")
    env = bench.bench_env(page_cache=True) | {"DATABASE_URL": env["DATABASE_URL"]}
    env["CACHE_URL"] = (
        os.environ.get("LIGHTHOUSE_CACHE_URL", "redis://127.0.0.1:6379/10")
        if redis_reachable()
        else "locmemcache://"
    )
    return env


def prepare(env: dict[str, str]) -> None:
    print("Preparing var/lighthouse.sqlite3 (the demo content)")
    bench.manage("migrate", "--no-input", "-v0", env=env)
    bench.manage("collectstatic", "--no-input", "-v0", env=env)
    bench.manage("load_demo_content", "--force", "-v0", env=env)


def page_urls(env: dict[str, str], base: str) -> dict[tuple[str, str], str]:
    urls = {}
    for language in LANGUAGE_PREFIXES:
        for page_type in PUBLIC_PAGES:
            urls[page_type, language] = page_url(base, page_type, language)
        path = bench.manage(
            "shell",
            "--no-imports",
            "-c",
            CONFIRM_PAGE.format(language=language),
            env=env,
        ).split()[-1]
        urls["newsletter-confirm", language] = base + path
    return urls


def warm(urls: dict[tuple[str, str], str]) -> None:
    """Renders each page once (which makes its pictures' renditions), as
    earlier visitors would have."""
    for url in urls.values():
        with contextlib.suppress(urllib.error.HTTPError):  # error pages: 404
            urllib.request.urlopen(url, timeout=120).read()  # noqa: S310


def run_lighthouse(urls: list[str], runs: int) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (BASE_DIR / "node_modules" / "lighthouse").is_dir():
        sys.exit("Needs Node.js and node_modules/ (npm ci)")
    with tempfile.NamedTemporaryFile("w", suffix=".json") as job:
        json.dump(
            {
                "urls": urls,
                "categories": ["performance"],
                "throttling": "simulate",
                "runs": runs,
            },
            job,
        )
        job.flush()
        finished = subprocess.run(
            [node, str(RUNNER), job.name],
            capture_output=True,
            text=True,
            cwd=BASE_DIR,
            env={
                **os.environ,
                "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
            },
        )
    if finished.returncode:
        sys.exit(finished.stderr[-4000:])
    return json.loads(finished.stdout)


def print_table(urls: dict[tuple[str, str], str], results: dict[str, dict]) -> int:
    """Prints one table per language; returns how many pages scored too low."""
    too_low = 0
    for language in LANGUAGE_PREFIXES:
        print()
        print(f"== {language}")
        print(f"| {'page':<24} | perf | LCP (s) |   CLS | TBT (ms) |")
        print(f"| {'-' * 24} | ---: | ------: | ----: | -------: |")
        for (page_type, page_language), url in urls.items():
            if page_language != language:
                continue
            result = results[url]
            score = result["scores"]["performance"]
            metrics = result["metrics"]
            if result["runtimeError"] or score is None or score < MINIMUM_SCORE:
                too_low += 1
            if score is None:
                print(f"| {page_type:<24} | error: {result['runtimeError']} |")
                continue
            print(
                f"| {page_type:<24} | {score:>4} | {metrics['lcp'] / 1000:>7.2f} "
                f"| {metrics['cls']:>5.3f} | {metrics['tbt']:>8.0f} |"
            )
    return too_low


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--no-prepare", action="store_true", help="reuse var/lighthouse.sqlite3"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs per page; the median run is reported (default 3)",
    )
    args = parser.parse_args()
    env = lighthouse_env()
    if not args.no_prepare:
        prepare(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    urls = page_urls(env, base)
    # Media served beside the application, as nginx serves it in production.
    with bench.Server(env, app="bench.lighthouse_wsgi", port=port):
        warm(urls)
        results = {
            result["url"]: result
            for result in run_lighthouse(list(urls.values()), args.runs)
        }
    too_low = print_table(urls, results)
    print()
    print(f"Performance below {MINIMUM_SCORE}: {too_low} of {len(urls)} pages")
    return 1 if too_low else 0


if __name__ == "__main__":
    sys.exit(main())
