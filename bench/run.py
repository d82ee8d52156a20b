"""`make bench` and `make loadtest`: serve the site with gunicorn and load it with wrk.

Builds its own data set in var/bench.sqlite3 (the demo content plus 2,000 news posts
and 200 people), starts gunicorn with production settings (DEBUG off, 2 workers), and
measures each URL with wrk from a separate process: requests/s and p50/p99 latency,
uncached and from the page cache (Redis), as the median of several runs. Also prints
SQL queries per page, the time until a publish is visible to anonymous visitors, and
the newsletter and search figures (``bench_search`` on SQLite, and on PostgreSQL too
when DATABASE_URL points there; PostgreSQL data is analysed after it is built).
Stops everything it started.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8765
REDIS_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/9")


#: The cache modes measured: (label, full-page cache on, fragment cache on).
MODES = [
    ("cold", False, False),
    ("fragments", False, True),
    ("page cache", True, True),
]


def bench_env(page_cache: bool, fragments: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'bench.sqlite3'}")
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-only-secret-key-not-for-production-use-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        CACHE_URL=REDIS_URL,
        PAGE_CACHE_SECONDS="300" if page_cache else "0",
        FRAGMENT_CACHE_SECONDS="3600" if fragments else "0",
        EMAIL_URL="consolemail://",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def manage(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env: dict[str, str]) -> None:
    print("Preparing the benchmark database (demo content + 2,000 posts, 200 people)")
    manage("migrate", "--no-input", "-v0", env=env)
    manage("compilemessages", "--ignore=.venv", "-v0", env=env)
    manage("collectstatic", "--no-input", "-v0", env=env)
    manage("load_demo_content", "--force", env=env)
    manage(
        "shell",
        "--no-imports",
        "-c",
        "from bench.data import generate; generate()",
        env=env,
    )
    manage("update_index", env=env)
    analyze(env)


def analyze(env: dict[str, str]) -> None:
    """Fresh planner statistics after the bulk load, as PostgreSQL's autovacuum
    would give them a while later and the scheduler's daily ``ANALYZE`` gives
    SQLite (without them the plans are guesses: SQLite then walks every post of
    a language to find a post's neighbours)."""
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('ANALYZE')\n"
    )
    manage("shell", "--no-imports", "-c", code, env=env)


def search_benchmarks(env: dict[str, str]) -> None:
    """Prints ``bench_search`` on SQLite, and on PostgreSQL when DATABASE_URL
    points there (the command builds its own posts and analyses the tables)."""
    sqlite = dict(env, DATABASE_URL=f"sqlite:///{BASE_DIR / 'var' / 'bench.sqlite3'}")
    databases = [("SQLite", sqlite)]
    if env["DATABASE_URL"].startswith("postgres"):
        databases.append(("PostgreSQL", env))
    for name, database_env in databases:
        print()
        print(f"== bench_search ({name})")
        manage("migrate", "--no-input", "-v0", env=database_env)
        try:
            print(manage("bench_search", env=database_env).rstrip())
        except SystemExit as error:
            print(f"(not available: {str(error).splitlines()[-1]})")


class Server:
    """gunicorn with 2 workers on 127.0.0.1:PORT, stopped on exit."""

    def __init__(self, env: dict[str, str], app: str = "config.wsgi", port: int = PORT):
        self.env = env
        self.app = app
        self.port = port
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                self.app,
                "--workers=2",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
            ],
            cwd=BASE_DIR,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


def wrk_command(url: str, *, connections: int, seconds: int) -> list[str]:
    return ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]


def wrk(url: str, *, connections: int, seconds: int) -> dict[str, float]:
    output = subprocess.run(
        wrk_command(url, connections=connections, seconds=seconds),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return wrk_figures(output)


def wrk_figures(output: str) -> dict[str, float]:
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])}
    for name, percentile in (("p50", "50%"), ("p99", "99%")):
        match = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output)
        value, unit = float(match[1]), match[2]
        figures[name] = (
            value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
        )
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    figures["non_2xx"] = int(errors[1]) if errors else 0
    figures["socket_errors"] = socket_errors[1] if socket_errors else "none"
    figures["requests"] = int(re.search(r"(\d+) requests in", output)[1])
    return figures


def bench_urls(env: dict[str, str]) -> dict[str, str]:
    code = (
        "from news.models import NewsPage; from focusareas.models import FocusAreaPage;"
        "from contacts.models import ContactDirectoryPage;"
        "print(NewsPage.objects.live().filter(locale__language_code='da')"
        ".order_by('-date').first().url);"
        "print(FocusAreaPage.objects.live().filter(locale__language_code='da')"
        ".first().url);"
        "print(ContactDirectoryPage.objects.live()"
        ".filter(locale__language_code='da').first().url);"
        "from news.models import NewsIndexPage;"
        "print(NewsIndexPage.objects.live().filter(locale__language_code='da')"
        ".first().url)"
    )
    output = manage("shell", "--no-imports", "-c", code, env=env)
    post, focus_area, contacts, news_index = output.split()[-4:]
    return {
        "home": "/",
        "news index": news_index,
        "news index p.50": f"{news_index}?page=50",
        "news post": post,
        "focus area": focus_area,
        "contact directory": contacts,
        "search": "/search/?q=kultur+musik",
    }


def queries_per_page(env: dict[str, str], urls: dict[str, str]) -> dict[str, int]:
    code = (
        "import json,sys\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n"
        f"urls = {urls!r}\n"
        "counts = {}\n"
        "for name, url in urls.items():\n"
        "    client.get(url)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        response = client.get(url)\n"
        "    assert response.status_code == 200, (url, response.status_code)\n"
        "    counts[name] = len(ctx.captured_queries)\n"
        "print(json.dumps(counts))\n"
    )
    subprocess.run(["redis-cli", "-n", "9", "flushdb"], capture_output=True)
    output = manage("shell", "--no-imports", "-c", code, env=env)
    return json.loads(output.strip().splitlines()[-1])


def publish_visibility(env: dict[str, str], url: str) -> float:
    """Seconds from publishing a change until an anonymous GET shows it."""
    marker = f"Benchmarkmærke {int(time.time())}"
    full_url = f"http://127.0.0.1:{PORT}{url}"
    urllib.request.urlopen(full_url).read()
    slug = url.rstrip("/").split("/")[-1]
    code = (
        "from news.models import NewsPage\n"
        f"page = NewsPage.objects.get(slug={slug!r}, locale__language_code='da')\n"
        f"page.lead = {marker!r}\n"
        "import time\n"
        "page.save_revision().publish()\n"
        "print(time.time())\n"
    )
    # The clock starts when publish() has returned in the publishing process, not
    # when that process was started (Django's start-up takes about two seconds).
    output = manage("shell", "--no-imports", "-c", code, env=env)
    published_at = float(output.strip().splitlines()[-1])
    while time.time() - published_at < 30:
        if marker in urllib.request.urlopen(full_url).read().decode():
            return time.time() - published_at
        time.sleep(0.05)
    return float("inf")


#: The pages loaded in the churn row, and how often a news post is published meanwhile.
CHURN_URLS = ("home", "news index", "contact directory")
CHURN_PUBLISH_EVERY = 5.0


def load_each(paths: dict[str, str], seconds: int) -> dict[str, float]:
    """req/s of each page, loaded alone by wrk (16 connections) for ``seconds``."""
    base = f"http://127.0.0.1:{PORT}"
    return {
        name: wrk(base + path, connections=16, seconds=seconds)["rps"]
        for name, path in paths.items()
    }


def publisher(env: dict[str, str], every: float) -> subprocess.Popen:
    """A process publishing a change to a news post every ``every`` seconds, through
    the same code an editor's publish runs (a revision, published)."""
    code = (
        "import itertools, time\n"
        "from news.models import NewsPage\n"
        "posts = list(NewsPage.objects.live().filter(locale__language_code='da')"
        ".order_by('-date')[:20])\n"
        "for n in itertools.count():\n"
        "    post = posts[n % len(posts)]\n"
        "    post.lead = f'Opdateret {n}'\n"
        "    post.save_revision().publish()\n"
        "    print(n, flush=True)\n"
        f"    time.sleep({every})\n"
    )
    return subprocess.Popen(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def churn(env: dict[str, str], urls: dict[str, str], seconds: int, runs: int) -> dict:
    """Throughput with the page cache on, without and with a publish every 5 s:
    the median of ``runs`` rounds, each loading every page without and then with
    the publishing process running."""
    paths = {name: urls[name] for name in CHURN_URLS}
    subprocess.run(["redis-cli", "-n", "9", "flushdb"], capture_output=True)
    calm_runs, busy_runs, published = [], [], 0
    with Server(env):
        load_each(paths, 2)  # warm up
        for _ in range(runs):
            calm_runs.append(load_each(paths, seconds))
            process = publisher(env, CHURN_PUBLISH_EVERY)
            try:
                busy_runs.append(load_each(paths, seconds))
            finally:
                os.killpg(process.pid, signal.SIGTERM)
                published += len(process.communicate()[0].split())

    def median(measured: list[dict[str, float]]) -> dict[str, float]:
        return {
            name: statistics.median(run[name] for run in measured) for name in paths
        }

    return {
        "calm": median(calm_runs),
        "busy": median(busy_runs),
        "published": published,
        "runs": runs,
    }


def print_churn(figures: dict, seconds: int) -> None:
    print()
    print(
        f"churn: page cache on, each page loaded by wrk for {seconds} s (16 "
        f"connections), without and then with a news post published every "
        f"{CHURN_PUBLISH_EVERY:.0f} s ({figures['published']} publishes); median of "
        f"{figures['runs']} runs"
    )
    print(f"{'URL':<18}{'no churn req/s':>15}{'churn req/s':>12}{'kept':>7}")
    for name, calm in figures["calm"].items():
        busy = figures["busy"][name]
        kept = busy / calm * 100 if calm else 0
        print(f"{name:<18}{calm:>15.0f}{busy:>12.0f}{kept:>6.0f}%")


def run_bench(
    runs: int, seconds: int, churn_seconds: int = 60, churn_runs: int = 3
) -> None:
    env = bench_env(page_cache=False, fragments=False)
    prepare(env)
    urls = bench_urls(env)
    queries = {
        "cold": queries_per_page(env, urls),
        "fragments": queries_per_page(bench_env(False, True), urls),
    }
    results, visible_after = measure_modes(urls, runs, seconds)

    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print_bench_table(urls, queries, results, runs, seconds, database)
    print(f"publish visible to anonymous visitors after: {visible_after:.2f} s")
    if churn_seconds:
        figures = churn(bench_env(True, True), urls, churn_seconds, churn_runs)
        print_churn(figures, churn_seconds)

    print()
    print("== bench_newsletter")
    try:
        print(manage("bench_newsletter", env=env).rstrip())
    except SystemExit as error:
        print(f"(not available: {str(error).splitlines()[-1]})")
    search_benchmarks(env)


def measure_modes(
    urls: dict[str, str], runs: int, seconds: int
) -> tuple[dict[tuple[str, str], list[dict]], float]:
    """wrk's figures per (URL name, cache mode), ``runs`` runs each, and how long
    a publish takes to reach anonymous visitors with the page cache on."""
    results: dict[tuple[str, str], list[dict]] = {}
    visible_after = 0.0
    for label, page_cache, fragments in MODES:
        subprocess.run(["redis-cli", "-n", "9", "flushdb"], capture_output=True)
        with Server(bench_env(page_cache, fragments)):
            for name, path in urls.items():
                url = f"http://127.0.0.1:{PORT}{path}"
                wrk(url, connections=16, seconds=2)  # warm up
                results[name, label] = [
                    wrk(url, connections=16, seconds=seconds) for _ in range(runs)
                ]
            if page_cache:
                visible_after = publish_visibility(
                    bench_env(page_cache, fragments), urls["news post"]
                )
    return results, visible_after


def print_bench_table(
    urls: dict[str, str],
    queries: dict[str, dict[str, int]],
    results: dict[tuple[str, str], list[dict]],
    runs: int,
    seconds: int,
    database: str,
) -> None:
    print()
    print(f"wrk: 2 threads, 16 connections, {seconds} s a run, median of {runs} runs;")
    print(f"gunicorn: 2 sync workers, production settings, {database}, Redis cache.")
    print(
        "Modes: 'cold' has every cache off (page cache, fragments and the per-process"
    )
    print("routing cache), as every page is right after a publish; 'fragments' has the")
    print(
        "page cache off, the fragment cache (search results included) and the routing"
    )
    print("cache on; 'page cache' serves anonymous visitors whole pages from Redis.")
    print("queries: SQL per request, cold and (warm) with warm fragments.")
    header = f"{'URL':<18}{'queries':>8}{'(warm)':>7}"
    for label, _page_cache, _fragments in MODES:
        header += f" | {label + ' req/s':>17}{'p50 ms':>7}{'p99 ms':>7}"
    print(header)
    for name in urls:
        row = f"{name:<18}{queries['cold'][name]:>8}{queries['fragments'][name]:>7}"
        for label, _page_cache, _fragments in MODES:
            runs_ = results[name, label]
            rps = statistics.median(r["rps"] for r in runs_)
            p50 = statistics.median(r["p50"] for r in runs_)
            p99 = statistics.median(r["p99"] for r in runs_)
            row += f" | {rps:>17.0f}{p50:>7.1f}{p99:>7.1f}"
        print(row)
    errors = sum(r["non_2xx"] for runs_ in results.values() for r in runs_)
    print(f"non-2xx/3xx responses during the benchmark: {errors}")


def run_loadtest(seconds: int, connections: int) -> int:
    env = bench_env(page_cache=True)
    prepare(env)
    urls = bench_urls(env)
    subprocess.run(["redis-cli", "-n", "9", "flushdb"], capture_output=True)
    script = BASE_DIR / "var" / "loadtest.lua"
    paths = ", ".join(f'"{path}"' for path in urls.values())
    script.write_text(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
    )
    with Server(env):
        # As a deploy's readiness check would: each worker loads its templates
        # and the caches fill before the load starts (bench() warms up likewise).
        for path in urls.values():
            for _ in range(4):
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}").read()
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--latency",
                "-s",
                str(script),
                f"http://127.0.0.1:{PORT}/",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    print(output)
    total = int(re.search(r"(\d+) requests in", output)[1])
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    failures = int(non_2xx[1]) if non_2xx else 0
    print(
        f"loadtest: {connections} connections for {seconds} s over {len(urls)} URLs: "
        f"{total} requests, {failures} non-2xx/3xx (5xx included), "
        f"socket errors: {socket_errors[1] if socket_errors else 'none'}"
    )
    return 1 if failures or socket_errors else 0


def wrk_script(paths: list[str]) -> Path:
    """A wrk script that requests ``paths`` in turn."""
    script = BASE_DIR / "var" / "loadtest.lua"
    quoted = ", ".join(f'"{path}"' for path in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
    )
    return script


#: Rounds of the cached page and the static file, taken in turn.
COMPARE_ROUNDS = 5
#: The cached page's rate through nginx as a share of the static file's, at least.
CACHED_PAGE_TARGET = 80


def run_cluster_loadtest(seconds: int, connections: int) -> int:
    """The load test through nginx in front of ``make cluster``'s two nodes.

    Every bench URL in turn for ``seconds`` with a news post published every 5 s
    (0 errors and 0 5xx expected), then the throughput of a page nginx keeps
    beside a static file of the same size served by the same nginx.
    """
    sys.path.insert(0, str(BASE_DIR))  # run as a script from bench/
    from deploy.cluster import Cluster, missing_requirements

    reason = missing_requirements()
    if reason:
        sys.exit(reason)
    compare_seconds = max(3, min(5, seconds // 12))
    # Four sync workers a node: a worker waits on PostgreSQL and Redis much of
    # the time, and the search page (never cached) takes a seventh of the load.
    loadtest_dir = BASE_DIR / "var" / "cluster-loadtest"
    with Cluster(run_dir=loadtest_dir, gunicorn_workers=4) as cluster:
        urls = bench_urls(cluster.environment())
        figures = mixed_cluster_load(cluster, urls, connections, seconds)
        figures.update(
            compare_with_static_file(
                cluster, urls["news post"], connections, compare_seconds
            )
        )
    print_cluster_loadtest(figures, urls, connections, seconds, compare_seconds)
    rows = (figures["mixed"], figures["cached"], figures["file"])
    failed = figures["ratio"] < CACHED_PAGE_TARGET or any(
        row["non_2xx"] or row["socket_errors"] != "none" for row in rows
    )
    return 1 if failed else 0


def mixed_cluster_load(cluster, urls: dict[str, str], connections: int, seconds: int):
    """wrk over every URL in turn through nginx for ``seconds`` while a news post
    is published every 5 s: the overall figures, per URL from nginx's log, the
    searches counted and each page's size."""
    env = cluster.environment()
    public = cluster.public_url
    sizes = {}
    for name, path in urls.items():
        for _ in range(4):  # each node's workers, then nginx's cache
            sizes[name] = len(cluster_get(public + path))
    script = wrk_script(list(urls.values()))
    process = publisher(env, CHURN_PUBLISH_EVERY)
    started = time.time()
    try:
        output = subprocess.run(
            [*wrk_command(public + "/", connections=connections, seconds=seconds),
             "-s", str(script)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        published = len(process.communicate()[0].split())
    return {
        "mixed": wrk_figures(output),
        "published": published,
        "per_url": requests_per_url(cluster, urls, started, time.time()),
        "searches": searches_counted(cluster, urls["search"]),
        "sizes": sizes,
    }


def compare_with_static_file(cluster, path: str, connections: int, seconds: int):
    """The page at ``path`` from nginx's cache against a static file of the same
    size from the same nginx, in ``COMPARE_ROUNDS`` rounds taken in turn (so a
    burst of other work on the shared machine weighs on both alike); each is its
    median round."""
    page_url = cluster.public_url + path
    size = len(cluster_get(page_url))
    static = cluster.static_root / "loadtest-same-size.html"
    static.write_bytes(b"x" * size)
    rounds: dict[str, list[dict]] = {"page": [], "file": []}
    try:
        for _ in range(COMPARE_ROUNDS):
            for kind, url in (
                ("page", page_url),
                ("file", f"{cluster.public_url}/static/{static.name}"),
            ):
                rounds[kind].append(wrk(url, connections=connections, seconds=seconds))
    finally:
        static.unlink()
    cached, file_ = (
        sorted(rounds[kind], key=lambda figures: figures["rps"])[COMPARE_ROUNDS // 2]
        for kind in ("page", "file")
    )
    ratio = cached["rps"] / file_["rps"] * 100 if file_["rps"] else 0
    return {"cached": cached, "file": file_, "rounds": rounds, "ratio": ratio}


def print_cluster_loadtest(
    figures: dict, urls: dict[str, str], connections: int, seconds: int, rounds_of: int
) -> None:
    print()
    print(
        f"loadtest (cluster): nginx in front of 2 gunicorn nodes (4 sync workers "
        f"each), production settings, PostgreSQL, Redis, {connections} connections "
        f"for {seconds} s over {len(urls)} URLs, a news post published every "
        f"{CHURN_PUBLISH_EVERY:.0f} s ({figures['published']} publishes)"
    )
    print(f"{'':<28}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
          f"{'non-2xx':>8}  socket errors")  # fmt: skip
    rows = [
        ("all URLs, publishing", figures["mixed"]),
        (f"cached page ({figures['sizes']['news post']} B)", figures["cached"]),
        ("static file, same size", figures["file"]),
    ]
    for label, row in rows:
        print(
            f"{label:<28}{row['requests']:>9}{row['rps']:>8.0f}"
            f"{row['p50']:>8.1f}{row['p99']:>8.1f}{row['non_2xx']:>8}"
            f"  {row['socket_errors']}"
        )
    print()
    print("all URLs, publishing: per URL, from nginx's log")
    print(f"{'URL':<28}{'req/s':>8}{'5xx':>6}{'p99 ms':>8}  nginx's cache")
    for name, row in figures["per_url"].items():
        print(
            f"{name:<28}{row['rps']:>8.0f}{row['5xx']:>6}"
            f"{row['p99']:>8.1f}  {row['cache']}"
        )
    counted, answered = figures["searches"]
    print(
        f"searches counted for the report: {counted} of the {answered} "
        "nginx answered (count_searches reads nginx's search log over UDP)"
    )
    pairs = zip(figures["rounds"]["page"], figures["rounds"]["file"], strict=True)
    print(
        f"cached page through nginx: {figures['ratio']:.0f}% of the static file "
        f"(target {CACHED_PAGE_TARGET}%; median of {COMPARE_ROUNDS} rounds of "
        f"{rounds_of} s each, taken in turn: "
        + ", ".join(f"{page['rps']:.0f}/{file_['rps']:.0f}" for page, file_ in pairs)
        + ")"
    )


def requests_per_url(cluster, urls: dict[str, str], start: float, end: float):
    """req/s, 5xx, p99 request time and cache statuses of each URL between
    ``start`` and ``end``, from nginx's log (deploy/cluster.py's format)."""
    paths = {path: name for name, path in urls.items()}
    times: dict[str, list[float]] = {name: [] for name in urls}
    errors = dict.fromkeys(urls, 0)
    statuses: dict[str, dict[str, int]] = {name: {} for name in urls}
    for line in (cluster.logs / "nginx-access.log").read_text().splitlines():
        head, _quote, request = line.partition('"')
        fields, request = head.split(), request.split(" ")
        if len(fields) < 5 or len(request) < 2 or request[0] != "GET":
            continue
        name = paths.get(request[1])
        if name is None or not start <= float(fields[0]) <= end:
            continue
        times[name].append(float(fields[2]))
        errors[name] += fields[1].startswith("5")
        # One upstream tried: its cache status is the fifth field.
        cache = fields[4] if len(fields) == 6 else "retried"
        statuses[name][cache] = statuses[name].get(cache, 0) + 1
    figures = {}
    for name, values in times.items():
        values.sort()
        figures[name] = {
            "rps": len(values) / (end - start),
            "5xx": errors[name],
            "p99": values[int(len(values) * 0.99)] * 1000 if values else 0,
            "cache": ", ".join(f"{k} {v}" for k, v in sorted(statuses[name].items())),
        }
    return figures


def searches_counted(cluster, path: str) -> tuple[int, int]:
    """(searches the report counted, search requests in nginx's log) for the
    search at ``path``, once count_searches has had time to record them."""
    from urllib.parse import parse_qs, urlsplit

    text = " ".join(parse_qs(urlsplit(path).query)["q"])
    code = (
        "from wagtail.contrib.search_promotions.models import Query\n"
        f"print(Query.get({text!r}).hits)\n"
    )
    time.sleep(3)  # count_searches records every second
    counted = int(cluster.manage("shell", "--no-imports", "-c", code).split()[-1])
    log = (cluster.logs / "nginx-access.log").read_text()
    logged = log.count(f'"GET {path} ')
    return counted, logged


def cluster_get(url: str) -> bytes:
    import ssl

    context = ssl._create_unverified_context()  # the cluster's own certificate
    with urllib.request.urlopen(url, context=context, timeout=30) as response:
        return response.read()


def main() -> int:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["bench", "loadtest", "churn"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--churn-seconds", type=int, default=60)
    parser.add_argument("--churn-runs", type=int, default=3)
    parser.add_argument(
        "--cluster", action="store_true", help="loadtest through make cluster's nginx"
    )
    args = parser.parse_args()
    if args.mode == "loadtest" and args.cluster:
        return run_cluster_loadtest(args.seconds, args.connections)
    if args.mode == "loadtest":
        return run_loadtest(args.seconds, args.connections)
    if args.mode == "churn":  # the churn row alone (make bench prints it too)
        env = bench_env(page_cache=True)
        prepare(env)
        figures = churn(env, bench_urls(env), args.churn_seconds, args.churn_runs)
        print_churn(figures, args.churn_seconds)
        return 0
    run_bench(args.runs, args.seconds, args.churn_seconds, args.churn_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
